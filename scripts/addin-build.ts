/**
 * Builds the task pane into dist/: taskpane.html, taskpane.js, taskpane.css, help.html, assets/,
 * vendor/mammoth.browser.min.js (loaded only when a .docx is opened) and manifest.xml.
 *
 *   npm run build            production: minified; needs ADDIN_ORIGIN and ADDIN_SUPPORT_URL (or
 *                            package.json config.addin_origin / addin_support_url) and fails without
 *                            them (exit 2); the manifest gets those URLs and the production <Id>
 *   npm run build:dev        development: sourcemaps, manifest keeps https://localhost:3000 and the development <Id>
 *   npm run watch            development build, rebuilt on every change
 *
 * esbuild instead of the template's webpack: one dependency instead of a dozen loaders and plugins,
 * and a full build in well under a second on these machines.
 */
import { build, context, type BuildOptions } from "esbuild";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { DEV_ORIGIN, OriginError, productionManifest, resolveDeployment, type Deployment } from "./addin-origin";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = new Set(process.argv.slice(2));
const dev = args.has("--dev") || args.has("--watch");
const outdir = process.env.ADDIN_OUTDIR ?? root + "dist";

const options: BuildOptions = {
  // taskpane.ts imports taskpane.css, so esbuild writes taskpane.css beside taskpane.js.
  // collect.js (分发 / 回收, with exceljs's browser build) is loaded by the pane only when used.
  entryPoints: { taskpane: root + "addin/taskpane/taskpane.ts", collect: root + "addin/collect/collect.entry.ts" },
  outdir,
  bundle: true,
  format: "iife",
  platform: "browser",
  // Office on Windows (WebView2), Mac (WKWebView) and the browsers Excel on the web supports.
  target: ["es2020", "chrome100", "safari15"],
  loader: { ".txt": "text" },
  minify: !dev,
  sourcemap: dev ? "linked" : false,
  legalComments: "linked",
  // Chinese text as UTF-8, not \u escapes: a smaller bundle and readable strings.
  charset: "utf8",
  logLevel: "warning",
  define: { "process.env.NODE_ENV": JSON.stringify(dev ? "development" : "production") },
};

/** Production only: the deployment's URLs, read before anything is built so a missing origin fails fast. */
async function deployment(): Promise<Deployment | null> {
  if (dev) return null;
  const pkg = JSON.parse(await readFile(root + "package.json", "utf8")) as { config?: { addin_origin?: string; addin_support_url?: string } };
  return resolveDeployment(process.env, pkg.config);
}

async function copyStatic(deploy: Deployment | null): Promise<string> {
  await mkdir(outdir + "/assets", { recursive: true });
  await mkdir(outdir + "/vendor", { recursive: true });
  for (const f of ["taskpane.html", "help.html", "loader.js"]) await copyFile(root + "addin/taskpane/" + f, `${outdir}/${f}`);
  for (const size of [16, 32, 64, 80]) await copyFile(`${root}addin/assets/icon-${size}.png`, `${outdir}/assets/icon-${size}.png`);
  await copyFile(root + "node_modules/mammoth/mammoth.browser.min.js", outdir + "/vendor/mammoth.browser.min.js");
  let manifest = await readFile(root + "manifest.xml", "utf8");
  let note = `清单保留开发地址 ${DEV_ORIGIN}`;
  if (deploy) {
    manifest = productionManifest(manifest, deploy);
    note = `清单地址已改为 ${deploy.origin}，支持页面 ${deploy.supportUrl}`;
  }
  await writeFile(outdir + "/manifest.xml", manifest);
  return note;
}

try {
  if (!args.has("--watch")) {
    const deploy = await deployment();
    await rm(outdir, { recursive: true, force: true });
    const started = Date.now();
    await build(options);
    const note = await copyStatic(deploy);
    console.log(`已生成 ${outdir}（${dev ? "开发" : "生产"}版，${Date.now() - started} ms）；${note}`);
  } else {
    await copyStatic(null);
    const ctx = await context({
      ...options,
      plugins: [{ name: "static", setup: (b) => b.onEnd(() => void copyStatic(null).then(() => console.log("已重新生成 dist/"))) }],
    });
    await ctx.watch();
    console.log("监视中… Ctrl+C 结束");
  }
} catch (e) {
  if (e instanceof OriginError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(`构建失败：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
