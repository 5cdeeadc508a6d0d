/**
 * 指标 sheet: one row per quantitative target, quarterly actuals, expected value, completion, state,
 * and (hidden) the target's clause as the plan wrote it. Lays the sheet out (targetsSheet) and reads
 * it back (readTargets), recording where each row and column was found.
 */
import type { Plan, Target, TargetKind, Task } from "../plan/schema";
import type { Actual, Quarter } from "../ledger/schema";
import { QUARTERS } from "../ledger/schema";
import type { ColumnLayout, LayoutCell, SheetLayout } from "./layout.types";
import { CONFIRM_WORD, FIRST_DATA_ROW, HEADER_ROW, KIND_WORDS, SHEETS, TARGET_COLUMNS, UNIT_SEPARATOR, VALIDATION_TEXT, quarterLabels } from "./labels";
import { COLS, TARGET_KEYS, type Positions, type TargetKey } from "./layout.positions";
import { COMPARATOR, QUARTER_NAMES, TARGET_STATE, comparatorFromCell } from "../vocabulary";
import { cellNumber, cellText, unwrap } from "./reader.cells";
import { col, columnsByKey, formulaCheck, intOf, locateTable, problem, type LedgerProblem, type Sheet } from "./reader.grid";
import { targetFormulas } from "./layout.formulas";
import { confirmedTargets } from "../scoring/index";
import { implausibility, implausibleMessage } from "../scoring/plausibility";
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
  // not wrapped: it must not change the row heights of the visible columns
  text: { label: TARGET_COLUMNS.text, width: 30, style: "plain", hidden: true },
  confirm: { label: TARGET_COLUMNS.confirm, width: 8, style: "inputStatus", input: true },
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
  const confirmed = confirmedTargets({ actuals });
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
      comparator: { value: COMPARATOR[g.comparator].word },
      value: { value: g.value },
      unit: { value: g.unit || null },
      kind: { value: KIND_WORDS[g.kind] },
      lead: { value: task.lead.join(UNIT_SEPARATOR) },
      responsible: { value: task.responsible.join(UNIT_SEPARATOR) },
      currentActual: { formula: f.currentActual },
      expected: { formula: f.expected },
      completion: { formula: f.completion },
      state: { formula: f.state },
      text: { value: g.text },
      confirm: { value: confirmed.has(g.id) ? CONFIRM_WORD : null },
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
      prompt: { title: VALIDATION_TEXT.actualTitle, text: VALIDATION_TEXT.actualPrompt(COMPARATOR[g.comparator].word, g.value, g.unit, g.kind) },
      error: {
        title: VALIDATION_TEXT.errorTitle,
        text: g.kind === "cumulative" ? VALIDATION_TEXT.actualErrorNonNegative : VALIDATION_TEXT.actualErrorNumber,
        style: "stop",
      },
    });
  }
  const last = pos.lastTargetRow;
  if (last >= first) {
    sheet.validations.push({
      range: `${C.confirm}${first}:${C.confirm}${last}`,
      type: "list",
      list: [CONFIRM_WORD],
      allowBlank: true,
      prompt: { title: VALIDATION_TEXT.confirmTitle, text: VALIDATION_TEXT.confirmPrompt },
      error: { title: VALIDATION_TEXT.errorTitle, text: VALIDATION_TEXT.confirmError, style: "stop" },
    });
  }
  sheet.data = { headerRow: HEADER_ROW, firstRow: first, lastRow: last };
  sheet.freeze = { rows: HEADER_ROW, columns: 4 };
  // the filter spans the visible columns (the hidden 原文 is last)
  sheet.autoFilter = `A${HEADER_ROW}:${C.state}${Math.max(last, HEADER_ROW)}`;
  sheet.protection = protection(opts.password);
  sheet.print = print(`1:${HEADER_ROW}`);
  if (last < first) return sheet;
  const col = (k: TargetKey) => `${C[k]}${first}:${C[k]}${last}`;
  sheet.conditionalFormats.push(...stateColorRules(col("state"), `${C.state}${first}`, 1));
  sheet.conditionalFormats.push({
    type: "expression",
    range: col("currentActual"),
    formula: `$${C.state}${first}="${TARGET_STATE.behind}"`,
    style: { fill: COLORS.lagging.fill, fontColor: COLORS.lagging.font },
    priority: 4,
  });
  sheet.conditionalFormats.push({ type: "dataBar", range: col("completion"), color: COLORS.bar, min: 0, max: 1, priority: 5 });
  return sheet;
}

export interface TargetsRead {
  actuals: Actual[];
  /** 0-based row of each target. */
  rows: Map<string, number>;
  /** 0-based column of each quarter's actual. */
  actualCols: Record<Quarter, number>;
  /** 0-based column of each column found, by key (computed columns included, when present). */
  cols: Partial<Record<TargetKey, number>>;
}

/** A 类型 word → the target's kind; null when it is not one of KIND_WORDS. */
function kindFromWord(word: string): TargetKind | null {
  const w = word.trim();
  return (Object.keys(KIND_WORDS) as TargetKind[]).find((k) => KIND_WORDS[k] === w) ?? null;
}

/**
 * Reads the targets into their tasks (`tasks`, as read from 任务) and the actuals. The sheet is
 * required: a missing column throws LedgerReadError; a bad cell is a problem and is read as blank.
 */
export function readTargets(sheet: Sheet, tasks: readonly Task[], problems: LedgerProblem[]): TargetsRead {
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const ql = QUARTERS.map((q) => quarterLabels(q));
  const required = [
    TARGET_COLUMNS.id,
    TARGET_COLUMNS.taskId,
    TARGET_COLUMNS.name,
    TARGET_COLUMNS.comparator,
    TARGET_COLUMNS.value,
    TARGET_COLUMNS.unit,
    TARGET_COLUMNS.kind,
  ];
  const gt = locateTable(sheet, [...required, ...ql.map((l) => l.actual)]);
  const cols: Partial<Record<TargetKey, number>> = columnsByKey(gt, TARGET_COLUMNS);
  const actualCols = Object.fromEntries(QUARTERS.map((q, i) => [q, col(gt, ql[i]!.actual)!])) as Record<Quarter, number>;
  for (const q of QUARTERS) cols[`q${q}.actual`] = actualCols[q];
  const g = {
    id: cols.id!,
    taskId: cols.taskId!,
    name: cols.name!,
    comparator: cols.comparator!,
    value: cols.value!,
    unit: cols.unit!,
    kind: cols.kind!,
    text: cols.text,
  };
  const rows = new Map<string, number>();
  const actuals: Actual[] = [];
  for (let r = gt.headerRow + 1; r < sheet.rowCount; r++) {
    const idCell = sheet.get(r, g.id);
    const name = cellText(sheet.get(r, g.name));
    // extra rows (blank, notes below the table): neither a task number nor a target name
    if (!name && cellText(sheet.get(r, g.taskId)) === "") continue;
    const taskId = intOf(sheet.get(r, g.taskId));
    const task = taskId === null ? undefined : taskById.get(taskId);
    if (!task) {
      problems.push(
        problem(sheet, r, g.taskId, "target-task-unknown", `任务序号“${cellText(sheet.get(r, g.taskId))}”在“${SHEETS.tasks}”表中不存在，本行未读取`),
      );
      continue;
    }
    // ids are written as text ("9.10"); a host that turned one into a number loses the trailing 0,
    // so a numeric id is rebuilt from the task and the target's position in it.
    const idText = cellText(idCell);
    const id =
      typeof unwrap(idCell) === "string" && /^\d+\.\d+$/.test(idText) && idText.startsWith(`${task.id}.`) ? idText : `${task.id}.${task.targets.length + 1}`;
    const cmpText = cellText(sheet.get(r, g.comparator));
    const comparator = comparatorFromCell(cmpText);
    const kind = kindFromWord(cellText(sheet.get(r, g.kind)));
    const valueRead = cellNumber(sheet.get(r, g.value));
    const unit = cellText(sheet.get(r, g.unit));
    const units = [...task.lead, ...task.responsible];
    if (!name || !comparator || !kind || !valueRead.ok || valueRead.value === null) {
      const [bad, what] = !name
        ? [g.name, "指标名称为空"]
        : !comparator
          ? [g.comparator, `比较方式“${cmpText}”无法识别`]
          : !kind
            ? [g.kind, `类型“${cellText(sheet.get(r, g.kind))}”无法识别`]
            : [g.value, "目标值不是数字"];
      problems.push(problem(sheet, r, bad, "target-invalid", `${what}，本行指标未读取`, { taskId: task.id, units }));
      continue;
    }
    if (rows.has(id)) {
      problems.push(problem(sheet, r, g.id, "target-id-duplicate", `指标编号 ${id} 重复，本行未读取`, { taskId: task.id, units }));
      continue;
    }
    rows.set(id, r);
    // The plan's own clause when the workbook carries it (原文); older workbooks: rebuilt from the cells.
    const clause = g.text === undefined ? "" : cellText(sheet.get(r, g.text));
    const target: Target = {
      id,
      name,
      value: valueRead.value,
      unit,
      comparator,
      kind,
      text: clause || `${name}${COMPARATOR[comparator].word}${valueRead.value}${unit}`,
    };
    task.targets.push(target);
    const confirmed = readConfirm(sheet, r, cols.confirm, { taskId: task.id, targetId: id, units }, problems);
    for (const q of QUARTERS) {
      const ac = actualCols[q];
      const raw = sheet.get(r, ac);
      const read = cellNumber(raw, { unit, numFmt: sheet.numFmt(r, ac) });
      const extra = { taskId: task.id, targetId: id, quarter: q, units };
      if (read.ok) {
        if (read.value === null) continue;
        actuals.push(confirmed ? { targetId: id, quarter: q, value: read.value, confirmed } : { targetId: id, quarter: q, value: read.value });
        implausibleProblem(sheet, r, ac, target, q, read.value, confirmed, extra, problems);
        // Read, but the workbook's own formulas see something else: say so (a warning).
        const plain = unwrap(raw);
        if (typeof plain === "string") {
          problems.push(
            problem(
              sheet,
              r,
              ac,
              "actual-text",
              `${QUARTER_NAMES[q]}实际值“${cellText(plain)}”是文字，已按 ${read.value} 读取，但表内公式只认数字，请重新输入为数字`,
              extra,
              "warning",
            ),
          );
        } else if (typeof plain === "number" && plain !== read.value) {
          problems.push(
            problem(
              sheet,
              r,
              ac,
              "actual-percent-format",
              `${QUARTER_NAMES[q]}实际值按百分比格式输入，已按 ${read.value} 读取，但表内公式按 ${plain} 计算，请直接填写 ${read.value}`,
              extra,
              "warning",
            ),
          );
        }
        continue;
      }
      if (read.reason === "percent-unit") {
        problems.push(
          problem(
            sheet,
            r,
            ac,
            "actual-percent-unit",
            `${QUARTER_NAMES[q]}实际值“${read.text}”是百分数，但指标单位是“${unit || "无"}”，请填写不带单位的数字`,
            extra,
          ),
        );
      } else if (read.reason === "error-value") {
        problems.push(problem(sheet, r, ac, "actual-error", `${QUARTER_NAMES[q]}实际值是错误值 ${read.text}`, extra));
      } else {
        problems.push(
          problem(sheet, r, ac, "actual-not-number", `${QUARTER_NAMES[q]}实际值“${read.text}”不是数字（请只填数字${unit ? `，单位为${unit}` : ""}）`, extra),
        );
      }
    }
  }
  formulaCheck(
    sheet,
    gt,
    [TARGET_COLUMNS.currentActual, TARGET_COLUMNS.expected, TARGET_COLUMNS.completion, TARGET_COLUMNS.state],
    [...rows.values()],
    problems,
  );
  return { actuals, rows, actualCols, cols };
}

/**
 * The row's 核实 cell: true when it says CONFIRM_WORD. Anything else typed there (past the list's
 * validation) confirms nothing and is a problem; a workbook without the column confirms nothing.
 */
function readConfirm(
  sheet: Sheet,
  r: number,
  c: number | undefined,
  extra: Pick<LedgerProblem, "taskId" | "targetId" | "units">,
  problems: LedgerProblem[],
): boolean {
  if (c === undefined) return false;
  const text = cellText(sheet.get(r, c)).trim();
  if (text === "" || text === CONFIRM_WORD) return text === CONFIRM_WORD;
  problems.push(
    problem(
      sheet,
      r,
      c,
      "confirm-unknown",
      `“${TARGET_COLUMNS.confirm}”列只认“${CONFIRM_WORD}”，“${text}”不算核实：本行实际值如确实无误，请从下拉列表选“${CONFIRM_WORD}”`,
      extra,
    ),
  );
  return false;
}

/**
 * An actual that looks mistyped for its target (a fraction for a %, 元 for 亿元, beyond 100×): an
 * error saying what was probably meant (the value does not count until corrected or confirmed), or,
 * once the row is 已核实, a warning that it counts as typed.
 */
function implausibleProblem(
  sheet: Sheet,
  r: number,
  c: number,
  target: Target,
  q: Quarter,
  value: number,
  confirmed: boolean,
  extra: Pick<LedgerProblem, "taskId" | "targetId" | "quarter" | "units">,
  problems: LedgerProblem[],
): void {
  const found = implausibility(target, value);
  if (!found) return;
  const what = `指标 ${target.id}（${target.name}）${QUARTER_NAMES[q]}${implausibleMessage(found, value, target)}`;
  if (confirmed) {
    problems.push(
      problem(sheet, r, c, "actual-implausible", `${what}；本行“${TARGET_COLUMNS.confirm}”已选“${CONFIRM_WORD}”，按所填数值计算`, extra, "warning"),
    );
  } else {
    problems.push(
      problem(
        sheet,
        r,
        c,
        "actual-implausible",
        `${what}。在改正或核实前，该值不参与达标评价（按未填计）；如数值确实无误，请在本行“${TARGET_COLUMNS.confirm}”列选“${CONFIRM_WORD}”`,
        extra,
      ),
    );
  }
}
