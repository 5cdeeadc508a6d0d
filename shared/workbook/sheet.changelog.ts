/**
 * 变更记录 sheet: every change a merge of returned unit workbooks (回收汇总, shared/collect/) made,
 * kept or refused, one row each: time, unit, quarter, file name and SHA-256, the cell in the unit's
 * file, the input (项目 for people, 键 for re-merges), old and new value, how (CHANGE_HOW) and why.
 * Lays the sheet out (changelogSheet) and reads it back (readChangelog): re-merges read it to know
 * which files were merged, which values came from which unit, and each unit's own report on a task
 * several units report. A row that cannot be read is a problem, never dropped silently.
 */
import type { Plan } from "../plan/schema";
import type { InputValue } from "../collect/identity";
import { parseInputKeyId } from "../collect/keys";
import type { SheetLayout } from "./layout.types";
import { CHANGELOG_COLUMNS, CHANGE_HOW, CONFIRM_WORD, type ChangeHow } from "./labels";
import { QUARTER_NAMES, parseQuarter, type Quarter } from "../vocabulary";
import { cellNumber, cellText, type RawCell } from "./reader.cells";
import { problem, type LedgerProblem, type Sheet } from "./reader.grid";
import { logTableSheet, readLogTable, type LogCell } from "./sheet.log-table";
import type { ArchiveCells } from "./sheet.archive";

/** One row of 变更记录. */
export interface ChangeRow {
  /** ISO 8601 time of the merge. */
  time: string;
  unit: string;
  quarter: Quarter | null;
  fileName: string;
  sha256: string;
  /** `Sheet!A1` in the returned file ("" for a whole file). */
  cell: string;
  /** The input for people (“任务 12 二季度状态”); "" for a whole file. */
  item: string;
  /**
   * inputKeyId of the input (the master's; for a value not applied, the returned file's). "" when
   * none: a whole file (merged or refused), a problem the reader reported.
   */
  key: string;
  old: InputValue;
  new: InputValue;
  how: ChangeHow;
  note: string;
}

type Col = keyof typeof CHANGELOG_COLUMNS;
const WIDTHS: Record<Col, number> = {
  time: 20,
  unit: 18,
  quarter: 7,
  fileName: 24,
  sha256: 18,
  cell: 10,
  item: 20,
  key: 14,
  old: 24,
  new: 24,
  how: 9,
  note: 30,
};

function encode(v: InputValue): LogCell {
  if (typeof v === "boolean") return v ? CONFIRM_WORD : null;
  return v;
}

/** A value cell read back as its key's kind holds it (a row without a key keeps text). */
function decode(raw: RawCell, key: string): InputValue {
  const k = parseInputKeyId(key);
  const text = cellText(raw);
  if (!k) return text === "" ? null : text;
  if (k.kind === "confirmed") return text === CONFIRM_WORD;
  if (k.kind === "actual") {
    const n = cellNumber(raw);
    return n.ok ? n.value : text;
  }
  if (k.field === "status") return text === "" ? null : text;
  return text;
}

export function changelogSheet(plan: Plan, rows: readonly ChangeRow[], opts: { demo: boolean; password: string | null }): SheetLayout {
  const cells = rows.map((r): Record<Col, LogCell> => ({
    time: r.time,
    unit: r.unit,
    quarter: r.quarter === null ? null : QUARTER_NAMES[r.quarter],
    fileName: r.fileName,
    sha256: r.sha256,
    cell: r.cell,
    item: r.item,
    key: r.key,
    old: encode(r.old),
    new: encode(r.new),
    how: CHANGE_HOW[r.how],
    note: r.note,
  }));
  return logTableSheet("changelog", plan, CHANGELOG_COLUMNS, WIDTHS, cells, opts);
}

const HOW_BY_WORD = new Map<string, ChangeHow>(Object.entries(CHANGE_HOW).map(([k, w]) => [w, k as ChangeHow]));

/** The rows of 变更记录 in sheet order (none when there is no such sheet), and where they were read. */
export function readChangelog(sheet: Sheet | null, problems: LedgerProblem[]): { rows: ChangeRow[]; cells: ArchiveCells | null } {
  const rows: ChangeRow[] = [];
  const cells = readLogTable<Col>(
    sheet,
    CHANGELOG_COLUMNS,
    ["time", "unit", "sha256", "key", "new", "how"],
    problems,
    `变更记录未读取（再次回收汇总无法识别已合并的文件，更新台账会丢失这些记录）`,
    (row) => {
      const text = (k: Col) => cellText(row.get(k));
      const how = HOW_BY_WORD.get(text("how"));
      const q = text("quarter");
      const quarter = q === "" ? null : parseQuarter(q);
      if (!how || (q !== "" && quarter === null)) {
        const [c, what] = how
          ? [row.colOf("quarter")!, `${CHANGELOG_COLUMNS.quarter}“${q}”无法识别`]
          : [row.colOf("how")!, `${CHANGELOG_COLUMNS.how}“${text("how")}”无法识别`];
        problems.push(problem(sheet!, row.row, c, "changelog-row-invalid", `${what}，本行变更记录未读取（再次回收汇总可能重复合并，更新台账会丢失此行）`));
        return false;
      }
      const key = text("key");
      rows.push({
        time: text("time"),
        unit: text("unit"),
        quarter,
        fileName: text("fileName"),
        sha256: text("sha256").toLowerCase(),
        cell: text("cell"),
        item: text("item"),
        key,
        old: decode(row.get("old"), key),
        new: decode(row.get("new"), key),
        how,
        note: text("note"),
      });
      return true;
    },
  );
  return { rows, cells };
}
