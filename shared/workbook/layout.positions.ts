/**
 * Where the layout puts everything in the ledger workbook: the column order of each table sheet and
 * the row of each task, target, unit and section. The sheet builders, the formulas and the refs of a
 * ledger scored straight from its layout (cells.ts) take positions from here. A workbook read back
 * may have them elsewhere (rows added above a header, columns moved): the reader records where.
 */
import type { Plan, Task, Target } from "../plan/schema";
import type { Quarter } from "../ledger/schema";
import { QUARTERS } from "../ledger/schema";
import { ENTRY_FIELD_ORDER, FIRST_DATA_ROW, type EntryField } from "./labels";
import { colLetter } from "../vocabulary";
import { orderedUnits, type OrderedUnit } from "../scoring/units";
import { sectionList, type SectionRow } from "../scoring/sections";

export type EntryKey = `q${Quarter}.${EntryField}`;
export type ActualKey = `q${Quarter}.actual`;

export const TASK_KEYS = [
  "id",
  "section",
  "subsection",
  "text",
  "lead",
  "responsible",
  ...QUARTERS.flatMap((q) => ENTRY_FIELD_ORDER.map((f) => `q${q}.${f}` as EntryKey)),
  "currentStatus",
  "completion",
  "warning",
] as const;
export type TaskKey = "id" | "section" | "subsection" | "text" | "lead" | "responsible" | EntryKey | "currentStatus" | "completion" | "warning";

export const TARGET_KEYS: readonly TargetKey[] = [
  "id",
  "taskId",
  "section",
  "name",
  "comparator",
  "value",
  "unit",
  "kind",
  "lead",
  "responsible",
  ...QUARTERS.map((q) => `q${q}.actual` as ActualKey),
  "currentActual",
  "expected",
  "completion",
  "state",
  "text",
  "confirm",
];
export type TargetKey =
  | "id"
  | "taskId"
  | "section"
  | "name"
  | "comparator"
  | "value"
  | "unit"
  | "kind"
  | "lead"
  | "responsible"
  | ActualKey
  | "currentActual"
  | "expected"
  | "completion"
  | "state"
  /** Hidden: the target's clause as the plan wrote it, so a read gives it back verbatim. */
  | "text"
  /** Input: 已核实 when the row's actuals were confirmed (appended last: older readers find columns by label). */
  | "confirm";

export const UNIT_KEYS = ["name", "kind", "lead", "responsible", "completed", "lagging", "unreported", "targetRate", "score", "rank", "rankGroup"] as const;
export type UnitKey = (typeof UNIT_KEYS)[number];

export const SUMMARY_KEYS = [
  "section",
  "title",
  "tasks",
  "completed",
  "onPace",
  "lagging",
  "notStarted",
  "unreported",
  "targets",
  "targetsMet",
  "targetsOnPace",
  "targetsBehind",
  "completion",
] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];

function letters<K extends string>(keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  keys.forEach((k, i) => (out[k] = colLetter(i + 1)));
  return out;
}

/** Column letters by key, per sheet. */
export const COLS = {
  tasks: letters<TaskKey>(TASK_KEYS as readonly TaskKey[]),
  targets: letters<TargetKey>(TARGET_KEYS),
  units: letters<UnitKey>(UNIT_KEYS),
  summary: letters<SummaryKey>(SUMMARY_KEYS),
};

/** Rows of one ledger: every position a formula or a ref needs. */
export interface Positions {
  tasks: readonly Task[];
  targets: readonly (Target & { taskId: number; section: string })[];
  units: readonly OrderedUnit[];
  sections: readonly SectionRow[];
  taskRow: Map<number, number>;
  targetRow: Map<string, number>;
  unitRow: Map<string, number>;
  sectionRow: Map<string, number>;
  overallRow: number;
  /** Last data row per sheet (FIRST_DATA_ROW - 1 when empty). */
  lastTaskRow: number;
  lastTargetRow: number;
  lastUnitRow: number;
  /** Unit rows of each rank group, contiguous: RANK runs over one group's rows. */
  rankGroups: { group: OrderedUnit["group"]; first: number; last: number }[];
}

export function positions(plan: Plan): Positions {
  const tasks = plan.tasks;
  const targets = tasks.flatMap((t) => t.targets.map((g) => ({ ...g, taskId: t.id, section: t.section })));
  const units = orderedUnits(plan);
  const sections = sectionList(plan);
  const taskRow = new Map(tasks.map((t, i) => [t.id, FIRST_DATA_ROW + i]));
  const targetRow = new Map(targets.map((g, i) => [g.id, FIRST_DATA_ROW + i]));
  const unitRow = new Map(units.map((u, i) => [u.name, FIRST_DATA_ROW + i]));
  const sectionRow = new Map(sections.map((s, i) => [s.id, FIRST_DATA_ROW + i]));
  const rankGroups: Positions["rankGroups"] = [];
  units.forEach((u, i) => {
    const row = FIRST_DATA_ROW + i;
    const last = rankGroups[rankGroups.length - 1];
    if (last && last.group === u.group) last.last = row;
    else rankGroups.push({ group: u.group, first: row, last: row });
  });
  return {
    tasks,
    targets,
    units,
    sections,
    taskRow,
    targetRow,
    unitRow,
    sectionRow,
    overallRow: FIRST_DATA_ROW + sections.length,
    lastTaskRow: FIRST_DATA_ROW + tasks.length - 1,
    lastTargetRow: FIRST_DATA_ROW + targets.length - 1,
    lastUnitRow: FIRST_DATA_ROW + units.length - 1,
    rankGroups,
  };
}
