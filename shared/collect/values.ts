/**
 * The inputs of a unit workbook named by what they are (InputKey). Their values in a ledger (the
 * master's at split: the base; a returned file's: theirs; the master's now: ours) are read through
 * keys.ts's ledgerValues / valueOf. Pure.
 */
import { QUARTERS, type Quarter } from "../ledger/schema";
import type { Plan } from "../plan/schema";
import { ENTRY_FIELD_ORDER } from "../workbook/labels";
import type { InputKey } from "./identity";
import type { UnitScope } from "./scope";

/** One input of a unit workbook and whether the unit may fill it (unlocked). */
export interface UnitInput {
  key: InputKey;
  editable: boolean;
}

/**
 * Every input cell of the unit's workbook, in sheet order: for each of its tasks (plan order) the four
 * entry fields of quarters 1..`quarter` (editable: this quarter of a task it reports), then for each
 * target of the tasks it reports the actuals of quarters 1..`quarter` (editable: this quarter) and its
 * 核实 mark (editable). Later quarters are not in the file.
 */
export function unitInputs(plan: Pick<Plan, "tasks">, scope: UnitScope, quarter: Quarter): UnitInput[] {
  const upTo = QUARTERS.filter((q) => q <= quarter);
  const out: UnitInput[] = [];
  const tasks = plan.tasks.filter((t) => scope.reports.has(t.id) || scope.shares.has(t.id));
  for (const t of tasks) {
    const reports = scope.reports.has(t.id);
    for (const q of upTo)
      for (const field of ENTRY_FIELD_ORDER) out.push({ key: { kind: "entry", taskId: t.id, quarter: q, field }, editable: reports && q === quarter });
  }
  for (const t of tasks) {
    if (!scope.reports.has(t.id)) continue;
    for (const g of t.targets) {
      for (const q of upTo) out.push({ key: { kind: "actual", targetId: g.id, quarter: q }, editable: q === quarter });
      out.push({ key: { kind: "confirmed", targetId: g.id }, editable: true });
    }
  }
  return out;
}
