/**
 * 回收情况: per quarter collected and per unit that reports tasks, whether its file came back and
 * what the merge did with it, derived from 变更记录 and the merged ledger (never typed by hand). The
 * 回收情况 sheet shows these rows; the quarterly summary PDF shows who has not returned its file and
 * who has conflicts. Collective designations (各乡镇（街道） …) get no unit workbook and no row. Pure.
 */
import type { Ledger, Quarter } from "../ledger/schema";
import { reportingUnits } from "../plan/reporting";
import type { ChangeRow } from "../workbook/sheet.changelog";
import type { CollectionRow } from "../workbook/sheet.collection";
import { inputKeyId } from "./identity";

/** True for the one row per merged file that says it was merged (no cell, no key). */
export function isFileRow(r: ChangeRow): boolean {
  return r.how === "merged" && r.key === "" && r.cell === "";
}

export function collectionRows(ledger: Ledger, changelog: readonly ChangeRow[]): CollectionRow[] {
  const plan = ledger.plan;
  const quarters = [...new Set(changelog.map((r) => r.quarter).filter((q): q is Quarter => q !== null))].sort();
  const collective = new Set(plan.units.filter((u) => u.kind === "collective").map((u) => u.name));
  const tasksOf = new Map<string, { id: number; shared: boolean }[]>();
  for (const t of plan.tasks) {
    const who = reportingUnits(t);
    for (const u of who) {
      if (collective.has(u)) continue;
      const tasks = tasksOf.get(u);
      if (tasks) tasks.push({ id: t.id, shared: who.length > 1 });
      else tasksOf.set(u, [{ id: t.id, shared: who.length > 1 }]);
    }
  }
  // rows grouped once by quarter and unit: a filter per unit over 变更记录's tens of thousands of rows is quadratic
  const grouped = new Map<string, ChangeRow[]>();
  for (const r of changelog) {
    const k = `${r.quarter}|${r.unit}`;
    const rows = grouped.get(k);
    if (rows) rows.push(r);
    else grouped.set(k, [r]);
  }
  const units = plan.units.map((u) => u.name).filter((u) => tasksOf.has(u));
  const out: CollectionRow[] = [];
  for (const q of quarters) {
    const status = new Map(ledger.entries.filter((e) => e.quarter === q).map((e) => [e.taskId, e.status]));
    for (const unit of units) {
      const mine = grouped.get(`${q}|${unit}`) ?? [];
      const files = mine.filter(isFileRow);
      const last = files[files.length - 1];
      // a task several units report: the unit's own status report (分单位填报), else the ledger's status
      const ownStatus = new Map<string, unknown>();
      for (const r of mine) if (r.how === "unitReport") ownStatus.set(r.key, r.new);
      const unreported = tasksOf.get(unit)!.filter((t) => {
        const reported = t.shared ? ownStatus.get(inputKeyId({ kind: "entry", taskId: t.id, quarter: q, field: "status" })) : status.get(t.id);
        return reported === undefined || reported === null || reported === "";
      }).length;
      out.push({
        quarter: q,
        unit,
        returned: last !== undefined,
        time: last?.time ?? "",
        fileName: last?.fileName ?? "",
        applied: mine.filter((r) => r.how === "merged" && r.key !== "").length,
        conflicts: mine.filter((r) => r.how === "conflict").length,
        notApplied: mine.filter((r) => r.how === "notApplied").length,
        unreported,
      });
    }
  }
  return out;
}
