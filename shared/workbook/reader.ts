/**
 * Filled ledger workbook (as plain grids, see reader.grid.ts) → Ledger.
 *
 * Sheets and columns are found by their labels (labels.ts), never by position: columns may be
 * moved, hidden or added and rows added above a header. Only input cells are read (statuses,
 * narratives, actuals) plus the plan columns (to rebuild the Plan) and the 设置 values; computed
 * columns are ignored, so a formula a user overwrote with a value changes nothing.
 *
 * Content problems (an unknown status word, an actual that is not a number …) do not stop reading:
 * the cell is read as blank and a LedgerProblem says where. A file that is not a ledger at all
 * (missing sheet, renamed header, missing setting) throws LedgerReadError.
 */
import { Ledger, QUARTERS, STATUSES, type Actual, type Quarter, type Settings, type Status, type TaskEntry } from "../ledger/schema";
import { PlanMeta, Plan, type Comparator, type Section, type Target, type Task, type TargetKind, type Unit } from "../plan/schema";
import {
  ARCHIVE_COLUMNS, DEMO_MARK, QUARTER_NAMES, SETTINGS_LABELS, SHEETS, SUMMARY_COLUMNS, SUMMARY_OVERALL, TARGET_COLUMNS,
  TASK_COLUMNS, UNIT_COLUMNS, UNIT_SEPARATOR, comparatorFromWord, kindFromWord, quarterLabels, unitKindFromWord, COMPARATOR_WORDS,
} from "./labels";
import { cellAddress, cellNumber, cellStatus, cellText, labelKey, unwrap, type RawCell } from "./reader.cells";
import { LedgerReadError, col, findSheet, locateTable, requireSheet, type LedgerProblem, type Sheet, type Table, type WorkbookGrid } from "./reader.grid";
import type { ArchivedRow } from "./update";
import { defaultSettings } from "../scoring/settings";

export interface ReadResult {
  ledger: Ledger;
  /** Cell-level problems met while reading (the cell was read as blank). */
  problems: LedgerProblem[];
  /** Rows of the 归档 sheet, if any (kept by --update). */
  archive: ArchivedRow[];
  /** Where each task / target / entry cell is, for check rules and the add-in. */
  index: LedgerIndex;
}

/** Positions found while reading (0-based rows and columns). */
export interface LedgerIndex {
  taskRow: Map<number, number>;
  targetRow: Map<string, number>;
  /** 任务 sheet columns of each quarter's fields. */
  entryCols: Record<Quarter, { status: number; progress: number; problems: number; nextSteps: number }>;
  /** 指标 sheet column of each quarter's actual. */
  actualCols: Record<Quarter, number>;
  /** 设置 sheet: row and value column of the current quarter. */
  settingsQuarterCell: { row: number; col: number } | null;
}

const NUMERAL = /^[一二三四五六七八九十百零〇]+/;

/** "二、重点工作" / "（三）" / "三" → the numeral. */
function numeralOf(s: string): string | null {
  const m = s.replace(/^[（(]/, "").match(NUMERAL);
  return m ? m[0] : null;
}

/** Splits a 牵头单位 / 责任单位 cell into unit names. */
export function splitUnits(s: string): string[] {
  if (!s) return [];
  return s
    .split(new RegExp(`[${UNIT_SEPARATOR}，,；;\\n/]+`))
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

function intOf(v: RawCell): number | null {
  const r = cellNumber(v);
  if (!r.ok || r.value === null) return null;
  return Number.isInteger(r.value) && r.value > 0 ? r.value : null;
}

export function readLedger(grid: WorkbookGrid): ReadResult {
  const problems: LedgerProblem[] = [];
  const tasksSheet = requireSheet(grid, SHEETS.tasks);
  const targetsSheet = requireSheet(grid, SHEETS.targets);
  const settingsSheet = requireSheet(grid, SHEETS.settings);

  // --- 任务 -------------------------------------------------------------------------------------
  const taskLabels = [TASK_COLUMNS.id, TASK_COLUMNS.section, TASK_COLUMNS.text, TASK_COLUMNS.lead, TASK_COLUMNS.responsible];
  const ql = QUARTERS.map((q) => quarterLabels(q));
  const tt = locateTable(tasksSheet, [...taskLabels, ...ql.flatMap((l) => [l.status, l.progress, l.problems, l.nextSteps])]);
  const entryCols = Object.fromEntries(
    QUARTERS.map((q, i) => [q, { status: col(tt, ql[i]!.status)!, progress: col(tt, ql[i]!.progress)!, problems: col(tt, ql[i]!.problems)!, nextSteps: col(tt, ql[i]!.nextSteps)! }]),
  ) as LedgerIndex["entryCols"];
  const c = {
    id: col(tt, TASK_COLUMNS.id)!,
    section: col(tt, TASK_COLUMNS.section)!,
    subsection: col(tt, TASK_COLUMNS.subsection),
    text: col(tt, TASK_COLUMNS.text)!,
    lead: col(tt, TASK_COLUMNS.lead)!,
    responsible: col(tt, TASK_COLUMNS.responsible)!,
  };
  const tasks: Task[] = [];
  const taskRow = new Map<number, number>();
  const entries: TaskEntry[] = [];
  for (let r = tt.headerRow + 1; r < tasksSheet.rowCount; r++) {
    const idCell = tasksSheet.get(r, c.id);
    const text = cellText(tasksSheet.get(r, c.text));
    if (cellText(idCell) === "") continue; // extra rows (blank, notes below the table)
    const id = intOf(idCell);
    if (id === null) {
      if (text) problems.push(problem(tasksSheet, r, c.id, "task-id-invalid", `序号“${cellText(idCell)}”不是正整数，本行未读取`));
      continue;
    }
    if (!text) {
      // a numbered row without a task: say so if something was filled in it (it would be lost)
      const filled = QUARTERS.some((q) => Object.values(entryCols[q]).some((cc) => cellText(tasksSheet.get(r, cc)) !== ""));
      if (filled) problems.push(problem(tasksSheet, r, c.text, "task-text-missing", `序号 ${id} 的任务内容为空，本行填报未读取`, { taskId: id }));
      continue;
    }
    if (taskRow.has(id)) {
      problems.push(problem(tasksSheet, r, c.id, "task-id-duplicate", `序号 ${id} 重复（已在第 ${taskRow.get(id)! + 1} 行），本行未读取`, { taskId: id }));
      continue;
    }
    taskRow.set(id, r);
    const section = numeralOf(cellText(tasksSheet.get(r, c.section))) ?? (cellText(tasksSheet.get(r, c.section)) || "一");
    const sub = c.subsection === undefined ? "" : cellText(tasksSheet.get(r, c.subsection));
    const task: Task = {
      id,
      section,
      subsection: sub ? numeralOf(sub) ?? sub : null,
      text,
      lead: splitUnits(cellText(tasksSheet.get(r, c.lead))),
      responsible: splitUnits(cellText(tasksSheet.get(r, c.responsible))),
      leaders: [],
      targets: [],
    };
    tasks.push(task);
    const units = [...task.lead, ...task.responsible];
    for (const q of QUARTERS) {
      const ec = entryCols[q];
      const st = cellStatus(tasksSheet.get(r, ec.status));
      let status: Status | null = null;
      if (st.ok) {
        status = st.status;
        const raw = unwrap(tasksSheet.get(r, ec.status));
        if (typeof raw === "string" && raw !== "" && raw !== (status ?? "")) {
          problems.push(problem(tasksSheet, r, ec.status, "status-not-exact",
            status === null
              ? `${QUARTER_NAMES[q]}状态写作“${raw}”，按未填报处理；未填报请留空`
              : `${QUARTER_NAMES[q]}状态“${raw}”含多余的空格或字符，已按“${status}”读取，但表内公式不认，请从下拉列表重新选择`,
            { taskId: id, quarter: q, units }, "warning"));
        }
      } else {
        problems.push(problem(tasksSheet, r, ec.status, "status-unknown", `${QUARTER_NAMES[q]}状态“${st.text}”不是规定的状态（${STATUSES.join("、")}），按未填报处理`, { taskId: id, quarter: q, units }));
      }
      const entry: TaskEntry = {
        taskId: id,
        quarter: q,
        status,
        progress: cellText(tasksSheet.get(r, ec.progress)),
        problems: cellText(tasksSheet.get(r, ec.problems)),
        nextSteps: cellText(tasksSheet.get(r, ec.nextSteps)),
      };
      if (entry.status !== null || entry.progress || entry.problems || entry.nextSteps) entries.push(entry);
    }
  }
  formulaCheck(tasksSheet, tt, [TASK_COLUMNS.currentStatus, TASK_COLUMNS.completion, TASK_COLUMNS.warning], [...taskRow.values()], problems);
  if (tasks.length === 0) {
    throw new LedgerReadError("no-tasks", `不是可读取的台账：工作表“${SHEETS.tasks}”中没有任务行 (no task rows in sheet "${SHEETS.tasks}")`, SHEETS.tasks);
  }
  const taskById = new Map(tasks.map((t) => [t.id, t]));

  // --- 指标 -------------------------------------------------------------------------------------
  const gl = [TARGET_COLUMNS.id, TARGET_COLUMNS.taskId, TARGET_COLUMNS.name, TARGET_COLUMNS.comparator, TARGET_COLUMNS.value, TARGET_COLUMNS.unit, TARGET_COLUMNS.kind];
  const gt = locateTable(targetsSheet, [...gl, ...ql.map((l) => l.actual)]);
  const g = Object.fromEntries(Object.entries(TARGET_COLUMNS).map(([k, label]) => [k, col(gt, label)])) as Record<keyof typeof TARGET_COLUMNS, number | undefined>;
  const actualCols = Object.fromEntries(QUARTERS.map((q, i) => [q, col(gt, ql[i]!.actual)!])) as LedgerIndex["actualCols"];
  const targetRow = new Map<string, number>();
  const actuals: Actual[] = [];
  for (let r = gt.headerRow + 1; r < targetsSheet.rowCount; r++) {
    const idCell = targetsSheet.get(r, g.id!);
    const name = cellText(targetsSheet.get(r, g.name!));
    // extra rows (blank, notes below the table): neither a task number nor a target name
    if (!name && cellText(targetsSheet.get(r, g.taskId!)) === "") continue;
    const taskId = intOf(targetsSheet.get(r, g.taskId!));
    const task = taskId === null ? undefined : taskById.get(taskId);
    if (!task) {
      problems.push(problem(targetsSheet, r, g.taskId!, "target-task-unknown", `任务序号“${cellText(targetsSheet.get(r, g.taskId!))}”在“${SHEETS.tasks}”表中不存在，本行未读取`));
      continue;
    }
    // ids are written as text ("9.10"); a host that turned one into a number loses the trailing 0,
    // so a numeric id is rebuilt from the task and the target's position in it.
    const idText = cellText(idCell);
    const id = typeof unwrap(idCell) === "string" && /^\d+\.\d+$/.test(idText) && idText.startsWith(`${task.id}.`) ? idText : `${task.id}.${task.targets.length + 1}`;
    const cmpText = cellText(targetsSheet.get(r, g.comparator!));
    const comparator = comparatorFromWord(cmpText) ?? comparatorFromSymbol(cmpText);
    const kind: TargetKind | null = kindFromWord(cellText(targetsSheet.get(r, g.kind!)));
    const valueRead = cellNumber(targetsSheet.get(r, g.value!));
    const unit = cellText(targetsSheet.get(r, g.unit!));
    const units = [...task.lead, ...task.responsible];
    if (!name || !comparator || !kind || !valueRead.ok || valueRead.value === null) {
      const [bad, what] = !name ? [g.name!, "指标名称为空"] : !comparator ? [g.comparator!, `比较方式“${cmpText}”无法识别`] : !kind ? [g.kind!, `类型“${cellText(targetsSheet.get(r, g.kind!))}”无法识别`] : [g.value!, "目标值不是数字"];
      problems.push(problem(targetsSheet, r, bad, "target-invalid", `${what}，本行指标未读取`, { taskId: task.id, units }));
      continue;
    }
    if (targetRow.has(id)) {
      problems.push(problem(targetsSheet, r, g.id!, "target-id-duplicate", `指标编号 ${id} 重复，本行未读取`, { taskId: task.id, units }));
      continue;
    }
    targetRow.set(id, r);
    const target: Target = {
      id,
      name,
      value: valueRead.value,
      unit,
      comparator,
      kind,
      text: `${name}${COMPARATOR_WORDS[comparator]}${valueRead.value}${unit}`,
    };
    task.targets.push(target);
    for (const q of QUARTERS) {
      const ac = actualCols[q];
      const raw = targetsSheet.get(r, ac);
      const read = cellNumber(raw, { unit, numFmt: targetsSheet.numFmt(r, ac) });
      const extra = { taskId: task.id, targetId: id, quarter: q, units };
      if (read.ok) {
        if (read.value === null) continue;
        actuals.push({ targetId: id, quarter: q, value: read.value });
        // Read, but the workbook's own formulas see something else: say so (a warning).
        const plain = unwrap(raw);
        if (typeof plain === "string") {
          problems.push(problem(targetsSheet, r, ac, "actual-text", `${QUARTER_NAMES[q]}实际值“${cellText(plain)}”是文字，已按 ${read.value} 读取，但表内公式只认数字，请重新输入为数字`, extra, "warning"));
        } else if (typeof plain === "number" && plain !== read.value) {
          problems.push(problem(targetsSheet, r, ac, "actual-percent-format", `${QUARTER_NAMES[q]}实际值按百分比格式输入，已按 ${read.value} 读取，但表内公式按 ${plain} 计算，请直接填写 ${read.value}`, extra, "warning"));
        }
        continue;
      }
      if (read.reason === "percent-unit") {
        problems.push(problem(targetsSheet, r, ac, "actual-percent-unit", `${QUARTER_NAMES[q]}实际值“${read.text}”是百分数，但指标单位是“${unit || "无"}”，请填写不带单位的数字`, extra));
      } else if (read.reason === "error-value") {
        problems.push(problem(targetsSheet, r, ac, "actual-error", `${QUARTER_NAMES[q]}实际值是错误值 ${read.text}`, extra));
      } else {
        problems.push(problem(targetsSheet, r, ac, "actual-not-number", `${QUARTER_NAMES[q]}实际值“${read.text}”不是数字（请只填数字${unit ? `，单位为${unit}` : ""}）`, extra));
      }
    }
  }

  formulaCheck(targetsSheet, gt, [TARGET_COLUMNS.currentActual, TARGET_COLUMNS.expected, TARGET_COLUMNS.completion, TARGET_COLUMNS.state], [...targetRow.values()], problems);

  // --- 单位, 汇总, 说明 (plan reconstruction; all optional beyond 任务 / 指标) -----------------------
  const units = readUnits(grid, tasks);
  const sections = readSections(grid, tasks);
  const meta = readMeta(grid);
  const plan: Plan = Plan.parse({ meta, sections, tasks, units });

  // --- 设置 -------------------------------------------------------------------------------------
  const { settings, quarterCell } = readSettings(settingsSheet, problems);

  const ledger = Ledger.parse({
    plan,
    settings,
    entries,
    actuals,
    demo: isDemo(grid),
  });
  return {
    ledger,
    problems,
    archive: readArchive(grid),
    index: { taskRow, targetRow, entryCols, actualCols, settingsQuarterCell: quarterCell },
  };
}

/**
 * Computed columns whose formulas were replaced by values or deleted (paste-as-values, typing over
 * an unprotected sheet): the reader ignores them, but the workbook no longer computes them. One
 * warning per column, at its first such cell. Only when the grid carries formulas.
 */
function formulaCheck(sheet: Sheet, t: Table, labels: readonly string[], rows: readonly number[], problems: LedgerProblem[]): void {
  for (const label of labels) {
    const c = col(t, label);
    if (c === undefined) continue;
    const lost = rows.filter((r) => sheet.isFormula(r, c) === false).sort((a, b) => a - b);
    if (lost.length === 0) continue;
    problems.push(
      problem(sheet, lost[0]!, c, "formula-overwritten",
        `“${label}”列有 ${lost.length} 个单元格的公式被改成了固定值或被删除，这些单元格不再自动计算（读取和评分不受影响；可用 plan-ledger workbook --update 本文件 重建台账恢复公式）`,
        {}, "warning"),
    );
  }
}


function comparatorFromSymbol(s: string): Comparator | null {
  const t = s.replace(/\s+/g, "");
  const map: Record<string, Comparator> = { ">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", ">": ">", "<": "<", "=": "=", "~": "~", "≈": "~" };
  return map[t] ?? null;
}

export function problem(
  sheet: Sheet,
  row: number,
  c: number,
  code: LedgerProblem["code"],
  message: string,
  extra: Partial<Pick<LedgerProblem, "taskId" | "targetId" | "quarter" | "units">> = {},
  severity: LedgerProblem["severity"] = "error",
): LedgerProblem {
  return { sheet: sheet.name, cell: cellAddress(row, c), row, col: c, code, message, severity, ...extra };
}

function readUnits(grid: WorkbookGrid, tasks: Task[]): Unit[] {
  const out = new Map<string, Unit>();
  const sheet = findSheet(grid, SHEETS.units);
  if (sheet) {
    try {
      const t = locateTable(sheet, [UNIT_COLUMNS.name, UNIT_COLUMNS.kind]);
      for (let r = t.headerRow + 1; r < sheet.rowCount; r++) {
        const name = cellText(sheet.get(r, col(t, UNIT_COLUMNS.name)!));
        if (!name || out.has(name)) continue;
        const kind = unitKindFromWord(cellText(sheet.get(r, col(t, UNIT_COLUMNS.kind)!))) ?? "other";
        out.set(name, { name, kind });
      }
    } catch (e) {
      if (!(e instanceof LedgerReadError)) throw e;
    }
  }
  // The plan lists units in order of first appearance; the 单位 sheet groups them. Rebuild the
  // plan order from the tasks, taking kinds from the sheet.
  const ordered = new Map<string, Unit>();
  for (const t of tasks) for (const n of [...t.lead, ...t.responsible]) if (!ordered.has(n)) ordered.set(n, out.get(n) ?? { name: n, kind: "other" });
  for (const [n, u] of out) if (!ordered.has(n)) ordered.set(n, u);
  return [...ordered.values()];
}

function readSections(grid: WorkbookGrid, tasks: Task[]): Section[] {
  const titles = new Map<string, string>();
  const sheet = findSheet(grid, SHEETS.summary);
  if (sheet) {
    try {
      const t = locateTable(sheet, [SUMMARY_COLUMNS.section, SUMMARY_COLUMNS.title]);
      for (let r = t.headerRow + 1; r < sheet.rowCount; r++) {
        const id = cellText(sheet.get(r, col(t, SUMMARY_COLUMNS.section)!));
        if (!id || id === SUMMARY_OVERALL.section) continue;
        const num = numeralOf(id) ?? id;
        if (!titles.has(num)) titles.set(num, cellText(sheet.get(r, col(t, SUMMARY_COLUMNS.title)!)));
      }
    } catch (e) {
      if (!(e instanceof LedgerReadError)) throw e;
    }
  }
  const order: string[] = [...titles.keys()];
  for (const t of tasks) if (!order.includes(t.section)) order.push(t.section);
  return order.map((id) => {
    const subs: string[] = [];
    for (const t of tasks) if (t.section === id && t.subsection && !subs.includes(t.subsection)) subs.push(t.subsection);
    return { id, title: titles.get(id) ?? "", subsections: subs.map((s) => ({ id: s, title: "" })) };
  });
}

/** 说明 sheet: "label | value" rows for the plan's metadata (layout.guide-sheet.ts writes the first of each). */
export const META_LABELS = {
  title: ["方案", "方案名称", "标题"],
  issuer: ["印发单位", "发文单位"],
  documentNumber: ["文号", "发文字号"],
  date: ["印发日期", "发文日期", "成文日期"],
} as const;
/** What the guide sheet writes for a missing value. */
const NOT_GIVEN = /^[（(]?未注明[）)]?$/;

function readMeta(grid: WorkbookGrid): PlanMeta {
  const meta: PlanMeta = { title: null, year: null, issuer: null, documentNumber: null, date: null };
  const sheet = findSheet(grid, SHEETS.guide);
  if (!sheet) return meta;
  const want = new Map<string, "title" | "issuer" | "documentNumber" | "date">();
  for (const [k, labels] of Object.entries(META_LABELS)) for (const l of labels) want.set(labelKey(l), k as "title");
  const seen = new Set<string>();
  for (let r = 0; r < Math.min(sheet.rowCount, 40); r++) {
    const key = want.get(labelKey(sheet.get(r, 0)).replace(/[:：]$/, ""));
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const v = cellText(sheet.get(r, 1));
    if (!v || NOT_GIVEN.test(v)) continue;
    if (key === "date") {
      const m = v.match(/^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/);
      if (m) meta.date = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
    } else {
      meta[key] = v;
    }
  }
  // The year is not written on its own: the plan's title starts with it ("2023年区政府工作报告…").
  // (the parser's rule: a 4-digit year followed by 年 in the title, else the date's year)
  const y = meta.title?.match(/(\d{4})\s*年/) ?? meta.date?.match(/^(\d{4})-/);
  if (y) meta.year = Number(y[1]);
  return PlanMeta.parse(meta);
}

function isDemo(grid: WorkbookGrid): boolean {
  for (const s of grid.sheets) {
    const rows = s.values.slice(0, 3);
    for (const row of rows) for (const v of row ?? []) if (cellText(v).includes(DEMO_MARK)) return true;
  }
  return false;
}

function readSettings(sheet: Sheet, problems: LedgerProblem[]): { settings: Settings; quarterCell: { row: number; col: number } | null } {
  // labels in the first column that has them, values in the column headed 值 (default: the next one)
  const rows = new Map<string, number>();
  let labelCol = 0;
  let valueCol = 1;
  for (let r = 0; r < Math.min(sheet.rowCount, 60); r++) {
    for (let cc = 0; cc < Math.min(sheet.colCount, 6); cc++) {
      const k = labelKey(sheet.get(r, cc));
      if (k === labelKey(SETTINGS_LABELS.quarter)) {
        labelCol = cc;
        valueCol = cc + 1;
      }
    }
  }
  for (let r = 0; r < Math.min(sheet.rowCount, 60); r++) {
    const k = labelKey(sheet.get(r, labelCol));
    if (k && !rows.has(k)) rows.set(k, r);
  }
  const need = (label: string): number => {
    const r = rows.get(labelKey(label));
    if (r === undefined) {
      throw new LedgerReadError("missing-setting", `不是可读取的台账：工作表“${sheet.name}”缺少设置项“${label}” (missing setting "${label}")`, sheet.name);
    }
    return r;
  };
  const num = (label: string, check: (n: number) => boolean, hint: string): number | null => {
    const r = need(label);
    const read = cellNumber(sheet.get(r, valueCol));
    if (read.ok && read.value !== null && check(read.value)) return read.value;
    problems.push(problem(sheet, r, valueCol, "settings-invalid", `${label}“${cellText(sheet.get(r, valueCol))}”无效：${hint}`));
    return null;
  };
  const qRow = need(SETTINGS_LABELS.quarter);
  const quarter = num(SETTINGS_LABELS.quarter, (n) => [1, 2, 3, 4].includes(n), "应为 1–4");
  const leadWeight = num(SETTINGS_LABELS.leadWeight, (n) => n >= 0, "应为不小于 0 的数字");
  const responsibleWeight = num(SETTINGS_LABELS.responsibleWeight, (n) => n >= 0, "应为不小于 0 的数字");
  const tolerance = num(SETTINGS_LABELS.tolerance, (n) => n >= 0, "应为不小于 0 的数字");
  const scores = {} as Record<Status, number>;
  for (const s of STATUSES) scores[s] = num(s, (n) => n >= 0 && n <= 100, "应为 0–100") ?? FALLBACK.statusScores[s];
  const pace = QUARTERS.map((q) => num(QUARTER_NAMES[q], (n) => n >= 0 && n <= 1, "应为 0–1 的小数") ?? FALLBACK.pace[q - 1]!) as Settings["pace"];
  const settings: Settings = {
    quarter: (quarter ?? FALLBACK.quarter) as Quarter,
    statusScores: scores,
    leadWeight: leadWeight ?? FALLBACK.leadWeight,
    responsibleWeight: responsibleWeight ?? FALLBACK.responsibleWeight,
    pace,
    tolerance: tolerance ?? FALLBACK.tolerance,
  };
  return { settings, quarterCell: { row: qRow, col: valueCol } };
}

/** Used only for a setting cell that is present but unreadable (reported as a problem). */
const FALLBACK: Settings = defaultSettings;

function readArchive(grid: WorkbookGrid): ArchivedRow[] {
  const sheet = findSheet(grid, SHEETS.archive);
  if (!sheet) return [];
  let t: Table;
  try {
    t = locateTable(sheet, [ARCHIVE_COLUMNS.taskId, ARCHIVE_COLUMNS.quarter]);
  } catch {
    return [];
  }
  const get = (r: number, label: string) => {
    const cc = col(t, label);
    return cc === undefined ? null : sheet.get(r, cc);
  };
  const out: ArchivedRow[] = [];
  for (let r = t.headerRow + 1; r < sheet.rowCount; r++) {
    const taskId = intOf(get(r, ARCHIVE_COLUMNS.taskId));
    if (taskId === null) continue;
    const qText = cellText(get(r, ARCHIVE_COLUMNS.quarter));
    const q = (QUARTERS.find((x) => QUARTER_NAMES[x] === qText || String(x) === qText || `Q${x}` === qText) ?? null) as Quarter | null;
    if (q === null) continue;
    const targetId = cellText(get(r, ARCHIVE_COLUMNS.targetId)) || null;
    const st = cellStatus(get(r, ARCHIVE_COLUMNS.status));
    const value = cellNumber(get(r, ARCHIVE_COLUMNS.actual));
    out.push({
      kind: targetId ? "actual" : "entry",
      taskId,
      taskText: cellText(get(r, ARCHIVE_COLUMNS.text)),
      quarter: q,
      status: st.ok ? st.status : cellText(get(r, ARCHIVE_COLUMNS.status)),
      progress: cellText(get(r, ARCHIVE_COLUMNS.progress)),
      problems: cellText(get(r, ARCHIVE_COLUMNS.problems)),
      nextSteps: cellText(get(r, ARCHIVE_COLUMNS.nextSteps)),
      targetId,
      targetName: cellText(get(r, ARCHIVE_COLUMNS.targetName)) || null,
      targetUnit: null,
      value: value.ok ? value.value : null,
      reason: cellText(get(r, ARCHIVE_COLUMNS.reason)),
    });
  }
  return out;
}
