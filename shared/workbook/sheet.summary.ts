/**
 * 汇总 sheet: per section and overall: tasks by status, targets by state, completion. Lays the sheet
 * out (summarySheet) and reads it back (readSections): the sections' titles, and where each
 * section's row and each column was found.
 */
import type { Plan, Section, Task } from "../plan/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { FIRST_DATA_ROW, HEADER_ROW, SUMMARY_COLUMNS } from "./labels";
import { OVERALL, leadingNumeral } from "../vocabulary";
import { cellText } from "./reader.cells";
import { columnsByKey, locateOptionalTable, type LedgerProblem, type Sheet } from "./reader.grid";
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
      tasks: { formula: f.tasks },
      completed: { formula: f.completed },
      onPace: { formula: f.onPace },
      lagging: { formula: f.lagging },
      notStarted: { formula: f.notStarted },
      unreported: { formula: f.unreported },
      targets: { formula: f.targets },
      targetsMet: { formula: f.targetsMet },
      targetsOnPace: { formula: f.targetsOnPace },
      targetsBehind: { formula: f.targetsBehind },
      completion: { formula: f.completion },
    };
    return { cells: SUMMARY_KEYS.map((k) => cells[k]) };
  };
  for (const s of pos.sections) sheet.rows.push(rowOf(s.id, s.title, pos.sectionRow.get(s.id)!, false));
  sheet.rows.push(rowOf(OVERALL.section, OVERALL.title, pos.overallRow, true));
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

export interface SectionsRead {
  sections: Section[];
  /** 0-based row of each section, and of the whole plan under OVERALL.section. */
  rows: Map<string, number>;
  cols: Partial<Record<SummaryKey, number>>;
}

/**
 * The plan's sections: titles from 汇总, subsections from the tasks. When the sheet's header cannot
 * be read, a problem says so (the titles would be lost by an update) and sections have no title.
 */
export function readSections(sheet: Sheet | null, tasks: readonly Task[], problems: LedgerProblem[]): SectionsRead {
  const titles = new Map<string, string>();
  const rows = new Map<string, number>();
  let cols: Partial<Record<SummaryKey, number>> = {};
  if (sheet) {
    const t = locateOptionalTable(
      sheet,
      [SUMMARY_COLUMNS.section, SUMMARY_COLUMNS.title],
      Object.values(SUMMARY_COLUMNS),
      problems,
      "各板块名称未读取（更新台账会丢失板块名称）",
      "error",
    );
    if (t) {
      cols = columnsByKey(t, SUMMARY_COLUMNS);
      for (let r = t.headerRow + 1; r < sheet.rowCount; r++) {
        const id = cellText(sheet.get(r, cols.section!));
        if (!id) continue;
        const num = id === OVERALL.section ? id : (leadingNumeral(id) ?? id);
        if (!rows.has(num)) rows.set(num, r);
        if (num !== OVERALL.section && !titles.has(num)) titles.set(num, cellText(sheet.get(r, cols.title!)));
      }
    }
  }
  const order: string[] = [...titles.keys()];
  for (const t of tasks) if (!order.includes(t.section)) order.push(t.section);
  const sections = order.map((id) => {
    const subs: string[] = [];
    for (const t of tasks) if (t.section === id && t.subsection && !subs.includes(t.subsection)) subs.push(t.subsection);
    return { id, title: titles.get(id) ?? "", subsections: subs.map((s) => ({ id: s, title: "" })) };
  });
  return { sections, rows, cols };
}
