/**
 * Task statuses and target states: the words staff pick in the workbook, the formulas test and the
 * reports print. Refer to them by name (STATUS.lagging), never by position in a list.
 */

/** The status a responsible unit reports for a task each quarter. */
export const STATUS = {
  done: "已完成",
  onPace: "序时推进",
  lagging: "滞后",
  notStarted: "未启动",
} as const;
export type Status = (typeof STATUS)[keyof typeof STATUS];
/** The statuses in the order of the workbook's drop-down list and the 设置 sheet. */
export const STATUS_WORDS = [STATUS.done, STATUS.onPace, STATUS.lagging, STATUS.notStarted] as const;

/**
 * How far a task has got, least advanced first: where several units report one task, the task's
 * status is the least advanced of theirs (shared/collect/combine.ts).
 */
export const STATUS_PROGRESS_ORDER = [STATUS.notStarted, STATUS.lagging, STATUS.onPace, STATUS.done] as const;

/** What an empty status cell means (not a status one can pick). */
export const UNREPORTED = "未填报";

/** Where a target stands against its expected pace. */
export const TARGET_STATE = {
  met: "达标",
  onPace: "序时",
  behind: "脱幅",
} as const;
export type TargetState = (typeof TARGET_STATE)[keyof typeof TARGET_STATE];
export const TARGET_STATE_WORDS = [TARGET_STATE.met, TARGET_STATE.onPace, TARGET_STATE.behind] as const;
