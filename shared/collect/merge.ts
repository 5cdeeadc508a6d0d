/**
 * 回收汇总: returned unit workbooks merged into the master, without loss. Pure: the files arrive
 * read (merge.types.ts), the result is a ledger and rows for 变更记录.
 *
 * Per file: identity first (unreadable, not a unit workbook, another plan, another quarter, a unit
 * the plan does not name: refused with one line; the other files still merge). A master updated to
 * a revised plan after the split takes the entries by task as `workbook --update` does
 * (update.match.ts); what has no task any more is not applied, and recorded.
 *
 * Per input cell, three-way: base (the master's value at split, in the identity), theirs (returned),
 * ours (the master now). ours = base → take theirs; theirs = base → keep ours; both changed and
 * equal → fine; both changed and different → a conflict: the master keeps ours, both are recorded.
 * Ours counts as base where 变更记录 shows it came from the same unit's earlier file: a corrected
 * file replaces the earlier one (and the outcome says so). Inputs of a task several units report are
 * combined from every unit's own report (combine.ts). Cells the unit could not change (locked), cells
 * outside its file's inputs and the reader's problems are not applied, and recorded. Every value a
 * unit changed is in the master or in 变更记录.
 *
 * Idempotent: a file whose SHA-256 is in 变更记录 is not merged again. Order-independent across
 * units: a single-reporter input has one unit that may change it, and a combined one is a function of
 * the set of reports. Between files of the same unit, the one merged later is the correction.
 */
import type { Ledger } from "../ledger/schema";
import type { Plan, Task } from "../plan/schema";
import { planRecord } from "../plan/record";
import { reportingUnits } from "../plan/reporting";
import { matchTargets, matchTasks } from "../workbook/update.match";
import type { ChangeRow } from "../workbook/sheet.changelog";
import type { ChangeHow } from "../workbook/labels";
import { inputKeyId, type BaseCell, type InputKey, type InputValue, type UnitWorkbookIdentity } from "./identity";
import { describeKey, emptyValue, ledgerValues, parseInputKeyId, sameValue, taskOfKey, valueOf, withValues } from "./keys";
import { combine, ownPart } from "./combine";
import { formatValue } from "./describe.value";
import { collectionQuarter } from "./quarter";
import type { MasterState, MergeOptions, MergeOutcome, Refusal, RefusalReason, ReturnedFile } from "./merge.types";

export type * from "./merge.types";

/** Share of the returned plan's tasks that must be found in the master for a revised plan (else: another plan). */
const SAME_PLAN_MIN = 0.5;

type KeyMap = (k: InputKey) => InputKey | null;

/**
 * Keys of the file's plan → keys of the master's plan; null: another plan. The whole plan the file was
 * split from decides (a unit's few tasks may resemble another district's by chance): at least
 * SAME_PLAN_MIN of its tasks must have a counterpart in the master.
 */
function keyMapFor(whole: Plan, masterSha: string, identity: UnitWorkbookIdentity, master: Ledger): KeyMap | null {
  if (identity.planSha256.toLowerCase() === masterSha) return (k) => k;
  const old = whole.tasks;
  const tasks = matchTasks(old, master.plan.tasks);
  if (old.length === 0 || tasks.size < old.length * SAME_PLAN_MIN) return null;
  const targets = new Map<string, string>();
  const byId = new Map(master.plan.tasks.map((t) => [t.id, t]));
  for (const o of old) {
    const n = tasks.get(o.id);
    if (n !== undefined) for (const [a, b] of matchTargets(o.targets, byId.get(n)!.targets)) targets.set(a, b);
  }
  return (k) => {
    if (k.kind === "entry") {
      const taskId = tasks.get(k.taskId);
      return taskId === undefined ? null : { ...k, taskId };
    }
    const targetId = targets.get(k.targetId);
    return targetId === undefined ? null : { ...k, targetId };
  };
}

export function merge(master: MasterState, files: readonly ReturnedFile[], options: MergeOptions): MergeOutcome {
  const plan = master.ledger.plan;
  const masterSha = planRecord(plan).sha256;
  // identity checks that do not depend on the quarter, once per file: the quarter is chosen from the files that pass them
  const sameYear = (i: UnitWorkbookIdentity) => i.year === null || plan.meta.year === null || i.year === plan.meta.year;
  // one match per plan split from (every file of a split carries the same record)
  const byPlan = new Map<string, KeyMap | null>();
  const keyMaps = new Map<ReturnedFile, KeyMap | null>();
  for (const f of files) {
    if (!f.read.ok || !sameYear(f.read.identity)) continue;
    const { identity, plan: whole, ledger } = f.read;
    const at = `${identity.planSha256}|${whole ? "" : f.sha256}`;
    if (!byPlan.has(at)) byPlan.set(at, keyMapFor(whole ?? ledger.plan, masterSha, identity, master.ledger));
    keyMaps.set(f, byPlan.get(at)!);
  }
  const chosen = collectionQuarter(
    options.quarter,
    files.flatMap((f) => (f.read.ok && keyMaps.get(f) ? [f.read.identity.quarter] : [])),
    master.ledger.settings.quarter,
  );
  const quarter = chosen.quarter;
  const reporters = new Map<number, readonly string[]>(plan.tasks.map((t: Task) => [t.id, reportingUnits(t)]));
  const unitNames = new Set(plan.units.map((u) => u.name));
  const values = ledgerValues(master.ledger);
  const log: ChangeRow[] = [...master.changelog];
  const changes: ChangeRow[] = [];
  const out: Pick<MergeOutcome, "refusals" | "replaced" | "alreadyMerged"> = { refusals: [], replaced: [], alreadyMerged: [] };
  // what re-merges look up per cell, kept current as rows are added
  const lastMerged = new Map<string, ChangeRow>(); // unit|key → its last merged row
  const reportsOf = new Map<string, Map<string, InputValue>>(); // key → unit → own report
  // and per file: rows by SHA-256 and by unit and quarter (a scan of the whole log per file is quadratic)
  const bySha = new Map<string, ChangeRow[]>(); // sha → its rows other than refusals
  const refusedBefore = new Set<string>(); // sha|message of refusals recorded
  const byUnitQuarter = new Map<string, ChangeRow[]>(); // unit|quarter → rows other than refusals
  const push = <K>(m: Map<K, ChangeRow[]>, k: K, r: ChangeRow) => {
    const rows = m.get(k);
    if (rows) rows.push(r);
    else m.set(k, [r]);
  };
  const index = (r: ChangeRow) => {
    if (r.how === "refused") refusedBefore.add(`${r.sha256}|${r.note}`);
    else {
      push(bySha, r.sha256, r);
      push(byUnitQuarter, `${r.unit}|${r.quarter}`, r);
    }
    if (r.key === "") return;
    if (r.how === "merged") lastMerged.set(`${r.unit}|${r.key}`, r);
    if (r.how === "unitReport") {
      const reports = reportsOf.get(r.key);
      if (reports) reports.set(r.unit, r.new);
      else reportsOf.set(r.key, new Map([[r.unit, r.new]]));
    }
  };
  log.forEach(index);
  const add = (r: ChangeRow) => {
    log.push(r);
    changes.push(r);
    index(r);
  };

  for (const file of files) {
    const sha = file.sha256.toLowerCase();
    const fileRow = { time: options.now, fileName: file.fileName, sha256: sha };
    const refuse = (reason: RefusalReason, why: string, unit = "", q: ChangeRow["quarter"] = null) => {
      const message = `${file.fileName}：${why}，未合并`;
      out.refusals.push({ fileName: file.fileName, sha256: sha, reason, message });
      if (!refusedBefore.has(`${sha}|${message}`)) {
        add({ ...fileRow, unit, quarter: q, cell: "", item: "", key: "", old: null, new: null, how: "refused", note: message });
      }
    };
    const earlierRows = bySha.get(sha) ?? [];
    if (earlierRows.length > 0) {
      out.alreadyMerged.push({ fileName: file.fileName, unit: earlierRows[0]!.unit });
      continue;
    }
    if (!file.read.ok) {
      refuse(file.read.reason, file.read.message);
      continue;
    }
    const { identity, ledger: theirsLedger, problems } = file.read;
    const unit = identity.unit;
    if (!sameYear(identity)) {
      refuse("other-plan", `是 ${identity.year} 年方案的单位填报表，本台账是 ${plan.meta.year} 年的`, unit, identity.quarter);
      continue;
    }
    const mapKey = keyMaps.get(file);
    if (!mapKey) {
      refuse(
        "other-plan",
        `来自另一个方案（方案 SHA-256 ${identity.planSha256.slice(0, 12)}…，本台账 ${masterSha.slice(0, 12)}…，任务对不上）`,
        unit,
        identity.quarter,
      );
      continue;
    }
    if (identity.quarter !== quarter) {
      const how = chosen.from === "option" ? "（--quarter）" : chosen.from === "files" ? "（多数交回文件的季度）" : "";
      refuse(
        "other-quarter",
        `是第 ${identity.quarter} 季度的填报表，本次回收第 ${quarter} 季度${how}；要回收第 ${identity.quarter} 季度请单独运行并加 --quarter ${identity.quarter}`,
        unit,
        identity.quarter,
      );
      continue;
    }
    if (!unitNames.has(unit)) {
      refuse("unknown-unit", `填报单位“${unit}”不在本台账的方案中`, unit, identity.quarter);
      continue;
    }

    // earlier files of this unit for this quarter: this one replaces them
    const mine = [...(byUnitQuarter.get(`${unit}|${identity.quarter}`) ?? [])];
    const earlierShas = new Set(mine.map((r) => r.sha256));
    if (earlierShas.size > 0) {
      const names = [...new Set(mine.filter((r) => r.key === "" && r.cell === "").map((r) => r.fileName))];
      out.replaced.push({ unit, fileName: file.fileName, earlier: names });
    }
    const row = (cell: BaseCell | null, key: InputKey | null, old: InputValue, value: InputValue, how: ChangeHow, note: string): ChangeRow => ({
      ...fileRow,
      unit,
      quarter: identity.quarter,
      cell: cell?.cell ?? "",
      item: key ? describeKey(key) : "",
      key: key ? inputKeyId(key) : "",
      old,
      new: value,
      how,
      note,
    });
    const counts = { merged: 0, conflict: 0, notApplied: 0 };
    const record = (r: ChangeRow) => {
      add(r);
      if (r.how === "merged") counts.merged++;
      if (r.how === "conflict") counts.conflict++;
      if (r.how === "notApplied") counts.notApplied++;
    };

    /** One reporter: three-way on the master's cell. */
    const single = (cell: BaseCell, key: InputKey, theirs: InputValue) => {
      const id = inputKeyId(key);
      const ours = valueOf(values, key);
      const last = lastMerged.get(`${unit}|${id}`);
      const prev = last && earlierShas.has(last.sha256) ? last : undefined;
      const fromEarlier = prev !== undefined && sameValue(prev.new, ours);
      const base = fromEarlier ? ours : cell.value;
      // theirs = base: the unit changed nothing here (unless it takes back what its earlier file set)
      if (sameValue(ours, theirs) || (!fromEarlier && sameValue(theirs, cell.value))) return;
      if (sameValue(ours, base)) {
        values.set(id, theirs);
        record(row(cell, key, ours, theirs, "merged", fromEarlier ? `替换本单位先前文件（${prev!.fileName}）的填报` : ""));
      } else {
        record(row(cell, key, ours, theirs, "conflict", `分发后台账已改为“${formatValue(ours)}”（分发时为“${formatValue(cell.value)}”），台账保留原值`));
      }
    };

    /** Several reporters: the unit's own report kept, the master's cell recombined from all reports. */
    const several = (cell: BaseCell, key: InputKey, theirs: InputValue, who: readonly string[]) => {
      const id = inputKeyId(key);
      const own = typeof theirs === "string" && key.kind === "entry" && key.field !== "status" ? ownPart(theirs, unit, who) : theirs;
      const before = new Map(reportsOf.get(id)); // a copy: recording this report updates reportsOf
      if (before.has(unit) && sameValue(before.get(unit)!, own)) return;
      record(row(cell, key, before.get(unit) ?? emptyValue(key), own, "unitReport", `本任务由 ${who.length} 个单位分别填报，各单位的填报均保留`));
      const after = new Map(before).set(unit, own);
      const was = combine(key, who, before);
      const now = combine(key, who, after);
      const ours = valueOf(values, key);
      if (!now.ok) {
        const list = now.values.map((v) => `${v.unit} ${formatValue(v.value)}`).join("、");
        record(row(cell, key, ours, own, "conflict", `各单位填报的实际值不同（${list}），台账保留原值`));
        return;
      }
      if (sameValue(ours, now.value)) return;
      const fromMerges = was.ok ? [was.value] : was.values.map((v) => v.value);
      if (sameValue(ours, cell.value) || fromMerges.some((v) => sameValue(ours, v))) {
        values.set(id, now.value);
        record(row(cell, key, ours, now.value, "merged", `由 ${who.filter((u) => after.has(u)).join("、")} 的填报合并`));
      } else {
        record(row(cell, key, ours, now.value, "conflict", `分发后台账已直接修改此项，台账保留原值；按各单位填报合并应为“${formatValue(now.value)}”`));
      }
    };

    const theirsValues = ledgerValues(theirsLedger);
    const inBase = new Set<string>();
    for (const cell of identity.base) {
      inBase.add(inputKeyId(cell.key));
      const theirs = valueOf(theirsValues, cell.key);
      const same = sameValue(theirs, cell.value);
      if (same && earlierShas.size === 0) continue;
      if (!cell.editable) {
        if (!same) record(row(cell, cell.key, cell.value, theirs, "notApplied", "本单位不填写此项（锁定单元格被改动），未应用"));
        continue;
      }
      const key = mapKey(cell.key);
      if (!key) {
        if (!same) record(row(cell, cell.key, cell.value, theirs, "notApplied", "修订后的方案中已没有这项任务或指标，未应用"));
        continue;
      }
      const who = reporters.get(taskOfKey(key)) ?? [];
      if (who.length > 1 && who.includes(unit)) {
        if (!same) several(cell, key, theirs, who);
      } else single(cell, key, theirs);
    }
    // values the file holds outside its inputs (rows or cells added), and what the reader could not read
    for (const [id, v] of theirsValues) {
      if (inBase.has(id)) continue;
      const k = parseInputKeyId(id)!;
      record(row(null, k, emptyValue(k), v, "notApplied", "不是本单位填报表的填报单元格（插入的行或其他季度？），未应用"));
    }
    for (const p of problems) {
      if (p.severity !== "error" || p.code === "actual-implausible") continue;
      record({ ...row(null, null, null, null, "notApplied", `${p.message}（未应用）`), cell: `${p.sheet}!${p.range ?? p.cell}` });
    }
    add(row(null, null, null, null, "merged", `文件已合并：合并 ${counts.merged} 项，冲突 ${counts.conflict} 项，未应用 ${counts.notApplied} 项`));
  }

  return {
    quarter: chosen,
    ledger: withValues(master.ledger, values),
    changelog: log,
    changes,
    conflicts: changes.filter((r) => r.how === "conflict"),
    notApplied: changes.filter((r) => r.how === "notApplied"),
    ...out,
  };
}
