/**
 * Nothing unread: after a read, every non-empty cell of every sheet is accounted for. It is either a
 * cell the reader read (ReadResult.index: a table's header, its rows and the columns found), the
 * layout's own text in its place (a sheet's title, a formula in a computed column, the labels and
 * notes of 设置 and 说明), or it is named by a problem (its `cell` or `range`) saying that it was not
 * read and where its content belongs:
 * - merged-cells: a merge over data rows (the rows below its top-left cell read empty);
 * - computed-value: a constant where the layout has a formula (one problem per run of cells);
 * - foreign-content: a column the ledger does not have, content right of a table, a sheet that is not
 *   the ledger's (a filled copy 任务 (2));
 * - unread-row: a row the reader skipped (no readable 序号 …); a row the reader already reported
 *   gets that problem's range instead of a second problem;
 * - unread-outside: content above a header, below a table's last row, or off the read cells of 设置 / 说明.
 * One problem per contiguous block, never one per cell. Pure: works on value grids (reader.grid.ts).
 */
import type { Plan } from "../plan/schema";
import type { Quarter } from "../ledger/schema";
import { cellAddress, colLetter, parseCellAddress } from "../vocabulary";
import { SHEETS, SHEET_NAMES, quarterLabels, type SheetKey } from "./labels";
import type { ColumnLayout } from "./layout.types";
import { sheetTitle } from "./layout.common";
import { buildLayout } from "./layout";
import { guideSheet } from "./sheet.guide";
import { settingsSheet } from "./sheet.settings";
import { cellText, labelKey } from "./reader.cells";
import { Sheet, findSheet, type LedgerProblem, type WorkbookGrid } from "./reader.grid";
import type { ReadResult } from "./read-result";
import { isRecordLabel, recordNote } from "./sheet.record";
import { isIdentityLabel } from "./sheet.identity";
import { isUnitGuideLabel } from "./sheet.unit-guide";
import { IDENTITY_LABELS, UNIT_SHEETS } from "./labels";
import type { ArchiveCells } from "./sheet.archive";

type Read = Pick<ReadResult, "ledger" | "index" | "problems" | "unit">;
interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
interface At {
  row: number;
  col: number;
}

/** "C7" or "C7:F9" */
export function rangeAddress(b: Box): string {
  const a = cellAddress(b.top, b.left);
  return b.top === b.bottom && b.left === b.right ? a : `${a}:${cellAddress(b.bottom, b.right)}`;
}

/** "C7:F9" (or "C7") → its box; null when not an A1 range. */
export function parseRange(range: string): Box | null {
  const [a, b = a] = range.split(":");
  const p = parseCellAddress(a ?? "");
  const q = parseCellAddress(b ?? "");
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

function boxOf(cells: readonly At[]): Box {
  const b = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
  for (const c of cells) {
    b.top = Math.min(b.top, c.row);
    b.bottom = Math.max(b.bottom, c.row);
    b.left = Math.min(b.left, c.col);
    b.right = Math.max(b.right, c.col);
  }
  return b;
}

/** Cells grouped into blocks of consecutive rows (an empty row ends a block), in row order. */
function rowBlocks(cells: readonly At[]): At[][] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const out: At[][] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && c.row - last[last.length - 1]!.row <= 1) last.push(c);
    else out.push([c]);
  }
  return out;
}

function unread(
  sheet: string,
  cells: readonly At[],
  code: LedgerProblem["code"],
  message: (range: string) => string,
  severity: LedgerProblem["severity"] = "error",
): LedgerProblem {
  const first = [...cells].sort((a, b) => a.row - b.row || a.col - b.col)[0]!;
  const range = rangeAddress(boxOf(cells));
  return { sheet, cell: cellAddress(first.row, first.col), row: first.row, col: first.col, range, code, message: message(range), severity };
}

/** Every non-empty cell of a sheet, row by row. */
function filledCells(sheet: Sheet): At[] {
  const out: At[] = [];
  for (let r = 0; r < sheet.rowCount; r++) for (let c = 0; c < sheet.colCount; c++) if (cellText(sheet.get(r, c)) !== "") out.push({ row: r, col: c });
  return out;
}

/** A formula cell: by the grid's formulas when it carries them, else by the value's shape (exceljs). */
function isFormula(sheet: Sheet, r: number, c: number): boolean {
  const f = sheet.isFormula(r, c);
  if (f !== null) return f;
  const v = sheet.get(r, c);
  return typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v);
}

// The columns of each table sheet as the layout declares them (they do not depend on the plan).
let layoutColumns: Map<SheetKey, ColumnLayout[]> | null = null;
function columnsOf(key: SheetKey): ColumnLayout[] {
  if (!layoutColumns) {
    const empty: Plan = { meta: { title: null, year: null, issuer: null, documentNumber: null, date: null }, sections: [], tasks: [], units: [] };
    layoutColumns = new Map(buildLayout(empty).sheets.map((s) => [s.key, s.columns]));
  }
  return layoutColumns.get(key) ?? [];
}
const isComputed = (c: ColumnLayout | undefined) => c?.style.startsWith("computed") === true;

/** Where content of a table sheet belongs, for the messages. */
function hint(key: SheetKey, q: Quarter): string {
  const l = quarterLabels(q);
  switch (key) {
    case "tasks":
      return `填报内容请填在对应任务（有序号的行）的“${l.status}”“${l.progress}”“${l.problems}”“${l.nextSteps}”等列；新增任务须由督查办修改方案后更新台账`;
    case "targets":
      return `实际值请填在对应指标所在行的“${l.actual}”等列`;
    case "archive":
      return `“${SHEETS.archive}”表只保存更新时移出方案的内容，不需填写；填报内容请填在“${SHEETS.tasks}”表和“${SHEETS.targets}”表`;
    case "changelog":
    case "collection":
      return `“${SHEETS[key]}”表由回收汇总（plan-ledger merge）写入，不需填写；填报内容请填在“${SHEETS.tasks}”表和“${SHEETS.targets}”表`;
    default:
      return `“${SHEET_NAMES[key]}”表由公式汇总，不需填写；填报内容请填在“${SHEETS.tasks}”表和“${SHEETS.targets}”表`;
  }
}

/** What a computed column's value is made of and where to fill that in. */
function computedHint(key: SheetKey, colKey: string, q: Quarter, letter: (k: string) => string): string {
  const l = quarterLabels(q);
  const statusAt = `“${l.status}”列（${letter(`q${q}.status`)} 列）`;
  const actualAt = `“${l.actual}”列（${letter(`q${q}.actual`)} 列）`;
  if (key === "tasks") {
    if (colKey === "currentStatus") return `本季度状态请在${statusAt}选择`;
    return `该列由本季度状态计算，请在${statusAt}选择状态（滞后时在“${l.problems}”列写明原因）`;
  }
  if (key === "targets") {
    if (colKey === "currentActual") return `本季度实际值请填在${actualAt}`;
    return `该列由目标值和实际值计算，实际值请填在${actualAt}`;
  }
  return `该列由“${SHEETS.tasks}”表和“${SHEETS.targets}”表的填报汇总计算，不需填写`;
}

/**
 * The value a mirror column (本季度状态, 本季度实际值) shows in a row, as read from its input column;
 * undefined for the other computed columns. (Maps built once per read.)
 */
function mirrorOf(read: Read): (key: SheetKey, colKey: string, row: number) => string | undefined {
  const q = read.ledger.settings.quarter;
  const status = new Map(read.ledger.entries.filter((e) => e.quarter === q).map((e) => [read.index.taskRow.get(e.taskId), e.status ?? ""]));
  const actual = new Map(read.ledger.actuals.filter((a) => a.quarter === q).map((a) => [read.index.targetRow.get(a.targetId), cellText(a.value)]));
  return (key, colKey, row) => {
    if (key === "tasks" && colKey === "currentStatus") return status.get(row) ?? "";
    if (key === "targets" && colKey === "currentActual") return actual.get(row) ?? "";
    return undefined;
  };
}

/**
 * Which cell is the sheet's title: the layout's title where it is, else (a workbook laid out by
 * another tool) the first cell naming the sheet. Nothing else passes as a title.
 */
function titleRule(sheet: Sheet, name: string, own: string, candidates: readonly At[]): (a: At) => boolean {
  const text = (a: At) => cellText(sheet.get(a.row, a.col));
  const at = candidates.find((a) => text(a) === own) ?? candidates.find((a) => text(a).includes(name));
  return (a) => at !== undefined && a.row === at.row && a.col === at.col;
}

/** Where the reader found a table: header row, rows read, column → layout key (readArchive records the same). */
type TableRead = ArchiveCells;

/** The header row: the first row where every column found holds its label (as locateTable found them). */
function headerRowOf(sheet: Sheet, cols: ReadonlyMap<number, string>, labels: ReadonlyMap<string, string>): number | null {
  for (let r = 0; r < Math.min(sheet.rowCount, 20); r++) {
    if ([...cols].every(([c, k]) => labelKey(sheet.get(r, c)) === labelKey(labels.get(k) ?? null))) return r;
  }
  return null;
}

/** Where the reader found the table of a sheet (null: it found none). */
function tableRead(key: SheetKey, sheet: Sheet, read: Read): TableRead | null {
  const labels = new Map(columnsOf(key).map((c) => [c.key, c.label ?? ""]));
  if (key === "archive") return read.index.archiveCells;
  if (key === "changelog") return read.index.changelogCells;
  if (key === "collection") return read.index.collectionCells;
  const cells = read.index.cells[key as "tasks" | "targets" | "units" | "summary"];
  const cols = new Map(Object.entries(cells.cols).map(([k, c]) => [c as number, k]));
  if (cols.size === 0) return null;
  const headerRow = headerRowOf(sheet, cols, labels);
  return headerRow === null ? null : { headerRow, rows: new Set(cells.rows.values()), cols };
}

function tableProblems(key: SheetKey, sheet: Sheet, merges: readonly string[], read: Read, problems: LedgerProblem[]): LedgerProblem[] {
  const out: LedgerProblem[] = [];
  const q = read.ledger.settings.quarter;
  const t = tableRead(key, sheet, read);
  const filled = filledCells(sheet);
  if (!t) {
    // The reader said why (sheet-unreadable): that problem covers the whole sheet.
    if (filled.length === 0) return out;
    const said = problems.find((p) => p.sheet === sheet.name && !p.range);
    const range = rangeAddress(boxOf(filled));
    if (said) said.range = range;
    else out.push(unread(sheet.name, filled, "unread-outside", (r) => `“${sheet.name}”表的表格无法识别，${r} 的内容未读取；${hint(key, q)}`));
    return out;
  }
  const layout = new Map(columnsOf(key).map((c) => [c.key, c]));
  const colOfKey = new Map([...t.cols].map(([c, k]) => [k, c]));
  const letter = (k: string) => {
    const c = colOfKey.get(k);
    return c === undefined ? "?" : colLetter(c + 1);
  };
  const lastRead = Math.max(t.headerRow, ...t.rows);
  const isTitle = titleRule(
    sheet,
    SHEET_NAMES[key],
    sheetTitle(read.ledger.plan, key, read.ledger.demo),
    filled.filter((x) => x.row < t.headerRow),
  );
  const above: At[] = [];
  const foreign = new Map<number, At[]>();
  const computed = new Map<number, number[]>();
  const mirrored = mirrorOf(read);
  const add = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  const rowsUnread = new Map<number, At[]>();
  for (const cell of filled) {
    const { row: r, col: c } = cell;
    if (r < t.headerRow) {
      if (!isTitle(cell)) above.push(cell);
    } else if (r === t.headerRow || t.rows.has(r)) {
      const k = t.cols.get(c);
      if (k === undefined) add(foreign, c, cell);
      else if (r > t.headerRow && isComputed(layout.get(k)) && !isFormula(sheet, r, c)) add(computed, c, r);
    } else {
      add(rowsUnread, r, cell);
    }
  }
  const name = sheet.name;
  if (above.length) out.push(unread(name, above, "unread-outside", (r) => `表头上方 ${r} 的内容未读取（不在表格内）；${hint(key, q)}`));

  // Columns the ledger does not have: one problem per run of adjacent columns.
  const fcols = [...foreign.keys()].sort((a, b) => a - b);
  for (let i = 0; i < fcols.length;) {
    let j = i;
    while (j + 1 < fcols.length && fcols[j + 1] === fcols[j]! + 1) j++;
    const run = fcols.slice(i, j + 1);
    i = j + 1;
    const cells = run.flatMap((c) => foreign.get(c)!);
    const content = cells.filter((x) => x.row > t.headerRow);
    const labels = run.map((c) => cellText(sheet.get(t.headerRow, c))).filter((s) => s !== "");
    const what = labels.length ? `“${labels.join("”“")}”列不是台账的列` : "表格右侧没有台账表头的列";
    if (content.length === 0) {
      out.push(unread(name, cells, "foreign-content", (r) => `${what}（${r}，目前没有内容），其中填写的内容不会被读取，更新台账也不保留`, "warning"));
      continue;
    }
    const p = unread(name, cells, "foreign-content", (r) => `${what}，${r} 的内容未读取，更新台账也不保留；${hint(key, q)}`);
    const first = content.sort((a, b) => a.row - b.row || a.col - b.col)[0]!;
    out.push({ ...p, row: first.row, col: first.col, cell: cellAddress(first.row, first.col) });
  }

  // Constants in computed columns: one problem per run of consecutive rows of a column.
  for (const [c, rows] of computed) {
    const k = t.cols.get(c)!;
    const label = layout.get(k)?.label ?? colLetter(c + 1);
    const sorted = rows.sort((a, b) => a - b);
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
      const run = sorted.slice(i, j + 1);
      i = j + 1;
      // a copy of what the reader read elsewhere (paste-as-values) loses nothing: a warning
      const stale = run.every((r) => mirrored(key, k, r) === cellText(sheet.get(r, c)));
      out.push(
        unread(
          name,
          run.map((r) => ({ row: r, col: c })),
          "computed-value",
          (r) =>
            `“${label}”列 ${r} 的 ${run.length} 个单元格是填入的值而不是公式，未读取：${computedHint(key, k, q, letter)}（plan-ledger workbook --update 本文件 可恢复公式）`,
          stale || mirrored(key, k, run[0]!) === undefined ? "warning" : "error",
        ),
      );
    }
  }

  // Rows the reader skipped: the reader's own problem on the row gets the row's cells; else one problem per block.
  const blocks: At[] = [];
  for (const [r, cells] of rowsUnread) {
    const said = problems.find((p) => p.sheet === name && p.row === r && !p.range);
    if (said) said.range = rangeAddress(boxOf([...cells, { row: said.row, col: said.col }]));
    else blocks.push(...cells);
  }
  for (const block of rowBlocks(blocks)) {
    const top = block[0]!.row + 1;
    const bottom = block[block.length - 1]!.row + 1;
    const rows = top === bottom ? `第 ${top} 行` : `第 ${top}–${bottom} 行`;
    out.push(
      block[0]!.row > lastRead
        ? unread(name, block, "unread-outside", (r) => `表格下方 ${r} 的内容未读取（不在表格内，不会作为任务或指标）；${hint(key, q)}`)
        : unread(
            name,
            block,
            "unread-row",
            (r) => `${rows}（${r}）没有有效的${key === "targets" ? "任务序号和指标名称" : "序号"}，本行内容未读取；${hint(key, q)}`,
          ),
    );
  }

  // Merges over data rows: the cells below the top-left one read empty.
  const inputs = new Set(
    columnsOf(key)
      .filter((c) => c.input)
      .map((c) => c.key),
  );
  for (const m of merges) {
    const b = parseRange(m);
    if (!b || b.bottom <= t.headerRow) continue;
    const overInput = [...t.cols].some(([c, k]) => c >= b.left && c <= b.right && inputs.has(k));
    out.push({
      sheet: name,
      cell: cellAddress(b.top, b.left),
      row: b.top,
      col: b.left,
      range: rangeAddress(b),
      code: "merged-cells",
      severity: "error",
      message: overInput
        ? `合并单元格 ${rangeAddress(b)}：合并单元格会使下方各行读作空白，请取消合并，每行分别填写`
        : `合并单元格 ${rangeAddress(b)}：被合并的单元格读作空白（序号、任务内容等），请取消合并`,
    });
  }
  return out;
}

/**
 * 设置 and 说明: the reader reads "label | value" rows; the rest is the layout's own text (title,
 * headers, notes). Anything else is reported, one problem per block of rows.
 */
function freeFormProblems(key: "settings" | "guide", sheet: Sheet, read: Read): LedgerProblem[] {
  const { plan, settings, demo } = read.ledger;
  const layouts =
    key === "settings"
      ? [settingsSheet(plan, settings, { demo, password: null })]
      : [guideSheet(plan, settings, { demo, password: null }), guideSheet(plan, settings, { demo, password: "*" })];
  // the layout's own text (labels, headers, notes, the guide); its numbers are settings values, read by label
  const texts = new Set(layouts.flatMap((l) => l.rows.flatMap((r) => r.cells.map((c) => (typeof c?.value === "string" ? cellText(c.value) : "")))));
  texts.delete("");
  // the "label | value" rows readSettings / readMeta read, as they recorded them
  const labelCol = key === "settings" ? read.index.settingsCells.labelCol : 0;
  const readRows: ReadonlySet<number> = key === "settings" ? read.index.settingsCells.rows : new Set(read.index.metaRows.values());
  const filled = filledCells(sheet);
  const isTitle = titleRule(sheet, SHEETS[key], sheetTitle(plan, key, demo), filled.slice(0, 3));
  const left: At[] = [];
  for (const cell of filled) {
    if (isTitle(cell)) continue;
    if (readRows.has(cell.row) && (cell.col === labelCol || cell.col === labelCol + 1)) continue;
    // a unit workbook's own rows of 说明 (sheet.unit-guide.ts): the unit's, not the plan's
    if (key === "guide" && read.unit && cell.col <= 1 && isUnitGuideLabel(cellText(sheet.get(cell.row, 0)))) continue;
    if (texts.has(cellText(sheet.get(cell.row, cell.col)))) continue;
    left.push(cell);
  }
  const what = key === "settings" ? `“${SHEETS.settings}”表只读取各设置项的值` : `“${SHEETS.guide}”表不是填报位置`;
  return rowBlocks(left).map((block) =>
    unread(sheet.name, block, "unread-outside", (r) => `${r} 的内容未读取（${what}）；填报内容请填在“${SHEETS.tasks}”表和“${SHEETS.targets}”表`),
  );
}

/**
 * 方案记录: readRecord reads its label | value rows (a changed value is a plan-record problem); its
 * note in A1 is the layout's. Anything else typed there (the sheet can be unhidden in LibreOffice) is
 * not read. Which rows readRecord reads is its own isRecordLabel (sheet.record.ts).
 */
function recordProblems(sheet: Sheet, read: Read, key: "record" | "identity" = "record"): LedgerProblem[] {
  const note = cellText(key === "record" ? recordNote(read.ledger.demo) : IDENTITY_LABELS.note);
  const isLabel = key === "record" ? isRecordLabel : isIdentityLabel;
  const left = filledCells(sheet).filter(({ row, col }) => {
    if (row === 0 && col === 0) return cellText(sheet.get(0, 0)) !== note;
    return !(col <= 1 && isLabel(cellText(sheet.get(row, 0))));
  });
  return rowBlocks(left).map((block) =>
    unread(
      sheet.name,
      block,
      "unread-outside",
      (r) =>
        `${r} 的内容未读取（“${SHEET_NAMES[key]}”表只存放${key === "record" ? "方案原文" : "单位填报表的标识"}，请勿在此填写）；填报内容请填在“${SHEETS.tasks}”表和“${SHEETS.targets}”表`,
    ),
  );
}

/** A sheet that is not the ledger's, holding content: one problem naming its first filled cell. */
function otherSheetProblem(sheet: Sheet): LedgerProblem | null {
  const filled = filledCells(sheet);
  if (filled.length === 0) return null;
  const to = sheet.name.includes(SHEETS.targets) ? SHEETS.targets : SHEETS.tasks;
  return unread(
    sheet.name,
    filled,
    "foreign-content",
    (r) => `工作表“${sheet.name}”不是台账的表，其中的内容（${r}）未读取，更新台账也不保留：请把填报内容填在“${to}”表`,
  );
}

/**
 * The scan. Returns the new problems; a reader problem on a row or sheet it skipped gets the `range`
 * of that row's or sheet's cells (so one problem names them all).
 */
export function unreadProblems(grid: WorkbookGrid, read: Read): LedgerProblem[] {
  const out: LedgerProblem[] = [];
  const ours = new Map((Object.keys(SHEETS) as (keyof typeof SHEETS)[]).map((k) => [SHEETS[k].replace(/\s+/g, ""), k]));
  for (const g of grid.sheets) {
    const loose = ours.get(g.name.replace(/\s+/g, ""));
    // a second sheet under a ledger sheet's name is not the one the reader read (findSheet: exact name first)
    const key = loose && findSheet(grid, SHEETS[loose])?.name === g.name ? loose : undefined;
    const sheet = new Sheet(g);
    if (!key && read.unit && g.name === UNIT_SHEETS.identity) {
      out.push(...recordProblems(sheet, read, "identity"));
    } else if (!key) {
      const p = otherSheetProblem(sheet);
      if (p) out.push(p);
    } else if (key === "record") {
      out.push(...recordProblems(sheet, read));
    } else if (key === "settings" || key === "guide") {
      out.push(...freeFormProblems(key, sheet, read));
    } else {
      out.push(...tableProblems(key, sheet, g.merges ?? [], read, read.problems));
    }
  }
  return out;
}

/** True when a problem names the cell (its `cell`, or inside its `range`). */
export function namesCell(p: Pick<LedgerProblem, "cell" | "range">, row: number, col: number): boolean {
  const b = parseRange(p.range ?? p.cell);
  return b !== null && row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}
