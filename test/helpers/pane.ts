/**
 * The built task pane in headless Chromium, for the task-pane tests: a development build served over
 * http on 127.0.0.1, the recording Excel fake injected as `window.Excel`, and Office.js either the
 * real @microsoft/office-js (outside Office: host null) or a fake Office client of a given platform
 * and requirement sets (`office`), served in place of Microsoft's CDN by request interception.
 * Nothing else leaves the machine.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import puppeteer, { type Browser, type Page } from "puppeteer";
import { staticHandler } from "../../scripts/addin-static";
import { requireChromium } from "./programs";

const root = join(import.meta.dirname, "..", "..");
const officeJsDir = join(root, "node_modules/@microsoft/office-js/dist");
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

/** A fake Office client: what Office.context says about the platform, sets and document. */
export interface FakeOffice {
  platform: "PC" | "Mac" | "OfficeOnline" | "iOS" | "Android";
  /** Highest version per requirement set, e.g. { ExcelApi: "1.7", CompressedFile: "1.1" }. */
  sets: Record<string, string>;
  url?: string;
  /** Slices getFileAsync hands out; absent: no getFileAsync. */
  slices?: number[][];
}

function fakeOfficeJs(o: FakeOffice): string {
  return `(() => {
    const o = ${JSON.stringify(o)};
    const newer = (have, want) => { const a = have.split(".").map(Number), b = (want || "1.1").split(".").map(Number); return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]); };
    const document = { url: o.url };
    if (o.slices) document.getFileAsync = (type, opts, cb) => {
      window.__fileRequest = { type, sliceSize: opts.sliceSize };
      cb({ status: "succeeded", value: { sliceCount: o.slices.length,
        getSliceAsync: (i, done) => done({ status: "succeeded", value: { data: o.slices[i] } }),
        closeAsync: () => (window.__closed = true) } });
    };
    window.Office = {
      HostType: { Excel: "Excel" },
      context: { platform: o.platform, diagnostics: { platform: o.platform }, document,
        requirements: { isSetSupported: (name, v) => name in o.sets && newer(o.sets[name], v) } },
      onReady(cb) { const info = { host: "Excel", platform: o.platform }; setTimeout(() => cb && cb(info)); return Promise.resolve(info); },
    };
  })();`;
}

export interface PaneHarness {
  root: string;
  browser: Browser;
  origin: string;
  /** Requests of the page to anything but its origin and office.js. */
  open(options?: {
    office?: FakeOffice;
    width?: number;
    height?: number;
    userAgent?: string;
    keepStorage?: boolean;
    before?: string;
  }): Promise<{ page: Page; external: string[]; requested: string[] }>;
  close(): Promise<void>;
}

export async function startPane(): Promise<PaneHarness> {
  const out = mkdtempSync(join(tmpdir(), "addin-dist-"));
  const b = spawnSync("npx", ["tsx", "scripts/addin-build.ts", "--dev"], { cwd: root, env: { ...process.env, ADDIN_OUTDIR: out }, encoding: "utf8" });
  if (b.status !== 0) throw new Error(b.stderr);
  const fake = await build({
    entryPoints: [join(root, "test/fakes/excel-fake.ts")],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "ExcelFake",
    platform: "browser",
  });
  const fakeBundle = fake.outputFiles[0]!.text;
  const server: Server = createServer(staticHandler(out));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const origin = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const chromium = requireChromium();
  const browser = await puppeteer.launch({
    executablePath: chromium.executablePath,
    headless: chromium.headless,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--font-render-hinting=none"],
  });
  const open: PaneHarness["open"] = async (options = {}) => {
    const page = await browser.newPage();
    await page.setViewport({ width: options.width ?? 320, height: options.height ?? 900 });
    if (options.userAgent) await page.setUserAgent(options.userAgent);
    const external: string[] = [];
    const requested: string[] = [];
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      const url = req.url();
      requested.push(url);
      if (url.startsWith(CDN)) {
        if (options.office && url.endsWith("/office.js"))
          return void req.respond({ status: 200, contentType: "text/javascript", body: fakeOfficeJs(options.office) });
        const file = join(officeJsDir, url.slice(CDN.length).split("?")[0]!);
        if (existsSync(file))
          return void req.respond({ status: 200, contentType: "text/javascript", headers: { "Access-Control-Allow-Origin": "*" }, body: readFileSync(file) });
        return void req.respond({ status: 404, body: "" });
      }
      if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return void req.continue();
      external.push(url);
      void req.abort();
    });
    await page.evaluateOnNewDocument(`${fakeBundle}
      window.__fake = ExcelFake.createFakeExcel({ payloadLimit: 5 * 1024 * 1024 });
      window.__host = window.__fake.host;
      Object.defineProperty(window, "Excel", { value: window.__fake.Excel, writable: false, configurable: false });
      ${options.keepStorage ? "" : "localStorage.clear();"}
      ${options.before ?? ""}`);
    await page.goto(`${origin}/taskpane.html`);
    await page.waitForFunction(() => document.body.dataset.ready !== undefined, { timeout: 30_000 });
    return { page, external, requested };
  };
  return {
    root,
    browser,
    origin,
    open,
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

export const statusText = (page: Page, id: string) => page.$eval(`#${id}`, (el) => ({ text: el.textContent ?? "", cls: el.className }));
export const waitStatus = (page: Page, id: string) =>
  page.waitForFunction((i) => !document.getElementById(i)!.className.includes("busy"), { timeout: 60_000 }, id);

/** Previews the embedded plan and writes the ledger into the fake workbook. */
export async function writeSeedLedger(page: Page): Promise<void> {
  await page.click("#tab-import");
  await page.click("#btn-preview");
  await waitStatus(page, "import-status");
  await page.click("#btn-write");
  await waitStatus(page, "import-status");
}
