/**
 * Who reports a task each quarter, decided once for the ledger, the unit workbooks, the merge and
 * the scorecards: its lead units (牵头单位). A task whose plan names no lead (plans that list only
 * 责任单位, with no convention saying the first one leads) is reported by every responsible unit, as
 * a task with several leads is: each reports its part, and the merge combines them
 * (shared/collect/).
 */
import type { Task } from "./schema";

export function reportingUnits(task: Pick<Task, "lead" | "responsible">): readonly string[] {
  return task.lead.length > 0 ? task.lead : task.responsible;
}

/**
 * The units that share a task without reporting it: its responsible units when it has a lead, none
 * otherwise (they report it). Scoring weighs reporting units as leads and these as responsible.
 */
export function sharingUnits(task: Pick<Task, "lead" | "responsible">): readonly string[] {
  return task.lead.length > 0 ? task.responsible : [];
}
