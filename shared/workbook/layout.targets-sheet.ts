/** 指标 sheet: one row per quantitative target, quarterly actuals, expected value, completion, state. */
import type { Plan } from "../plan/schema";
import type { Actual } from "../ledger/schema";
import { QUARTERS } from "../ledger/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { COMPARATOR_WORDS, FIRST_DATA_ROW, HEADER_ROW, KIND_WORDS, TARGET_COLUMNS, TARGET_STATES, UNIT_SEPARATOR, VALIDATION_TEXT, quarterLabels } from "./labels";
import { COLS, TARGET_KEYS, colLetter, type Positions, type TargetKey } from "./layout.positions";
import { targetFormulas } from "./layout.formulas";
import { COLORS, STYLES, emptySheet, fitHeight, print, protection, sheetTitle, stateColorRules } from "./layout.common";

const FIXED: Record<Exclude<TargetKey, `q${number}.actual`>, Omit<ColumnLayout, "key">> = {
  id: { label: TARGET_COLUMNS.id, width: 7, style: "center" },
  taskId: { label: TARGET_COLUMNS.taskId, width: 7, style: "center" },
  section: { label: TARGET_COLUMNS.section, width: 6, style: "center" },
  name: { label: TARGET_COLUMNS.name, width: 26, style: "text" },
  comparator: { label: TARGET_COLUMNS.comparator, width: 7, style: "center" },
  value: { label: TARGET_COLUMNS.value, width: 10, style: "number" },
  unit: { label: TARGET_COLUMNS.unit, width: 8, style: "center" },
  kind: { label: TARGET_COLUMNS.kind, width: 6, style: "center" },
  lead: { label: TARGET_COLUMNS.lead, width: 16, style: "text" },
  responsible: { label: TARGET_COLUMNS.responsible, width: 20, style: "text" },
  currentActual: { label: TARGET_COLUMNS.currentActual, width: 11, style: "computedNumber" },
  expected: { label: TARGET_COLUMNS.expected, width: 11, style: "computedNumber" },
  completion: { label: TARGET_COLUMNS.completion, width: 9, style: "computedPercent" },
  state: { label: TARGET_COLUMNS.state, width: 7, style: "computedText" },
};

function targetColumns(): ColumnLayout[] {
  return TARGET_KEYS.map((key): ColumnLayout => {
    const m = /^q(\d)\.actual$/.exec(key);
    if (m) return { key, label: quarterLabels(Number(m[1]) as 1 | 2 | 3 | 4).actual, width: 11, style: "inputNumber", input: true };
    return { key, ...FIXED[key as keyof typeof FIXED] };
  });
}

export function targetsSheet(plan: Plan, pos: Positions, actuals: readonly Actual[], opts: { demo: boolean; password: string | null }): SheetLayout {
  const sheet = emptySheet("targets");
  sheet.tabColor = "70AD47";
  sheet.columns = targetColumns();
  const C = COLS.targets;
  const values = new Map(actuals.map((a) => [`${a.targetId}|${a.quarter}`, a.value]));
  const taskById = new Map(plan.tasks.map((t) => [t.id, t]));
  sheet.rows.push({ cells: [{ value: sheetTitle(plan, "targets", opts.demo), style: "title" }], height: 24 });
  sheet.rows.push({ cells: sheet.columns.map((c): LayoutCell => ({ value: c.label, style: c.input ? "headerInput" : "header" })), height: 32 });
  const first = FIRST_DATA_ROW;
  for (const g of pos.targets) {
    const row = pos.targetRow.get(g.id)!;
    const task = taskById.get(g.taskId)!;
    const f = targetFormulas(row);
    const cells: Partial<Record<TargetKey, LayoutCell>> = {
      id: { value: g.id },
      taskId: { value: g.taskId },
      section: { value: g.section },
      name: { value: g.name },
      comparator: { value: COMPARATOR_WORDS[g.comparator] },
      value: { value: g.value },
      unit: { value: g.unit || null },
      kind: { value: KIND_WORDS[g.kind] },
      lead: { value: task.lead.join(UNIT_SEPARATOR) },
      responsible: { value: task.responsible.join(UNIT_SEPARATOR) },
      currentActual: { formula: f.currentActual },
      expected: { formula: f.expected },
      completion: { formula: f.completion },
      state: { formula: f.state },
    };
    for (const q of QUARTERS) cells[`q${q}.actual`] = { value: values.get(`${g.id}|${q}`) ?? null };
    const r = { cells: TARGET_KEYS.map((k) => cells[k] ?? null) };
    sheet.rows.push({ ...r, height: fitHeight(r, sheet.columns, STYLES) });
    // One validation per row: its prompt names this row's target and unit.
    sheet.validations.push({
      range: `${C["q1.actual"]}${row}:${C["q4.actual"]}${row}`,
      type: "decimal",
      ...(g.kind === "cumulative" ? { operator: "greaterThanOrEqual" as const, min: 0 } : { operator: "between" as const, min: -1e12, max: 1e12 }),
      allowBlank: true,
      prompt: { title: VALIDATION_TEXT.actualTitle, text: VALIDATION_TEXT.actualPrompt(COMPARATOR_WORDS[g.comparator], g.value, g.unit, g.kind) },
      error: {
        title: VALIDATION_TEXT.errorTitle,
        text: g.kind === "cumulative" ? VALIDATION_TEXT.actualErrorNonNegative : VALIDATION_TEXT.actualErrorNumber,
        style: "stop",
      },
    });
  }
  const last = pos.lastTargetRow;
  sheet.data = { headerRow: HEADER_ROW, firstRow: first, lastRow: last };
  sheet.freeze = { rows: HEADER_ROW, columns: 4 };
  sheet.autoFilter = `A${HEADER_ROW}:${colLetter(TARGET_KEYS.length)}${Math.max(last, HEADER_ROW)}`;
  sheet.protection = protection(opts.password);
  sheet.print = print(`1:${HEADER_ROW}`);
  if (last < first) return sheet;
  const col = (k: TargetKey) => `${C[k]}${first}:${C[k]}${last}`;
  sheet.conditionalFormats.push(...stateColorRules(col("state"), `${C.state}${first}`, 1));
  sheet.conditionalFormats.push({
    type: "expression",
    range: col("currentActual"),
    formula: `$${C.state}${first}="${TARGET_STATES.behind}"`,
    style: { fill: COLORS.lagging.fill, fontColor: COLORS.lagging.font },
    priority: 4,
  });
  sheet.conditionalFormats.push({ type: "dataBar", range: col("completion"), color: COLORS.bar, min: 0, max: 1, priority: 5 });
  return sheet;
}
