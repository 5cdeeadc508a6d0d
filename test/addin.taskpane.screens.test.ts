/**
 * Every panel of the task pane at 350×800 (a task pane's usual size) in the tests' Chromium, compared
 * with committed grey images within a tolerance, as the report pages are (test/reports.pdf.test.ts).
 * Regenerate after an intended layout change:
 *   UPDATE_REFERENCE_IMAGES=1 npx vitest run test/addin.taskpane.screens.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeGrayPng, encodeGrayPng, imageDifference, type GrayImage } from "./fixtures/reports/pdf-tools";
import { startPane, waitStatus, writeSeedLedger, type PaneHarness } from "./helpers/pane";

const REF = join(import.meta.dirname, "reference-images");
const WIDTH = 350;
const HEIGHT = 800;
let pane: PaneHarness;
let page: Page;

beforeAll(async () => {
  pane = await startPane();
  ({ page } = await pane.open({
    width: WIDTH,
    height: HEIGHT,
    office: { platform: "PC", sets: { ExcelApi: "1.12", CompressedFile: "1.1" }, url: "https://contoso.sharepoint.com/台账.xlsx" },
  }));
  await writeSeedLedger(page);
  // Q1 partly filled: task 1 滞后 without 存在问题, task 2 序时推进.
  await page.evaluate(async () => {
    await (window as any).__host.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem("任务").getRange("G3:G4").values = [["滞后"], ["序时推进"]];
      await ctx.sync();
    });
  });
});

afterAll(async () => {
  await pane?.close();
});

/** The viewport as an 8-bit grey image: the screenshot decoded by the page's own canvas. */
async function shot(): Promise<GrayImage> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // the clip is in document coordinates: follow the panel's scroll
  const y = await page.evaluate(() => window.scrollY);
  const png = await page.screenshot({ encoding: "base64", clip: { x: 0, y, width: WIDTH, height: HEIGHT } });
  const data = await page.evaluate(async (b64: string) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const grey: number[] = [];
    for (let i = 0; i < px.length; i += 4) grey.push(Math.round(0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!));
    return { width: c.width, height: c.height, grey };
  }, png as string);
  return { width: data.width, height: data.height, data: Uint8Array.from(data.grey) };
}

const panels: [string, () => Promise<void>][] = [
  [
    "import",
    async () => {
      await page.click("#tab-import");
      await page.click("#btn-preview");
      await waitStatus(page, "import-status");
    },
  ],
  [
    "rewrite",
    async () => {
      // 写入台账 over the ledger written above: the question, with the password help opened.
      await page.click("#panel-import details summary");
      await page.click("#btn-write");
      await page.waitForSelector("#write-confirm:not([hidden])");
    },
  ],
  [
    "unit",
    async () => {
      await page.click("#btn-write-no");
      await waitStatus(page, "import-status");
      await page.click("#tab-unit");
      await page.waitForFunction(() => document.querySelectorAll("#unit-select option").length > 40);
      await waitStatus(page, "unit-status");
      await page.type("#unit-search", "区");
      await page.select("#unit-select", "区财政局");
      await page.click("#btn-unit-apply");
      await waitStatus(page, "unit-status");
    },
  ],
  [
    "quarter",
    async () => {
      await page.click("#tab-quarter");
      await page.waitForFunction(() => /一季度/.test(document.getElementById("quarter-now")!.textContent ?? ""));
      await waitStatus(page, "quarter-status");
      await page.click('[data-quarter="2"]');
    },
  ],
  [
    "check",
    async () => {
      await page.click("#btn-quarter-no");
      await page.click("#tab-check");
      await page.click("#btn-check");
      await waitStatus(page, "check-status");
    },
  ],
  [
    "export",
    async () => {
      await page.click("#tab-export");
    },
  ],
  [
    "collect",
    async () => {
      await page.click("#tab-collect");
      await page.waitForFunction(() => document.querySelectorAll("#dist-unit-select option").length > 40);
      await page.click('input[name="dist-units"][value="chosen"]');
      await page.select("#dist-unit-select", "区财政局", "区审计局");
    },
  ],
  [
    "collect-preview",
    async () => {
      // a master ledger returned as if it were a unit's file: refused, with its reason
      await ((await page.$("#collect-files")) as any).uploadFile(join(import.meta.dirname, "fixtures/files/small-ledger.xlsx"));
      await page.click("#btn-collect-preview");
      await waitStatus(page, "collect-status");
      await page.evaluate(() => document.querySelectorAll("#panel-collect h2")[1]!.scrollIntoView());
    },
  ],
];

describe("task pane panels at 350×800", () => {
  for (const [name, show] of panels) {
    it(`${name} matches the committed reference pane-${name}.png`, async () => {
      await show();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
      const img = await shot();
      const ref = join(REF, `pane-${name}.png`);
      if (process.env.UPDATE_REFERENCE_IMAGES === "1") writeFileSync(ref, encodeGrayPng(img));
      expect(existsSync(ref), `missing reference ${ref}`).toBe(true);
      const expected = decodeGrayPng(readFileSync(ref));
      expect([img.width, img.height]).toEqual([expected.width, expected.height]);
      expect(imageDifference(img, expected)).toBeLessThan(0.004);
    });
  }
});
