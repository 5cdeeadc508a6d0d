/**
 * The in-page chart script (served as /assets/report-charts.js, after Chart.js's UMD build).
 * It reads each chart's spec from <script type="application/json" id="chart-…"> (data only, no
 * code), draws it without animation at devicePixelRatio 2, redraws if fonts were still loading,
 * then sets <html data-ready="1"> for the PDF printer (waitForFunction, polling 'mutation').
 * The body is never laid out for the screen (styles.ts), so no layout loads a font: before it sets
 * data-ready the script loads every Noto Sans SC face and the fallback faces the text needs, and
 * the print starts with all of them in (page.pdf waits only for loads already started).
 * The printer may also keep one page loaded and swap documents into it (window.__plReport.swap:
 * new page.css, title, lang and body; fonts and Chart.js stay loaded), then draw again.
 * Kept as plain ES2020 text: it runs in the page, not in Node.
 */
import { FONT_FAMILY } from "./styles";
import { PAGE_TOTAL } from "./document";

/**
 * The families other than the text font a page may draw with, as a CSS list: the stack's fallbacks
 * (styles.ts FONT_STACK) and the margin boxes' page-total face (its placeholders, document.ts).
 */
const FALLBACK_FAMILIES = [...Object.values(FONT_FAMILY).filter((f) => f !== FONT_FAMILY.text), PAGE_TOTAL.family].map((f) => `"${f}"`).join(", ");

export interface ChartDatasetSpec {
  label: string;
  data: (number | null)[];
  color: string;
  type?: "bar" | "line";
  yAxisID?: "y" | "y2";
  stack?: string;
}

export interface ChartSpec {
  type: "bar" | "line";
  /** Category labels; an array is a label of several lines. */
  labels: (string | string[])[];
  datasets: ChartDatasetSpec[];
  /** CSS pixels. */
  width: number;
  height: number;
  horizontal?: boolean;
  stacked?: boolean;
  /** Primary axis shows 0–1 as percentages. */
  percent?: boolean;
  /** Fix the primary axis maximum (e.g. 100 for scores). */
  max?: number;
  /** A secondary axis (right side), e.g. rank (reversed: 1 on top). */
  y2?: { reverse: boolean; min?: number; max?: number; title: string; prefix?: string; suffix?: string };
  /** Print values next to bars / points. */
  valueLabels?: boolean;
  /** Text of each value label, per dataset and point (default: the value itself). */
  valueText?: (string | null)[][];
  /** Show the legend (default true). */
  legend?: boolean;
  /** Aria label: the figure's alt text in the tagged PDF. */
  alt: string;
}

export const CHART_SCRIPT = String.raw`(function () {
  "use strict";
  var root = document.documentElement;
  var FAMILY = ${JSON.stringify(FONT_FAMILY.text)};
  var FONT = "'" + FAMILY + "'";
  var FALLBACKS = ${JSON.stringify(FALLBACK_FAMILIES)};
  var charts = [];
  function done(state, message) {
    if (message) root.setAttribute("data-ready-message", String(message));
    root.setAttribute("data-ready", state);
  }
  function pct(v) { return Math.round(v * 100) + "%"; }
  function pct1(v) { return (Math.round(v * 1000) / 10).toFixed(1) + "%"; }
  // The spec comes with the plugin, not set on the chart after it is made: the constructor's own
  // first draw must draw the labels too (a page whose fonts are all loaded draws only once).
  function valueLabels(spec) { return {
    id: "valueLabels",
    afterDatasetsDraw: function (chart) {
      if (!spec.valueLabels) return;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = "700 10px " + FONT;
      ctx.fillStyle = "#1d2330";
      chart.data.datasets.forEach(function (ds, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) return;
        meta.data.forEach(function (el, j) {
          var v = ds.data[j];
          if (v === null || v === undefined) return;
          if (spec.stacked && meta.type === "bar" && v === 0) return;
          var onY2 = ds.yAxisID === "y2";
          var custom = spec.valueText && spec.valueText[i] ? spec.valueText[i][j] : undefined;
          if (custom === null) return;
          var text = custom !== undefined ? custom : onY2 ? (spec.y2.prefix || "") + v + (spec.y2.suffix || "") : (spec.percent ? pct1(v) : (Math.round(v * 10) / 10).toString());
          var p = el.tooltipPosition();
          if (onY2) {
            // Beside the point, with a white halo: legible even over a bar.
            ctx.textAlign = "left"; ctx.textBaseline = "middle";
            ctx.lineWidth = 3; ctx.lineJoin = "round"; ctx.strokeStyle = "#ffffff";
            ctx.strokeText(text, p.x + 7, p.y);
            ctx.fillStyle = ds.borderColor;
            ctx.fillText(text, p.x + 7, p.y);
            ctx.fillStyle = "#1d2330";
          } else if (meta.type === "bar" && spec.stacked) {
            var box = el.getProps(["x", "y", "base", "width", "height"], true);
            var size = spec.horizontal ? Math.abs(box.x - box.base) : Math.abs(box.base - box.y);
            if (size < 14) return;
            ctx.fillStyle = "#ffffff";
            ctx.textAlign = "center"; ctx.textBaseline = "middle";
            ctx.fillText(text, spec.horizontal ? (box.x + box.base) / 2 : box.x, spec.horizontal ? box.y : (box.y + box.base) / 2);
            ctx.fillStyle = "#1d2330";
          } else if (spec.horizontal) {
            ctx.textAlign = "left"; ctx.textBaseline = "middle";
            ctx.fillText(text, p.x + 4, p.y);
          } else {
            ctx.textAlign = "center"; ctx.textBaseline = "bottom";
            ctx.fillText(text, p.x, p.y - 5);
          }
        });
      });
      ctx.restore();
    }
  }; }

  function config(spec) {
    var primary = spec.horizontal ? "x" : "y";
    var index = spec.horizontal ? "y" : "x";
    var scales = {};
    scales[index] = { stacked: !!spec.stacked, offset: true, grid: { display: false }, border: { color: "#c9ced8" }, ticks: { autoSkip: false } };
    scales[primary] = {
      stacked: !!spec.stacked, beginAtZero: true, grid: { color: "#e6e9ef" }, border: { display: false },
      ticks: spec.percent ? { callback: function (v) { return pct(v); } } : {}
    };
    if (spec.percent && !spec.stacked) scales[primary].max = 1;
    if (spec.max !== undefined && spec.max !== null) scales[primary].max = spec.max;
    if (spec.y2) {
      scales.y2 = { position: "right", reverse: !!spec.y2.reverse, grid: { display: false }, border: { display: false },
        min: spec.y2.min, max: spec.y2.max, ticks: { precision: 0 },
        title: { display: true, text: spec.y2.title } };
    }
    return {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d) {
          var isLine = (d.type || spec.type) === "line";
          return {
            type: d.type, label: d.label, data: d.data, yAxisID: d.yAxisID === "y2" ? "y2" : (spec.horizontal ? undefined : "y"),
            xAxisID: spec.horizontal ? "x" : undefined,
            stack: d.stack, backgroundColor: d.color, borderColor: d.color,
            borderWidth: isLine ? 2.5 : 0, pointRadius: isLine ? 4 : 0, pointBackgroundColor: "#fff", pointBorderWidth: 2,
            tension: 0, maxBarThickness: spec.horizontal ? 22 : 40, order: isLine ? 0 : 1, spanGaps: true, borderRadius: isLine ? 0 : 2
          };
        })
      },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        animation: false, responsive: false, maintainAspectRatio: false, devicePixelRatio: 2,
        layout: { padding: { top: 18, right: spec.horizontal ? 36 : 8 } },
        plugins: {
          legend: { display: spec.legend !== false, position: "bottom", labels: { boxWidth: 10, boxHeight: 10, padding: 12 } },
          tooltip: { enabled: false },
          title: { display: false }
        },
        scales: scales
      },
      plugins: [valueLabels(spec)]
    };
  }

  /** Code point ranges [lo, hi] of a face's unicode-range (serialized "U+20-7E, U+A0"), sorted. */
  function ranges(face) {
    return face.unicodeRange.split(",").map(function (part) {
      var m = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/i.exec(part) || [];
      return [parseInt(m[1], 16), parseInt(m[2] || m[1], 16)];
    }).sort(function (a, b) { return a[0] - b[0]; });
  }
  function inRanges(list, c) {
    for (var lo = 0, hi = list.length - 1; lo <= hi;) {
      var mid = (lo + hi) >> 1;
      if (c < list[mid][0]) hi = mid - 1; else if (c > list[mid][1]) lo = mid + 1; else return true;
    }
    return false;
  }
  /**
   * Loads what a layout of the page would: every face of the text font (the shell's font set: each
   * stays loaded for the documents swapped in after), and, for the characters it does not draw
   * and emoji (body, margin boxes in page.css, chart labels), the fallback faces whose
   * unicode-range holds them, in each weight the text font has (the page-total placeholders in
   * page.css load the page-total face so: margin boxes are laid out only as the page prints, and a
   * block-display face still loading then draws nothing).
   */
  function loadFonts(extra) {
    var text = document.title + (document.body.textContent || "") + extra;
    var css = document.getElementById("page-css");
    if (css && css.sheet) text += Array.prototype.map.call(css.sheet.cssRules, function (r) { return r.cssText; }).join("");
    var loads = [];
    var covered = [];
    var weights = {};
    document.fonts.forEach(function (face) {
      if (face.family.replace(/["']/g, "") !== FAMILY) return;
      loads.push(face.load());
      covered = covered.concat(ranges(face));
      weights[face.weight] = true;
    });
    covered.sort(function (a, b) { return a[0] - b[0]; });
    var seen = new Set();
    var rare = "";
    for (var ch of text) {
      if (seen.has(ch)) continue;
      seen.add(ch);
      var c = ch.codePointAt(0);
      // Emoji: Chromium may take them from the emoji font though the text font has a glyph (⭐).
      if (c >= 0x20 && (!inRanges(covered, c) || /\p{Extended_Pictographic}/u.test(ch))) rare += ch;
    }
    if (rare) Object.keys(weights).forEach(function (w) { loads.push(document.fonts.load(w + " 16px " + FALLBACKS, rare)); });
    return Promise.all(loads);
  }

  /** Draws every chart of the current body, then marks the page ready (after the fonts). */
  function draw() {
    try {
      root.removeAttribute("data-ready");
      root.removeAttribute("data-ready-message");
      charts.forEach(function (c) { c.destroy(); });
      charts = [];
      var specs = Array.prototype.map.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
        var el = document.getElementById("chart-" + canvas.getAttribute("data-chart"));
        return { canvas: canvas, spec: JSON.parse(el ? el.textContent || "null" : "null") };
      }).filter(function (x) { return x.spec; });
      if (specs.length === 0) {
        loadFonts("").then(function () { return document.fonts.ready; }).then(function () { done("1"); }, function (e) { done("error", e && e.message); });
        return;
      }
      var Chart = window.Chart;
      Chart.defaults.font.family = FONT;
      Chart.defaults.font.size = 11;
      Chart.defaults.color = "#3b4352";
      Chart.defaults.animation = false;
      Chart.defaults.responsive = false;
      Chart.defaults.devicePixelRatio = 2;
      var labelText = specs.map(function (x) {
        return x.spec.labels.join("") + x.spec.datasets.map(function (d) { return d.label; }).join("") + (x.spec.y2 ? x.spec.y2.title : "");
      }).join("") + "0123456789%.";
      // Canvas text does not make the browser fetch fonts: load them first, so Chart.js measures its
      // labels in the right font; redraw if some font was still loading.
      loadFonts(labelText).then(function () {
        specs.forEach(function (x) {
          // CSS size; Chart.js multiplies the backing store by devicePixelRatio (2).
          x.canvas.width = x.spec.width;
          x.canvas.height = x.spec.height;
          charts.push(new Chart(x.canvas, config(x.spec)));
        });
        // Drawn with every face loaded (a pooled page that swaps documents in has them all): a
        // redraw would draw the same pixels. Otherwise redraw once the fonts still loading are in.
        var loading = document.fonts.status === "loading";
        return document.fonts.ready.then(function () { return loading; });
      }).then(function (redraw) {
        if (redraw) charts.forEach(function (c) { c.update("none"); });
        done("1");
      }, function (e) { done("error", e && e.message); });
    } catch (e) {
      done("error", e && e.message);
    }
  }

  /** Replaces page.css by a document's own (resolves when it is in: the old one stays until then). */
  function restyle(docId) {
    return new Promise(function (resolve) {
      // The old page.css (it declares the fonts) stays until the new one is in: the old body, still
      // there, would otherwise be restyled without them and make the browser fetch fallback fonts.
      var old = document.getElementById("page-css");
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = "/doc/" + encodeURIComponent(docId) + "/page.css";
      link.onload = link.onerror = function () {
        if (old) old.remove();
        link.id = "page-css";
        resolve();
      };
      document.head.appendChild(link);
    });
  }

  /** Puts another document into this page: its page.css, title, language and body. */
  function swap(docId, lang, title, body) {
    root.removeAttribute("data-ready");
    return restyle(docId).then(function () {
      document.title = title;
      root.lang = lang;
      document.body.innerHTML = body;
      draw();
    });
  }

  window.__plReport = { draw: draw, swap: swap, restyle: restyle };
  draw();
})();
`;
