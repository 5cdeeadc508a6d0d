/**
 * A written workbook read back: the reader records where it found every cell and the scores' refs
 * (the reports' 数据来源) cite those cells; a sheet it cannot read is a problem naming its cell, never
 * an empty read; a target's clause comes back verbatim.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parsePlan } from "../shared/plan/parse";
import type { Plan } from "../shared/plan/schema";
import type { Ledger } from "../shared/ledger/schema";
import { buildLayout, ledgerLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger } from "../shared/workbook/reader";
import { updateFromGrid } from "../shared/workbook/update";
import { withArchive, ARCHIVE_REASONS, type ArchivedRow } from "../shared/workbook/sheet.archive";
import { SHEETS } from "../shared/workbook/labels";
import type { SheetGrid, WorkbookGrid } from "../shared/workbook/reader.grid";
import { cellText } from "../shared/workbook/reader.cells";
import { defaultSettings, scoreLedger } from "../shared/scoring/index";
import { parseCellAddress } from "../shared/vocabulary";
import { buildQuarterReport } from "../reports/model/model.report";
import { smallPlan } from "./helpers/small-plan";
import { xlsxToGrid } from "./fixtures/ledger/xlsx";

const seed: Plan = parsePlan(readFileSync(new URL("../seeds/liangping-2023.txt", import.meta.url), "utf8")).plan!;

const filled: Ledger = {
  plan: smallPlan(),
  settings: { ...defaultSettings, quarter: 2 },
  entries: [
    { taskId: 1, quarter: 2, status: "已完成", progress: "完成", problems: "", nextSteps: "" },
    { taskId: 3, quarter: 2, status: "滞后", progress: "", problems: "资金未到位", nextSteps: "" },
  ],
  actuals: [{ targetId: "3.1", quarter: 2, value: 95 }],
  demo: false,
};

async function gridOf(ledger: Ledger, archive: readonly ArchivedRow[] = []): Promise<WorkbookGrid> {
  return xlsxToGrid(await writeWorkbook(withArchive(ledgerLayout(ledger), archive)));
}

const sheetOf = (grid: WorkbookGrid, name: string): SheetGrid => grid.sheets.find((s) => s.name === name)!;

/** A workbook from before plan records: the plan is read from the visible cells. */
function olderWorkbook(grid: WorkbookGrid): WorkbookGrid {
  grid.sheets = grid.sheets.filter((s) => s.name !== SHEETS.record);
  return grid;
}

/** Inserts an empty row above row `at` (0-based) of a sheet, as a user inserting a row would. */
function insertRow(grid: WorkbookGrid, name: string, at: number): void {
  const s = sheetOf(grid, name);
  s.values.splice(at, 0, []);
  s.formulas?.splice(at, 0, []);
}

/** Renames the header label `from` of a sheet. */
function renameHeader(grid: WorkbookGrid, name: string, from: string, to: string): { row: number; col: number } {
  const s = sheetOf(grid, name);
  for (let r = 0; r < s.values.length; r++) {
    const c = (s.values[r] ?? []).findIndex((v) => cellText(v) === from);
    if (c >= 0) {
      s.values[r]![c] = to;
      return { row: r, col: c };
    }
  }
  throw new Error(`no header ${from} in ${name}`);
}

/** The value of the cell a "Sheet!A1" ref names, in the grid. */
function at(grid: WorkbookGrid, ref: string, col: string): unknown {
  const [sheet, a1] = ref.split("!");
  const { row } = parseCellAddress(a1!)!;
  const s = sheetOf(grid, sheet!);
  const header = s.values.findIndex((r) => (r ?? []).some((v) => cellText(v) === col));
  const c = s.values[header]!.findIndex((v) => cellText(v) === col);
  return cellText(s.values[row]?.[c] ?? null);
}

describe("refs and 数据来源 cite the cells the reader found", () => {
  it("cite the right rows after a row is inserted above the 任务 and 指标 headers", async () => {
    const grid = await gridOf(filled);
    const before = scoreLedger(readLedger(grid).ledger, 2, readLedger(grid).locate);
    insertRow(grid, SHEETS.tasks, 1);
    insertRow(grid, SHEETS.targets, 0);
    insertRow(grid, SHEETS.targets, 0);
    const read = readLedger(grid);
    const scores = scoreLedger(read.ledger, 2, read.locate);
    expect(read.ledger.actuals).toEqual(filled.actuals);
    for (const t of scores.tasks) {
      expect(Object.keys(t.refs)).toEqual(["status", "score", "warning"]);
      for (const ref of Object.values(t.refs)) expect(at(grid, ref, "序号"), ref).toBe(String(t.taskId));
    }
    for (const g of scores.targets) {
      expect(Object.keys(g.refs)).toEqual(["actual", "expected", "completion", "state"]);
      for (const ref of Object.values(g.refs)) expect(at(grid, ref, "编号"), ref).toBe(g.targetId);
    }
    // one row down on 任务, two on 指标; the other sheets as before
    const t1 = scores.tasks.find((t) => t.taskId === 1)!;
    expect(t1.refs.status).toBe(before.tasks.find((t) => t.taskId === 1)!.refs.status!.replace(/\d+$/, (n) => String(Number(n) + 1)));
    expect(scores.targets[0]!.refs.actual).toBe(before.targets[0]!.refs.actual!.replace(/\d+$/, (n) => String(Number(n) + 2)));
    expect(scores.units.map((u) => u.refs)).toEqual(before.units.map((u) => u.refs));
    expect(scores.overall.refs).toEqual(before.overall.refs);

    const report = buildQuarterReport(read.ledger, [scoreLedger(read.ledger, 1, read.locate), scores], 2, {
      workbookSha256: "0".repeat(64),
      generatedAt: new Date(0),
      lang: "zh",
    });
    const taskSources = report.summary.sources.filter((s) => s.subject.kind === "task");
    expect(taskSources.length).toBeGreaterThan(0);
    for (const s of taskSources) expect(at(grid, s.cell, "序号"), s.cell).toBe(String((s.subject as { id: number }).id));
    const targetSources = report.scorecards.flatMap((c) => c.sources).filter((s) => s.subject.kind === "target");
    expect(targetSources.length).toBeGreaterThan(0);
    for (const s of targetSources) expect(at(grid, s.cell, "编号"), s.cell).toBe((s.subject as { id: string }).id);
  });

  it("cite units and sections found elsewhere, and leave out a figure whose column was deleted", async () => {
    const grid = await gridOf(filled);
    insertRow(grid, SHEETS.units, 0);
    insertRow(grid, SHEETS.summary, 0);
    const tasks = sheetOf(grid, SHEETS.tasks);
    const warnCol = tasks.values[1]!.findIndex((v) => cellText(v) === "预警");
    for (const row of tasks.values) row.splice(warnCol, 1);
    const read = readLedger(grid);
    const scores = scoreLedger(read.ledger, 2, read.locate);
    for (const u of scores.units) for (const ref of Object.values(u.refs)) expect(at(grid, ref, "单位"), ref).toBe(u.unit);
    for (const s of scores.sections) for (const ref of Object.values(s.refs)) expect(at(grid, ref, "板块"), ref).toBe(s.section);
    expect(at(grid, scores.overall.refs.completion!, "板块")).toBe("全部");
    expect(scores.tasks[0]!.refs.warning).toBeUndefined();
    expect(scores.tasks[0]!.refs.status).toBeDefined();
  });
});

describe("a sheet the reader cannot read is a problem naming its cell", () => {
  const archived: ArchivedRow[] = [1, 2, 3].map((q) => ({
    kind: "entry",
    taskId: 9,
    taskText: "已删除的任务",
    quarter: q as 1 | 2 | 3,
    status: "已完成",
    progress: `第${q}季度`,
    problems: "",
    nextSteps: "",
    targetId: null,
    targetName: null,
    targetUnit: null,
    value: null,
    reason: ARCHIVE_REASONS.taskRemoved,
  }));

  it("归档 with 原序号 renamed: a problem at the header, and an update refuses unless forced", async () => {
    const grid = await gridOf(filled, archived);
    expect(readLedger(grid).archive).toHaveLength(3);
    const cell = renameHeader(grid, SHEETS.archive, "原序号", "序号");
    const read = readLedger(grid);
    expect(read.archive).toEqual([]);
    const p = read.problems.find((x) => x.sheet === SHEETS.archive)!;
    expect(p).toMatchObject({ code: "sheet-unreadable", cell: "A2", row: cell.row, col: cell.col, severity: "error" });
    expect(p.message).toMatch(/原序号.*归档/);
    const refused = updateFromGrid(grid, null);
    expect(refused).toMatchObject({ ok: false, reason: "lossy" });
    expect(refused.ok === false && refused.reason === "lossy" && refused.problems.map((x) => `${x.sheet}!${x.cell}`)).toContain("归档!A2");
    const forced = updateFromGrid(grid, null, { force: true });
    expect(forced.ok && forced.overridden.map((x) => x.code)).toContain("sheet-unreadable");
  });

  it("an 归档 row whose 季度 cannot be read is a problem, not dropped silently", async () => {
    const grid = await gridOf(filled, archived);
    sheetOf(grid, SHEETS.archive).values[3]![2] = "五季度";
    const read = readLedger(grid);
    expect(read.archive).toHaveLength(2);
    expect(read.problems).toContainEqual(expect.objectContaining({ sheet: SHEETS.archive, cell: "C4", code: "archive-row-invalid" }));
    expect(updateFromGrid(grid, null)).toMatchObject({ ok: false, reason: "lossy" });
  });

  it("(no plan record) 单位 with 类型 renamed: a problem at the header, and kinds from the names, not all 其他", async () => {
    const grid = olderWorkbook(await gridOf(filled));
    renameHeader(grid, SHEETS.units, "类型", "单位类别");
    const read = readLedger(grid);
    const p = read.problems.find((x) => x.sheet === SHEETS.units)!;
    expect(p).toMatchObject({ code: "sheet-unreadable", cell: "B2", severity: "warning" });
    expect(p.message).toMatch(/类型.*按单位名称重新判断/);
    const kind = Object.fromEntries(read.ledger.plan.units.map((u) => [u.name, u.kind]));
    expect(kind).toMatchObject({ 区发展改革委: "department", 梁山街道: "township", "各乡镇（街道）": "collective", 有关单位: "collective" });
    const ranks = scoreLedger(read.ledger, 2).units;
    expect(ranks.find((u) => u.unit === "梁山街道")!.rank).toBe(1);
  });

  it("(no plan record) 汇总 with 名称 renamed, 说明 with 方案 renamed: problems at their cells", async () => {
    const grid = olderWorkbook(await gridOf(filled));
    renameHeader(grid, SHEETS.summary, "名称", "板块名称");
    const guide = renameHeader(grid, SHEETS.guide, "方案", "方案全称");
    const read = readLedger(grid);
    expect(read.problems).toContainEqual(expect.objectContaining({ sheet: SHEETS.summary, cell: "B2", code: "sheet-unreadable", severity: "error" }));
    expect(read.problems).toContainEqual(expect.objectContaining({ sheet: SHEETS.guide, row: guide.row, col: 0, code: "sheet-unreadable" }));
    expect(read.ledger.plan.sections.map((s) => s.title)).toEqual(["", ""]);
    expect(read.ledger.plan.meta.title).toBeNull();
    expect(read.ledger.plan.meta.documentNumber).toBe(smallPlan().meta.documentNumber);
  });

  it("a workbook as written reads without a problem", async () => {
    const read = readLedger(await gridOf(filled, archived));
    expect(read.problems).toEqual([]);
    expect(read.archive).toHaveLength(3);
  });
});

describe("target texts", () => {
  it("come back verbatim after a workbook round trip of the seed", async () => {
    const read = readLedger(await xlsxToGrid(await writeWorkbook(buildLayout(seed))));
    const want = seed.tasks.flatMap((t) => t.targets.map((g) => [g.id, g.text]));
    expect(want.length).toBeGreaterThan(20);
    expect(read.ledger.plan.tasks.flatMap((t) => t.targets.map((g) => [g.id, g.text]))).toEqual(want);
  });

  it("are rebuilt from the cells in a workbook without the hidden 原文 column (and no plan record)", async () => {
    const grid = olderWorkbook(await gridOf(filled));
    const s = sheetOf(grid, SHEETS.targets);
    const c = s.values[1]!.findIndex((v) => cellText(v) === "原文");
    expect(c).toBeGreaterThan(0);
    for (const row of s.values) row.splice(c, 1);
    const read = readLedger(grid);
    expect(read.ledger.plan.tasks[0]!.targets[0]!.text).toBe("地区生产总值增长不低于7%");
  });
});
