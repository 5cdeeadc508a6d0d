/**
 * 分发 in the task pane (README 分发回收): the built pane in headless Chromium (test/helpers/pane.ts:
 * dev build, the recording Excel fake) writes the seed ledger, then 生成并下载 is clicked for every
 * unit: read the open ledger, load dist/collect.js, lay out and write the 42 unit workbooks with
 * exceljs's browser build, zip them. Wall time from the click to the status, and CPU seconds of every
 * Chromium process (CDP SystemInfo.getProcessInfo) over the same span: on this shared 2-core machine
 * the CPU seconds are what compare across runs. Each run is a fresh pane, as a user's 分发 is: its
 * first click also loads and compiles collect.js; a second click in the same pane is the split alone.
 */
import type { Browser, Page } from "puppeteer";
import { startPane, statusText, waitStatus, writeSeedLedger } from "../test/helpers/pane";

const RUNS = 3;
// no real download in a headless page: the <a download> click only records the zip's size
const CATCH_DOWNLOADS = `window.__zipBytes = [];
  HTMLAnchorElement.prototype.click = function () {
    if (this.download) fetch(this.href).then((r) => r.arrayBuffer()).then((b) => window.__zipBytes.push(b.byteLength));
  };`;

interface Cost {
  wallS: number;
  cpuS: number;
}

/** CPU seconds of all of Chromium's processes so far. */
async function chromiumCpu(browser: Browser): Promise<number> {
  const s = await browser.target().createCDPSession();
  try {
    const { processInfo } = (await s.send("SystemInfo.getProcessInfo")) as { processInfo: { cpuTime: number }[] };
    return processInfo.reduce((n, p) => n + p.cpuTime, 0);
  } finally {
    await s.detach();
  }
}

async function distributeOnce(page: Page, browser: Browser): Promise<Cost> {
  const cpu0 = await chromiumCpu(browser);
  const t0 = performance.now();
  await page.click("#btn-distribute");
  await waitStatus(page, "distribute-status");
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = (await chromiumCpu(browser)) - cpu0;
  const s = await statusText(page, "distribute-status");
  if (!/ok/.test(s.cls)) throw new Error(`分发 failed: ${s.text}`);
  return { wallS, cpuS };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;

export default async function bench(): Promise<Record<string, number | string>> {
  const pane = await startPane();
  try {
    const first: Cost[] = [];
    const again: Cost[] = [];
    let files = 0;
    let zipBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const { page } = await pane.open({ office: { platform: "PC", sets: { ExcelApi: "1.12", CompressedFile: "1.1" } }, before: CATCH_DOWNLOADS });
      await writeSeedLedger(page);
      await page.click("#tab-collect");
      first.push(await distributeOnce(page, pane.browser));
      again.push(await distributeOnce(page, pane.browser));
      const zips = await page.waitForFunction(() => (window as any).__zipBytes.length >= 2 && (window as any).__zipBytes).then((h) => h.jsonValue());
      zipBytes = (zips as number[])[0]!;
      files = Number(/(\d+) 个单位填报表/.exec((await statusText(page, "distribute-status")).text)?.[1]);
      await page.close();
    }
    return {
      "seed pane 分发: unit workbooks": files,
      "seed pane 分发 zip KB": Math.round(zipBytes / 1024),
      [`seed pane 分发 in a fresh pane (loads collect.js) wall s, median of ${RUNS}`]: round(median(first.map((r) => r.wallS))),
      "seed pane 分发 in a fresh pane CPU s (all Chromium processes)": round(median(first.map((r) => r.cpuS))),
      "seed pane 分发 again in that pane wall s": round(median(again.map((r) => r.wallS))),
      "seed pane 分发 again in that pane CPU s": round(median(again.map((r) => r.cpuS))),
    };
  } finally {
    await pane.close();
  }
}
