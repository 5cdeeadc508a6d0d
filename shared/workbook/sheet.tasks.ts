/**
 * 任务 sheet: one row per task, four quarters of entries, the current status, its score and 预警.
 * Lays the sheet out (tasksSheet) and reads it back (readTasks), recording where each row and
 * column was found.
 */
import type { Plan, Task } from "../plan/schema";
import type { Status, TaskEntry } from "../ledger/schema";
import { QUARTERS, STATUSES, type Quarter } from "../ledger/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { FIRST_DATA_ROW, HEADER_ROW, SHEETS, TASK_COLUMNS, TEXT_LIMITS, UNIT_SEPARATOR, VALIDATION_TEXT, quarterLabels } from "./labels";
import { COLS, TASK_KEYS, type Positions, type TaskKey } from "./layout.positions";
import { QUARTER_NAMES, STATUS, STATUS_WORDS, colLetter, leadingNumeral } from "../vocabulary";
import { cellStatus, cellText, unwrap } from "./reader.cells";
import { LedgerReadError, col, columnsByKey, formulaCheck, intOf, locateTable, problem, type LedgerProblem, type Sheet } from "./reader.grid";
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
      case "id":
        return { key, label: TASK_COLUMNS.id, width: 6, style: "center" };
      case "section":
        return { key, label: TASK_COLUMNS.section, width: 6, style: "center" };
      case "subsection":
        return { key, label: TASK_COLUMNS.subsection, width: 6, style: "center" };
      case "text":
        return { key, label: TASK_COLUMNS.text, width: 46, style: "text" };
      case "lead":
        return { key, label: TASK_COLUMNS.lead, width: 16, style: "text" };
      case "responsible":
        return { key, label: TASK_COLUMNS.responsible, width: 24, style: "text" };
      case "currentStatus":
        return { key, label: TASK_COLUMNS.currentStatus, width: 10, style: "computedText" };
      case "completion":
        return { key, label: TASK_COLUMNS.completion, width: 8, style: "computedInt" };
      default:
        return { key, label: TASK_COLUMNS.warning, width: 14, style: "computedText" };
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
      formula: `AND($${status}${first}="${STATUS.lagging}",LEN(TRIM(${problems}${first}))=0)`,
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

/** Splits a 牵头单位 / 责任单位 cell into unit names. */
export function splitUnits(s: string): string[] {
  if (!s) return [];
  return s
    .split(new RegExp(`[${UNIT_SEPARATOR}，,；;\\n/]+`))
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/** 0-based columns of one quarter's entry fields. */
export type EntryCols = { status: number; progress: number; problems: number; nextSteps: number };

export interface TasksRead {
  tasks: Task[];
  /** Entries with something in them. */
  entries: TaskEntry[];
  /** 0-based row of each task. */
  rows: Map<number, number>;
  entryCols: Record<Quarter, EntryCols>;
  /** 0-based column of each column found, by key (computed columns included, when present). */
  cols: Partial<Record<TaskKey, number>>;
}

/**
 * Reads the tasks and their entries. The sheet is required: a missing column or no task row throws
 * LedgerReadError; a bad cell is a problem and is read as blank.
 */
export function readTasks(sheet: Sheet, problems: LedgerProblem[]): TasksRead {
  const ql = QUARTERS.map((q) => quarterLabels(q));
  const required = [TASK_COLUMNS.id, TASK_COLUMNS.section, TASK_COLUMNS.text, TASK_COLUMNS.lead, TASK_COLUMNS.responsible];
  const tt = locateTable(sheet, [...required, ...ql.flatMap((l) => [l.status, l.progress, l.problems, l.nextSteps])]);
  const entryCols = Object.fromEntries(
    QUARTERS.map((q, i) => [
      q,
      { status: col(tt, ql[i]!.status)!, progress: col(tt, ql[i]!.progress)!, problems: col(tt, ql[i]!.problems)!, nextSteps: col(tt, ql[i]!.nextSteps)! },
    ]),
  ) as Record<Quarter, EntryCols>;
  const cols: Partial<Record<TaskKey, number>> = columnsByKey(tt, TASK_COLUMNS);
  for (const q of QUARTERS) for (const f of ["status", "progress", "problems", "nextSteps"] as const) cols[`q${q}.${f}`] = entryCols[q][f];
  const c = { id: cols.id!, section: cols.section!, subsection: cols.subsection, text: cols.text!, lead: cols.lead!, responsible: cols.responsible! };
  const tasks: Task[] = [];
  const rows = new Map<number, number>();
  const entries: TaskEntry[] = [];
  for (let r = tt.headerRow + 1; r < sheet.rowCount; r++) {
    const idCell = sheet.get(r, c.id);
    const text = cellText(sheet.get(r, c.text));
    if (cellText(idCell) === "") continue; // extra rows (blank, notes below the table)
    const id = intOf(idCell);
    if (id === null) {
      if (text) problems.push(problem(sheet, r, c.id, "task-id-invalid", `序号“${cellText(idCell)}”不是正整数，本行未读取`));
      continue;
    }
    if (!text) {
      // a numbered row without a task: say so if something was filled in it (it would be lost)
      const filled = QUARTERS.some((q) => Object.values(entryCols[q]).some((cc) => cellText(sheet.get(r, cc)) !== ""));
      if (filled) problems.push(problem(sheet, r, c.text, "task-text-missing", `序号 ${id} 的任务内容为空，本行填报未读取`, { taskId: id }));
      continue;
    }
    if (rows.has(id)) {
      problems.push(problem(sheet, r, c.id, "task-id-duplicate", `序号 ${id} 重复（已在第 ${rows.get(id)! + 1} 行），本行未读取`, { taskId: id }));
      continue;
    }
    rows.set(id, r);
    const sectionText = cellText(sheet.get(r, c.section));
    const sub = c.subsection === undefined ? "" : cellText(sheet.get(r, c.subsection));
    const task: Task = {
      id,
      section: leadingNumeral(sectionText) ?? (sectionText || "一"),
      subsection: sub ? (leadingNumeral(sub) ?? sub) : null,
      text,
      lead: splitUnits(cellText(sheet.get(r, c.lead))),
      responsible: splitUnits(cellText(sheet.get(r, c.responsible))),
      leaders: [],
      targets: [],
    };
    tasks.push(task);
    const units = [...task.lead, ...task.responsible];
    for (const q of QUARTERS) {
      const ec = entryCols[q];
      const st = cellStatus(sheet.get(r, ec.status));
      let status: Status | null = null;
      if (st.ok) {
        status = st.status;
        const raw = unwrap(sheet.get(r, ec.status));
        if (typeof raw === "string" && raw !== "" && raw !== (status ?? "")) {
          problems.push(
            problem(
              sheet,
              r,
              ec.status,
              "status-not-exact",
              status === null
                ? `${QUARTER_NAMES[q]}状态写作“${raw}”，按未填报处理；未填报请留空`
                : `${QUARTER_NAMES[q]}状态“${raw}”含多余的空格或字符，已按“${status}”读取，但表内公式不认，请从下拉列表重新选择`,
              { taskId: id, quarter: q, units },
              "warning",
            ),
          );
        }
      } else {
        problems.push(
          problem(sheet, r, ec.status, "status-unknown", `${QUARTER_NAMES[q]}状态“${st.text}”不是规定的状态（${STATUSES.join("、")}），按未填报处理`, {
            taskId: id,
            quarter: q,
            units,
          }),
        );
      }
      const entry: TaskEntry = {
        taskId: id,
        quarter: q,
        status,
        progress: cellText(sheet.get(r, ec.progress)),
        problems: cellText(sheet.get(r, ec.problems)),
        nextSteps: cellText(sheet.get(r, ec.nextSteps)),
      };
      if (entry.status !== null || entry.progress || entry.problems || entry.nextSteps) entries.push(entry);
    }
  }
  formulaCheck(sheet, tt, [TASK_COLUMNS.currentStatus, TASK_COLUMNS.completion, TASK_COLUMNS.warning], [...rows.values()], problems);
  if (tasks.length === 0) {
    throw new LedgerReadError("no-tasks", `不是可读取的台账：工作表“${SHEETS.tasks}”中没有任务行 (no task rows in sheet "${SHEETS.tasks}")`, SHEETS.tasks);
  }
  return { tasks, entries, rows, entryCols, cols };
}
