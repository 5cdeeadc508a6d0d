/** 汇总 sheet: per section and overall: tasks by status, targets by state, completion. */
import type { Plan } from "../plan/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { FIRST_DATA_ROW, HEADER_ROW, SUMMARY_COLUMNS, SUMMARY_OVERALL } from "./labels";
import { COLS, SUMMARY_KEYS, type Positions, type SummaryKey } from "./layout.positions";
import { summaryFormulas } from "./layout.formulas";
import { COLORS, emptySheet, print, protection, sheetTitle } from "./layout.common";

export function summarySheet(plan: Plan, pos: Positions, opts: { demo: boolean; password: string | null }): SheetLayout {
  const sheet = emptySheet("summary");
  sheet.tabColor = "7030A0";
  sheet.columns = SUMMARY_KEYS.map((key): ColumnLayout => ({
    key,
    label: SUMMARY_COLUMNS[key],
    width: key === "title" ? 26 : key === "section" ? 6 : key === "completion" ? 10 : 8,
    style: key === "title" ? "text" : key === "section" ? "center" : key === "completion" ? "computedPercent" : "computedInt",
  }));
  sheet.rows.push({ cells: [{ value: sheetTitle(plan, "summary", opts.demo), style: "title" }], height: 24 });
  sheet.rows.push({ cells: sheet.columns.map((c): LayoutCell => ({ value: c.label, style: "header" })), height: 32 });
  const rowOf = (section: string, title: string, row: number, overall: boolean) => {
    const f = summaryFormulas(row, pos, overall);
    const cells: Record<SummaryKey, LayoutCell> = {
      section: { value: section, ...(overall ? { style: "settingLabel" } : {}) },
      title: { value: title, ...(overall ? { style: "settingLabel" } : {}) },
      tasks: { formula: f.tasks }, completed: { formula: f.completed }, onPace: { formula: f.onPace }, lagging: { formula: f.lagging },
      notStarted: { formula: f.notStarted }, unreported: { formula: f.unreported }, targets: { formula: f.targets },
      targetsMet: { formula: f.targetsMet }, targetsOnPace: { formula: f.targetsOnPace }, targetsBehind: { formula: f.targetsBehind },
      completion: { formula: f.completion },
    };
    return { cells: SUMMARY_KEYS.map((k) => cells[k]) };
  };
  for (const s of pos.sections) sheet.rows.push(rowOf(s.id, s.title, pos.sectionRow.get(s.id)!, false));
  sheet.rows.push(rowOf(SUMMARY_OVERALL.section, SUMMARY_OVERALL.title, pos.overallRow, true));
  const C = COLS.summary;
  sheet.data = { headerRow: HEADER_ROW, firstRow: FIRST_DATA_ROW, lastRow: pos.overallRow };
  sheet.freeze = { rows: HEADER_ROW, columns: 2 };
  sheet.protection = protection(opts.password);
  sheet.print = print(`1:${HEADER_ROW}`);
  sheet.conditionalFormats.push(
    { type: "dataBar", range: `${C.completion}${FIRST_DATA_ROW}:${C.completion}${pos.overallRow}`, color: COLORS.bar, min: 0, max: 1, priority: 1 },
    {
      type: "expression",
      range: `${C.lagging}${FIRST_DATA_ROW}:${C.lagging}${pos.overallRow}`,
      formula: `${C.lagging}${FIRST_DATA_ROW}>0`,
      style: { fontColor: COLORS.lagging.font, bold: true },
      priority: 2,
    },
    {
      type: "expression",
      range: `${C.targetsBehind}${FIRST_DATA_ROW}:${C.targetsBehind}${pos.overallRow}`,
      formula: `${C.targetsBehind}${FIRST_DATA_ROW}>0`,
      style: { fontColor: COLORS.lagging.font, bold: true },
      priority: 3,
    },
  );
  return sheet;
}
