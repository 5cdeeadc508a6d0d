import { z } from "zod";
import { Plan } from "../plan/schema";
import { QUARTERS as QUARTER_LIST, STATUS_WORDS } from "../vocabulary";

/** The status vocabulary of the ledger. A blank cell (null) means 未填报 (not reported). */
export const Status = z.enum(STATUS_WORDS);
export type Status = z.infer<typeof Status>;
export const STATUSES = Status.options;

export const Quarter = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Quarter = z.infer<typeof Quarter>;
export const QUARTERS: readonly Quarter[] = QUARTER_LIST;

/** The 设置 sheet: every formula and the TypeScript scoring read these. */
export const Settings = z.object({
  quarter: Quarter,
  /** Score of each status, 0–100. 未填报 scores 0. */
  statusScores: z.object({ 已完成: z.number(), 序时推进: z.number(), 滞后: z.number(), 未启动: z.number() }),
  /** Weight of a task a unit leads vs one it shares (responsible), in its unit score. */
  leadWeight: z.number().nonnegative(),
  responsibleWeight: z.number().nonnegative(),
  /** Expected share of a cumulative target done by the end of Q1..Q4 (e.g. 0.25, 0.5, 0.75, 1). */
  pace: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** How far below the expected pace (as a share of it) still counts as 序时 rather than 脱幅. */
  tolerance: z.number().nonnegative(),
});
export type Settings = z.infer<typeof Settings>;

/** What a unit reported for one task in one quarter. */
export const TaskEntry = z.object({
  taskId: z.number().int().positive(),
  quarter: Quarter,
  status: Status.nullable(),
  /** 进展情况 */
  progress: z.string(),
  /** 存在问题 */
  problems: z.string(),
  /** 下步打算 */
  nextSteps: z.string(),
});
export type TaskEntry = z.infer<typeof TaskEntry>;

/** The actual value of one target at the end of one quarter (null: not filled). */
export const Actual = z.object({
  targetId: z.string(),
  quarter: Quarter,
  value: z.number().finite().nullable(),
  /**
   * True when the target's row is marked 已核实 (核实 column): an actual that looks implausible
   * (shared/scoring/plausibility.ts) is then taken as typed. A target is confirmed when any of its
   * actuals is.
   */
  confirmed: z.boolean().optional(),
});
export type Actual = z.infer<typeof Actual>;

/** A filled ledger as read from a workbook. */
export const Ledger = z.object({
  /** The plan as the workbook holds it (tasks, units and targets read from its sheets). */
  plan: Plan,
  settings: Settings,
  /** One entry per task and quarter that has anything filled in. */
  entries: z.array(TaskEntry),
  /** One per target and quarter that has a value. */
  actuals: z.array(Actual),
  /** True when the workbook is marked 演示数据 (simulated demo progress). */
  demo: z.boolean(),
});
export type Ledger = z.infer<typeof Ledger>;
