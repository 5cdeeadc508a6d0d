/**
 * dist/collect.js, the pane's 分发 / 回收 bundle, in headless Chromium: exceljs's browser build writes
 * a ledger and reads it back as grids, and several workbooks leave as one .zip whose Chinese names
 * and bytes Node reads back. What the page makes must be what the CLI's reader reads.
 */
import { build } from "esbuild";
import { unzipSync } from "fflate";
import puppeteer, { type Browser, type Page } from "puppeteer";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLayout } from "../shared/workbook/layout";
import { readLedger } from "../shared/workbook/reader";
import { loadWorkbookGrid } from "../shared/workbook/grid.exceljs";
import { SHEETS } from "../shared/workbook/labels";
import { smallPlan } from "./fixtures/ledger/plans";
import { requireChromium } from "./helpers/programs";

const root = join(import.meta.dirname, "..");
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(root, "addin/collect/collect.entry.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    logLevel: "silent",
  });
  const chromium = requireChromium();
  browser = await puppeteer.launch({
    executablePath: chromium.executablePath,
    headless: chromium.headless,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  page = await browser.newPage();
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("the collect bundle in the browser", () => {
  it("writes a ledger with exceljs's browser build that the Node reader reads, and reads its grids back", async () => {
    const plan = smallPlan();
    const layout = buildLayout(plan);
    const out = await page.evaluate(async (layoutJson: string) => {
      const m = (globalThis as unknown as { planLedgerCollect: typeof import("../addin/collect/collect.entry").collectModule }).planLedgerCollect;
      const bytes = await m.writeWorkbook(JSON.parse(layoutJson));
      const grid = await m.loadWorkbookGrid(bytes, "台账.xlsx");
      return {
        bytes: Array.from(bytes),
        sheets: grid.sheets.map((s) => s.name),
        taskTitle: grid.sheets.find((s) => s.name === "任务")?.values[0]?.[0] ?? null,
      };
    }, JSON.stringify(layout));
    expect(out.sheets).toEqual(expect.arrayContaining([SHEETS.tasks, SHEETS.targets, SHEETS.record]));
    const read = readLedger(await loadWorkbookGrid(new Uint8Array(out.bytes)));
    expect(read.ledger.plan.tasks.map((t) => t.id)).toEqual(plan.tasks.map((t) => t.id));
    expect(read.ledger.plan.tasks.map((t) => t.lead)).toEqual(plan.tasks.map((t) => t.lead));
    expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
  }, 60_000);

  it("zips several files under Chinese names that Node unzips byte for byte, and refuses two files of one name", async () => {
    const res = await page.evaluate(() => {
      const m = (globalThis as unknown as { planLedgerCollect: typeof import("../addin/collect/collect.entry").collectModule }).planLedgerCollect;
      const a = new TextEncoder().encode("区发展改革委");
      const b = new Uint8Array([0, 1, 2, 255]);
      const zip = m.zipFiles(
        [
          { name: "2023-Q2-区发展改革委.xlsx", bytes: a },
          { name: "2023-Q2-区财政局.xlsx", bytes: b },
        ],
        new Date(2023, 5, 30),
      );
      let refused = "";
      try {
        m.zipFiles(
          [
            { name: "x.xlsx", bytes: a },
            { name: "x.xlsx", bytes: b },
          ],
          new Date(2023, 5, 30),
        );
      } catch (e) {
        refused = (e as Error).message;
      }
      return { zip: Array.from(zip), refused };
    });
    const files = unzipSync(new Uint8Array(res.zip));
    expect(Object.keys(files).sort()).toEqual(["2023-Q2-区发展改革委.xlsx", "2023-Q2-区财政局.xlsx"].sort());
    expect(new TextDecoder().decode(files["2023-Q2-区发展改革委.xlsx"])).toBe("区发展改革委");
    expect(Array.from(files["2023-Q2-区财政局.xlsx"]!)).toEqual([0, 1, 2, 255]);
    expect(res.refused).toContain("文件名重复");
  }, 60_000);
});
