/**
 * Checks what `npm run build` produced (run by .ci/run right after it; too slow for vitest), then
 * what the build refuses. CI builds for production with a placeholder deployment
 * (ADDIN_ORIGIN=https://ledger.ci.invalid/addin: `.invalid` is reserved, it can never be a real host),
 * so dist/ is checked as a deployment would get it:
 * 1. dist/ holds the pane, the ES5 loader, its bundle, styles, icons, mammoth and the manifest;
 *    Office.js comes from Microsoft's CDN; the manifest names no localhost, has the production <Id>
 *    and no <AppDomains>, and its pages are on one https origin.
 * 2. In temp folders: a production build without ADDIN_ORIGIN / ADDIN_SUPPORT_URL fails (exit 2) and
 *    writes nothing; with them, every URL is rewritten and the manifest validates offline; a plain-http
 *    origin is refused; the development build keeps localhost and the development <Id>.
 *
 *   ADDIN_ORIGIN=… ADDIN_SUPPORT_URL=… npm run build && npm run check:build [-- DIST]
 * The pure manifest logic (scripts/addin-origin.ts) is tested in test/addin.origin.test.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEV_ID, DEV_ORIGIN, PROD_ID } from "./addin-origin";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = process.argv[2] ?? join(root, "dist");
const failures: string[] = [];
const check = (ok: boolean, what: string) => void (ok || failures.push(what));
const NO_DEPLOYMENT = { ADDIN_ORIGIN: "", ADDIN_SUPPORT_URL: "", npm_package_config_addin_origin: "", npm_package_config_addin_support_url: "" };

function build(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts/addin-build.ts"), ...args], {
    cwd: root,
    env: { ...process.env, ...NO_DEPLOYMENT, ...env },
    encoding: "utf8",
  });
}

const validates = (file: string) => spawnSync(process.execPath, [join(root, "scripts/addin-validate.mjs"), file], { encoding: "utf8" });
const attr = (xml: string, tag: string) => xml.match(new RegExp(`<${tag} DefaultValue="([^"]*)"`))?.[1] ?? "";

// 1. The output of `npm run build`.
const FILES = [
  "taskpane.html",
  "loader.js",
  "taskpane.js",
  "taskpane.css",
  "help.html",
  "manifest.xml",
  "assets/icon-16.png",
  "assets/icon-80.png",
  "vendor/mammoth.browser.min.js",
];
for (const f of FILES) check(existsSync(join(dist, f)), `${dist}/${f} 不存在`);
if (FILES.every((f) => existsSync(join(dist, f)))) {
  const html = readFileSync(join(dist, "taskpane.html"), "utf8");
  check(html.includes('src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"'), "taskpane.html 未从微软 CDN 加载 Office.js");
  check(!/node_modules|office-js\/dist/.test(html), "taskpane.html 引用了 node_modules");
  check(html.includes('src="loader.js"') && !html.includes('src="taskpane.js"'), "taskpane.html 应只加载 ES5 的 loader.js，由它加载 taskpane.js");
  check(readFileSync(join(dist, "loader.js"), "utf8").includes('"taskpane.js"'), "loader.js 不加载 taskpane.js");
  const js = readFileSync(join(dist, "taskpane.js"), "utf8");
  check(!/require\("node:|from"node:/.test(js), "taskpane.js 含 Node 内置模块");
  check(js.includes("梁平府办发"), "taskpane.js 未内嵌示例方案");
  const size = statSync(join(dist, "taskpane.js")).size;
  check(size < 1_000_000, `taskpane.js 过大：${size} 字节`);
  const manifest = readFileSync(join(dist, "manifest.xml"), "utf8");
  check(!manifest.includes("localhost"), "dist/manifest.xml 仍指向 localhost：npm run build 应为生产版");
  check(manifest.includes(`<Id>${PROD_ID}</Id>`), "dist/manifest.xml 不是生产版 <Id>");
  check(!/<AppDomains?>/.test(manifest.replace(/<!--[\s\S]*?-->/g, "")), "dist/manifest.xml 含 <AppDomains>");
  const page = attr(manifest, "SourceLocation");
  check(/^https:\/\/[^/]+/.test(page) && page.endsWith("/taskpane.html"), `SourceLocation 不是 https 的 taskpane.html：${page}`);
  check(attr(manifest, "IconUrl") === page.replace(/taskpane\.html$/, "assets/icon-32.png"), "图标与窗格不在同一地址");
  check(/^https:\/\//.test(attr(manifest, "SupportUrl")), "SupportUrl 不是 https 地址");
}

// 2a. Production without a deployment: refused before anything is written.
const none = join(mkdtempSync(join(tmpdir(), "addin-none-")), "dist");
const n = build({ ADDIN_OUTDIR: none });
check(n.status === 2 && /未设置 ADDIN_ORIGIN、ADDIN_SUPPORT_URL/.test(n.stderr), `无部署地址的生产构建未被拒绝：exit ${n.status} ${n.stderr}`);
check(!existsSync(none), "被拒绝的构建仍写出了文件");
const n2 = build({ ADDIN_OUTDIR: none, ADDIN_ORIGIN: "https://ledger.example.gov.cn/addin" });
check(n2.status === 2 && /未设置 ADDIN_SUPPORT_URL/.test(n2.stderr), `无 SupportUrl 的生产构建未被拒绝：exit ${n2.status} ${n2.stderr}`);

// 2b. A production build for an origin: every localhost URL rewritten, the manifest still valid.
const prod = mkdtempSync(join(tmpdir(), "addin-prod-"));
const r = build({ ADDIN_ORIGIN: "https://ledger.example.gov.cn/addin/", ADDIN_SUPPORT_URL: "https://dcb.example.gov.cn/ledger-help", ADDIN_OUTDIR: prod });
check(r.status === 0, `ADDIN_ORIGIN 构建失败：${r.stderr}`);
if (r.status === 0) {
  const manifest = readFileSync(join(prod, "manifest.xml"), "utf8");
  check(!manifest.includes("localhost"), "生产清单仍含 localhost");
  check(
    manifest.includes('<SourceLocation DefaultValue="https://ledger.example.gov.cn/addin/taskpane.html"/>'),
    "生产清单的 SourceLocation 未改为 ADDIN_ORIGIN",
  );
  check(manifest.includes('DefaultValue="https://ledger.example.gov.cn/addin/assets/icon-80.png"'), "生产清单的图标地址未改为 ADDIN_ORIGIN");
  check(manifest.includes('<SupportUrl DefaultValue="https://dcb.example.gov.cn/ledger-help"/>'), "生产清单的 SupportUrl 未改为 ADDIN_SUPPORT_URL");
  const v = validates(join(prod, "manifest.xml"));
  check(v.status === 0, `生产清单无效：${v.stderr}`);
}
rmSync(prod, { recursive: true, force: true });

// 2c. A plain-http origin is refused with exit 2 and a Chinese message.
const http = mkdtempSync(join(tmpdir(), "addin-http-"));
const h = build({ ADDIN_ORIGIN: "http://ledger.example.gov.cn", ADDIN_SUPPORT_URL: "https://dcb.example.gov.cn/", ADDIN_OUTDIR: http });
check(h.status === 2 && /必须通过 HTTPS/.test(h.stderr), `http 地址未被拒绝：exit ${h.status} ${h.stderr}`);
rmSync(http, { recursive: true, force: true });

// 2d. The development build keeps localhost and the development <Id>, whatever the environment says.
const devOut = mkdtempSync(join(tmpdir(), "addin-dev-"));
const d = build({ ADDIN_OUTDIR: devOut }, "--dev");
check(d.status === 0, `开发版构建失败：${d.stderr}`);
if (d.status === 0) {
  const manifest = readFileSync(join(devOut, "manifest.xml"), "utf8");
  check(manifest.includes(`<Id>${DEV_ID}</Id>`) && manifest.includes(`${DEV_ORIGIN}/taskpane.html`), "开发版清单应保留 localhost 和开发版 <Id>");
}
rmSync(devOut, { recursive: true, force: true });

if (failures.length) {
  console.error(`加载项构建检查失败：\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`加载项构建检查通过：${dist}`);
