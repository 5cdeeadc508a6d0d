/**
 * Where a workbook shows each figure, for the `refs` of the scores (the reports' 数据来源). Scoring
 * knows no sheets or cells: the caller passes a `Locate` — from the cells a reader found
 * (shared/workbook) or from a layout's planned positions — and scoring asks it for each figure.
 */
import { OVERALL } from "../vocabulary";

/** The figures each kind of scored row has a cell for, by the names `refs` use, in citing order. */
const REF_FIGURES = {
  task: ["status", "score", "warning"],
  target: ["actual", "expected", "completion", "state"],
  unit: ["lead", "responsible", "completed", "lagging", "unreported", "targetRate", "score", "rank"],
  section: ["tasks", "completed", "onPace", "lagging", "notStarted", "unreported", "targets", "targetsMet", "targetsOnPace", "targetsBehind", "completion"],
} as const;

/** A scored row: a task, a target, a unit, or a section (the whole plan is section OVERALL.section). */
export type ScoredRow = { kind: "task"; id: number } | { kind: "target"; id: string } | { kind: "unit"; name: string } | { kind: "section"; id: string };

/** "Sheet!Cell" of one figure of a row, or null when the workbook has no such cell. */
export type Locate = (row: ScoredRow, figure: string) => string | null;

/** No workbook: scores without refs. */
export const NOWHERE: Locate = () => null;

/** The refs of one row: every figure `locate` finds a cell for. */
export function refsOf(locate: Locate, row: ScoredRow): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const figure of REF_FIGURES[row.kind]) {
    const at = locate(row, figure);
    if (at !== null) refs[figure] = at;
  }
  return refs;
}

export const OVERALL_ROW: ScoredRow = { kind: "section", id: OVERALL.section };
