/**
 * Input keys (identity.ts) as the merge uses them: parsed back from 变更记录, named for people
 * (“任务 12 二季度状态”), and a ledger seen as one value per input key and rebuilt from such values.
 * Pure.
 */
import type { Actual, Ledger, TaskEntry } from "../ledger/schema";
import { ENTRY_FIELD_ORDER, TARGET_COLUMNS, quarterLabels, type EntryField } from "../workbook/labels";
import { QUARTERS, type Quarter } from "../vocabulary";
import { inputKeyId, type InputKey, type InputValue } from "./identity";

const isQuarter = (n: number): n is Quarter => (QUARTERS as readonly number[]).includes(n);

/** The key of an inputKeyId string; null when it is not one. */
export function parseInputKeyId(id: string): InputKey | null {
  const p = id.trim().split("|");
  if (p[0] === "entry" && p.length === 4) {
    const taskId = Number(p[1]);
    const quarter = Number(p[2]);
    const field = p[3] as EntryField;
    if (Number.isInteger(taskId) && taskId > 0 && isQuarter(quarter) && ENTRY_FIELD_ORDER.includes(field)) return { kind: "entry", taskId, quarter, field };
  }
  if (p[0] === "actual" && p.length === 3 && p[1]) {
    const quarter = Number(p[2]);
    if (isQuarter(quarter)) return { kind: "actual", targetId: p[1], quarter };
  }
  if (p[0] === "confirmed" && p.length === 2 && p[1]) return { kind: "confirmed", targetId: p[1] };
  return null;
}

/** The task a key belongs to (a target id is "<task>.<n>"). */
export function taskOfKey(k: InputKey): number {
  return k.kind === "entry" ? k.taskId : Number(k.targetId.split(".")[0]);
}

/** The key's quarter (核实 has none). */
export function quarterOfKey(k: InputKey): Quarter | null {
  return k.kind === "confirmed" ? null : k.quarter;
}

/** “任务 12 二季度状态”, “指标 9.1 二季度实际值”, “指标 9.1 核实”. */
export function describeKey(k: InputKey): string {
  if (k.kind === "entry") return `任务 ${k.taskId} ${quarterLabels(k.quarter)[k.field]}`;
  if (k.kind === "actual") return `指标 ${k.targetId} ${quarterLabels(k.quarter).actual}`;
  return `指标 ${k.targetId} ${TARGET_COLUMNS.confirm}`;
}

/** What a key holds when nothing is filled in. */
export function emptyValue(k: InputKey): InputValue {
  if (k.kind === "entry") return k.field === "status" ? null : "";
  return k.kind === "actual" ? null : false;
}

/** Values equal as the ledger means them (a blank text and a missing one are the same). */
export function sameValue(a: InputValue, b: InputValue): boolean {
  const norm = (v: InputValue) => (v === "" || v === false ? null : v);
  return norm(a) === norm(b);
}

/** Every filled input of a ledger, by inputKeyId (empty inputs are absent: emptyValue). */
export function ledgerValues(ledger: Pick<Ledger, "entries" | "actuals">): Map<string, InputValue> {
  const out = new Map<string, InputValue>();
  for (const e of ledger.entries) {
    for (const field of ENTRY_FIELD_ORDER) {
      const v = e[field];
      if (v !== null && v !== "") out.set(inputKeyId({ kind: "entry", taskId: e.taskId, quarter: e.quarter, field }), v);
    }
  }
  for (const a of ledger.actuals) {
    if (a.value !== null) out.set(inputKeyId({ kind: "actual", targetId: a.targetId, quarter: a.quarter }), a.value);
    if (a.confirmed) out.set(inputKeyId({ kind: "confirmed", targetId: a.targetId }), true);
  }
  return out;
}

/** The value of a key in such a map. */
export function valueOf(values: ReadonlyMap<string, InputValue>, k: InputKey): InputValue {
  return values.get(inputKeyId(k)) ?? emptyValue(k);
}

/**
 * The ledger with these input values (plan, settings and demo flag kept), entries and actuals in plan
 * order. A target confirmed without any actual keeps its mark on a Q1 actual with no value.
 */
export function withValues(ledger: Ledger, values: ReadonlyMap<string, InputValue>): Ledger {
  const entries = new Map<string, TaskEntry>();
  const actuals = new Map<string, Actual>();
  const confirmed = new Set<string>();
  for (const [id, v] of values) {
    const k = parseInputKeyId(id);
    if (!k || v === null || v === "" || v === false) continue;
    if (k.kind === "entry") {
      const at = `${k.taskId}|${k.quarter}`;
      const e = entries.get(at) ?? { taskId: k.taskId, quarter: k.quarter, status: null, progress: "", problems: "", nextSteps: "" };
      if (k.field === "status") e.status = v as TaskEntry["status"];
      else e[k.field] = String(v);
      entries.set(at, e);
    } else if (k.kind === "actual") {
      actuals.set(`${k.targetId}|${k.quarter}`, { targetId: k.targetId, quarter: k.quarter, value: Number(v) });
    } else confirmed.add(k.targetId);
  }
  const withActual = new Set<string>();
  for (const a of actuals.values()) {
    if (confirmed.has(a.targetId)) a.confirmed = true;
    withActual.add(a.targetId);
  }
  for (const t of confirmed) if (!withActual.has(t)) actuals.set(`${t}|1`, { targetId: t, quarter: 1, value: null, confirmed: true });
  const taskOrder = new Map(ledger.plan.tasks.map((t, i) => [t.id, i]));
  const targetOrder = new Map(ledger.plan.tasks.flatMap((t) => t.targets.map((g) => g.id)).map((id, i) => [id, i]));
  const rank = (m: Map<number | string, number>, k: number | string) => m.get(k) ?? Number.MAX_SAFE_INTEGER;
  return {
    ...ledger,
    entries: [...entries.values()].sort((a, b) => rank(taskOrder, a.taskId) - rank(taskOrder, b.taskId) || a.taskId - b.taskId || a.quarter - b.quarter),
    actuals: [...actuals.values()].sort(
      (a, b) => rank(targetOrder, a.targetId) - rank(targetOrder, b.targetId) || a.targetId.localeCompare(b.targetId) || a.quarter - b.quarter,
    ),
  };
}
