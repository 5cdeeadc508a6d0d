/**
 * The unit workbook (单位填报表) of one unit and one quarter, as a WorkbookLayout: the master's own
 * buildLayout run on the unit's part of the plan (shared/collect/scope.ts: a row filter, not a second
 * layout), then cut to what a unit needs and locked to what it may fill:
 * - 说明 with the unit's rows (sheet.unit-guide.ts);
 * - 任务: the tasks it reports (this quarter's four cells unlocked) and those it shares (locked, with
 *   the leads' reports so far); earlier quarters locked; later quarters hidden, locked and empty;
 * - 指标: the targets of the tasks it reports (this quarter's 实际值 and 核实 unlocked);
 * - 设置 with 当前季度 = the quarter, so 预警 / 完成度 / 状态 compute as in the master;
 * - 方案记录 of the WHOLE plan (the master's SHA-256) and 填报表标识 (sheet.identity.ts), very hidden.
 * 单位, 汇总 and 归档 are left out: rankings and section totals are the master's business.
 * Pure: no exceljs, no I/O.
 */
import type { Ledger, Quarter } from "../ledger/schema";
import type { Plan } from "../plan/schema";
import type { BaseCell, InputKey, UnitWorkbookIdentity } from "../collect/identity";
import { unitPlan, unitScope, type UnitScope } from "../collect/scope";
import { unitInputs } from "../collect/values";
import { ledgerValues, valueOf } from "../collect/keys";
import type { SheetLayout, WorkbookLayout } from "./layout.types";
import { buildLayout } from "./layout";
import { TARGET_KEYS, TASK_KEYS, positions, type TaskKey } from "./layout.positions";
import { DEMO_MARK, ENTRY_FIELD_ORDER, SHEETS } from "./labels";
import { QUARTERS } from "../ledger/schema";
import { QUARTER_NAMES, sheetCell } from "../vocabulary";
import { unitGuideSheet } from "./sheet.unit-guide";
import { recordSheet } from "./sheet.record";
import { identitySheet } from "./sheet.identity";
import { planRecord } from "../plan/record";

export interface SplitOptions {
  quarter: Quarter;
  /** YYYY-MM-DD or null. */
  deadline: string | null;
  /** ISO time of the split (the same for every file of one split). */
  splitAt: string;
  /** Whom to send the file back to (说明!报送); null: the default sentence. */
  sendTo?: string | null;
  password?: string;
}

/**
 * What every unit's file of one split shares, computed once (the whole plan's record is the costly
 * part of a 5,000-task plan): pass it to unitWorkbookLayout for each unit.
 */
export interface SplitBase {
  ledger: Ledger;
  options: SplitOptions;
  record: SheetLayout;
  planSha256: string;
}

export function splitBase(ledger: Ledger, options: SplitOptions): SplitBase {
  const opts = { demo: ledger.demo, password: options.password ?? null };
  return { ledger, options, record: recordSheet(ledger.plan, opts), planSha256: planRecord(ledger.plan).sha256 };
}

/** The unit's workbook and the identity it carries. */
export function unitWorkbookLayout(base: SplitBase, unit: string): { layout: WorkbookLayout; identity: UnitWorkbookIdentity; scope: UnitScope } {
  const { ledger, options } = base;
  const { quarter } = options;
  const scope = unitScope(ledger.plan, unit);
  const plan = unitPlan(ledger.plan, scope);
  const taskIds = new Set(plan.tasks.map((t) => t.id));
  const targetIds = new Set(plan.tasks.flatMap((t) => t.targets.map((g) => g.id)));
  const settings = { ...ledger.settings, quarter };
  const shown: Ledger = {
    plan,
    settings,
    entries: ledger.entries.filter((e) => taskIds.has(e.taskId) && e.quarter <= quarter),
    actuals: ledger.actuals.filter((a) => targetIds.has(a.targetId) && a.quarter <= quarter),
    demo: ledger.demo,
  };
  const master = buildLayout(plan, { settings, password: options.password, entries: shown.entries, actuals: shown.actuals, demo: ledger.demo });
  const opts = { demo: ledger.demo, password: options.password ?? null };
  const sheet = (key: keyof typeof SHEETS) => master.sheets.find((s) => s.key === key)!;
  const tasks = lockTasks(sheet("tasks"), plan, scope, quarter);
  const targets = lockTargets(sheet("targets"), quarter);
  const pos = positions(plan);

  const values = ledgerValues(shown);
  const lookup = (k: InputKey) => valueOf(values, k);
  const baseCells: BaseCell[] = unitInputs(plan, scope, quarter).map(({ key, editable }) => {
    const [name, row, col] =
      key.kind === "entry"
        ? [SHEETS.tasks, pos.taskRow.get(key.taskId)!, TASK_KEYS.indexOf(`q${key.quarter}.${key.field}`)]
        : key.kind === "actual"
          ? [SHEETS.targets, pos.targetRow.get(key.targetId)!, TARGET_KEYS.indexOf(`q${key.quarter}.actual`)]
          : [SHEETS.targets, pos.targetRow.get(key.targetId)!, TARGET_KEYS.indexOf("confirm")];
    return { key, cell: sheetCell(name, row - 1, col), value: lookup(key), editable };
  });
  const identity: UnitWorkbookIdentity = {
    planSha256: base.planSha256,
    year: ledger.plan.meta.year,
    unit,
    quarter,
    splitAt: options.splitAt,
    deadline: options.deadline,
    base: baseCells,
  };
  const guide = unitGuideSheet(plan, settings, opts, {
    unit,
    quarter,
    deadline: options.deadline,
    sendTo: options.sendTo ?? null,
    reports: scope.reports.size,
    shares: scope.shares.size,
    targets: targetIds.size,
  });
  const year = ledger.plan.meta.year ? `${ledger.plan.meta.year}年` : "";
  const layout: WorkbookLayout = {
    ...master,
    sheets: [guide, tasks, targets, sheet("settings"), base.record, identitySheet(identity, opts)],
    activeSheet: "tasks",
    metadata: {
      ...master.metadata,
      title: `${unit}${year}${QUARTER_NAMES[quarter]}填报表`,
      subject: `${year}目标任务单位填报表`,
      keywords: ["目标任务台账", "单位填报表", ledger.demo ? DEMO_MARK : null].filter(Boolean).join(" "),
    },
  };
  return { layout, identity, scope };
}

/** Styles of a locked cell in an input column: the plan columns' own (text, centred, number). */
const LOCKED = { inputText: "text", inputStatus: "center", inputNumber: "number" } as Record<string, string>;

/** A column the unit may not fill: locked, headed as a plan column; later quarters hidden too. */
function lockColumn(sheet: SheetLayout, key: string, hide: boolean): void {
  const i = sheet.columns.findIndex((c) => c.key === key);
  const c = sheet.columns[i]!;
  sheet.columns[i] = { ...c, style: LOCKED[c.style] ?? c.style, input: false, ...(hide ? { hidden: true } : {}) };
  const header = sheet.rows[sheet.data!.headerRow - 1]!.cells[i];
  if (header) header.style = "header";
}

function lockTasks(sheet: SheetLayout, plan: Plan, scope: UnitScope, quarter: Quarter): SheetLayout {
  for (const q of QUARTERS) {
    if (q === quarter) continue;
    for (const f of ENTRY_FIELD_ORDER) lockColumn(sheet, `q${q}.${f}`, q > quarter);
  }
  // shared tasks: this quarter's cells locked too (the leads report them)
  const cols = ENTRY_FIELD_ORDER.map((f) => TASK_KEYS.indexOf(`q${quarter}.${f}` as TaskKey));
  plan.tasks.forEach((t, i) => {
    if (scope.reports.has(t.id)) return;
    const row = sheet.rows[sheet.data!.firstRow - 1 + i]!;
    for (const c of cols) row.cells[c] = { ...(row.cells[c] ?? {}), style: LOCKED[sheet.columns[c]!.style] };
  });
  return sheet;
}

function lockTargets(sheet: SheetLayout, quarter: Quarter): SheetLayout {
  for (const q of QUARTERS) if (q !== quarter) lockColumn(sheet, `q${q}.actual`, q > quarter);
  return sheet;
}
