/**
 * Words the scoring produces and every output shows as they are: the 预警 words of a task (任务!预警,
 * reports) and the name of the whole plan's row (汇总, reports).
 */

/** 预警 words, in priority order (the first that applies is shown). */
export const WARNINGS = {
  lagWithoutProblem: "滞后未说明问题",
  unreported: "未填报",
  targetBehind: "指标脱幅",
} as const;

/** The whole plan's summary row: its 板块 and 名称. */
export const OVERALL = { section: "全部", title: "合计" } as const;
