import { z } from "zod";
import { Quarter, Status } from "../ledger/schema";
import { UnitKind } from "../plan/schema";
import { TARGET_STATE_WORDS } from "../vocabulary";

/**
 * Where a figure lives in the workbook: figure name → "Sheet!Cell" (e.g. { completion: "指标!N5" }),
 * so reports can cite their sources (数据来源).
 */
const Refs = z.record(z.string(), z.string());

/** 达标: the full-year target is already met; 序时: on the expected pace; 脱幅: behind it. */
export const TargetState = z.enum(TARGET_STATE_WORDS);
export type TargetState = z.infer<typeof TargetState>;

export const TaskScore = z.object({
  taskId: z.number().int(),
  section: z.string(),
  status: Status.nullable(),
  /** The status's score from the settings; 0 when not reported. */
  score: z.number(),
  /** 预警 text (e.g. "滞后未说明问题"), or null. */
  warning: z.string().nullable(),
  refs: Refs,
});
export type TaskScore = z.infer<typeof TaskScore>;

export const TargetScore = z.object({
  targetId: z.string(),
  taskId: z.number().int(),
  actual: z.number().nullable(),
  /** 序时目标: what the actual should be by the end of the quarter. */
  expected: z.number().nullable(),
  /** 完成率: actual against the full-year target, by comparator and kind (1 = met); null without an actual. */
  completion: z.number().nullable(),
  state: TargetState.nullable(),
  refs: Refs,
});
export type TargetScore = z.infer<typeof TargetScore>;

export const UnitScore = z.object({
  unit: z.string(),
  kind: UnitKind,
  /** Tasks it leads / shares as responsible unit. */
  lead: z.number().int(),
  responsible: z.number().int(),
  completed: z.number().int(),
  lagging: z.number().int(),
  unreported: z.number().int(),
  /** Share of its tasks' targets that are 达标 or 序时 (null: none of its tasks has a target with an actual). */
  targetRate: z.number().nullable(),
  score: z.number(),
  /** 1 = best; ties share a rank (Excel RANK semantics). */
  rank: z.number().int(),
  refs: Refs,
});
export type UnitScore = z.infer<typeof UnitScore>;

export const SectionSummary = z.object({
  /** Section numeral, or "全部" for the overall row. */
  section: z.string(),
  title: z.string(),
  tasks: z.number().int(),
  byStatus: z.object({
    已完成: z.number().int(),
    序时推进: z.number().int(),
    滞后: z.number().int(),
    未启动: z.number().int(),
    未填报: z.number().int(),
  }),
  targets: z.number().int(),
  targetsMet: z.number().int(),
  targetsOnPace: z.number().int(),
  targetsBehind: z.number().int(),
  /** Mean task score / 100, 0–1. */
  completion: z.number(),
  refs: Refs,
});
export type SectionSummary = z.infer<typeof SectionSummary>;

export const LedgerScores = z.object({
  quarter: Quarter,
  tasks: z.array(TaskScore),
  targets: z.array(TargetScore),
  units: z.array(UnitScore),
  sections: z.array(SectionSummary),
  overall: SectionSummary,
});
export type LedgerScores = z.infer<typeof LedgerScores>;
