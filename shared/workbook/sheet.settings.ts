/**
 * 设置 sheet: the scoring settings every formula reads through named ranges (NAMES). Lays the sheet
 * out (settingsSheet, settingsNames) and reads it back (readSettings), finding settings by label.
 */
import type { Plan } from "../plan/schema";
import type { Quarter, Settings, Status } from "../ledger/schema";
import { QUARTERS, STATUSES } from "../ledger/schema";
import type { LayoutCell, NamedRangeLayout, RowLayout, SheetLayout } from "./layout.types";
import { NAMES, SETTINGS_LABELS, SHEETS, VALIDATION_TEXT } from "./labels";
import { QUARTER_NAMES, STATUS_WORDS, UNREPORTED } from "../vocabulary";
import { STYLES, emptySheet, fitHeight, print, protection, sheetTitle } from "./layout.common";
import { cellNumber, cellText, labelKey } from "./reader.cells";
import { LedgerReadError, formatProblem, problem, type LedgerProblem, type Sheet } from "./reader.grid";
import { defaultSettings } from "../scoring/settings";

/** Where the layout puts each setting (column B holds values); a reader finds them by label. */
const S = {
  quarter: "B3",
  leadWeight: "B4",
  responsibleWeight: "B5",
  tolerance: "B6",
  statusHeaderRow: 8,
  /** Rows 9..12: 已完成, 序时推进, 滞后, 未启动 (A: word, B: score). */
  statusFirstRow: 9,
  paceHeaderRow: 14,
  /** Rows 15..18: Q1..Q4 (A: quarter name, B: pace). */
  paceFirstRow: 15,
} as const;
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
    set(row, [
      { value: h.item, style: "header" },
      { value: h.value, style: "header" },
      { value: h.note, style: "header" },
    ]);
  const input = (row: number, label: string, value: number, note: string) =>
    set(row, [
      { value: label, style: "settingLabel" },
      { value, style: "settingInput" },
      { value: note, style: "note" },
    ]);
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
    input(
      S.paceFirstRow + i,
      QUARTER_NAMES[q],
      settings.pace[i]!,
      i === 0 ? "累计类指标到季度末应完成全年目标的比例（序时目标 = 目标值 × 序时进度）；比率类指标直接与目标值比较。" : "",
    ),
  );
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = { cells: [] };
  sheet.rows = rows.map((r) => ({ ...r, height: fitHeight(r, sheet.columns, STYLES, 16) }));
  const v = VALIDATION_TEXT;
  const err = (text: string) => ({ title: v.errorTitle, text, style: "stop" as const });
  sheet.validations.push(
    {
      range: S.quarter,
      type: "whole",
      operator: "between",
      min: 1,
      max: 4,
      allowBlank: false,
      prompt: { title: L.quarter, text: v.quarterPrompt },
      error: err(v.quarterError),
    },
    {
      range: `${S.leadWeight}:${S.responsibleWeight}`,
      type: "decimal",
      operator: "greaterThanOrEqual",
      min: 0,
      allowBlank: false,
      prompt: { title: "权重", text: v.weightPrompt },
      error: err(v.weightError),
    },
    {
      range: S.tolerance,
      type: "decimal",
      operator: "between",
      min: 0,
      max: 1,
      allowBlank: false,
      prompt: { title: L.tolerance, text: v.pacePrompt },
      error: err(v.paceError),
    },
    {
      range: `B${S.statusFirstRow}:B${S.statusFirstRow + 3}`,
      type: "decimal",
      operator: "between",
      min: 0,
      max: 100,
      allowBlank: false,
      prompt: { title: "得分", text: v.scorePrompt },
      error: err(v.scoreError),
    },
    {
      range: `B${S.paceFirstRow}:B${S.paceFirstRow + 3}`,
      type: "decimal",
      operator: "between",
      min: 0,
      max: 1,
      allowBlank: false,
      prompt: { title: "序时进度", text: v.pacePrompt },
      error: err(v.paceError),
    },
  );
  sheet.protection = protection(opts.password);
  sheet.print = print(null, "portrait");
  return sheet;
}

export function settingsNames(): NamedRangeLayout[] {
  const abs = (a1: string) => a1.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  const name = (n: string, range: string, comment: string): NamedRangeLayout => ({
    name: n,
    sheet: "settings",
    range: abs(range),
    refersTo: `'${SHEETS.settings}'!${abs(range)}`,
    comment,
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

/**
 * Reads the settings: labels in the first column that has them, values in the column beside. The
 * sheet is required: a missing setting throws LedgerReadError; an unreadable value is a problem and
 * keeps its default. Also: where the current quarter's value is (the add-in sets it).
 */
/** Where readSettings read: the column of the labels (values are in the next) and the rows it used. */
export interface SettingsCells {
  labelCol: number;
  rows: ReadonlySet<number>;
}

export function readSettings(sheet: Sheet, problems: LedgerProblem[]): { settings: Settings; quarterCell: { row: number; col: number }; cells: SettingsCells } {
  const rows = new Map<string, number>();
  const used = new Set<number>();
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
    used.add(r);
    return r;
  };
  const num = (label: string, check: (n: number) => boolean, hint: string): number | null => {
    const r = need(label);
    const read = cellNumber(sheet.get(r, valueCol));
    if (read.ok && read.value !== null && check(read.value)) return read.value;
    const typed = cellText(sheet.get(r, valueCol));
    problems.push(problem(sheet, r, valueCol, "settings-invalid", `${label}${typed === "" ? "为空" : `“${typed}”无效`}：${hint}`));
    return null;
  };
  // A setting present but unreadable keeps its default (and is reported above) so that reading goes
  // on; commands that score refuse such a workbook (settingsRefusal), none guesses.
  const fallback = defaultSettings;
  const qRow = need(SETTINGS_LABELS.quarter);
  // the ranges are the sheet's own validations (settingsSheet)
  const quarter = num(SETTINGS_LABELS.quarter, (n) => [1, 2, 3, 4].includes(n), "应为 1、2、3 或 4，各表和评分都按这个季度计算，请改正");
  const leadWeight = num(SETTINGS_LABELS.leadWeight, (n) => n >= 0, "应为不小于 0 的数字，请改正");
  const responsibleWeight = num(SETTINGS_LABELS.responsibleWeight, (n) => n >= 0, "应为不小于 0 的数字，请改正");
  const tolerance = num(SETTINGS_LABELS.tolerance, (n) => n >= 0 && n <= 1, "应为 0–1 的小数（如 0.1 表示 10%），请改正");
  const scores = {} as Record<Status, number>;
  for (const st of STATUSES) scores[st] = num(st, (n) => n >= 0 && n <= 100, "应为 0–100 的分数，请改正") ?? fallback.statusScores[st];
  const pace = QUARTERS.map(
    (q) => num(QUARTER_NAMES[q], (n) => n >= 0 && n <= 1, "应为 0–1 的小数（如 0.25 表示 25%），请改正") ?? fallback.pace[q - 1]!,
  ) as Settings["pace"];
  const settings: Settings = {
    quarter: (quarter ?? fallback.quarter) as Quarter,
    statusScores: scores,
    leadWeight: leadWeight ?? fallback.leadWeight,
    responsibleWeight: responsibleWeight ?? fallback.responsibleWeight,
    pace,
    tolerance: tolerance ?? fallback.tolerance,
  };
  return { settings, quarterCell: { row: qRow, col: valueCol }, cells: { labelCol, rows: used } };
}

/**
 * The settings problems that keep a command from scoring the workbook (report, export): every invalid
 * setting, except an invalid 当前季度 when the command was given a quarter (--quarter replaces only
 * the quarter). Empty: the settings can be used.
 */
export function settingsRefusal(
  read: { problems: readonly LedgerProblem[]; index: { settingsQuarterCell: { row: number; col: number } | null } },
  quarterGiven: boolean,
): LedgerProblem[] {
  return read.problems.filter((p) => p.code === "settings-invalid" && !(quarterGiven && isQuarterProblem(read, p)));
}

/** True when the workbook's 当前季度 could not be read (it then holds a placeholder, not a quarter). */
export function quarterInvalid(read: { problems: readonly LedgerProblem[]; index: { settingsQuarterCell: { row: number; col: number } | null } }): boolean {
  return read.problems.some((p) => p.code === "settings-invalid" && isQuarterProblem(read, p));
}

function isQuarterProblem(read: { index: { settingsQuarterCell: { row: number; col: number } | null } }, p: LedgerProblem): boolean {
  const at = read.index.settingsQuarterCell;
  return at !== null && p.row === at.row && p.col === at.col;
}

/**
 * The one line a scoring command prints when it refuses (exit 2): the cell, what is wrong, what to
 * do. Only an invalid 当前季度 can be overridden (--quarter).
 */
export function settingsRefusalLine(p: LedgerProblem, onlyQuarter: boolean): string {
  const todo = onlyQuarter ? "请改正后再运行，或加 --quarter 1–4 指定季度" : "请改正后再运行（--quarter 只能代替当前季度）";
  return `${formatProblem(p)}。设置无效，不按猜测的设置评分：${todo} (invalid setting at ${p.sheet}!${p.cell}: nothing is scored from a guess)`;
}
