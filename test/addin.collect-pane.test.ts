/**
 * The task pane's 分发回收 tab in Chromium with the recording Excel fake (test/helpers/pane.ts):
 * 分发 downloads one .zip whose files the split's readUnitWorkbook reads; 回收 previews returned files
 * filled with exceljs in Node (nothing written), shows conflicts and refused files, and 应用 writes the
 * merged master with 变更记录 and 回收情况 into the fake workbook, which the shared reader reads back.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import { reportingUnits } from "../shared/plan/reporting";
import { unitsToSplit } from "../shared/collect/scope";
import { readUnitWorkbook } from "../shared/workbook/unit-reader";
import { readLedger } from "../shared/workbook/reader";
import { loadWorkbookGrid } from "../shared/workbook/grid.exceljs";
import type { WorkbookGrid } from "../shared/workbook/reader.grid";
import type { InputKey, UnitWorkbookIdentity } from "../shared/collect/identity";
import { inputKeyId } from "../shared/collect/identity";
import { SHEETS } from "../shared/workbook/labels";
import { startPane, statusText, waitStatus, writeSeedLedger, type FakeOffice, type PaneHarness } from "./helpers/pane";

const root = join(import.meta.dirname, "..");
const seed = parsePlan(readFileSync(join(root, "seeds/liangping-2023.txt"), "utf8")).plan!;
const PC: FakeOffice = { platform: "PC", sets: { ExcelApi: "1.12", CompressedFile: "1.1" }, url: "https://contoso.sharepoint.com/台账.xlsx" };
// <a download> clicks are caught: the blob's bytes as base64 and the name asked for.
const CATCH_DOWNLOADS = `window.__downloads = [];
  HTMLAnchorElement.prototype.click = function () {
    const a = this;
    if (!a.download) return;
    fetch(a.href).then((r) => r.blob()).then((b) => new Promise((res) => { const f = new FileReader(); f.onload = () => res(f.result); f.readAsDataURL(b); }))
      .then((url) => window.__downloads.push({ name: a.download, b64: String(url).split(",")[1] }));
  };`;

let pane: PaneHarness;
let page: Page;
/** The unit workbooks 分发 gave, by file name. */
let unitFiles: Record<string, Uint8Array> = {};

beforeAll(async () => {
  pane = await startPane();
  ({ page } = await pane.open({ office: PC, before: CATCH_DOWNLOADS }));
  await writeSeedLedger(page);
}, 120_000);

afterAll(async () => {
  await pane?.close();
});

/** Every cell of the fake workbook's sheets, for "nothing was written" comparisons. */
const cellsOf = (p: Page) =>
  p.evaluate(() =>
    JSON.stringify((window as any).__host.sheets.map((s: any) => [s.name, [...s.cells].map(([k, c]: [string, any]) => [k, c.value, c.formula])])),
  );

/** The fake workbook's sheets as value grids, as the shared reader takes them. */
async function gridOf(p: Page): Promise<WorkbookGrid> {
  const sheets = await p.evaluate(() =>
    (window as any).__host.sheets.map((s: any) => ({
      name: s.name,
      cells: [...s.cells].map(([k, c]: [string, any]) => [k, c.value, c.numberFormat, c.formula]),
    })),
  );
  return {
    sheets: sheets.map((s: { name: string; cells: [string, unknown, string | null, string | null][] }) => {
      const values: unknown[][] = [];
      const numFmts: (string | null)[][] = [];
      for (const [k, v, f] of s.cells) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        (values[r] ??= [])[c] = v;
        (numFmts[r] ??= [])[c] = f;
      }
      for (let r = 0; r < values.length; r++) {
        values[r] ??= [];
        numFmts[r] ??= [];
      }
      return { name: s.name, values: values as WorkbookGrid["sheets"][number]["values"], numFmts };
    }),
  };
}

/** A unit file typed into at the cells its identity gives for `fills`, saved by exceljs. */
async function fill(bytes: Uint8Array, fills: [InputKey, string | number][]): Promise<Uint8Array> {
  const { identity } = readUnitWorkbook(await loadWorkbookGrid(bytes));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  for (const [key, value] of fills) {
    const base = identity.base.find((b) => inputKeyId(b.key) === inputKeyId(key));
    if (!base) throw new Error(`${identity.unit} has no input ${inputKeyId(key)}`);
    const [sheet, a1] = base.cell.split("!");
    wb.getWorksheet(sheet!)!.getCell(a1!).value = value;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const identityOf = async (bytes: Uint8Array): Promise<UnitWorkbookIdentity> => readUnitWorkbook(await loadWorkbookGrid(bytes)).identity;

describe("分发", () => {
  it("downloads <year>-Q<N>-单位填报表.zip with one unit workbook per named unit, each read by readUnitWorkbook", async () => {
    await page.click("#tab-collect");
    await page.type("#dist-deadline", "07102023");
    await page.type("#dist-send-to", "区政府督查办 张三");
    const t0 = Date.now();
    await page.click("#btn-distribute");
    await waitStatus(page, "distribute-status");
    const s = await statusText(page, "distribute-status");
    console.log(`分发: ${Date.now() - t0} ms in Chromium (${unitsToSplit(seed).length} units)`);
    expect(s.cls, s.text).toMatch(/ok/);
    const downloads: { name: string; b64: string }[] = await page
      .waitForFunction(() => (window as any).__downloads.length > 0 && (window as any).__downloads)
      .then((h) => h.jsonValue());
    expect(downloads).toHaveLength(1);
    const quarter = readLedger(await gridOf(page)).ledger.settings.quarter;
    expect(downloads[0]!.name).toBe(`2023-Q${quarter}-单位填报表.zip`);
    unitFiles = unzipSync(new Uint8Array(Buffer.from(downloads[0]!.b64, "base64")));
    const units = unitsToSplit(seed);
    expect(Object.keys(unitFiles)).toHaveLength(units.length);
    expect(s.text).toContain(`${units.length} 个单位填报表`);
    /** Tasks some unit file lets its unit fill this quarter. */
    const filed = new Set<number>();
    for (const unit of units) {
      const bytes = unitFiles[`2023-Q${quarter}-${unit}.xlsx`];
      expect(bytes, unit).toBeDefined();
      const { identity, read } = readUnitWorkbook(await loadWorkbookGrid(bytes!));
      for (const b of identity.base) if (b.editable && b.key.kind === "entry") filed.add(b.key.taskId);
      expect(identity.unit).toBe(unit);
      expect(identity.quarter).toBe(quarter);
      expect(identity.deadline).toBe("2023-07-10");
      expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(read.ledger.plan.tasks.map((t) => t.id)).toEqual(seed.tasks.filter((t) => t.lead.includes(unit) || t.responsible.includes(unit)).map((t) => t.id));
      // 报送 is in the file's 说明
      const guide = (await loadWorkbookGrid(bytes!)).sheets.find((x) => x.name === SHEETS.guide)!;
      expect(
        guide.values.flat().some((v) => String(v ?? "").includes("区政府督查办 张三")),
        unit,
      ).toBe(true);
    }

    // nothing silent: the tasks in no file and the collectives that got none are named, in Chinese only
    const unfiled = seed.tasks.filter((t) => !filed.has(t.id)).map((t) => t.id);
    expect(unfiled.length).toBeGreaterThan(0);
    const gaps = await page.$eval("#distribute-gaps", (el) => ({
      hidden: (el as HTMLElement).hidden,
      unfiled: el.querySelector('[data-gap="unfiled"]')?.textContent ?? "",
      collectives: el.querySelector('[data-gap="collectives"]')?.textContent ?? "",
    }));
    expect(gaps.hidden).toBe(false);
    expect(gaps.unfiled).toContain(`任务 ${unfiled.join("、")} 只由统称填报`);
    expect(gaps.unfiled).toContain("请在总台账中直接填写");
    const collectives = seed.units.filter((u) => u.kind === "collective" && seed.tasks.some((t) => [...t.lead, ...t.responsible].includes(u.name)));
    expect(gaps.collectives).toContain(`统称 ${collectives.length} 个`);
    for (const c of collectives) expect(gaps.collectives).toContain(c.name);
    expect(gaps.unfiled + gaps.collectives).not.toMatch(/[A-Za-z]{2,}/);

    // chosen units only
    await page.click('input[name="dist-units"][value="chosen"]');
    await page.select("#dist-unit-select", units[0]!, units[1]!);
    await page.click("#btn-distribute");
    await waitStatus(page, "distribute-status");
    const again: { name: string; b64: string }[] = await page
      .waitForFunction(() => (window as any).__downloads.length > 1 && (window as any).__downloads)
      .then((h) => h.jsonValue());
    expect(Object.keys(unzipSync(new Uint8Array(Buffer.from(again[1]!.b64, "base64")))).sort()).toEqual(
      [units[0]!, units[1]!].map((u) => `2023-Q${quarter}-${u}.xlsx`).sort(),
    );
    expect((await statusText(page, "distribute-status")).text).toContain("2 个单位填报表");
    // a partial split leaves every other unit out anyway: no notes about what all files carry
    expect(await page.$eval("#distribute-gaps", (el) => (el as HTMLElement).hidden)).toBe(true);
  }, 180_000);

  it("on Excel for Mac says what to do instead and downloads nothing", async () => {
    const mac = await pane.open({ office: { platform: "Mac", sets: { ExcelApi: "1.12" } }, before: CATCH_DOWNLOADS });
    await writeSeedLedger(mac.page);
    await mac.page.click("#tab-collect");
    await mac.page.click("#btn-distribute");
    await waitStatus(mac.page, "distribute-status");
    const s = await statusText(mac.page, "distribute-status");
    expect(s.text).toMatch(/Excel for Mac.*不能下载文件.*plan-ledger split/);
    expect(s.text).not.toMatch(/已开始下载/);
    expect(await mac.page.evaluate(() => (window as any).__downloads.length)).toBe(0);
    await mac.page.close();
  }, 120_000);
});

describe("回收", () => {
  it("previews without writing, shows the conflict and the refused files, and 应用 writes the merged entries and 变更记录", async () => {
    const master = readLedger(await gridOf(page));
    const q = master.ledger.settings.quarter;
    // a task two units lead, with a target: both report it, with different actuals (a conflict)
    // and a task only `a` reports
    const soleOf = (u: string) => seed.tasks.find((t) => reportingUnits(t).length === 1 && reportingUnits(t)[0] === u);
    const shared = seed.tasks.find((t) => reportingUnits(t).length >= 2 && t.targets.length > 0 && reportingUnits(t).some((u) => soleOf(u)))!;
    const a = reportingUnits(shared).find((u) => soleOf(u))!;
    const b = reportingUnits(shared).find((u) => u !== a)!;
    const own = soleOf(a)!;
    const entry = (taskId: number, field: "status" | "progress" | "problems"): InputKey => ({ kind: "entry", taskId, quarter: q, field });
    const actual: InputKey = { kind: "actual", targetId: shared.targets[0]!.id, quarter: q };
    // the files 分发 gave (the test above)
    const fileOf = (unit: string) => {
      const f = unitFiles[`2023-Q${q}-${unit}.xlsx`];
      if (!f) throw new Error(`no file of ${unit}: run 分发 first`);
      return f;
    };
    const dir = mkdtempSync(join(tmpdir(), "pane-collect-"));
    const paths = {
      a: join(dir, `2023-Q${q}-${a}.xlsx`),
      b: join(dir, `2023-Q${q}-${b}.xlsx`),
      master: join(dir, "总台账.xlsx"),
      cut: join(dir, "截断.xlsx"),
    };
    writeFileSync(
      paths.a,
      await fill(fileOf(a), [
        [entry(shared.id, "status"), "序时推进"],
        [entry(shared.id, "progress"), "甲单位的进展"],
        [actual, 10],
        [entry(own.id, "status"), "已完成"],
        [entry(own.id, "progress"), "已全部完成"],
      ]),
    );
    writeFileSync(
      paths.b,
      await fill(fileOf(b), [
        [entry(shared.id, "status"), "滞后"],
        [entry(shared.id, "progress"), "乙单位的进展"],
        [entry(shared.id, "problems"), "资金未到位"],
        [actual, 12],
      ]),
    );
    writeFileSync(paths.master, readFileSync(join(root, "test/fixtures/files/small-ledger.xlsx")));
    writeFileSync(paths.cut, fileOf(a).slice(0, 2000));
    expect((await identityOf(readFileSync(paths.a))).unit).toBe(a);

    await page.click("#tab-collect");
    const input = await page.$("#collect-files");
    await (input as any).uploadFile(paths.a, paths.b, paths.master, paths.cut);
    const before = await cellsOf(page);
    const syncs0 = await page.evaluate(() => (window as any).__host.stats.syncs);
    await page.click("#btn-collect-preview");
    await waitStatus(page, "collect-status");
    const previewSyncs = (await page.evaluate(() => (window as any).__host.stats.syncs)) - syncs0;
    // the preview wrote nothing
    expect(await cellsOf(page)).toBe(before);
    const s = await statusText(page, "collect-status");
    expect(s.text).toMatch(/^预览（尚未写入）：合并文件 2 个，更新单元格 \d+ 个，冲突 1 个，未应用 0 个，拒收文件 2 个$/);
    const group = (g: string) => page.$eval(`[data-group="${g}"]`, (el) => el.textContent ?? "").catch(() => "");
    const refused = await group("refused");
    expect(refused).toMatch(/总台账\.xlsx.*不是单位填报表/);
    expect(refused).toMatch(/截断\.xlsx/);
    const conflict = await group("conflict");
    // the returned file's Sheet!Cell and both values
    const cellB = (await identityOf(readFileSync(paths.b))).base.find((x) => inputKeyId(x.key) === inputKeyId(actual))!.cell;
    const cellA = (await identityOf(readFileSync(paths.a))).base.find((x) => inputKeyId(x.key) === inputKeyId(actual))!.cell;
    expect(conflict).toMatch(new RegExp(`(${cellA}|${cellB})`));
    expect(conflict).toMatch(/“10”/);
    expect(conflict).toMatch(/“12”/);
    expect(await group("update")).toContain("已完成");
    expect(await page.$eval("#btn-collect-apply", (el) => (el as HTMLButtonElement).disabled)).toBe(false);

    const syncs1 = await page.evaluate(() => (window as any).__host.stats.syncs);
    await page.click("#btn-collect-apply");
    await waitStatus(page, "collect-status");
    const applySyncs = (await page.evaluate(() => (window as any).__host.stats.syncs)) - syncs1;
    const done = await statusText(page, "collect-status");
    expect(done.text).toMatch(/^已写入台账：合并文件 2 个/);
    expect(await page.$eval("#btn-collect-apply", (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    console.log(`回收: preview ${previewSyncs} syncs, apply ${applySyncs} syncs`);
    // apply = the preview's reading again + the writer's update of the ledger (6 syncs)
    expect(applySyncs).toBeLessThanOrEqual(previewSyncs + 6);

    const after = readLedger(await gridOf(page));
    const sheetNames = await page.evaluate(() => (window as any).__host.sheets.map((x: any) => x.name));
    expect(sheetNames).toEqual(expect.arrayContaining([SHEETS.changelog, SHEETS.collection]));
    const e = (taskId: number) => after.ledger.entries.find((x) => x.taskId === taskId && x.quarter === q);
    expect(e(own.id)?.status).toBe("已完成");
    expect(e(own.id)?.progress).toBe("已全部完成");
    // several leads: the least advanced status, the texts joined with 【unit】 in plan order
    expect(e(shared.id)?.status).toBe("滞后");
    expect(e(shared.id)?.progress).toContain(`【${a}】甲单位的进展`);
    expect(e(shared.id)?.progress).toContain(`【${b}】乙单位的进展`);
    const log = after.changelog;
    expect(log.some((r) => r.how === "conflict" && [r.old, r.new].sort().join() === "10,12")).toBe(true);
    expect(log.some((r) => r.how === "merged" && r.unit === a && r.new === "已完成")).toBe(true);
    expect(
      log
        .filter((r) => r.how === "refused")
        .map((r) => r.fileName)
        .sort(),
    ).toEqual(["总台账.xlsx", "截断.xlsx"].sort());
    expect(after.problems.filter((p) => p.severity === "error" && p.sheet === SHEETS.changelog)).toEqual([]);

    // the same files again: already merged, nothing to write
    const written = await cellsOf(page);
    await page.click("#btn-collect-preview");
    await waitStatus(page, "collect-status");
    expect((await statusText(page, "collect-status")).text).toMatch(/没有要写入台账的内容/);
    expect(await group("notes")).toMatch(/已合并过/);
    expect(await page.$eval("#btn-collect-apply", (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    expect(await cellsOf(page)).toBe(written);
  }, 240_000);

  it("writes nothing when the workbook changed after the preview: shows the merge as it would be now and asks again", async () => {
    const master = readLedger(await gridOf(page));
    const q = master.ledger.settings.quarter;
    // a unit whose file was not returned yet, and a task only it reports
    const merged = new Set(master.changelog.map((r) => r.unit));
    const unit = unitsToSplit(seed).find((u) => !merged.has(u) && seed.tasks.some((t) => reportingUnits(t).length === 1 && reportingUnits(t)[0] === u))!;
    const task = seed.tasks.find((t) => reportingUnits(t).length === 1 && reportingUnits(t)[0] === unit)!;
    const key: InputKey = { kind: "entry", taskId: task.id, quarter: q, field: "status" };
    const bytes = unitFiles[`2023-Q${q}-${unit}.xlsx`];
    if (!bytes) throw new Error(`no file of ${unit}: run 分发 first`);
    const path = join(mkdtempSync(join(tmpdir(), "pane-collect-")), `2023-Q${q}-${unit}.xlsx`);
    writeFileSync(path, await fill(bytes, [[key, "已完成"]]));
    await ((await page.$("#collect-files")) as any).uploadFile(path);
    await page.click("#btn-collect-preview");
    await waitStatus(page, "collect-status");
    expect((await statusText(page, "collect-status")).text).toMatch(/冲突 0 个/);
    // a co-author types into the same input of the master before 应用
    const row = master.index.taskRow.get(task.id)!;
    const col = master.index.entryCols[q].status;
    await page.evaluate(
      async (r: number, c: number) => {
        await (window as any).__host.run(async (ctx: any) => {
          ctx.workbook.worksheets.getItem("任务").getRangeByIndexes(r, c, 1, 1).values = [["滞后"]];
          await ctx.sync();
        });
      },
      row,
      col,
    );
    const typed = await cellsOf(page);
    await page.click("#btn-collect-apply");
    await waitStatus(page, "collect-status");
    const s = await statusText(page, "collect-status");
    expect(s.text).toMatch(/^台账在预览后有改动，未写入；.*冲突 1 个/);
    expect(await cellsOf(page)).toBe(typed);
    expect(await page.$eval('[data-group="conflict"]', (el) => el.textContent)).toMatch(/台账“滞后”.*填“已完成”/);
    // 应用 again applies what was shown: the master keeps 滞后, the conflict is recorded
    expect(await page.$eval("#btn-collect-apply", (el) => (el as HTMLButtonElement).disabled)).toBe(false);
    await page.click("#btn-collect-apply");
    await waitStatus(page, "collect-status");
    expect((await statusText(page, "collect-status")).text).toMatch(/^已写入台账：.*冲突 1 个/);
    const after = readLedger(await gridOf(page));
    expect(after.ledger.entries.find((e) => e.taskId === task.id && e.quarter === q)?.status).toBe("滞后");
    expect(after.changelog.some((r) => r.how === "conflict" && r.unit === unit && r.old === "滞后" && r.new === "已完成")).toBe(true);
  }, 240_000);
});
