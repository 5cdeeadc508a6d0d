/**
 * Every word the reports print, in Chinese and English, in one table. Templates take a `Labels`
 * object and never hold literal prose, so `--lang en` renders the same pages in English.
 */
import type { Quarter } from "../../shared/ledger/schema";
import type { UnitKind } from "../../shared/plan/schema";
import type { RankGroup } from "../../shared/scoring/units";
import type { TargetState } from "../../shared/scoring/schema";
import type { FigureSubject, Lang, StatusKey } from "../model/model.report";
import { COMPARATOR, RANK_GROUP_WORDS, UNIT_KIND_WORDS, quarterTitle, type Comparator } from "../../shared/vocabulary";

const zh = {
  htmlLang: "zh-CN",
  status: { 已完成: "已完成", 序时推进: "序时推进", 滞后: "滞后", 未启动: "未启动", 未填报: "未填报" } as Record<StatusKey, string>,
  targetState: { 达标: "达标", 序时: "序时", 脱幅: "脱幅" } as Record<TargetState, string>,
  // The workbook's words (单位!类型, 单位!排名范围): one vocabulary in sheets and reports.
  unitKind: UNIT_KIND_WORDS,
  rankGroup: RANK_GROUP_WORDS,
  quarter: (q: Quarter) => quarterTitle(q),
  quarterShort: (q: Quarter) => `${q}季度`,
  period: (y: number | null, q: Quarter) => `${y ? `${y}年` : ""}${quarterTitle(q)}`,
  year: (y: number | null) => (y ? `${y}年` : ""),
  summaryTitle: (y: number | null, q: Quarter) => `${y ? `${y}年` : ""}${quarterTitle(q)}目标任务推进情况报告`,
  coverTitle: (y: number | null, q: Quarter) => [`${y ? `${y}年` : ""}${quarterTitle(q)}`, "目标任务推进情况报告"],
  scorecardTitle: (y: number | null, q: Quarter) => `${y ? `${y}年` : ""}${quarterTitle(q)}单位评分卡`,
  scorecardSubject: (unit: string) => `${unit}目标任务推进评分卡`,
  summarySubject: "区政府工作报告目标任务季度推进情况",
  planFallback: "政府工作报告目标任务分解方案",
  author: (issuer: string | null) => issuer ?? "目标任务台账",
  keywords: "目标任务, 台账, 季度报告, 评分卡",
  pageNumber: ["第 ", " 页 / 共 ", " 页"] as readonly [string, string, string],
  cover: {
    kicker: "目标任务台账 · 季度报告",
    issuer: "印发单位",
    docNumber: "文　　号",
    reportDate: "生成时间",
    quarter: "报告期",
    workbook: "数据文件 SHA-256",
    demo: "演示数据（模拟进度，仅供演示）",
    completedOf: "已完成 / 任务总数",
    lagging: "滞后任务 / 脱幅指标",
    lagSep: " / ",
    note: "本报告由目标任务台账自动生成，所列数据均可按附录“数据来源”追溯至台账单元格。",
  },
  h: {
    overview: "一、总体情况",
    sections: "二、分领域完成情况",
    targets: "三、量化指标完成情况",
    lagging: "四、滞后及脱幅任务",
    ranking: "五、单位得分排名",
    trend: "六、季度趋势",
    unreported: "附录一　未填报任务",
    sources: "附录二　数据来源",
    unitsNotReported: "未报送单位",
    collection: "单位填报表回收情况",
    scoreAndRank: "得分与排名",
    ledTasks: "牵头任务",
    sharedTasks: "参与（责任）任务",
    unitTargets: "量化指标",
    unitTrend: "季度走势",
    unitProblems: "存在问题与下步打算",
    unitSources: "数据来源",
  },
  kpi: {
    tasks: "任务总数",
    completion: "总体完成度",
    targets: "量化指标",
    targetsMet: "达标",
    targetsOnPace: "序时",
    targetsBehind: "脱幅",
    score: "综合得分",
    rank: "排名",
    rankOf: (r: number, n: number) => `第 ${r} 名 / 共 ${n} 个`,
    led: "牵头任务",
    shared: "参与任务",
    targetRate: "指标序时率",
    previousRank: (r: number) => `上季度第 ${r} 名`,
    rankShort: (r: number, n: number) => `第${r}/${n}名`,
  },
  col: {
    no: "序号",
    task: "任务",
    taskNo: "任务编号",
    section: "领域",
    tasks: "任务数",
    completion: "完成度",
    target: "年度目标",
    targetName: "指标",
    actual: "实际完成",
    expected: "序时目标",
    rate: "完成率",
    state: "状态",
    status: "状态",
    lead: "牵头单位",
    problems: "存在问题",
    nextSteps: "下步打算",
    progress: "进展情况",
    rank: "名次",
    unit: "单位",
    kind: "类别",
    score: "得分",
    completed: "已完成",
    lagging: "滞后",
    unreported: "未填报",
    targetRate: "指标序时率",
    quarter: "季度",
    figure: "数据项",
    field: "字段",
    cell: "台账单元格",
    missing: "未填报任务数",
    warning: "预警",
  },
  text: {
    none: "无",
    noLagging: "本季度无滞后或脱幅任务。",
    andMore: (more: number, all: number) => `等${all}个单位`,
    unitsNotReportedNote: "单位名称后的数字为该单位牵头或参与、本季度未填报的任务数。",
    notReturned: "未交回填报表的单位：",
    withConflicts: "有冲突的单位（数字为冲突项数，见台账“变更记录”表）：",
    allReturned: "各单位填报表均已交回。",
    rankingNote: "按得分排名：区级部门及单位、乡镇（街道）分组排名；“各乡镇（街道）”“有关单位”等统称单独列示。箭头为较上季度名次变化。",
    noUnreported: "本季度所有任务均已填报。",
    noTargets: "无量化指标。",
    noTasks: "无。",
    allReported: "所有单位均已报送。",
    notFilled: "未填写",
    sourcesIntro: "下表列出报告中各项数据在台账工作簿中的位置（工作表!单元格），便于核对。",
    traceability: (sha: string, at: string) => `数据文件 SHA-256：${sha}　生成时间：${at}`,
    sectionAll: "全部",
    chartSections: "各领域完成度及任务状态构成（条内数字为任务数）",
    chartTrendCompletion: "各季度总体完成度",
    chartTrendStatus: "各季度任务状态（项）",
    chartUnitTrend: "各季度得分（下方为名次）",
    scoreSeries: "得分",
    rankSeries: "排名",
    rankPrefix: "第",
    rankSuffix: "名",
    completionSeries: "完成度",
    behindTag: (n: number) => `${n}项指标脱幅`,
    overviewLead: (q: string, n: number, done: number, rate: string) => `${q}，全区${n}项目标任务中已完成${done}项，总体完成度${rate}。`,
  },
  figure: (s: FigureSubject) =>
    s.kind === "overall"
      ? "全部任务"
      : s.kind === "section"
        ? `领域${s.id}（${s.title}）`
        : s.kind === "task"
          ? `任务${s.id}`
          : s.kind === "target"
            ? `指标${s.id} ${s.name}`
            : s.name,
  field: {
    status: "状态",
    score: "得分",
    rank: "排名",
    actual: "实际值",
    expected: "序时目标",
    completion: "完成率",
    state: "指标状态",
    value: "目标值",
    warning: "预警",
    targetRate: "指标序时率",
    tasks: "任务数",
    completed: "已完成数",
    lagging: "滞后数",
    unreported: "未填报数",
    progress: "进展情况",
    problems: "存在问题",
    nextSteps: "下步打算",
    lead: "牵头任务数",
    responsible: "责任任务数",
    onPace: "序时推进数",
    notStarted: "未启动数",
    targets: "指标数",
    targetsMet: "指标达标数",
    targetsOnPace: "指标序时数",
    targetsBehind: "指标脱幅数",
  } as Record<string, string>,
  /** 预警 words from the scoring (shared/workbook/labels.ts WARNINGS), as printed. */
  warning: { 滞后未说明问题: "滞后未说明问题", 未填报: "未填报", 指标脱幅: "指标脱幅" } as Record<string, string>,
  dateTime: (iso: string) => {
    const d = new Date(iso);
    const p = new Intl.DateTimeFormat("zh-CN", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    }).formatToParts(d);
    const g = (t: string) => p.find((x) => x.type === t)?.value ?? "";
    return `${g("year")}年${g("month")}月${g("day")}日 ${g("hour")}:${g("minute")}（北京时间）`;
  },
  listSeparator: "、",
  /** The running title of every page of a report made from demo data. */
  demoRunning: (title: string) => `${title}【演示数据】`,
  /** A count after a heading: 牵头任务（30） / Tasks led (30). */
  count: (n: number) => `（${n}）`,
  colon: "：",
  gap: "　",
};

export type Labels = typeof zh;

const en: Labels = {
  htmlLang: "en",
  status: { 已完成: "Completed", 序时推进: "On schedule", 滞后: "Lagging", 未启动: "Not started", 未填报: "Not reported" },
  targetState: { 达标: "Met", 序时: "On pace", 脱幅: "Behind pace" },
  unitKind: {
    department: "Department",
    committee: "Committee",
    enterprise: "State enterprise",
    township: "Township / street",
    collective: "Group of units",
    other: "Other",
  },
  rankGroup: { department: "District departments and bodies", township: "Townships and streets", collective: "Collective designations (ranked apart)" },
  quarter: (q) => `Q${q}`,
  quarterShort: (q) => `Q${q}`,
  period: (y, q) => `Q${q}${y ? ` ${y}` : ""}`,
  year: (y) => (y ? `${y}` : ""),
  summaryTitle: (y, q) => `Progress Report on Target Tasks, Q${q}${y ? ` ${y}` : ""}`,
  coverTitle: (y, q) => [`Q${q}${y ? ` ${y}` : ""}`, "Progress Report on Target Tasks"],
  scorecardTitle: (y, q) => `Unit Scorecards, Q${q}${y ? ` ${y}` : ""}`,
  scorecardSubject: (unit) => `Target task scorecard of ${unit}`,
  summarySubject: "Quarterly progress of the government work report's target tasks",
  planFallback: "Breakdown of the Government Work Report's Target Tasks",
  author: (issuer) => issuer ?? "plan-ledger",
  keywords: "target tasks, ledger, quarterly report, scorecard",
  pageNumber: ["Page ", " of ", ""],
  cover: {
    kicker: "Target task ledger · Quarterly report",
    issuer: "Issued by",
    docNumber: "Document no.",
    reportDate: "Generated",
    quarter: "Period",
    workbook: "Workbook SHA-256",
    demo: "DEMO DATA (simulated progress)",
    completedOf: "Completed / tasks",
    lagging: "Lagging tasks / targets behind",
    lagSep: " / ",
    note: "Generated from the target task ledger; every figure can be traced to a ledger cell in the appendix “Data sources”.",
  },
  h: {
    overview: "1. Overview",
    sections: "2. Completion by section",
    targets: "3. Quantitative targets",
    lagging: "4. Lagging and behind-pace tasks",
    ranking: "5. Unit ranking",
    trend: "6. Quarterly trend",
    unreported: "Appendix A. Tasks not reported",
    sources: "Appendix B. Data sources",
    unitsNotReported: "Units that have not reported",
    collection: "Unit workbooks collected",
    scoreAndRank: "Score and rank",
    ledTasks: "Tasks led",
    sharedTasks: "Tasks shared",
    unitTargets: "Quantitative targets",
    unitTrend: "Trend by quarter",
    unitProblems: "Problems and next steps",
    unitSources: "Data sources",
  },
  kpi: {
    tasks: "Tasks",
    completion: "Overall completion",
    targets: "Targets",
    targetsMet: "Met",
    targetsOnPace: "On pace",
    targetsBehind: "Behind pace",
    score: "Score",
    rank: "Rank",
    rankOf: (r, n) => `${r} of ${n}`,
    led: "Tasks led",
    shared: "Tasks shared",
    targetRate: "Targets on pace",
    previousRank: (r) => `last quarter: ${r}`,
    rankShort: (r, n) => `#${r}/${n}`,
  },
  col: {
    no: "No.",
    task: "Task",
    taskNo: "Task",
    section: "Section",
    tasks: "Tasks",
    completion: "Completion",
    target: "Annual target",
    targetName: "Target",
    actual: "Actual",
    expected: "Expected",
    rate: "Rate",
    state: "State",
    status: "Status",
    lead: "Lead units",
    problems: "Problems",
    nextSteps: "Next steps",
    progress: "Progress",
    rank: "Rank",
    unit: "Unit",
    kind: "Kind",
    score: "Score",
    completed: "Done",
    lagging: "Lagging",
    unreported: "Not rep.",
    targetRate: "On pace",
    quarter: "Quarter",
    figure: "Figure",
    field: "Field",
    cell: "Ledger cell",
    missing: "Tasks not reported",
    warning: "Warning",
  },
  text: {
    none: "None",
    noLagging: "No task is lagging or behind pace this quarter.",
    andMore: (more: number, _all: number) => ` and ${more} more`,
    unitsNotReportedNote: "The number after each unit: its tasks (led or shared) not reported this quarter.",
    notReturned: "Units that have not returned their workbook:",
    withConflicts: "Units with conflicts (number of conflicts; see the ledger's 变更记录 sheet):",
    allReturned: "Every unit has returned its workbook.",
    rankingNote:
      "Ranked by score within groups: district departments and bodies, townships and streets; collective designations are listed apart. Arrows show the change since last quarter.",
    noUnreported: "Every task has been reported this quarter.",
    noTargets: "No quantitative targets.",
    noTasks: "None.",
    allReported: "Every unit has reported.",
    notFilled: "not filled in",
    sourcesIntro: "Where each figure of this report lives in the ledger workbook (Sheet!Cell).",
    traceability: (sha, at) => `Workbook SHA-256: ${sha}   Generated: ${at}`,
    sectionAll: "All",
    chartSections: "Completion and task status by section (numbers: tasks)",
    chartTrendCompletion: "Overall completion by quarter",
    chartTrendStatus: "Tasks by status and quarter",
    chartUnitTrend: "Score by quarter (rank below)",
    scoreSeries: "Score",
    rankSeries: "Rank",
    rankPrefix: "#",
    rankSuffix: "",
    completionSeries: "Completion",
    behindTag: (n) => `${n} target(s) behind pace`,
    overviewLead: (q, n, done, rate) => `In ${q}, ${done} of the ${n} target tasks are completed; overall completion is ${rate}.`,
  },
  figure: (s) =>
    s.kind === "overall"
      ? "All tasks"
      : s.kind === "section"
        ? `Section ${s.id} (${s.title})`
        : s.kind === "task"
          ? `Task ${s.id}`
          : s.kind === "target"
            ? `Target ${s.id} ${s.name}`
            : s.name,
  field: {
    status: "status",
    score: "score",
    rank: "rank",
    actual: "actual",
    expected: "expected",
    completion: "completion",
    state: "state",
    value: "target value",
    warning: "warning",
    targetRate: "targets on pace",
    tasks: "tasks",
    completed: "completed",
    lagging: "lagging",
    unreported: "not reported",
    progress: "progress",
    problems: "problems",
    nextSteps: "next steps",
    lead: "tasks led",
    responsible: "tasks shared",
    onPace: "on schedule",
    notStarted: "not started",
    targets: "targets",
    targetsMet: "targets met",
    targetsOnPace: "targets on pace",
    targetsBehind: "targets behind pace",
  },
  warning: { 滞后未说明问题: "lagging, no problem stated", 未填报: "not reported", 指标脱幅: "a target behind pace" },
  dateTime: (iso) => {
    const d = new Date(iso);
    const p = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "short",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    }).format(d);
    return `${p} (Beijing time)`;
  },
  listSeparator: ", ",
  demoRunning: (title) => `${title} [DEMO DATA]`,
  count: (n) => ` (${n})`,
  colon: ": ",
  gap: "   ",
};

export function labelsFor(lang: Lang): Labels {
  return lang === "en" ? en : zh;
}

export function comparatorSymbol(c: Comparator): string {
  return COMPARATOR[c].symbol;
}

/**
 * The widest a figure prints, in characters: a longer one is written in scientific notation with
 * three significant digits (1.84E+10, 1E+308, as a spreadsheet shows it), so a huge or long number
 * never pushes a table's columns off the page (a figure cell does not wrap).
 */
const FIGURE_WIDTH = 13;

function scientific(n: number): string {
  const [mantissa, exponent] = n.toExponential(2).split("e");
  return `${Number(mantissa)}E${exponent!.startsWith("-") ? exponent : `+${exponent!.replace("+", "")}`}`;
}

/** One formatter per digit count: toLocaleString with options builds a new one on every call (a report formats thousands). */
const grouped = new Map<number, Intl.NumberFormat>();
function groupedFormat(digits: number): Intl.NumberFormat {
  let f = grouped.get(digits);
  if (!f) grouped.set(digits, (f = new Intl.NumberFormat("en-US", { maximumFractionDigits: digits })));
  return f;
}

export function formatNumber(n: number | null, digits = 2): string {
  if (n === null || !Number.isFinite(n)) return "—";
  const rounded = Number(n.toFixed(digits));
  const s = groupedFormat(digits).format(rounded);
  return s.length <= FIGURE_WIDTH ? s : scientific(n);
}

export function formatPercent(x: number | null, digits = 1): string {
  if (x === null || !Number.isFinite(x)) return "—";
  const s = (x * 100).toFixed(digits);
  // toFixed writes 1e21 and beyond in JavaScript's exponent form: those get the bounded form too
  return `${s.length < FIGURE_WIDTH && !s.includes("e") ? s : scientific(x * 100)}%`;
}

export function formatScore(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "—";
  return x.toFixed(1);
}
