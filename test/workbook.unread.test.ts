/**
 * Nothing unread: what staff see in a ledger is either read or reported. Each class of unread cell
 * (merged input cells, a value over a formula, a filled copy of a sheet, rows without 序号, a block
 * below or right of a table) is a problem naming the cells and where their content belongs; and on
 * randomly edited ledgers every non-empty cell is read (index) or named by a problem (property).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ledgerLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger, type ReadResult } from "../shared/workbook/reader";
import { checkLedger } from "../shared/workbook/check";
import { updateFromGrid } from "../shared/workbook/update";
import { SETTINGS_LABELS, SHEETS, TASK_COLUMNS, TARGET_COLUMNS, quarterLabels } from "../shared/workbook/labels";
import { META_LABELS } from "../shared/workbook/sheet.guide";
import { cellText, labelKey } from "../shared/workbook/reader.cells";
import { Sheet, type LedgerProblem, type SheetGrid, type WorkbookGrid } from "../shared/workbook/reader.grid";
import { namesCell, parseRange } from "../shared/workbook/unread";
import { QUARTER_NAMES, STATUS_WORDS, cellAddress } from "../shared/vocabulary";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { mergedAddresses } from "../addin/excel/ledger.officejs";
import { smallLedger } from "./fixtures/ledger/plans";
import { setCell } from "./fixtures/ledger/grid";
import { xlsxToGrid } from "./fixtures/ledger/xlsx";
import { recalc } from "./helpers/libreoffice";

const ledger = smallLedger(); // 当前季度 3; tasks 1–6 on rows 3–8, targets on rows 3–7
const written = await writeWorkbook(ledgerLayout(ledger));
const fresh = async (): Promise<WorkbookGrid> => xlsxToGrid(written);
const sheetOf = (g: WorkbookGrid, name: string): SheetGrid => g.sheets.find((s) => s.name === name)!;
const UNREAD_CODES = new Set<LedgerProblem["code"]>(["merged-cells", "computed-value", "foreign-content", "unread-row", "unread-outside"]);
const unreadOf = (r: ReadResult) => r.problems.filter((p) => UNREAD_CODES.has(p.code));
const brief = (p: LedgerProblem) => `${p.severity} ${p.code} ${p.sheet}!${p.range ?? p.cell}`;
/** Types a constant into a cell, as a person would: the cell's formula, if any, is gone. */
function typeInto(g: WorkbookGrid, sheet: string, a1: string, v: unknown): void {
  setCell(g, sheet, a1, v);
  const at = parseRange(a1)!;
  const f = sheetOf(g, sheet).formulas?.[at.top];
  if (f) f[at.left] = null;
}

describe("each class of unread cell is a problem naming the cells and where they belong", () => {
  it("reports nothing on an untouched ledger", async () => {
    expect(readLedger(await fresh()).problems).toEqual([]);
  });

  it("names a merge over input cells of data rows (the rows below read empty)", async () => {
    const g = await fresh();
    setCell(g, SHEETS.tasks, "P3", "三个任务一起推进");
    sheetOf(g, SHEETS.tasks).merges = ["P3:P5", "A1:F1"]; // the title merge is fine
    const ps = unreadOf(readLedger(g));
    expect(ps.map(brief)).toEqual(["error merged-cells 任务!P3:P5"]);
    expect(ps[0]!.message).toContain("合并单元格会使下方各行读作空白，请取消合并，每行分别填写");
  });

  it("names a value typed into a computed column, and which input column it belongs in", async () => {
    const g = await fresh();
    typeInto(g, SHEETS.tasks, "W4", "已完成"); // 本季度状态 of task 2: a constant, not read
    typeInto(g, SHEETS.targets, "O4", 5.5); // 本季度实际值 of target 2.1
    const read = readLedger(g);
    expect(read.ledger.entries.some((e) => e.taskId === 2 && e.quarter === 3)).toBe(false);
    const ps = unreadOf(read);
    expect(ps.map(brief)).toEqual(["error computed-value 任务!W4", "error computed-value 指标!O4"]);
    expect(ps[0]!.message).toMatch(/未读取.*请在“三季度状态”列（O 列）选择/);
    expect(ps[1]!.message).toMatch(/未读取.*请填在“三季度实际值”列（M 列）/);
    expect(ps[0]!.message).not.toContain("不受影响");
  });

  it("names a filled copy of 任务 by its first filled cell", async () => {
    const g = await fresh();
    const copy = structuredClone(sheetOf(g, SHEETS.tasks));
    g.sheets.push({ ...copy, name: "任务 (2)" });
    const ps = unreadOf(readLedger(g));
    expect(ps.map((p) => [p.code, p.sheet, p.cell])).toEqual([["foreign-content", "任务 (2)", "A1"]]);
    expect(ps[0]!.message).toContain("未读取");
    expect(ps[0]!.message).toContain("请把填报内容填在“任务”表");
  });

  it("names rows without 序号 inside the table, and a block pasted below it, once per block", async () => {
    const g = await fresh();
    const tasks = sheetOf(g, SHEETS.tasks);
    // a row a unit added between tasks 3 and 4, without 序号
    tasks.values.splice(5, 0, [null, null, null, "新增：智慧城市", "区大数据局", null, null, null, null, null, null, null, null, null, "序时推进", "已启动"]);
    tasks.formulas?.splice(5, 0, []);
    // a pasted block of 40 rows below the table
    for (let i = 0; i < 40; i++) {
      setCell(g, SHEETS.tasks, `B${12 + i}`, `附件${i + 1}`);
      setCell(g, SHEETS.tasks, `D${12 + i}`, `说明${i + 1}`);
    }
    const read = readLedger(g);
    expect(read.ledger.plan.tasks.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6]);
    const ps = unreadOf(read);
    expect(ps.map(brief)).toEqual(["error unread-row 任务!D6:P6", "error unread-outside 任务!B12:D51"]);
    expect(ps[0]!.message).toContain("没有有效的序号，本行内容未读取");
    expect(ps[1]!.message).toContain("表格下方");
  });

  it("gives a row the reader already reported the row's cells instead of a second problem", async () => {
    const g = await fresh();
    setCell(g, SHEETS.tasks, "A4", "二"); // 序号 not a number: the reader skips the row
    const read = readLedger(g);
    // (the plan record also names the task this row should hold: plan-row-missing, a different problem)
    const row = read.problems.filter((p) => p.code !== "plan-row-missing" && p.row === 3 && p.sheet === SHEETS.tasks);
    expect(row.map((p) => [p.code, p.cell])).toEqual([["task-id-invalid", "A4"]]);
    expect(parseRange(row[0]!.range!)).toMatchObject({ top: 3, left: 0, bottom: 3 });
  });

  it("names a column a user added, and content in 设置 or 说明 that no setting reads", async () => {
    const g = await fresh();
    setCell(g, SHEETS.tasks, "Z2", "备注");
    setCell(g, SHEETS.tasks, "Z4", "领导批示：加快推进");
    setCell(g, SHEETS.settings, "E3", "下季度改为 4");
    setCell(g, SHEETS.guide, "C2", "联系人：王五");
    const ps = unreadOf(readLedger(g));
    expect(ps.map(brief)).toEqual(["error unread-outside 说明!C2", "error foreign-content 任务!Z2:Z4", "error unread-outside 设置!E3"]);
    expect(ps[1]!.cell).toBe("Z4");
    expect(ps[1]!.message).toContain("“备注”列不是台账的列");
  });

  it("keeps the problems' ranges through check, and an update refuses to drop unread cells", async () => {
    const g = await fresh();
    setCell(g, SHEETS.tasks, "B12", "附件");
    setCell(g, SHEETS.tasks, "C13", "附件2");
    const checked = checkLedger(g);
    expect(checked.ok && checked.problems.find((p) => p.code === "unread-outside")?.range).toBe("B12:C13");
    const up = updateFromGrid(g, null);
    expect(up.ok === false && up.reason === "lossy" && up.problems.map((p) => p.range)).toEqual(["B12:C13"]);
  });

  it("reads Office.js merged areas' addresses", () => {
    expect(mergedAddresses("任务!H5:H9, 任务!J5:J6")).toEqual(["H5:H9", "J5:J6"]);
    expect(mergedAddresses("'任务 (2)'!$A$1:$B$2")).toEqual(["A1:B2"]);
  });
});

// ---- the property -------------------------------------------------------------------------------

/** Cells the reader read, re-derived from the index (and, for 设置 / 说明, their label rows). */
function readCells(read: ReadResult, grid: WorkbookGrid): (sheet: string, row: number, col: number) => boolean {
  const table = (name: string, cells: { rows: ReadonlyMap<unknown, number>; cols: Partial<Record<string, number>> }, computed: readonly string[]) => {
    const rows = new Set(cells.rows.values());
    const cols = new Map(Object.entries(cells.cols).map(([k, c]) => [c!, k]));
    const first = Math.min(...rows);
    return (row: number, col: number) => {
      const k = cols.get(col);
      if (k === undefined) return false;
      if (row < first) return true; // the header (labels as found)
      return rows.has(row) && !computed.includes(k);
    };
  };
  const c = read.index.cells;
  const byName: Record<string, (row: number, col: number) => boolean> = {
    [SHEETS.tasks]: table(SHEETS.tasks, c.tasks, ["currentStatus", "completion", "warning"]),
    [SHEETS.targets]: table(SHEETS.targets, c.targets, ["currentActual", "expected", "completion", "state"]),
    [SHEETS.units]: table(SHEETS.units, c.units, ["lead", "responsible", "completed", "lagging", "unreported", "targetRate", "score", "rank"]),
    [SHEETS.summary]: table(SHEETS.summary, c.summary, [
      "tasks",
      "completed",
      "onPace",
      "lagging",
      "notStarted",
      "unreported",
      "targets",
      "targetsMet",
      "targetsOnPace",
      "targetsBehind",
      "completion",
    ]),
  };
  const labelRows = (name: string, labelCol: number, labels: string[], max: number): Set<number> => {
    const s = grid.sheets.find((x) => x.name === name);
    const out = new Set<number>();
    if (!s) return out;
    const sh = new Sheet(s);
    const seen = new Set<string>();
    for (let r = 0; r < Math.min(sh.rowCount, max); r++) {
      const k = labelKey(sh.get(r, labelCol));
      if (labels.includes(k) && !seen.has(k)) [seen.add(k), out.add(r)];
    }
    return out;
  };
  const q = read.index.settingsQuarterCell!;
  const settingsRows = labelRows(
    SHEETS.settings,
    q.col - 1,
    [
      SETTINGS_LABELS.quarter,
      SETTINGS_LABELS.leadWeight,
      SETTINGS_LABELS.responsibleWeight,
      SETTINGS_LABELS.tolerance,
      ...STATUS_WORDS,
      ...Object.values(QUARTER_NAMES),
    ].map(labelKey),
    60,
  );
  const guideRows = labelRows(SHEETS.guide, 0, Object.values(META_LABELS).flat().map(labelKey), 40);
  byName[SHEETS.settings] = (row, col) => settingsRows.has(row) && (col === q.col || col === q.col - 1);
  byName[SHEETS.guide] = (row, col) => guideRows.has(row) && col <= 1;
  return (sheet, row, col) => byName[sheet]?.(row, col) ?? false;
}

type Edit =
  | { kind: "type"; sheet: number; row: number; col: number; value: string | number }
  | { kind: "merge"; sheet: number; row: number; col: number; rows: number; cols: number }
  | { kind: "insertRow"; sheet: number; at: number }
  | { kind: "insertCol"; sheet: number; at: number }
  | { kind: "addSheet"; copyOf: number | null };

const value = fc.oneof(
  fc.string({ unit: fc.constantFrom("填", "报", "x", "7", "注", " "), minLength: 1, maxLength: 6 }).map((s) => `填${s}`),
  fc.integer({ min: -5, max: 2000 }),
  fc.double({ min: 0, max: 100, noNaN: true }),
);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant("type" as const), sheet: fc.nat({ max: 7 }), row: fc.nat({ max: 20 }), col: fc.nat({ max: 30 }), value }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("merge" as const),
      sheet: fc.nat({ max: 7 }),
      row: fc.nat({ max: 12 }),
      col: fc.nat({ max: 26 }),
      rows: fc.integer({ min: 1, max: 3 }),
      cols: fc.integer({ min: 1, max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("insertRow" as const), sheet: fc.nat({ max: 7 }), at: fc.integer({ min: 2, max: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("insertCol" as const), sheet: fc.nat({ max: 7 }), at: fc.integer({ min: 1, max: 26 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("addSheet" as const), copyOf: fc.option(fc.nat({ max: 6 })) }) },
);

/**
 * Applies edits in the order a person's session leaves them: structure (sheets, rows, columns),
 * then typing, then merges (a merge keeps only its top-left value). Returns the cells typed into.
 */
function applyEdits(grid: WorkbookGrid, edits: readonly Edit[]): Set<string> {
  const order = (e: Edit) => (e.kind === "addSheet" ? 0 : e.kind === "insertRow" || e.kind === "insertCol" ? 1 : e.kind === "type" ? 2 : 3);
  const typed = new Set<string>();
  const pick = (i: number) => grid.sheets[i % grid.sheets.length]!;
  for (const e of [...edits].sort((a, b) => order(a) - order(b))) {
    if (e.kind === "addSheet") {
      const src = e.copyOf === null ? null : pick(e.copyOf);
      const name = src ? `${src.name} (${grid.sheets.length})` : `Sheet${grid.sheets.length}`;
      grid.sheets.push(src ? { ...structuredClone(src), name } : { name, values: [[null, "我的笔记"]] });
      if (src) {
        for (const [r, row] of src.values.entries()) for (const [c, v] of (row ?? []).entries()) if (cellText(v)) typed.add(`${name}!${r},${c}`);
      } else {
        typed.add(`${name}!0,1`);
      }
    } else if (e.kind === "insertRow") {
      const s = pick(e.sheet);
      s.values.splice(e.at, 0, []);
      s.formulas?.splice(e.at, 0, []);
    } else if (e.kind === "insertCol") {
      const s = pick(e.sheet);
      for (const row of s.values) if (row && row.length > e.at) row.splice(e.at, 0, null);
      for (const row of s.formulas ?? []) if (row && row.length > e.at) row.splice(e.at, 0, null);
    } else if (e.kind === "type") {
      const s = pick(e.sheet);
      setCell(grid, s.name, cellAddress(e.row, e.col), e.value);
      const f = s.formulas?.[e.row];
      if (f) f[e.col] = null;
      if (cellText(e.value)) typed.add(`${s.name}!${e.row},${e.col}`);
    } else {
      const s = pick(e.sheet);
      const b = { top: e.row, left: e.col, bottom: e.row + e.rows - 1, right: e.col + e.cols - 1 };
      if (
        e.rows * e.cols === 1 ||
        (s.merges ?? []).some((m) => {
          const x = parseRange(m)!;
          return !(x.bottom < b.top || x.top > b.bottom || x.right < b.left || x.left > b.right);
        })
      )
        continue;
      s.merges = [...(s.merges ?? []), `${cellAddress(b.top, b.left)}:${cellAddress(b.bottom, b.right)}`];
      for (let r = b.top; r <= b.bottom; r++)
        for (let c = b.left; c <= b.right; c++)
          if (r !== b.top || c !== b.left) {
            if (s.values[r]) s.values[r]![c] = null;
            if (s.formulas?.[r]) s.formulas[r]![c] = null;
            typed.delete(`${s.name}!${r},${c}`);
          }
    }
  }
  return typed;
}

/** The cells that break the property: typed into (or on an added sheet), not read, not named by a problem. */
function unaccounted(grid: WorkbookGrid, typed: ReadonlySet<string>, read: ReadResult): string[] {
  const isRead = readCells(read, grid);
  const bad: string[] = [];
  for (const g of grid.sheets) {
    const s = new Sheet(g);
    for (let r = 0; r < s.rowCount; r++)
      for (let c = 0; c < s.colCount; c++) {
        if (cellText(s.get(r, c)) === "" || !typed.has(`${g.name}!${r},${c}`)) continue;
        if (isRead(g.name, r, c)) continue;
        if (read.problems.some((p) => p.sheet === g.name && namesCell(p, r, c))) continue;
        bad.push(`${g.name}!${cellAddress(r, c)}=${cellText(s.get(r, c))}`);
      }
  }
  return bad;
}

describe("every non-empty cell is read or reported (property)", () => {
  it("holds on randomly edited ledgers (grids)", async () => {
    const base = await fresh();
    await fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const grid = structuredClone(base);
        const typed = applyEdits(grid, edits);
        let read: ReadResult;
        try {
          read = readLedger(grid);
        } catch {
          return true; // not a ledger any more (a header typed over): the CLI refuses the file, nothing is read
        }
        expect(unaccounted(grid, typed, read)).toEqual([]);
        // and every merge over a table's data rows is named as such
        for (const g of grid.sheets)
          for (const m of g.merges ?? []) {
            const b = parseRange(m)!;
            const first = Math.min(
              ...(g.name === SHEETS.tasks ? read.index.taskRow.values() : g.name === SHEETS.targets ? read.index.targetRow.values() : [Infinity]),
            );
            if (b.bottom >= first) expect(read.problems.some((p) => p.code === "merged-cells" && p.sheet === g.name && p.range === m)).toBe(true);
          }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe("a ledger saved by LibreOffice", () => {
  it("keeps merges and stray values, and they are still reported", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(written) as unknown as ArrayBuffer);
    const tasks = wb.getWorksheet(SHEETS.tasks)!;
    tasks.getCell("P3").value = "三个任务一起推进";
    tasks.mergeCells("P3:P5");
    tasks.getCell("W4").value = "已完成"; // over the 本季度状态 formula
    tasks.getCell("B12").value = "附件：明细表";
    tasks.getCell("C13").value = 42;
    wb.getWorksheet(SHEETS.targets)!.getCell("Z5").value = "备注：口径调整";
    const copy = wb.addWorksheet("任务 (2)");
    copy.getCell("O4").value = "已完成";
    const dir = mkdtempSync(join(tmpdir(), "unread-"));
    const path = join(dir, "edited.xlsx");
    writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer()));
    const saved = await recalc(path);
    const grid = await loadWorkbookGrid(new Uint8Array(readFileSync(saved)), saved);
    expect(sheetOf(grid, SHEETS.tasks).merges).toContain("P3:P5");
    const read = readLedger(grid);
    expect(unreadOf(read).map(brief)).toEqual([
      "error computed-value 任务!W4",
      "error unread-outside 任务!B12:C13",
      "error merged-cells 任务!P3:P5",
      "error foreign-content 指标!Z5",
      "error foreign-content 任务 (2)!O4",
    ]);
    expect(read.problems.find((p) => p.sheet === "任务 (2)")!.message).toContain("请把填报内容填在“任务”表");
  }, 120_000);
});
