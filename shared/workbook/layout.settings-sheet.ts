/** 设置 sheet: the scoring settings every formula reads through named ranges (NAMES). */
import type { Plan } from "../plan/schema";
import type { Settings } from "../ledger/schema";
import { QUARTERS } from "../ledger/schema";
import type { LayoutCell, NamedRangeLayout, RowLayout, SheetLayout } from "./layout.types";
import { NAMES, QUARTER_NAMES, SETTINGS_LABELS, SHEETS, STATUS_WORDS, UNREPORTED, VALIDATION_TEXT } from "./labels";
import { SETTINGS_CELLS } from "./layout.positions";
import { STYLES, emptySheet, fitHeight, print, protection, sheetTitle } from "./layout.common";

const S = SETTINGS_CELLS;
const L = SETTINGS_LABELS;

export function settingsSheet(plan: Plan, settings: Settings, opts: { demo: boolean; password: string | null }): SheetLayout {
  const sheet = emptySheet("settings");
  sheet.tabColor = "A5A5A5";
  sheet.columns = [
    { key: "item", label: null, width: 16, style: "settingLabel" },
    { key: "value", label: null, width: 12, style: "settingInput" },
    { key: "note", label: null, width: 70, style: "note" },
  ];
  const rows: RowLayout[] = [];
  const set = (row: number, cells: (LayoutCell | null)[]) => (rows[row - 1] = { cells });
  const header = (row: number, h: { item: string; value: string; note: string }) =>
    set(row, [{ value: h.item, style: "header" }, { value: h.value, style: "header" }, { value: h.note, style: "header" }]);
  const input = (row: number, label: string, value: number, note: string) =>
    set(row, [{ value: label, style: "settingLabel" }, { value, style: "settingInput" }, { value: note, style: "note" }]);
  set(1, [{ value: sheetTitle(plan, "settings", opts.demo), style: "title" }]);
  header(2, L.header);
  input(3, L.quarter, settings.quarter, "各表“本季度”列、序时目标、得分、排名都按这个季度计算。");
  input(4, L.leadWeight, settings.leadWeight, "单位得分中，牵头任务的权重。");
  input(5, L.responsibleWeight, settings.responsibleWeight, "单位得分中，参与（责任）任务的权重。单位得分 = 各任务完成度按权重的加权平均。");
  input(6, L.tolerance, settings.tolerance, "比序时目标差距在该比例以内仍算“序时”，超过算“脱幅”；“左右”类指标在该比例以内算“达标”。");
  header(S.statusHeaderRow, L.statusHeader);
  STATUS_WORDS.forEach((w, i) =>
    input(S.statusFirstRow + i, w, settings.statusScores[w], i === 0 ? `任务完成度 = 本季度状态的得分；不填（${UNREPORTED}）得 0 分。` : ""),
  );
  header(S.paceHeaderRow, L.paceHeader);
  QUARTERS.forEach((q, i) =>
    input(S.paceFirstRow + i, QUARTER_NAMES[q], settings.pace[i]!, i === 0 ? "累计类指标到季度末应完成全年目标的比例（序时目标 = 目标值 × 序时进度）；比率类指标直接与目标值比较。" : ""),
  );
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = { cells: [] };
  sheet.rows = rows.map((r) => ({ ...r, height: fitHeight(r, sheet.columns, STYLES, 16) }));
  const v = VALIDATION_TEXT;
  const err = (text: string) => ({ title: v.errorTitle, text, style: "stop" as const });
  sheet.validations.push(
    { range: S.quarter, type: "whole", operator: "between", min: 1, max: 4, allowBlank: false, prompt: { title: L.quarter, text: v.quarterPrompt }, error: err(v.quarterError) },
    { range: `${S.leadWeight}:${S.responsibleWeight}`, type: "decimal", operator: "greaterThanOrEqual", min: 0, allowBlank: false, prompt: { title: "权重", text: v.weightPrompt }, error: err(v.weightError) },
    { range: S.tolerance, type: "decimal", operator: "between", min: 0, max: 1, allowBlank: false, prompt: { title: L.tolerance, text: v.pacePrompt }, error: err(v.paceError) },
    { range: `B${S.statusFirstRow}:B${S.statusFirstRow + 3}`, type: "decimal", operator: "between", min: 0, max: 100, allowBlank: false, prompt: { title: "得分", text: v.scorePrompt }, error: err(v.scoreError) },
    { range: `B${S.paceFirstRow}:B${S.paceFirstRow + 3}`, type: "decimal", operator: "between", min: 0, max: 1, allowBlank: false, prompt: { title: "序时进度", text: v.pacePrompt }, error: err(v.paceError) },
  );
  sheet.protection = protection(opts.password);
  sheet.print = print(null, "portrait");
  return sheet;
}

export function settingsNames(): NamedRangeLayout[] {
  const abs = (a1: string) => a1.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  const name = (n: string, range: string, comment: string): NamedRangeLayout => ({
    name: n, sheet: "settings", range: abs(range), refersTo: `'${SHEETS.settings}'!${abs(range)}`, comment,
  });
  return [
    name(NAMES.quarter, S.quarter, "当前季度 1–4"),
    name(NAMES.leadWeight, S.leadWeight, "牵头单位权重"),
    name(NAMES.responsibleWeight, S.responsibleWeight, "责任单位权重"),
    name(NAMES.tolerance, S.tolerance, "脱幅容差"),
    name(NAMES.statusList, `A${S.statusFirstRow}:A${S.statusFirstRow + 3}`, "状态词：已完成、序时推进、滞后、未启动"),
    name(NAMES.statusScores, `B${S.statusFirstRow}:B${S.statusFirstRow + 3}`, "各状态得分"),
    name(NAMES.pace, `B${S.paceFirstRow}:B${S.paceFirstRow + 3}`, "一至四季度序时进度"),
  ];
}
