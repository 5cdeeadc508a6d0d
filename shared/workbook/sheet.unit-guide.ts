/**
 * 说明 of a unit workbook (单位填报表): the master's 说明 (sheet.guide.ts) for the unit's plan, with
 * the unit's own "label | value" rows after the plan's metadata: who fills it, for which quarter, by
 * when, whom to send it back to, what it holds. Lays them out (unitGuideSheet); the reader reads the
 * metadata as on any 说明 and knows these rows by their labels (isUnitGuideLabel).
 */
import type { Plan } from "../plan/schema";
import type { Quarter, Settings } from "../ledger/schema";
import type { SheetLayout } from "./layout.types";
import { SHEETS, TARGET_COLUMNS, UNIT_GUIDE_LABELS, UNIT_GUIDE_NO_DEADLINE, UNIT_GUIDE_SEND_BACK, quarterLabels } from "./labels";
import { QUARTER_NAMES } from "../vocabulary";
import { STYLES, fitHeight } from "./layout.common";
import { guideSheet } from "./sheet.guide";

export interface UnitGuideInfo {
  unit: string;
  quarter: Quarter;
  deadline: string | null;
  /** Whom to send the file back to; null: the default sentence. */
  sendTo: string | null;
  /** Tasks it reports, tasks it shares, targets it reports. */
  reports: number;
  shares: number;
  targets: number;
}

export function unitGuideSheet(plan: Plan, settings: Settings, opts: { demo: boolean; password: string | null }, info: UnitGuideInfo): SheetLayout {
  const sheet = guideSheet(plan, settings, opts);
  const q = QUARTER_NAMES[info.quarter];
  const year = plan.meta.year ? `${plan.meta.year}年` : "";
  const l = quarterLabels(info.quarter);
  const G = UNIT_GUIDE_LABELS;
  const rows: [string, string][] = [
    [G.unit, info.unit],
    [G.quarter, `${year}${q}`],
    [G.deadline, info.deadline ? `${info.deadline} 前报送` : UNIT_GUIDE_NO_DEADLINE],
    [G.sendTo, info.sendTo ?? UNIT_GUIDE_SEND_BACK],
    [
      G.contents,
      `本单位填报的任务 ${info.reports} 项、量化指标 ${info.targets} 个；本单位参与、由牵头单位填报的任务 ${info.shares} 项（仅供参阅，不需填写）。`,
    ],
    [
      G.howTo,
      `只填浅黄色单元格：“${SHEETS.tasks}”表的“${l.status}”“${l.progress}”“${l.problems}”“${l.nextSteps}”，` +
        `“${SHEETS.targets}”表的“${l.actual}”和“${TARGET_COLUMNS.confirm}”。以前季度的填报已锁定，只供对照；由牵头单位填报的任务整行锁定，` +
        `显示牵头单位此前的填报。“预警”“完成度”等灰色列自动计算，报送前请看一眼：预警为空才算填好。` +
        `请勿改动隐藏的工作表、表头和行列，否则本文件无法回收汇总。`,
    ],
  ];
  const at = sheet.rows.findIndex((r) => r.cells[0]?.value === "任务数") + 1;
  const added = [
    { cells: [null] },
    { cells: [{ value: G.heading, style: "heading" }] },
    ...rows.map(([label, value]) => ({
      cells: [
        { value: label, style: "settingLabel" },
        { value, style: "guideText" },
      ],
    })),
  ].map((r) => ({ ...r, height: fitHeight(r, sheet.columns, STYLES, 16) }));
  sheet.rows.splice(at, 0, ...added);
  return sheet;
}

const LABELS = new Set<string>(Object.values(UNIT_GUIDE_LABELS));
/** True for the label of a row unitGuideSheet adds (its value is the unit's, not the plan's). */
export function isUnitGuideLabel(label: string): boolean {
  return LABELS.has(label);
}
