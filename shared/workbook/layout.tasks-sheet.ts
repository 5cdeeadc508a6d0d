/** 任务 sheet: one row per task, four quarters of entries, the current status, its score and 预警. */
import type { Plan } from "../plan/schema";
import type { TaskEntry } from "../ledger/schema";
import { QUARTERS } from "../ledger/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { FIRST_DATA_ROW, HEADER_ROW, STATUS_WORDS, TASK_COLUMNS, TEXT_LIMITS, UNIT_SEPARATOR, VALIDATION_TEXT, quarterLabels } from "./labels";
import { COLS, TASK_KEYS, colLetter, type Positions, type TaskKey } from "./layout.positions";
import { taskFormulas } from "./layout.formulas";
import { COLORS, STYLES, emptySheet, fitHeight, print, protection, sheetTitle, statusColorRules } from "./layout.common";

function taskColumns(): ColumnLayout[] {
  return (TASK_KEYS as readonly TaskKey[]).map((key): ColumnLayout => {
    const m = /^q(\d)\.(\w+)$/.exec(key);
    if (m) {
      const labels = quarterLabels(Number(m[1]) as 1 | 2 | 3 | 4);
      const field = m[2] as "status" | "progress" | "problems" | "nextSteps";
      const width = field === "status" ? 10 : field === "progress" ? 32 : 24;
      return { key, label: labels[field], width, style: field === "status" ? "inputStatus" : "inputText", input: true };
    }
    switch (key) {
      case "id": return { key, label: TASK_COLUMNS.id, width: 6, style: "center" };
      case "section": return { key, label: TASK_COLUMNS.section, width: 6, style: "center" };
      case "subsection": return { key, label: TASK_COLUMNS.subsection, width: 6, style: "center" };
      case "text": return { key, label: TASK_COLUMNS.text, width: 46, style: "text" };
      case "lead": return { key, label: TASK_COLUMNS.lead, width: 16, style: "text" };
      case "responsible": return { key, label: TASK_COLUMNS.responsible, width: 24, style: "text" };
      case "currentStatus": return { key, label: TASK_COLUMNS.currentStatus, width: 10, style: "computedText" };
      case "completion": return { key, label: TASK_COLUMNS.completion, width: 8, style: "computedInt" };
      default: return { key, label: TASK_COLUMNS.warning, width: 14, style: "computedText" };
    }
  });
}

export function tasksSheet(plan: Plan, pos: Positions, entries: readonly TaskEntry[], opts: { demo: boolean; password: string | null }): SheetLayout {
  const sheet = emptySheet("tasks");
  sheet.tabColor = "4472C4";
  sheet.columns = taskColumns();
  const C = COLS.tasks;
  const byKey = new Map(entries.map((e) => [`${e.taskId}|${e.quarter}`, e]));
  sheet.rows.push({ cells: [{ value: sheetTitle(plan, "tasks", opts.demo), style: "title" }], height: 24 });
  sheet.rows.push({
    cells: sheet.columns.map((c): LayoutCell => ({ value: c.label, style: c.input ? "headerInput" : "header" })),
    height: 32,
  });
  for (const t of pos.tasks) {
    const row = pos.taskRow.get(t.id)!;
    const f = taskFormulas(row, pos);
    const values: Partial<Record<TaskKey, LayoutCell>> = {
      id: { value: t.id },
      section: { value: t.section },
      subsection: { value: t.subsection },
      text: { value: t.text },
      lead: { value: t.lead.join(UNIT_SEPARATOR) },
      responsible: { value: t.responsible.join(UNIT_SEPARATOR) },
      currentStatus: { formula: f.currentStatus },
      completion: { formula: f.completion },
      warning: { formula: f.warning },
    };
    for (const q of QUARTERS) {
      const e = byKey.get(`${t.id}|${q}`);
      values[`q${q}.status`] = { value: e?.status ?? null };
      values[`q${q}.progress`] = { value: e?.progress || null };
      values[`q${q}.problems`] = { value: e?.problems || null };
      values[`q${q}.nextSteps`] = { value: e?.nextSteps || null };
    }
    const r = { cells: (TASK_KEYS as readonly TaskKey[]).map((k) => values[k] ?? null) };
    sheet.rows.push({ ...r, height: fitHeight(r, sheet.columns, STYLES) });
  }
  const first = FIRST_DATA_ROW;
  const last = pos.lastTaskRow;
  const lastCol = colLetter(TASK_KEYS.length);
  sheet.data = { headerRow: HEADER_ROW, firstRow: first, lastRow: last };
  sheet.freeze = { rows: HEADER_ROW, columns: 4 };
  sheet.autoFilter = `A${HEADER_ROW}:${lastCol}${Math.max(last, HEADER_ROW)}`;
  sheet.protection = protection(opts.password);
  // Four quarters do not fit one page width: print across pages at 70 %, repeating 序号…任务内容.
  sheet.print = { ...print(`1:${HEADER_ROW}`), fitToWidth: false, scale: 70, titleColumns: `A:${C.text}` };
  if (last < first) return sheet;

  const col = (k: TaskKey) => `${C[k]}${first}:${C[k]}${last}`;
  let priority = 1;
  for (const q of QUARTERS) {
    const status = C[`q${q}.status`];
    sheet.validations.push({
      range: col(`q${q}.status`),
      type: "list",
      list: [...STATUS_WORDS],
      allowBlank: true,
      prompt: { title: VALIDATION_TEXT.statusTitle, text: VALIDATION_TEXT.statusPrompt },
      error: { title: VALIDATION_TEXT.errorTitle, text: VALIDATION_TEXT.statusError, style: "stop" },
    });
    for (const field of ["progress", "problems", "nextSteps"] as const) {
      const max = TEXT_LIMITS[field];
      sheet.validations.push({
        range: col(`q${q}.${field}`),
        type: "textLength",
        operator: "lessThanOrEqual",
        max,
        allowBlank: true,
        prompt: { title: VALIDATION_TEXT.textTitle, text: VALIDATION_TEXT.textPrompt(quarterLabels(q)[field], max) },
        error: { title: VALIDATION_TEXT.errorTitle, text: VALIDATION_TEXT.textError(max), style: "stop" },
      });
    }
    sheet.conditionalFormats.push(...statusColorRules(col(`q${q}.status`), `${status}${first}`, priority));
    priority += 4;
    // 滞后 without 存在问题: the empty 存在问题 cell turns red.
    const problems = C[`q${q}.problems`];
    sheet.conditionalFormats.push({
      type: "expression",
      range: col(`q${q}.problems`),
      formula: `AND($${status}${first}="${STATUS_WORDS[2]}",LEN(TRIM(${problems}${first}))=0)`,
      style: { fill: COLORS.lagging.fill },
      priority: priority++,
    });
  }
  sheet.conditionalFormats.push(...statusColorRules(col("currentStatus"), `${C.currentStatus}${first}`, priority));
  priority += 4;
  sheet.conditionalFormats.push({
    type: "expression",
    range: col("warning"),
    formula: `LEN(${C.warning}${first})>0`,
    style: { fill: COLORS.warning.fill, fontColor: COLORS.warning.font, bold: true },
    priority: priority++,
  });
  sheet.conditionalFormats.push({ type: "dataBar", range: col("completion"), color: COLORS.bar, min: 0, max: 100, priority: priority++ });
  return sheet;
}
