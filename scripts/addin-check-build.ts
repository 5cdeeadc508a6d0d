/**
 * Checks what `npm run build` produced (run by .ci/run right after it; too slow for vitest):
 * dist/ holds the task pane, its script, styles, icons, mammoth and the manifest; production loads
 * Office.js from Microsoft's CDN; the bundle has no Node import and embeds the seed plan. Then two
 * more builds into temp folders: ADDIN_ORIGIN rewrites every localhost URL of the manifest and the
 * result still validates; a plain-http origin is refused.
 *
 *   npm run build && npm run check:build [-- DIST]     exit 0 = fine, 1 = a check failed
 * The pure origin logic (scripts/addin-origin.ts) is tested in test/addin.origin.test.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEV_ORIGIN } from "./addin-origin";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = process.argv[2] ?? join(root, "dist");
const failures: string[] = [];
const check = (ok: boolean, what: string) => void (ok || failures.push(what));

function build(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts/addin-build.ts")], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

// 1. The output of `npm run build` (no ADDIN_ORIGIN: the manifest keeps the development origin).
const FILES = [
  "taskpane.html",
  "taskpane.js",
  "taskpane.css",
  "help.html",
  "manifest.xml",
  "assets/icon-16.png",
  "assets/icon-80.png",
  "vendor/mammoth.browser.min.js",
];
for (const f of FILES) check(existsSync(join(dist, f)), `${dist}/${f} 不存在（missing）`);
if (existsSync(join(dist, "taskpane.html")) && existsSync(join(dist, "taskpane.js"))) {
  const html = readFileSync(join(dist, "taskpane.html"), "utf8");
  check(
    html.includes('src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"'),
    "taskpane.html 未从微软 CDN 加载 Office.js（Office.js not loaded from Microsoft's CDN）",
  );
  check(!/node_modules|office-js\/dist/.test(html), "taskpane.html 引用了 node_modules（names node_modules）");
  check(html.includes('src="taskpane.js"'), 'taskpane.html 未加载 taskpane.js（no <script src="taskpane.js">）');
  const js = readFileSync(join(dist, "taskpane.js"), "utf8");
  check(!/require\("node:|from"node:/.test(js), "taskpane.js 含 Node 内置模块（imports a Node built-in）");
  check(js.includes("梁平府办发"), "taskpane.js 未内嵌示例方案（the seed plan is not bundled）");
  const size = statSync(join(dist, "taskpane.js")).size;
  check(size < 1_000_000, `taskpane.js 过大（too big）：${size} 字节`);
  check(readFileSync(join(dist, "manifest.xml"), "utf8").includes(DEV_ORIGIN), `未设置 ADDIN_ORIGIN 时 dist/manifest.xml 应保留 ${DEV_ORIGIN}`);
}

// 2. A production build for an origin: every localhost URL rewritten, and the manifest still valid.
const prod = mkdtempSync(join(tmpdir(), "addin-prod-"));
const r = build({ ADDIN_ORIGIN: "https://ledger.example.gov.cn/addin/", ADDIN_OUTDIR: prod });
check(r.status === 0, `ADDIN_ORIGIN 构建失败（build with ADDIN_ORIGIN failed）：${r.stderr}`);
if (r.status === 0) {
  const manifest = readFileSync(join(prod, "manifest.xml"), "utf8");
  check(!manifest.includes("localhost"), "生产清单仍含 localhost（production manifest names localhost）");
  check(
    manifest.includes('<SourceLocation DefaultValue="https://ledger.example.gov.cn/addin/taskpane.html"/>'),
    "生产清单的 SourceLocation 未改为 ADDIN_ORIGIN",
  );
  check(manifest.includes('DefaultValue="https://ledger.example.gov.cn/addin/assets/icon-80.png"'), "生产清单的图标地址未改为 ADDIN_ORIGIN");
  const v = spawnSync(process.execPath, [join(root, "scripts/addin-validate.mjs"), join(prod, "manifest.xml")], { encoding: "utf8" });
  check(v.status === 0, `生产清单无效（production manifest invalid）：${v.stderr}`);
}
rmSync(prod, { recursive: true, force: true });

// 3. A plain-http origin is refused with exit 2 and a Chinese message.
const http = mkdtempSync(join(tmpdir(), "addin-http-"));
const h = build({ ADDIN_ORIGIN: "http://ledger.example.gov.cn", ADDIN_OUTDIR: http });
check(h.status === 2 && /必须通过 HTTPS/.test(h.stderr), `http 地址未被拒绝（plain-http origin not refused）：exit ${h.status} ${h.stderr}`);
rmSync(http, { recursive: true, force: true });

if (failures.length) {
  console.error(`加载项构建检查失败（add-in build check failed）：\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`加载项构建检查通过（add-in build checks passed）：${dist}`);
