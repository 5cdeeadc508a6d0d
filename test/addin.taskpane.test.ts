/**
 * The built task pane in headless Chromium: served over http on 127.0.0.1, office.js from
 * @microsoft/office-js in place of Microsoft's CDN (request interception; nothing else leaves the
 * machine), and the recording Excel fake injected as `window.Excel`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import puppeteer, { type Browser, type Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticHandler } from "../scripts/addin-static";
import { SHEETS, SHEET_ORDER } from "../shared/workbook/labels";
import { parsePlan } from "../shared/plan/parse";
import { requireChromium } from "./helpers/programs";

const root = join(import.meta.dirname, "..");
const officeJsDir = join(root, "node_modules/@microsoft/office-js/dist");
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

let out: string;
let server: Server;
let origin: string;
let browser: Browser;
let fakeBundle: string;
// The seed as a Word file, made once by LibreOffice (scripts/plan-fixture-docx.ts).
const docxPath = join(root, "test/fixtures/plan/liangping-2023.docx");

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "addin-dist-"));
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
  fakeBundle = fake.outputFiles[0]!.text;
  server = createServer(staticHandler(out));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  origin = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const chromium = requireChromium();
  browser = await puppeteer.launch({
    executablePath: chromium.executablePath,
    headless: chromium.headless,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

async function openPane(): Promise<{ page: Page; external: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 320, height: 900 });
  const external: string[] = [];
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const url = req.url();
    if (url.startsWith(CDN)) {
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
    Object.defineProperty(window, "Excel", { value: window.__fake.Excel, writable: false, configurable: false });`);
  await page.goto(`${origin}/taskpane.html`);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, { timeout: 30_000 });
  return { page, external };
}

const statusText = (page: Page, id: string) => page.$eval(`#${id}`, (el) => ({ text: el.textContent ?? "", cls: el.className }));
const waitStatus = (page: Page, id: string) => page.waitForFunction((i) => !document.getElementById(i)!.className.includes("busy"), { timeout: 60_000 }, id);
const sheetNames = (page: Page) => page.evaluate(() => (window as any).__host.sheets.map((s: any) => s.name) as string[]);

describe("task pane in Chromium", () => {
  it("previews the embedded plan and writes the ledger into the workbook", async () => {
    const { page, external } = await openPane();
    expect(await page.$eval("#host-warning", (el) => (el as HTMLElement).hidden)).toBe(true);
    // At 320 px: the five tabs sit on one row, and the unused source fields take no space.
    expect(new Set(await page.$$eval('[role="tab"]', (els) => els.map((e) => (e as HTMLElement).offsetTop))).size).toBe(1);
    expect(await page.$eval("#source-file", (el) => el.getBoundingClientRect().height)).toBe(0);
    expect(await page.$eval("#source-paste", (el) => el.getBoundingClientRect().height)).toBe(0);
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    expect(await page.$eval('[data-stat="任务"]', (el) => el.textContent)).toBe("117");
    const seed = parsePlan(readFileSync(join(root, "seeds/liangping-2023.txt"), "utf8")).plan!;
    expect(Number(await page.$eval('[data-stat="单位"]', (el) => el.textContent))).toBe(seed.units.length);
    expect(Number(await page.$eval('[data-stat="指标"]', (el) => el.textContent))).toBe(seed.tasks.flatMap((t) => t.targets).length);
    expect(await page.$eval("#preview", (el) => el.textContent)).toMatch(/二、/);
    expect(await page.$eval("#btn-write", (el) => (el as HTMLButtonElement).disabled)).toBe(false);
    await page.click("#btn-write");
    await waitStatus(page, "import-status");
    const s = await statusText(page, "import-status");
    expect(s.text).toMatch(/已写入 8 张工作表/);
    expect(s.cls).toMatch(/ok/);
    expect(await sheetNames(page)).toEqual(SHEET_ORDER.map((k) => SHEETS[k]));
    // Writing again updates the ledger and shows what changed (nothing).
    await page.click("#btn-write");
    await waitStatus(page, "import-status");
    expect((await statusText(page, "import-status")).text).toMatch(/已更新现有台账/);
    expect(await page.$eval("#changes", (el) => el.textContent)).toMatch(/新增任务 0 项，删除任务 0 项/);
    // Nothing but office.js (served locally) came from outside the page's origin; the only other
    // request, aborted, is office.js's own telemetry outside Office.
    expect(external.filter((u) => !/^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//.test(u))).toEqual([]);
    // Fits 320 px: no horizontal scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.close();
  });

  it("a bad file gives a Chinese error and changes nothing", async () => {
    const { page } = await openPane();
    const before = await page.evaluate(() => ({ ops: (window as any).__host.stats.ops, sheets: (window as any).__host.sheets.map((s: any) => s.name) }));
    await page.click('input[name="source"][value="file"]');
    const dir = mkdtempSync(join(tmpdir(), "addin-bad-"));
    const cases: [string, Buffer, RegExp][] = [
      ["方案.pdf", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n"), /PDF 文件/],
      ["方案.docx", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), /无法读取.*已损坏或不是 Word 文档/],
      ["照片.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 0, 0, 9])],
      ["新闻.txt", Buffer.from("今天天气很好，我们去公园散步。\n公园里有很多人。\n")],
    ].map(([n, b, re]) => [n as string, b as Buffer, (re as RegExp) ?? /[\u4e00-\u9fff]/]);
    for (const [name, bytes, re] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const input = await page.$("#plan-file");
      await (input as any).uploadFile(path);
      await page.click("#btn-preview");
      await waitStatus(page, "import-status");
      const s = await statusText(page, "import-status");
      expect(s.cls, name).toMatch(/error/);
      expect(s.text, name).toMatch(re);
      expect(s.text, name).toMatch(/[\u4e00-\u9fff]/);
      expect(await page.$eval("#btn-write", (el) => (el as HTMLButtonElement).disabled), name).toBe(true);
    }
    const after = await page.evaluate(() => ({ ops: (window as any).__host.stats.ops, sheets: (window as any).__host.sheets.map((s: any) => s.name) }));
    expect(after).toEqual(before);
    await page.close();
  });

  it("imports a .docx through mammoth's browser build", async () => {
    const { page } = await openPane();
    await page.click('input[name="source"][value="file"]');
    await ((await page.$("#plan-file")) as any).uploadFile(docxPath);
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    expect((await statusText(page, "import-status")).text).toMatch(/已识别 117 项任务/);
    await page.close();
  });

  it("检查填报 lists problems grouped by unit, and clicking one selects its cell", async () => {
    const { page } = await openPane();
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    await page.click("#btn-write");
    await waitStatus(page, "import-status");
    // A unit fills Q1: 滞后 for task 9 without 存在问题; every other task's status left blank.
    await page.evaluate(async () => {
      await (window as any).__host.run(async (ctx: any) => {
        ctx.workbook.worksheets.getItem("任务").getRange("G3").values = [["滞后"]];
        await ctx.sync();
      });
    });
    await page.click("#tab-check");
    expect(await page.$eval("#panel-check", (el) => (el as HTMLElement).hidden)).toBe(false);
    await page.click("#btn-check");
    await waitStatus(page, "check-status");
    expect((await statusText(page, "check-status")).text).toMatch(/一季度共发现 \d+ 个问题，涉及 \d+ 个单位/);
    const groups = await page.$$eval(".unit-group h3 span:first-child", (els) => els.map((e) => e.textContent));
    expect(groups.length).toBeGreaterThan(10);
    const links = await page.$$eval(".problem-link", (els) =>
      els.map((e) => ({ sheet: (e as HTMLElement).dataset.sheet, cell: (e as HTMLElement).dataset.cell, text: e.textContent })),
    );
    expect(links.length).toBeGreaterThanOrEqual(117);
    const lag = links.find((l) => /滞后/.test(l.text ?? ""));
    expect(lag).toBeDefined();
    // Select a problem with the keyboard: focus its link and press Enter.
    const index = links.findIndex((l) => l.cell === "G10");
    await page.focus(`.problem-link[data-cell="G10"]`);
    await page.keyboard.press("Enter");
    await waitStatus(page, "check-status");
    expect((await statusText(page, "check-status")).text).toMatch(/已选中 任务!G10/);
    const sel = await page.evaluate(() => (window as any).__host.selection);
    expect(sel).toEqual({ sheet: "任务", area: { r0: 9, c0: 6, r1: 9, c1: 6 } });
    expect(index).toBeGreaterThanOrEqual(0);
    await page.close();
  });

  it("tabs follow the keyboard (arrow keys) and the quarter buttons set 设置", async () => {
    const { page } = await openPane();
    await page.focus("#tab-import");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-unit");
    expect(await page.$eval("#panel-unit", (el) => (el as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval("#panel-import", (el) => (el as HTMLElement).hidden)).toBe(true);
    await page.keyboard.press("End");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-export");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-import");
    // Write a ledger, then set Q2.
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    await page.click("#btn-write");
    await waitStatus(page, "import-status");
    await page.click("#tab-quarter");
    await page.click('[data-quarter="2"]');
    await waitStatus(page, "quarter-status");
    expect((await statusText(page, "quarter-status")).text).toMatch(/当前季度已设为二季度/);
    const b3 = await page.evaluate(() => (window as any).__host.sheets.find((s: any) => s.name === "设置").cells.get("2,1").value);
    expect(b3).toBe(2);
    await page.close();
  });

  it("an Excel error during writing is shown in Chinese and the workbook is left as it was", async () => {
    const { page } = await openPane();
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    const before = await page.evaluate(() => (window as any).__host.sheets.map((s: any) => s.name));
    await page.evaluate(() => {
      const host = (window as any).__host;
      const start = host.stats.ops;
      host.options.failAt = (_op: string, n: number) =>
        n === start + 500 ? new (window as any).ExcelFake.FakeOfficeError("InvalidOperationInCellEditMode", "busy") : null;
    });
    await page.click("#btn-write");
    await waitStatus(page, "import-status");
    const s = await statusText(page, "import-status");
    expect(s.cls).toMatch(/error/);
    expect(s.text).toMatch(/写入台账失败：Excel 正在编辑单元格.*已撤销，工作簿未改变/);
    expect(await page.evaluate(() => (window as any).__host.sheets.map((s: any) => s.name))).toEqual(before);
    await page.close();
  });

  it("我的单位 filters rows; 导出 JSON hands over the ledger; 下载工作簿 outside Office says what to do", async () => {
    const { page } = await openPane();
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    await page.click("#btn-write");
    await waitStatus(page, "import-status");
    await page.click("#tab-unit");
    // Opening the tab fills the unit list.
    await page.waitForFunction(() => document.querySelectorAll("#unit-select option").length > 40);
    await waitStatus(page, "unit-status");
    expect((await statusText(page, "unit-status")).text).toMatch(/共 \d+ 个单位/);
    await page.select("#unit-select", "区财政局");
    await page.click("#btn-unit-apply");
    await waitStatus(page, "unit-status");
    expect((await statusText(page, "unit-status")).text).toMatch(/已筛选“区财政局”：任务 \d+ 项/);
    expect(await page.evaluate(() => (window as any).__host.sheets.find((s: any) => s.name === "任务").hiddenRows.size)).toBeGreaterThan(50);
    await page.click("#btn-unit-clear");
    await waitStatus(page, "unit-status");
    expect(await page.evaluate(() => (window as any).__host.sheets.find((s: any) => s.name === "任务").hiddenRows.size)).toBe(0);

    await page.click("#tab-export");
    await page.evaluate(() => {
      (window as any).__downloads = [];
      const orig = URL.createObjectURL;
      URL.createObjectURL = (b: Blob) => {
        (window as any).__downloads.push(b);
        return orig(b);
      };
    });
    await page.click("#btn-export-json");
    await waitStatus(page, "export-status");
    expect((await statusText(page, "export-status")).text).toMatch(/已导出台账 JSON：117 项任务/);
    const json = await page.evaluate(async () => JSON.parse(await (window as any).__downloads[0].text()));
    expect(json.plan.tasks).toHaveLength(117);
    expect(json.settings.quarter).toBe(1);
    // getFileAsync: the workbook comes in slices that the pane joins into one .xlsx download.
    await page.evaluate(() => {
      const slices = [[80, 75, 3, 4], [1, 2, 3], [9]];
      (window as any).Office.context.document = {
        getFileAsync(type: string, opts: { sliceSize: number }, cb: (r: unknown) => void) {
          (window as any).__fileRequest = { type, sliceSize: opts.sliceSize };
          cb({
            status: "succeeded",
            value: {
              sliceCount: slices.length,
              getSliceAsync: (i: number, done: (r: unknown) => void) => done({ status: "succeeded", value: { data: slices[i] } }),
              closeAsync: () => ((window as any).__closed = true),
            },
          });
        },
      };
    });
    await page.click("#btn-export-xlsx");
    await waitStatus(page, "export-status");
    expect((await statusText(page, "export-status")).text).toMatch(/已下载工作簿.*发给评估人员/);
    const file = await page.evaluate(async () => {
      const blob = (window as any).__downloads[1] as Blob;
      return { bytes: [...new Uint8Array(await blob.arrayBuffer())], type: blob.type, req: (window as any).__fileRequest, closed: (window as any).__closed };
    });
    expect(file).toEqual({
      bytes: [80, 75, 3, 4, 1, 2, 3, 9],
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      req: { type: "compressed", sliceSize: 4 * 1024 * 1024 },
      closed: true,
    });
    // Without a document to read (outside Office) the pane says what to do instead.
    await page.evaluate(() => ((window as any).Office.context.document = {}));
    await page.click("#btn-export-xlsx");
    await waitStatus(page, "export-status");
    const x = await statusText(page, "export-status");
    expect(x.cls).toMatch(/error/);
    expect(x.text).toMatch(/另存为/);
    await page.close();
  });
});
