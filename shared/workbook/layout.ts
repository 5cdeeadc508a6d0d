/**
 * buildLayout: Plan (+ settings, optional filled entries and actuals) → WorkbookLayout, the whole
 * ledger workbook as data. Pure: no exceljs, no Office.js, no I/O.
 */
import type { Plan } from "../plan/schema";
import type { Actual, Ledger, Settings, TaskEntry } from "../ledger/schema";
import type { WorkbookLayout } from "./layout.types";
import { withDefaults } from "../scoring/settings";
import { positions } from "./layout.positions";
import { STYLES } from "./layout.common";
import { guideSheet } from "./sheet.guide";
import { tasksSheet } from "./sheet.tasks";
import { targetsSheet } from "./sheet.targets";
import { unitsSheet } from "./sheet.units";
import { summarySheet } from "./sheet.summary";
import { settingsNames, settingsSheet } from "./sheet.settings";
import { archiveSheet } from "./sheet.archive";
import { recordSheet } from "./sheet.record";
import { DEMO_MARK } from "./labels";

const LAYOUT_VERSION = "1.0";

export interface LayoutOptions {
  settings?: Partial<Settings>;
  /** Sheet protection password; absent: protected without a password. */
  password?: string;
  /** Filled-in entries and actuals to write (a demo fill, a test fill, or a ledger being rewritten). */
  entries?: readonly TaskEntry[];
  actuals?: readonly Actual[];
  /** Mark every sheet 演示数据. */
  demo?: boolean;
}

export function buildLayout(plan: Plan, options: LayoutOptions = {}): WorkbookLayout {
  const settings = withDefaults(options.settings);
  const demo = options.demo ?? false;
  const opts = { demo, password: options.password ?? null };
  const pos = positions(plan);
  const year = plan.meta.year ? `${plan.meta.year}年` : "";
  return {
    sheets: [
      guideSheet(plan, settings, opts),
      tasksSheet(plan, pos, options.entries ?? [], opts),
      targetsSheet(plan, pos, options.actuals ?? [], opts),
      unitsSheet(plan, pos, opts),
      summarySheet(plan, pos, opts),
      settingsSheet(plan, settings, opts),
      archiveSheet(plan, opts),
      // very hidden: the plan as written, which readers score by (sheet.record.ts)
      recordSheet(plan, opts),
    ],
    names: settingsNames(),
    styles: STYLES,
    activeSheet: "tasks",
    metadata: {
      title: (plan.meta.title ?? "目标任务") + "台账",
      subject: `${year}目标任务台账`,
      creator: "plan-ledger",
      keywords: ["目标任务台账", demo ? DEMO_MARK : null].filter(Boolean).join(" "),
      description: [plan.meta.documentNumber, plan.meta.date].filter(Boolean).join(" "),
      demo,
      layoutVersion: LAYOUT_VERSION,
    },
  };
}

/** The layout of an existing ledger (its plan, settings and everything filled in). */
export function ledgerLayout(ledger: Ledger, options: { password?: string } = {}): WorkbookLayout {
  return buildLayout(ledger.plan, {
    settings: ledger.settings,
    password: options.password,
    entries: ledger.entries,
    actuals: ledger.actuals,
    demo: ledger.demo,
  });
}
