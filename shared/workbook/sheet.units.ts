/**
 * 单位 sheet: one row per named unit (collectives last, ranked apart — see shared/scoring/units.ts).
 * Lays the sheet out (unitsSheet) and reads it back (readUnits): the units' kinds, and where each
 * unit's row and each column was found.
 */
import type { Plan, Task, Unit } from "../plan/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { FIRST_DATA_ROW, HEADER_ROW, UNIT_COLUMNS } from "./labels";
import { COLS, UNIT_KEYS, type Positions, type UnitKey } from "./layout.positions";
import { RANK_GROUP_WORDS, UNIT_KIND_WORDS, colLetter, unitKindFromWord } from "../vocabulary";
import { classifyUnit } from "../plan/units";
import { cellText } from "./reader.cells";
import { col, columnsByKey, locateOptionalTable, type LedgerProblem, type Sheet } from "./reader.grid";
import { unitFormulas } from "./layout.formulas";
import { COLORS, emptySheet, print, protection, sheetTitle } from "./layout.common";

const COLUMNS: Record<UnitKey, Omit<ColumnLayout, "key">> = {
  name: { label: UNIT_COLUMNS.name, width: 24, style: "text" },
  kind: { label: UNIT_COLUMNS.kind, width: 12, style: "center" },
  lead: { label: UNIT_COLUMNS.lead, width: 9, style: "computedInt" },
  responsible: { label: UNIT_COLUMNS.responsible, width: 9, style: "computedInt" },
  completed: { label: UNIT_COLUMNS.completed, width: 8, style: "computedInt" },
  lagging: { label: UNIT_COLUMNS.lagging, width: 8, style: "computedInt" },
  unreported: { label: UNIT_COLUMNS.unreported, width: 8, style: "computedInt" },
  targetRate: { label: UNIT_COLUMNS.targetRate, width: 10, style: "computedPercent" },
  score: { label: UNIT_COLUMNS.score, width: 9, style: "computedNumber" },
  rank: { label: UNIT_COLUMNS.rank, width: 7, style: "computedInt" },
  rankGroup: { label: UNIT_COLUMNS.rankGroup, width: 16, style: "center" },
};

export function unitsSheet(plan: Plan, pos: Positions, opts: { demo: boolean; password: string | null }): SheetLayout {
  const sheet = emptySheet("units");
  sheet.tabColor = "ED7D31";
  sheet.columns = UNIT_KEYS.map((key) => ({ key, ...COLUMNS[key] }));
  sheet.rows.push({ cells: [{ value: sheetTitle(plan, "units", opts.demo), style: "title" }], height: 24 });
  sheet.rows.push({ cells: sheet.columns.map((c): LayoutCell => ({ value: c.label, style: "header" })), height: 32 });
  for (const grp of pos.rankGroups) {
    for (let row = grp.first; row <= grp.last; row++) {
      const u = pos.units[row - FIRST_DATA_ROW]!;
      const f = unitFormulas(row, pos);
      const cells: Record<UnitKey, LayoutCell> = {
        name: { value: u.name },
        kind: { value: UNIT_KIND_WORDS[u.kind] },
        lead: { formula: f.lead! },
        responsible: { formula: f.responsible! },
        completed: { formula: f.completed! },
        lagging: { formula: f.lagging! },
        unreported: { formula: f.unreported! },
        targetRate: f.targetRate === null ? { value: null } : { formula: f.targetRate },
        score: { formula: f.score! },
        rank: { formula: f.rank! },
        rankGroup: { value: RANK_GROUP_WORDS[grp.group] },
      };
      sheet.rows.push({ cells: UNIT_KEYS.map((k) => cells[k]) });
    }
  }
  const first = FIRST_DATA_ROW;
  const last = pos.lastUnitRow;
  const C = COLS.units;
  sheet.data = { headerRow: HEADER_ROW, firstRow: first, lastRow: last };
  sheet.freeze = { rows: HEADER_ROW, columns: 1 };
  sheet.autoFilter = `A${HEADER_ROW}:${colLetter(UNIT_KEYS.length)}${Math.max(last, HEADER_ROW)}`;
  sheet.protection = protection(opts.password);
  sheet.print = print(`1:${HEADER_ROW}`, "portrait");
  if (last < first) return sheet;
  sheet.conditionalFormats.push(
    {
      type: "expression",
      range: `${C.lagging}${first}:${C.unreported}${last}`,
      formula: `${C.lagging}${first}>0`,
      style: { fontColor: COLORS.lagging.font, bold: true },
      priority: 1,
    },
    { type: "dataBar", range: `${C.score}${first}:${C.score}${last}`, color: COLORS.bar, min: 0, max: 100, priority: 2 },
    // Collectives are not in the department or township ranking: their rank is greyed.
    {
      type: "expression",
      range: `${C.rank}${first}:${C.rankGroup}${last}`,
      formula: `$${C.rankGroup}${first}="${RANK_GROUP_WORDS.collective}"`,
      style: { fontColor: COLORS.notStarted.font },
      priority: 3,
    },
  );
  return sheet;
}

export interface UnitsRead {
  /** The plan's units: in order of first appearance in the tasks, then any other the sheet lists. */
  units: Unit[];
  /** 0-based row of each unit (empty when the sheet is missing or unreadable). */
  rows: Map<string, number>;
  cols: Partial<Record<UnitKey, number>>;
}

/**
 * The units of the tasks read from 任务, with the kinds the 单位 sheet gives them. A unit the sheet
 * does not list is "other" (the layout wrote it so). When the sheet's header cannot be read, kinds
 * are classified from the names as the plan parser does, and a problem says so: never every unit
 * silently "other" (that would rank townships and collectives with the departments).
 */
export function readUnits(sheet: Sheet | null, tasks: readonly Task[], problems: LedgerProblem[]): UnitsRead {
  const listed = new Map<string, Unit>();
  const rows = new Map<string, number>();
  let cols: Partial<Record<UnitKey, number>> = {};
  let kindOf = (name: string): Unit["kind"] => listed.get(name)?.kind ?? "other";
  if (sheet) {
    const t = locateOptionalTable(
      sheet,
      [UNIT_COLUMNS.name, UNIT_COLUMNS.kind],
      Object.values(UNIT_COLUMNS),
      problems,
      "单位类型未读取，已按单位名称重新判断（部门、乡镇（街道）、统称等），排名分组可能与原表不同",
      "warning",
    );
    if (t) {
      cols = columnsByKey(t, UNIT_COLUMNS);
      for (let r = t.headerRow + 1; r < sheet.rowCount; r++) {
        const name = cellText(sheet.get(r, col(t, UNIT_COLUMNS.name)!));
        if (!name || listed.has(name)) continue;
        listed.set(name, { name, kind: unitKindFromWord(cellText(sheet.get(r, col(t, UNIT_COLUMNS.kind)!))) ?? "other" });
        rows.set(name, r);
      }
    } else {
      kindOf = classifyUnit;
    }
  }
  // The plan lists units in order of first appearance; the 单位 sheet groups them. Rebuild the
  // plan order from the tasks, taking kinds from the sheet.
  const ordered = new Map<string, Unit>();
  for (const task of tasks) for (const n of [...task.lead, ...task.responsible]) if (!ordered.has(n)) ordered.set(n, { name: n, kind: kindOf(n) });
  for (const [n, u] of listed) if (!ordered.has(n)) ordered.set(n, u);
  return { units: [...ordered.values()], rows, cols };
}
