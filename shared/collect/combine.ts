/**
 * A task reported by several units (several leads, or no lead and several responsible units:
 * shared/plan/reporting.ts) gets one value per input in the master, combined from every reporting
 * unit's own report. Decided once, here:
 * - status: the least advanced of the statuses reported (未启动 < 滞后 < 序时推进 < 已完成,
 *   STATUS_PROGRESS_ORDER): the task is only as far as its slowest part;
 * - 进展情况 / 存在问题 / 下步打算: each unit's text on a line of its own, prefixed 【单位】, in the order
 *   the plan lists the units;
 * - 实际值: the units' value when they agree; different values are a conflict (the master keeps its
 *   value, every unit's value is in 变更记录);
 * - 核实: confirmed when any unit confirmed (as a target is confirmed when any of its actuals is).
 * Each unit's own report stays in 变更记录 (处理 分单位填报), so the combination is recomputed from the
 * reports on every merge and does not depend on the order the files came in. Pure.
 */
import { STATUS_PROGRESS_ORDER } from "../vocabulary";
import type { InputKey, InputValue } from "./identity";
import { emptyValue, sameValue } from "./keys";

export type Combined = { ok: true; value: InputValue } | { ok: false; values: { unit: string; value: InputValue }[] };

/** The 【单位】 prefix of a unit's part in a combined text. */
export function unitPrefix(unit: string): string {
  return `【${unit}】`;
}

/**
 * A unit's own part of a text that may be a combined one (a unit that edits the combined text it was
 * shown, keeping the prefixes): the text after its 【unit】 up to the next reporter's prefix; the
 * whole text when it has no such prefix.
 */
export function ownPart(text: string, unit: string, reporters: readonly string[]): string {
  const at = text.indexOf(unitPrefix(unit));
  if (at < 0) return text.trim();
  const rest = text.slice(at + unitPrefix(unit).length);
  let end = rest.length;
  for (const other of reporters) {
    if (other === unit) continue;
    const i = rest.indexOf(unitPrefix(other));
    if (i >= 0 && i < end) end = i;
  }
  return rest.slice(0, end).trim();
}

/** The master's value of `key` from the reports of `reporters` (plan order); units without a report are left out. */
export function combine(key: InputKey, reporters: readonly string[], reports: ReadonlyMap<string, InputValue>): Combined {
  const given = reporters.filter((u) => reports.has(u) && !sameValue(reports.get(u)!, emptyValue(key))).map((u) => ({ unit: u, value: reports.get(u)! }));
  if (given.length === 0) return { ok: true, value: emptyValue(key) };
  if (key.kind === "confirmed") return { ok: true, value: given.some((g) => g.value === true) };
  if (key.kind === "actual") {
    const first = given[0]!.value;
    return given.every((g) => sameValue(g.value, first)) ? { ok: true, value: first } : { ok: false, values: given };
  }
  if (key.field === "status") {
    const rank = (v: InputValue) => STATUS_PROGRESS_ORDER.indexOf(v as (typeof STATUS_PROGRESS_ORDER)[number]);
    const least = given.reduce((a, b) => (rank(b.value) < rank(a.value) ? b : a));
    return { ok: true, value: least.value };
  }
  return { ok: true, value: given.map((g) => unitPrefix(g.unit) + String(g.value)).join("\n") };
}
