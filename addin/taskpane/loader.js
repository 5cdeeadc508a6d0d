/*
 * The pane's first script, in ES5 only (no let/const, arrow functions, classes or template strings),
 * so that it runs everywhere Office runs add-ins. Older Windows clients show panes in Internet
 * Explorer 11 (Trident) or Edge Legacy (EdgeHTML), where the ES2020 bundle would leave a blank pane:
 * there, and wherever a feature the bundle needs is missing, it says so in Chinese (Microsoft's
 * recommended graceful failure). Otherwise it loads taskpane.js.
 * test/addin.loader.test.ts parses it with acorn as ECMAScript 5 and runs it in Chromium.
 */
(function () {
  "use strict";
  var ua = navigator.userAgent || "";
  var engine = null;
  if (/Trident\/|MSIE /.test(ua)) engine = "Internet Explorer 11";
  else if (/Edge\/\d/.test(ua)) engine = "旧版 Microsoft Edge（EdgeHTML）";

  var missing = [];
  if (!engine) {
    var globals = [
      "Promise",
      "Map",
      "Set",
      "Symbol",
      "TextDecoder",
      "Blob",
      "Uint8Array"
    ];
    for (var i = 0; i < globals.length; i++)
      if (typeof window[globals[i]] !== "function") missing.push(globals[i]);
    if (!window.URL || typeof window.URL.createObjectURL !== "function")
      missing.push("URL.createObjectURL");
    try {
      // The bundle's newest syntax (esbuild target es2020): optional chaining, ??, spread, async.
      new Function(
        "var a = { b: [1] }; return (async function () { return [...(a?.b ?? [])].length; })();"
      );
    } catch (e) {
      missing.push("ES2020");
    }
  }

  if (!engine && missing.length === 0) {
    var script = document.createElement("script");
    script.src = "taskpane.js";
    document.body.appendChild(script);
    return;
  }

  var what = engine
    ? "此 Excel 使用 " + engine + " 显示加载项，无法运行“目标任务台账”。"
    : "此 Excel 的加载项浏览器组件缺少必要功能（" +
      missing.join("、") +
      "），无法运行“目标任务台账”。";
  var box = document.createElement("div");
  box.className = "legacy";
  box.setAttribute("role", "alert");
  box.id = "legacy-message";
  var lines = [
    what,
    "请改用 Microsoft 365、Office 2021 或更新版本的 Excel（Windows 10 及以上），或在浏览器中使用 Excel 网页版。",
    "台账工作簿本身可以照常填报：只填浅黄色单元格。"
  ];
  for (var j = 0; j < lines.length; j++) {
    var p = document.createElement("p");
    p.appendChild(document.createTextNode(lines[j]));
    box.appendChild(p);
  }
  // Keep the header; drop the tabs and panels that would do nothing.
  var main = document.getElementsByTagName("main")[0];
  var tabs = document.getElementsByTagName("nav")[0];
  if (tabs) tabs.parentNode.removeChild(tabs);
  if (main) main.parentNode.replaceChild(box, main);
  else document.body.appendChild(box);
  document.body.setAttribute("data-ready", "legacy");
  // Office waits for the add-in to initialise; tell it so, or some clients add an error of their own.
  try {
    if (window.Office) window.Office.initialize = function () {};
  } catch (e) {
    // Office.js failed to load: the message above is all there is to show.
  }
})();
