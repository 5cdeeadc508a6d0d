/**
 * The task pane's Excel operations (addin/excel/ledger.officejs.ts) on the recording fake: import into
 * an empty workbook, update a filled ledger without losing entries, 我的单位, 当前季度, 检查填报.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import type { Plan } from "../shared/plan/schema";
import { SHEETS, SHEET_ORDER } from "../shared/workbook/labels";
import { COLS } from "../shared/workbook/layout.positions";
import { buildLayout } from "../shared/workbook/layout";
import {
  checkWorkbook,
  existingLedger,
  filterByUnit,
  importPlan,
  readGrid,
  readWorkbookLedger,
  rowRuns,
  selectCell,
  setQuarter,
} from "../addin/excel/ledger.officejs";
import type { ExcelRun } from "../addin/excel/writer.officejs";
import { colNumber } from "../shared/vocabulary";
import { problemsByUnit } from "../shared/workbook/check";
import { LedgerReadError } from "../shared/workbook/reader.grid";
import { createFakeExcel, type FakeExcelHost } from "./fakes/excel-fake";

const seed = parsePlan(readFileSync(join(import.meta.dirname, "../seeds/liangping-2023.txt"), "utf8")).plan!;
const runOf = (host: FakeExcelHost) => host.run as unknown as ExcelRun;

/** Types into the fake like a user would: one cell of 任务 / 指标 by column key and task / target. */
async function type(host: FakeExcelHost, sheet: "tasks" | "targets", col: string, row: number, value: unknown) {
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(SHEETS[sheet]).getRange(`${col}${row}`).values = [[value]];
    await ctx.sync();
  });
}

function taskRow(plan: Plan, id: number): number {
  return 3 + plan.tasks.findIndex((t) => t.id === id);
}

async function ledgerWorkbook(plan: Plan = seed) {
  const { host } = createFakeExcel({ payloadLimit: 5 * 1024 * 1024 });
  const r = await importPlan(runOf(host), plan, { api19: true });
  return { host, r };
}

describe("导入计划", () => {
  it("writes a new ledger that the shared reader reads back as the plan", async () => {
    const { host, r } = await ledgerWorkbook();
    expect(r.changes).toBeNull();
    expect(r.report.removedBlank).toBe("Sheet1");
    const read = await readWorkbookLedger(runOf(host));
    expect(read.ledger.plan.tasks.map((t) => t.id)).toEqual(seed.tasks.map((t) => t.id));
    expect(read.ledger.plan.tasks.map((t) => t.lead)).toEqual(seed.tasks.map((t) => t.lead));
    expect(read.ledger.entries).toEqual([]);
  });

  it("updates a filled ledger with a revised plan without losing any entry", async () => {
    const { host } = await ledgerWorkbook();
    await type(host, "tasks", COLS.tasks["q1.status"], taskRow(seed, 10), "滞后");
    await type(host, "tasks", COLS.tasks["q1.problems"], taskRow(seed, 10), "资金未到位");
    await type(host, "tasks", COLS.tasks["q1.status"], taskRow(seed, 20), "已完成");
    await type(host, "tasks", COLS.tasks["q1.progress"], taskRow(seed, 117), "已公开");
    // Revision: task 20 removed, a new task appended.
    const revised: Plan = structuredClone(seed);
    revised.tasks = revised.tasks.filter((t) => t.id !== 20);
    revised.tasks.push({ ...structuredClone(seed.tasks[50]!), id: 118, text: "新增：建设城市智慧停车系统，新增停车位2000个。", targets: [] });
    const r = await importPlan(runOf(host), revised, { api19: true });
    expect(r.changes).not.toBeNull();
    expect(r.changesText).toMatch(/新增任务 1 项，删除任务 1 项/);
    expect(r.kept!.archived).toBe(1);
    const read = await readWorkbookLedger(runOf(host));
    const e10 = read.ledger.entries.find((e) => e.taskId === 10 && e.quarter === 1);
    expect(e10).toMatchObject({ status: "滞后", problems: "资金未到位" });
    expect(read.ledger.entries.find((e) => e.taskId === 117)?.progress).toBe("已公开");
    expect(read.archive.map((a) => [a.taskId, a.status])).toEqual([[20, "已完成"]]);
    expect(read.ledger.plan.tasks.some((t) => t.id === 118)).toBe(true);
    // The old sheets are gone; no temporary or backup sheet is left.
    expect(host.sheets.map((s) => s.name)).toEqual(SHEET_ORDER.map((k) => SHEETS[k]));
  });

  it("refuses to update when a cell it cannot read would be lost, names the cell, and writes nothing", async () => {
    const { host } = await ledgerWorkbook();
    await type(host, "targets", COLS.targets["q1.actual"], 3, "大约一半");
    const before = JSON.stringify(host.sheets.map((sh) => [sh.name, sh.protection]));
    const cell = `${SHEETS.targets}!${COLS.targets["q1.actual"]}3`;
    // The pane's own message: Chinese only (the cell names aside), no English gloss to strip.
    await expect(importPlan(runOf(host), seed, { api19: true })).rejects.toThrow(new RegExp(`^[^A-Za-z]*无法识别（${cell}）[^A-Za-z]*$`));
    expect(JSON.stringify(host.sheets.map((sh) => [sh.name, sh.protection]))).toBe(before);
    const read = await readWorkbookLedger(runOf(host));
    expect(read.problems.some((p) => `${p.sheet}!${p.cell}` === cell)).toBe(true);
  });

  it("sets up printing as the layout says: A4 landscape, titles repeated, the wide 任务 sheet at its scale", async () => {
    const { host } = await ledgerWorkbook();
    const layout = buildLayout(seed, {});
    for (const sheetLayout of layout.sheets) {
      const props = host.sheet(sheetLayout.name)!.props;
      const p = sheetLayout.print;
      expect(props["pageLayout.orientation"]).toBe(p.orientation === "landscape" ? "Landscape" : "Portrait");
      expect(props["pageLayout.paperSize"]).toBe("A4");
      if (p.titleRows)
        expect(props["pageLayout.printTitleRows"]).toBe(
          p.titleRows
            .split(":")
            .map((r) => `$${r}`)
            .join(":"),
        );
      if (p.titleColumns)
        expect(props["pageLayout.printTitleColumns"]).toBe(
          p.titleColumns
            .split(":")
            .map((c) => `$${c}`)
            .join(":"),
        );
      if (!p.fitToWidth && p.scale) expect(props["pageLayout.zoom.scale"]).toBe(p.scale);
    }
    const tasks = layout.sheets.find((sh) => sh.name === SHEETS.tasks)!.print;
    expect(tasks.titleColumns).toBeTruthy();
  });

  it("protects the sheets with the password given, on a new ledger and on an update; another password cannot replace it", async () => {
    const { host } = createFakeExcel();
    await importPlan(runOf(host), seed, { password: "s3cret" });
    expect(host.sheet(SHEETS.tasks)!.protection).toMatchObject({ protected: true, password: "s3cret" });
    await importPlan(runOf(host), seed, { password: "s3cret" });
    expect(host.sheet(SHEETS.targets)!.protection).toMatchObject({ protected: true, password: "s3cret" });
    await expect(importPlan(runOf(host), seed, { password: "other" })).rejects.toThrow(/保护密码/);
    expect(host.sheet(SHEETS.tasks)!.protection).toMatchObject({ protected: true, password: "s3cret" });
    const { host: open } = createFakeExcel();
    await importPlan(runOf(open), seed);
    await importPlan(runOf(open), seed);
    expect(open.sheet(SHEETS.tasks)!.protection).toMatchObject({ protected: true, password: null });
  });

  it("tells the pane which ledger sheets a write would rewrite, without reading their cells", async () => {
    const { host: blank } = createFakeExcel();
    expect(await existingLedger(runOf(blank))).toEqual({ sheets: [], filled: false, protected: false });
    const { host } = await ledgerWorkbook();
    const [ops, syncs] = [host.stats.ops, host.stats.syncs];
    expect(await existingLedger(runOf(host))).toEqual({ sheets: SHEET_ORDER.map((k) => SHEETS[k]), filled: true, protected: true });
    // Two small round trips, nothing changed.
    expect(host.stats.syncs - syncs).toBe(2);
    expect(host.stats.requests.slice(-2).reduce((n, r) => n + (r.responseBytes ?? 0), 0)).toBeLessThan(2_000);
    expect(host.stats.ops).toBe(ops);
    const { host: bare } = createFakeExcel({ sheets: [SHEETS.tasks, "我的表"] });
    expect(await existingLedger(runOf(bare))).toEqual({ sheets: [SHEETS.tasks], filled: false, protected: false });
  });

  it("refuses to update a workbook whose 任务 sheet is not a ledger, and writes nothing", async () => {
    const { host } = createFakeExcel({ sheets: [SHEETS.tasks] });
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEETS.tasks).getRange("A1:B2").values = [
        ["随便", "写写"],
        ["1", "2"],
      ];
      await ctx.sync();
    });
    const before = host.sheets.map((s) => s.name);
    await expect(importPlan(runOf(host), seed)).rejects.toThrow(/[\u4e00-\u9fff]/);
    expect(host.sheets.map((s) => s.name)).toEqual(before);
  });
});

describe("我的单位", () => {
  it("hides the task and target rows the unit neither leads nor shares, and shows them again", async () => {
    const { host } = await ledgerWorkbook();
    const unit = "区财政局";
    const expectedTasks = seed.tasks.filter((t) => t.lead.includes(unit) || t.responsible.includes(unit));
    const n = await filterByUnit(runOf(host), unit);
    expect(n.tasks).toBe(expectedTasks.length);
    expect(n.tasks).toBeGreaterThan(3);
    const tasks = host.sheet(SHEETS.tasks)!;
    const visible = seed.tasks.filter((t) => !tasks.hiddenRows.has(taskRow(seed, t.id) - 1)).map((t) => t.id);
    expect(visible).toEqual(expectedTasks.map((t) => t.id));
    expect(tasks.hiddenRows.has(0) || tasks.hiddenRows.has(1)).toBe(false);
    const targets = seed.tasks.filter((t) => expectedTasks.includes(t)).flatMap((t) => t.targets);
    expect(n.targets).toBe(targets.length);
    const all = await filterByUnit(runOf(host), null);
    expect(all.tasks).toBe(seed.tasks.length);
    expect(tasks.hiddenRows.size).toBe(0);
  });

  it("groups hidden rows into runs", () => {
    expect(rowRuns([9, 3, 4, 5, 11, 10])).toEqual([
      [3, 5],
      [9, 11],
    ]);
  });
});

describe("当前季度", () => {
  it("writes the 设置 cell and selects that quarter's columns on 任务", async () => {
    const { host } = await ledgerWorkbook();
    await setQuarter(runOf(host), 3);
    const read = await readWorkbookLedger(runOf(host));
    expect(read.ledger.settings.quarter).toBe(3);
    expect(host.selection?.sheet).toBe(SHEETS.tasks);
    expect(host.selection?.area.c0).toBe(colNumber(COLS.tasks["q3.status"]) - 1);
    expect(host.selection?.area.c1).toBe(colNumber(COLS.tasks["q3.nextSteps"]) - 1);
  });
});

describe("检查填报", () => {
  it("returns the quarter's problems as one flat list in workbook order, for the one grouping (problemsByUnit); selecting one selects its cell", async () => {
    const { host } = await ledgerWorkbook();
    for (const t of seed.tasks) await type(host, "tasks", COLS.tasks["q1.status"], taskRow(seed, t.id), "序时推进");
    await type(host, "tasks", COLS.tasks["q1.status"], taskRow(seed, 9), "滞后"); // without 存在问题
    await type(host, "tasks", COLS.tasks["q1.status"], taskRow(seed, 12), ""); // no status ("" clears; null leaves a cell as it is)
    await type(host, "tasks", COLS.tasks["q2.status"], taskRow(seed, 5), "滞后"); // another quarter: not listed for Q1
    const r = await checkWorkbook(runOf(host));
    expect(r.quarter).toBe(1);
    // Each problem once, whatever number of units its task names; in row order.
    expect(r.problems.map((p) => [p.code, p.taskId])).toEqual([
      ["lag-without-problem", 9],
      ["status-missing", 12],
    ]);
    const task9 = seed.tasks.find((t) => t.id === 9)!;
    const units9 = new Set([...task9.lead, ...task9.responsible]);
    expect(units9.size).toBeGreaterThan(1);
    const groups = problemsByUnit(r.problems, { quarter: r.quarter });
    expect(groups.filter((g) => g.problems.some((p) => p.taskId === 9)).map((g) => g.unit)).toEqual([...units9]);
    // Another quarter checked: Q2's problems, not Q1's.
    const q2 = await checkWorkbook(runOf(host), 2);
    expect(q2.problems.some((p) => p.taskId === 5 && p.code === "lag-without-problem")).toBe(true);
    expect(q2.problems.some((p) => p.taskId === 9 && p.code === "lag-without-problem")).toBe(false);
    const p = r.problems.find((x) => x.taskId === 12)!;
    await selectCell(runOf(host), p.sheet, p.row, p.col);
    expect(host.selection).toEqual({ sheet: SHEETS.tasks, area: { r0: p.row, c0: p.col, r1: p.row, c1: p.col } });
    expect(host.activeSheet).toBe(SHEETS.tasks);
    expect(p.cell).toBe(`${COLS.tasks["q1.status"]}${taskRow(seed, 12)}`);
  });

  it("a workbook without a ledger: a LedgerReadError naming the missing sheet (not an unexpected error)", async () => {
    const { host } = createFakeExcel();
    await expect(checkWorkbook(runOf(host))).rejects.toBeInstanceOf(LedgerReadError);
    await expect(checkWorkbook(runOf(host))).rejects.toThrow(/缺少工作表“任务”/);
  });

  it("reads the seed workbook in a few round trips (sheets, their extents, the cells in bands under the response budget)", async () => {
    const { host } = await ledgerWorkbook();
    const before = host.stats.syncs;
    const grid = await readGrid(runOf(host));
    expect(host.stats.syncs - before).toBe(3);
    expect(grid.sheets.map((s) => s.name)).toEqual(SHEET_ORDER.map((k) => SHEETS[k]));
  });
});
