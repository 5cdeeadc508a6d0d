/**
 * The inputs of a unit workbook named by what they are (InputKey), and their values in a ledger:
 * the split takes the master's (the base), the merge a returned file's (theirs) and the master's now
 * (ours), all through the same valueOf. Pure.
 */
import { QUARTERS, type Ledger, type Quarter } from "../ledger/schema";
import type { Plan } from "../plan/schema";
import type { ReadResult } from "../workbook/read-result";
import { ENTRY_FIELD_ORDER } from "../workbook/labels";
import { confirmedTargets } from "../scoring/index";
import type { InputKey, InputValue } from "./identity";
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

type Lookup = (key: InputKey) => InputValue;
const lookups = new WeakMap<Ledger, Lookup>();

/**
 * The value of every input of a ledger, as the model holds it: a status word or null, a text ("" when
 * blank), an actual or null, a 核实 mark (true = 已核实). Indexed once per ledger.
 */
export function ledgerValues(ledger: Ledger): Lookup {
  const cached = lookups.get(ledger);
  if (cached) return cached;
  const entries = new Map(ledger.entries.map((e) => [`${e.taskId}|${e.quarter}`, e]));
  const actuals = new Map(ledger.actuals.map((a) => [`${a.targetId}|${a.quarter}`, a.value]));
  const confirmed = confirmedTargets(ledger);
  const lookup: Lookup = (key) => {
    switch (key.kind) {
      case "entry": {
        const e = entries.get(`${key.taskId}|${key.quarter}`);
        return key.field === "status" ? (e?.status ?? null) : (e?.[key.field] ?? "");
      }
      case "actual":
        return actuals.get(`${key.targetId}|${key.quarter}`) ?? null;
      case "confirmed":
        return confirmed.has(key.targetId);
    }
  };
  lookups.set(ledger, lookup);
  return lookup;
}

/** The value of one input in a read workbook (a master, or a returned unit workbook: "theirs"). */
export function valueOf(read: Pick<ReadResult, "ledger">, key: InputKey): InputValue {
  return ledgerValues(read.ledger)(key);
}
