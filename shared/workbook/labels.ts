/**
 * Every user-visible string of the ledger workbook in one table: sheet names, header labels,
 * named ranges, vocabulary words. Writers lay these out, readers find headers BY LABEL with them,
 * so a label changed here changes both sides at once. Keep existing labels stable: a filled
 * workbook in the field carries them.
 */
import type { TargetKind } from "../plan/schema";
import type { Quarter } from "../ledger/schema";
import { QUARTER_NAMES } from "../vocabulary";

export const SHEETS = {
  guide: "说明",
  tasks: "任务",
  targets: "指标",
  units: "单位",
  summary: "汇总",
  settings: "设置",
  archive: "归档",
  /** Merges of returned unit workbooks (回收汇总, shared/collect/): every change, conflict and refusal. */
  changelog: "变更记录",
  /** Per unit and quarter: returned or not, cells applied, conflicts, still 未填报 (derived from 变更记录). */
  collection: "回收情况",
  /** Very hidden: the plan the ledger was made from (sheet.record.ts). */
  record: "方案记录",
} as const;
/** Sheets only a unit workbook (单位填报表) has. */
export const UNIT_SHEETS = {
  /** Very hidden: whose file it is and the master's values at split (sheet.identity.ts). */
  identity: "填报表标识",
} as const;
export type SheetKey = keyof typeof SHEETS | keyof typeof UNIT_SHEETS;
/** Every sheet's name by key, the ledger's and the unit workbook's. */
export const SHEET_NAMES: Readonly<Record<SheetKey, string>> = { ...SHEETS, ...UNIT_SHEETS };
export const SHEET_ORDER: readonly (keyof typeof SHEETS)[] = ["guide", "tasks", "targets", "units", "summary", "settings", "archive", "record"];

/** Header row (1-based) of the table sheets (任务, 指标, 单位, 汇总, 归档); row 1 is the title. */
export const HEADER_ROW = 2;
/** First data row of the table sheets. */
export const FIRST_DATA_ROW = 3;

/** The four per-quarter fields of a task row: label = quarter name + field word ("一季度状态"). */
export const ENTRY_FIELDS = {
  status: "状态",
  progress: "进展情况",
  problems: "存在问题",
  nextSteps: "下步打算",
} as const;
export type EntryField = keyof typeof ENTRY_FIELDS;
export const ENTRY_FIELD_ORDER: readonly EntryField[] = ["status", "progress", "problems", "nextSteps"];

/** 任务 sheet: fixed columns (before and after the per-quarter block). */
export const TASK_COLUMNS = {
  id: "序号",
  section: "板块",
  subsection: "分项",
  text: "任务内容",
  lead: "牵头单位",
  responsible: "责任单位",
  /** Computed: the status of the quarter chosen in 设置 (blank = 未填报). */
  currentStatus: "本季度状态",
  /** Computed: the status's score (0–100) from 设置. */
  completion: "完成度",
  /** Computed: 预警 words (see WARNINGS), blank when none. */
  warning: "预警",
} as const;

/** 指标 sheet columns; the per-quarter actuals are ACTUAL_SUFFIX labels ("一季度实际值"). */
export const TARGET_COLUMNS = {
  id: "编号",
  taskId: "任务序号",
  section: "板块",
  name: "指标",
  comparator: "比较",
  value: "目标值",
  unit: "单位",
  kind: "类型",
  lead: "牵头单位",
  responsible: "责任单位",
  /** Computed: the actual of the quarter chosen in 设置 (blank when not filled). */
  currentActual: "本季度实际值",
  expected: "序时目标",
  completion: "完成率",
  state: "状态",
  /** Hidden and locked: the target's clause as the plan wrote it (read back verbatim). */
  text: "原文",
  /** Input, after the others: CONFIRM_WORD takes the row's implausible-looking actuals as typed. */
  confirm: "核实",
} as const;
/** The one word of the 核实 column: the row's actuals were checked and are right as typed. */
export const CONFIRM_WORD = "已核实";
const ACTUAL_SUFFIX = "实际值";

export const UNIT_COLUMNS = {
  name: "单位",
  kind: "类型",
  lead: "牵头任务数",
  responsible: "责任任务数",
  completed: "已完成",
  lagging: "滞后",
  unreported: "未填报",
  targetRate: "指标序时率",
  score: "得分",
  rank: "排名",
  /** Who the unit is ranked against (RANK_GROUP_WORDS). */
  rankGroup: "排名范围",
} as const;

export const SUMMARY_COLUMNS = {
  section: "板块",
  title: "名称",
  tasks: "任务数",
  completed: "已完成",
  onPace: "序时推进",
  lagging: "滞后",
  notStarted: "未启动",
  unreported: "未填报",
  targets: "指标数",
  targetsMet: "达标",
  targetsOnPace: "序时",
  targetsBehind: "脱幅",
  completion: "完成度",
} as const;

/** 归档 sheet (entries of tasks removed from the plan by --update). */
export const ARCHIVE_COLUMNS = {
  taskId: "原序号",
  text: "任务内容",
  quarter: "季度",
  status: "状态",
  progress: "进展情况",
  problems: "存在问题",
  nextSteps: "下步打算",
  targetId: "指标编号",
  targetName: "指标",
  actual: "实际值",
  reason: "归档原因",
} as const;

/** 变更记录 sheet (sheet.changelog.ts): one row per change a merge of returned unit workbooks made or refused. */
export const CHANGELOG_COLUMNS = {
  time: "时间",
  unit: "单位",
  quarter: "季度",
  fileName: "文件名",
  sha256: "文件SHA-256",
  cell: "位置",
  item: "项目",
  /** The input's machine key (shared/collect/identity.ts inputKeyId): re-merges find earlier rows by it. */
  key: "键",
  old: "原值",
  new: "新值",
  how: "处理",
  note: "说明",
} as const;

/** 处理 words of 变更记录. unitReport: one unit's own report on a task several units report (kept, then combined). */
export const CHANGE_HOW = {
  merged: "已合并",
  conflict: "冲突",
  refused: "拒收",
  notApplied: "未应用",
  unitReport: "分单位填报",
} as const;
export type ChangeHow = keyof typeof CHANGE_HOW;

/** 回收情况 sheet (sheet.collection.ts): one row per unit that reports tasks, per quarter collected. */
export const COLLECTION_COLUMNS = {
  quarter: "季度",
  unit: "单位",
  returned: "是否回收",
  time: "回收时间",
  fileName: "文件名",
  applied: "已合并单元格",
  conflicts: "冲突",
  notApplied: "未应用",
  unreported: "仍未填报任务",
} as const;
export const COLLECTION_WORDS = { returned: "已回收", missing: "未回收" } as const;

/** 方案记录 sheet: labels in column A, values in column B (sheet.record.ts). */
export const RECORD_LABELS = {
  note:
    "本表（已隐藏）保存制作本台账时所依据的方案原文（方案 JSON 分段存放，及其 SHA-256 校验值）。读取、检查和评分均以本表为准，" +
    "表内其他工作表中的任务、单位、指标被改动时会报告问题。请勿修改本表；修改方案请用 plan-ledger workbook --plan 新方案 --update 本文件。",
  format: "格式",
  formatValue: "plan-ledger 方案记录 1",
  sha256: "SHA-256",
  /** Label of the n-th chunk of the JSON (1-based). */
  chunk: (n: number) => `方案JSON第${n}段`,
} as const;

/** 填报表标识 sheet of a unit workbook: labels in column A, values in column B (sheet.identity.ts). */
export const IDENTITY_LABELS = {
  note:
    "本表（已隐藏）记录本单位填报表的来源：填报单位、季度、方案 SHA-256、分发时间，以及分发时台账中本表每个填报单元格的原值（JSON 分段存放，及其 SHA-256 校验值）。" +
    "回收汇总（plan-ledger merge）据此核对文件并逐格合并。请勿修改本表，否则本文件无法回收。",
  format: "格式",
  formatValue: "plan-ledger 单位填报表 1",
  unit: "填报单位",
  quarter: "季度",
  year: "年度",
  planSha256: "方案SHA-256",
  splitAt: "分发时间",
  deadline: "截止日期",
  sha256: "标识SHA-256",
  /** Label of the n-th chunk of the identity JSON (1-based). */
  chunk: (n: number) => `标识JSON第${n}段`,
} as const;

/** 说明 of a unit workbook: its own "label | value" rows, after the plan's metadata (sheet.unit-guide.ts). */
export const UNIT_GUIDE_LABELS = {
  heading: "本单位填报",
  unit: "填报单位",
  quarter: "填报季度",
  deadline: "截止日期",
  sendTo: "报送",
  contents: "本表内容",
  howTo: "填报要求",
} as const;
/** 报送 when the split named nobody to send the file back to. */
export const UNIT_GUIDE_SEND_BACK = "填好后将本文件原样发回分发单位（督查办），不要改文件名、不要另存为其他格式";
export const UNIT_GUIDE_NO_DEADLINE = "（未规定）";

/** 设置 sheet: labels in column A, values in column B (see layout.settings-sheet.ts for rows). */
export const SETTINGS_LABELS = {
  title: "设置（评分规则，修改后各表自动重算）",
  header: { item: "项目", value: "值", note: "说明" },
  quarter: "当前季度",
  leadWeight: "牵头单位权重",
  responsibleWeight: "责任单位权重",
  tolerance: "脱幅容差",
  statusHeader: { item: "状态", value: "得分", note: "说明" },
  paceHeader: { item: "季度", value: "序时进度", note: "说明" },
} as const;

/**
 * Named ranges (workbook scope). Formulas read the settings only through these names.
 * Names avoid anything that looks like a cell address (Q1, PACE1 …).
 */
export const NAMES = {
  quarter: "CurrentQuarter",
  leadWeight: "LeadWeight",
  responsibleWeight: "ResponsibleWeight",
  tolerance: "Tolerance",
  /** 4 cells: 已完成, 序时推进, 滞后, 未启动 (the words). */
  statusList: "StatusList",
  /** 4 cells beside StatusList: their scores. */
  statusScores: "StatusScores",
  /** 4 cells: expected share of a cumulative target by the end of Q1..Q4. */
  pace: "PaceByQuarter",
} as const;

/** 类型 words of a target (its 比较 word is the vocabulary's COMPARATOR[c].word). */
export const KIND_WORDS: Record<TargetKind, string> = { cumulative: "累计", rate: "比率" };

export const DEMO_MARK = "演示数据";
export const DEMO_BANNER = "【演示数据】本表进展为模拟生成，仅供演示";

/** Data validation texts (zh-CN). */
export const VALIDATION_TEXT = {
  statusTitle: "状态",
  statusPrompt: "请从下拉列表选择：已完成、序时推进、滞后、未启动；不填视为未填报。",
  statusError: "请从下拉列表中选择状态（已完成 / 序时推进 / 滞后 / 未启动）。",
  errorTitle: "输入有误",
  textTitle: "文字说明",
  textPrompt: (field: string, max: number) => `${field}：不超过${max}字。`,
  textError: (max: number) => `内容过长：请控制在${max}字以内。`,
  actualTitle: "实际值",
  /** Input prompt of an actual cell: shows the target and its unit. */
  actualPrompt: (comparatorWord: string, value: number, unit: string, kind: TargetKind) =>
    `目标：${comparatorWord}${value}${unit}。` +
    (kind === "cumulative" ? "填写年初至本季度末的累计值（非负数）。" : "填写本季度末的数值（可为负数），直接与目标比较。") +
    (unit === "%" ? "百分数填数字，如 7.5 表示 7.5%。" : ""),
  actualErrorNonNegative: "请填写不小于 0 的数字（不带单位）。",
  actualErrorNumber: "请填写数字（不带单位）。",
  confirmTitle: "核实",
  confirmPrompt: `实际值与目标相差悬殊（如小数写成百分数、按元填了亿元）时不参与评价；核实数值无误后选“${CONFIRM_WORD}”，本行实际值按所填计算。`,
  confirmError: `只能选“${CONFIRM_WORD}”或留空。`,
  quarterPrompt: "填写 1–4，所有公式按该季度计算。",
  quarterError: "当前季度只能是 1、2、3、4。",
  weightPrompt: "填写不小于 0 的数字。",
  weightError: "请填写不小于 0 的数字。",
  scorePrompt: "填写 0–100 的分数。",
  scoreError: "得分须在 0 到 100 之间。",
  pacePrompt: "填写 0–1 的小数，如 0.25 表示 25%。",
  paceError: "序时进度须在 0 到 1 之间。",
} as const;

/** Max lengths of the text fields of a task entry. */
export const TEXT_LIMITS: Record<Exclude<EntryField, "status">, number> = { progress: 1000, problems: 500, nextSteps: 500 };

/** The labels of a quarter's columns: 任务 sheet entry fields and the 指标 sheet actual. */
export function quarterLabels(q: Quarter): { status: string; progress: string; problems: string; nextSteps: string; actual: string } {
  const n = QUARTER_NAMES[q];
  return {
    status: n + ENTRY_FIELDS.status,
    progress: n + ENTRY_FIELDS.progress,
    problems: n + ENTRY_FIELDS.problems,
    nextSteps: n + ENTRY_FIELDS.nextSteps,
    actual: n + ACTUAL_SUFFIX,
  };
}

/** Units in a 牵头单位 / 责任单位 cell are joined with this (formulas match "、name、" in "、cell、"). */
export const UNIT_SEPARATOR = "、";
