/** 单位 sheet: one row per named unit (collectives last, ranked apart — see shared/scoring/units.ts). */
import type { Plan } from "../plan/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { FIRST_DATA_ROW, HEADER_ROW, RANK_GROUP_WORDS, UNIT_COLUMNS, UNIT_KIND_WORDS } from "./labels";
import { COLS, UNIT_KEYS, colLetter, type Positions, type UnitKey } from "./layout.positions";
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
      const f = unitFormulas(row, pos, grp);
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
