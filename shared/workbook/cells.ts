/**
 * Where a ledger workbook shows each score, for the scores' `refs` (the reports' 数据来源): the rows
 * and columns a reader found (ReadResult.cells), or, for a ledger scored straight from its layout,
 * the positions the layout gives them (layoutCells). Both answer scoring's `Locate`.
 */
import type { Plan } from "../plan/schema";
import type { Locate, ScoredRow } from "../scoring/locate";
import { OVERALL, colNumber, sheetCell } from "../vocabulary";
import { SHEETS } from "./labels";
import { COLS, positions, type SummaryKey, type TargetKey, type TaskKey, type UnitKey } from "./layout.positions";

/** Rows (by id) and columns (by key) of one table sheet, 0-based. */
export interface TableCells<Id, Key extends string> {
  rows: ReadonlyMap<Id, number>;
  cols: Partial<Record<Key, number>>;
}

export interface LedgerCells {
  tasks: TableCells<number, TaskKey>;
  targets: TableCells<string, TargetKey>;
  units: TableCells<string, UnitKey>;
  /** Rows by section id; the whole plan's row under OVERALL.section. */
  summary: TableCells<string, SummaryKey>;
}

/** The column showing each figure of a scored row, where its name differs from the figure's. */
const TASK_FIGURES: Record<string, TaskKey> = { status: "currentStatus", score: "completion", warning: "warning" };
const TARGET_FIGURES: Record<string, TargetKey> = { actual: "currentActual" };

/** Answers scoring's Locate from the cells (a figure whose row or column is not there has no ref). */
export function locateIn(cells: LedgerCells): Locate {
  const at = <Id, Key extends string>(sheet: string, t: TableCells<Id, Key>, id: Id, key: Key): string | null => {
    const row = t.rows.get(id);
    const c = t.cols[key];
    return row === undefined || c === undefined ? null : sheetCell(sheet, row, c);
  };
  return (row: ScoredRow, figure: string) => {
    switch (row.kind) {
      case "task":
        return at(SHEETS.tasks, cells.tasks, row.id, TASK_FIGURES[figure] ?? (figure as TaskKey));
      case "target":
        return at(SHEETS.targets, cells.targets, row.id, TARGET_FIGURES[figure] ?? (figure as TargetKey));
      case "unit":
        return at(SHEETS.units, cells.units, row.name, figure as UnitKey);
      case "section":
        return at(SHEETS.summary, cells.summary, row.id, figure as SummaryKey);
    }
  };
}

/** Where the layout of `plan` puts every row and column. */
function layoutCells(plan: Plan): LedgerCells {
  const pos = positions(plan);
  const zero = <Id>(m: ReadonlyMap<Id, number>) => new Map([...m].map(([k, r]) => [k, r - 1]));
  const cols = <Key extends string>(letters: Record<Key, string>) =>
    Object.fromEntries(Object.entries<string>(letters).map(([k, l]) => [k, colNumber(l) - 1])) as Record<Key, number>;
  return {
    tasks: { rows: zero(pos.taskRow), cols: cols(COLS.tasks) },
    targets: { rows: zero(pos.targetRow), cols: cols(COLS.targets) },
    units: { rows: zero(pos.unitRow), cols: cols(COLS.units) },
    summary: { rows: new Map([...zero(pos.sectionRow), [OVERALL.section, pos.overallRow - 1]]), cols: cols(COLS.summary) },
  };
}

/** The refs a ledger scored straight from its layout has (no workbook read). */
export function layoutLocate(plan: Plan): Locate {
  return locateIn(layoutCells(plan));
}
