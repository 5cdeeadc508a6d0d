import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import type { Ledger, Quarter } from "../shared/ledger/schema";
import type { Plan } from "../shared/plan/schema";
import { parsePlan } from "../shared/plan/parse";
import { reportingUnits } from "../shared/plan/reporting";
import { inputKeyId, type InputKey, type InputValue } from "../shared/collect/identity";
import { ledgerValues, sameValue, valueOf } from "../shared/collect/keys";
import { combine } from "../shared/collect/combine";
import { merge, type MasterState, type ReturnedFile } from "../shared/collect/merge";
import { STATUS_WORDS } from "../shared/vocabulary";
import { smallLedger } from "./fixtures/ledger/plans";
import { returnedFile, splitIdentity, unitsWithFiles } from "./fixtures/collect/returned";

const NOW = "2023-07-10T09:00:00.000Z";
const Q: Quarter = 3;
const key = (k: InputKey) => inputKeyId(k);
const status = (taskId: number, quarter: Quarter = Q): InputKey => ({ kind: "entry", taskId, quarter, field: "status" });
const progress = (taskId: number, quarter: Quarter = Q): InputKey => ({ kind: "entry", taskId, quarter, field: "progress" });
const actual = (targetId: string, quarter: Quarter = Q): InputKey => ({ kind: "actual", targetId, quarter });

function fileOf(master: Ledger, unit: string, fills: [InputKey, InputValue][], name?: string): ReturnedFile {
  return returnedFile(master, splitIdentity(master, unit, Q), new Map(fills.map(([k, v]) => [key(k), v])), name);
}
const state = (ledger: Ledger, changelog: MasterState["changelog"] = []): MasterState => ({ ledger, changelog });

describe("merge: three-way per input", () => {
  const master = smallLedger();

  it("takes what a unit typed where the master still has the value it was sent", () => {
    const f = fileOf(master, "区发展改革委", [
      [status(1), "序时推进"],
      [progress(1), "前三季度增长7.2%"],
      [actual("1.1"), 7.2],
    ]);
    const out = merge(state(master), [f], { now: NOW });
    const v = ledgerValues(out.ledger);
    expect(valueOf(v, status(1))).toBe("序时推进");
    expect(valueOf(v, progress(1))).toBe("前三季度增长7.2%");
    expect(valueOf(v, actual("1.1"))).toBe(7.2);
    expect(out.conflicts).toEqual([]);
    expect(out.changes.filter((r) => r.how === "merged" && r.key !== "").map((r) => r.key)).toEqual([key(status(1)), key(progress(1)), key(actual("1.1"))]);
    // earlier quarters untouched
    expect(valueOf(v, status(1, 2))).toBe("序时推进");
  });

  it("keeps the master's value where the unit left the cell as sent, and records a conflict where both changed differently", () => {
    const f = fileOf(master, "区发展改革委", [
      [status(1), "滞后"],
      [progress(1), "进展甲"],
    ]);
    // after the split the office typed its own values into the master
    const edited: Ledger = {
      ...master,
      entries: [...master.entries, { taskId: 1, quarter: Q, status: "已完成", progress: "", problems: "", nextSteps: "督查办补录" }],
    };
    const out = merge(state(edited), [f], { now: NOW });
    const v = ledgerValues(out.ledger);
    expect(valueOf(v, status(1))).toBe("已完成"); // ours kept
    expect(valueOf(v, progress(1))).toBe("进展甲"); // ours = base → theirs
    expect(valueOf(v, { kind: "entry", taskId: 1, quarter: Q, field: "nextSteps" })).toBe("督查办补录"); // theirs = base → ours
    expect(out.conflicts).toHaveLength(1);
    expect(out.conflicts[0]).toMatchObject({ key: key(status(1)), old: "已完成", new: "滞后", unit: "区发展改革委" });
    expect(out.conflicts[0]!.cell).toMatch(/^任务!C\d+$/);
  });

  it("both changed to the same value is fine", () => {
    const f = fileOf(master, "区发展改革委", [[status(1), "已完成"]]);
    const edited: Ledger = { ...master, entries: [...master.entries, { taskId: 1, quarter: Q, status: "已完成", progress: "", problems: "", nextSteps: "" }] };
    const out = merge(state(edited), [f], { now: NOW });
    expect(out.conflicts).toEqual([]);
    expect(valueOf(ledgerValues(out.ledger), status(1))).toBe("已完成");
  });

  it("does not apply locked cells a unit edited, values outside its inputs, or the reader's problems; lists each", () => {
    const f = fileOf(master, "区发展改革委", [
      [status(1, 1), "已完成"], // an earlier quarter: locked
      [status(2), "已完成"], // task 2 is not its task: outside its file's inputs
    ]);
    if (!f.read.ok) throw new Error("unreachable");
    f.read.problems = [
      { sheet: "任务", cell: "A9", row: 8, col: 0, code: "plan-row-unknown", message: "第 9 行序号“99”不在方案中", severity: "error" },
      { sheet: "指标", cell: "C4", row: 3, col: 2, code: "actual-implausible", message: "可能填错", severity: "error" },
    ];
    const out = merge(state(master), [f], { now: NOW });
    const v = ledgerValues(out.ledger);
    expect(valueOf(v, status(1, 1))).toBe("序时推进");
    expect(valueOf(v, status(2))).toBe(null);
    expect(out.notApplied.map((r) => [r.item, r.new])).toEqual([
      ["任务 1 一季度状态", "已完成"],
      ["任务 2 三季度状态", "已完成"],
      ["", null],
    ]);
    expect(out.notApplied[2]!.cell).toBe("任务!A9");
    expect(out.notApplied[2]!.note).toContain("99");
  });

  it("refuses a file of another plan, another quarter or an unreadable one with one line naming it; the others still merge", () => {
    const other: Plan = { ...master.plan, tasks: master.plan.tasks.map((t) => ({ ...t, text: `另一个方案的第${t.id}项完全不同的工作内容` })) };
    const otherLedger: Ledger = { ...master, plan: other };
    const fOther = fileOf(otherLedger, "区发展改革委", [[status(1), "已完成"]], "other.xlsx");
    const fQuarter = returnedFile(master, splitIdentity(master, "区经济信息委", 2), new Map([[key(status(3, 2)), "已完成"]]), "q2.xlsx");
    const fBroken: ReturnedFile = { fileName: "broken.xlsx", sha256: "ab".repeat(32), read: { ok: false, reason: "unreadable", message: "文件已损坏" } };
    const fGood = fileOf(master, "区人力社保局", [[status(2), "序时推进"]]);
    const out = merge(state(master), [fOther, fQuarter, fBroken, fGood], { now: NOW });
    expect(out.refusals.map((r) => [r.fileName, r.reason])).toEqual([
      ["other.xlsx", "other-plan"],
      ["q2.xlsx", "other-quarter"],
      ["broken.xlsx", "unreadable"],
    ]);
    for (const r of out.refusals) expect(r.message.startsWith(`${r.fileName}：`)).toBe(true);
    expect(out.refusals[1]!.message).toContain("第 2 季度");
    const v = ledgerValues(out.ledger);
    expect(valueOf(v, status(2))).toBe("序时推进");
    expect(valueOf(v, status(1))).toBe(null);
    expect(valueOf(v, status(3, 2))).toBe(null);
    expect(out.changelog.filter((r) => r.how === "refused")).toHaveLength(3);
  });

  it("a corrected file from the same unit replaces its earlier one, also where it takes a value back", () => {
    const first = fileOf(master, "区发展改革委", [
      [status(1), "滞后"],
      [progress(1), "初稿"],
    ]);
    const second = fileOf(master, "区发展改革委", [[status(1), "序时推进"]], "2023-Q3-区发展改革委（更正）.xlsx");
    const once = merge(state(master), [first], { now: NOW });
    const out = merge(state(once.ledger, once.changelog), [second], { now: "2023-07-11T09:00:00.000Z" });
    expect(out.conflicts).toEqual([]);
    expect(out.replaced).toEqual([{ unit: "区发展改革委", fileName: second.fileName, earlier: [first.fileName] }]);
    const v = ledgerValues(out.ledger);
    expect(valueOf(v, status(1))).toBe("序时推进");
    expect(valueOf(v, progress(1))).toBe(""); // the correction left it as sent: the first file's text is taken back
    // the first file's values are still in 变更记录
    expect(out.changelog.some((r) => r.sha256 === first.sha256 && r.new === "初稿")).toBe(true);
  });
});

describe("merge: tasks several units report", () => {
  const seed = parsePlan(readFileSync(new URL("../seeds/liangping-2023.txt", import.meta.url), "utf8")).plan!;
  const master: Ledger = { ...smallLedger(), plan: seed, entries: [], actuals: [] };
  const t100 = seed.tasks.find((t) => t.id === 100)!;

  it("task 100 has ten leads: least advanced status, texts with 【单位】 in plan order, every unit's report kept", () => {
    expect(t100.lead).toHaveLength(10);
    const [a, b, c] = t100.lead as [string, string, string];
    const files = [
      fileOf(master, c, [
        [status(100), "已完成"],
        [progress(100), "丙的进展"],
      ]),
      fileOf(master, a, [
        [status(100), "序时推进"],
        [progress(100), "甲的进展"],
      ]),
      fileOf(master, b, [[status(100), "滞后"]]),
    ];
    const out = merge(state(master), files, { now: NOW });
    const v = ledgerValues(out.ledger);
    expect(valueOf(v, status(100))).toBe("滞后");
    expect(valueOf(v, progress(100))).toBe(`【${a}】甲的进展\n【${c}】丙的进展`);
    const reports = out.changelog.filter((r) => r.how === "unitReport" && r.key === key(status(100)));
    expect(reports.map((r) => [r.unit, r.new])).toEqual([
      [c, "已完成"],
      [a, "序时推进"],
      [b, "滞后"],
    ]);
    // re-merge recomputes from the kept reports: b corrects to 已完成 → 序时推进 (a's)
    const fix = fileOf(master, b, [[status(100), "已完成"]], "b-更正.xlsx");
    const again = merge(state(out.ledger, out.changelog), [fix], { now: NOW });
    expect(valueOf(ledgerValues(again.ledger), status(100))).toBe("序时推进");
    expect(again.conflicts).toEqual([]);
  });

  it("a unit that edits the combined text keeps only its own part", () => {
    const [a, b] = t100.lead as [string, string];
    const m1 = merge(state(master), [fileOf(master, a, [[progress(100), "甲一"]]), fileOf(master, b, [[progress(100), "乙一"]])], { now: NOW });
    // a unit split after that merge sees the combined text and edits its own part only
    const fa = returnedFile(m1.ledger, splitIdentity(m1.ledger, a, Q), new Map([[key(progress(100)), `【${a}】甲二\n【${b}】乙一`]]), "a2.xlsx");
    const m2 = merge(state(m1.ledger, m1.changelog), [fa], { now: NOW });
    expect(valueOf(ledgerValues(m2.ledger), progress(100))).toBe(`【${a}】甲二\n【${b}】乙一`);
  });

  it("targets: equal actuals from several units are fine, different ones a conflict", () => {
    const multi = seed.tasks.find((t) => reportingUnits(t).length > 1 && t.targets.length > 0)!;
    const g = multi.targets[0]!.id;
    const [a, b, c] = reportingUnits(multi) as [string, string, string?];
    const same = merge(state(master), [fileOf(master, a, [[actual(g), 12]]), fileOf(master, b, [[actual(g), 12]])], { now: NOW });
    expect(same.conflicts).toEqual([]);
    expect(valueOf(ledgerValues(same.ledger), actual(g))).toBe(12);
    const differ = merge(state(master), [fileOf(master, a, [[actual(g), 12]]), fileOf(master, b, [[actual(g), 13]])], { now: NOW });
    expect(differ.conflicts).toHaveLength(1);
    expect(differ.conflicts[0]).toMatchObject({ unit: b, key: key(actual(g)), old: 12, new: 13 });
    expect(differ.conflicts[0]!.note).toContain(`${a} 12`);
    expect(valueOf(ledgerValues(differ.ledger), actual(g))).toBe(12);
    void c;
  });

  it("a task without lead is reported by every responsible unit, combined the same way", () => {
    const plan: Plan = { ...master.plan, tasks: master.plan.tasks.map((t) => (t.id === 1 ? { ...t, lead: [] } : t)) };
    const m: Ledger = { ...master, plan };
    const who = reportingUnits(plan.tasks.find((t) => t.id === 1)!);
    expect(who.length).toBeGreaterThan(1);
    const out = merge(state(m), [fileOf(m, who[1]!, [[status(1), "未启动"]]), fileOf(m, who[0]!, [[status(1), "已完成"]])], { now: NOW });
    expect(valueOf(ledgerValues(out.ledger), status(1))).toBe("未启动");
  });
});

describe("merge: properties on the seed", () => {
  const seed = parsePlan(readFileSync(new URL("../seeds/liangping-2023.txt", import.meta.url), "utf8")).plan!;
  const master: Ledger = { ...smallLedger(), plan: seed, entries: [], actuals: [] };
  const units = unitsWithFiles(master);
  const reporters = new Map(seed.tasks.map((t) => [t.id, reportingUnits(t)]));
  const taskOf = (k: InputKey) => (k.kind === "entry" ? k.taskId : Number(k.targetId.split(".")[0]));

  /** A random fill of every unit's editable inputs; actuals of shared targets agree (a conflict would keep one). */
  const fills = fc.array(fc.integer({ min: 0, max: 2 ** 30 }), { minLength: units.length, maxLength: units.length }).map((seeds) =>
    units.map((unit, i) => {
      let s = seeds[i]!;
      const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 1000;
      const id = splitIdentity(master, unit, Q);
      const fill = new Map<string, InputValue>();
      for (const b of id.base) {
        if (!b.editable || next() < 500) continue;
        const k = b.key;
        const shared = (reporters.get(taskOf(k)) ?? []).length > 1;
        if (k.kind === "actual") fill.set(key(k), shared ? (k.targetId.length * 7) % 50 : next());
        else if (k.kind === "confirmed") fill.set(key(k), next() % 2 === 0);
        else if (k.field === "status") fill.set(key(k), STATUS_WORDS[next() % 4]!);
        else fill.set(key(k), `${unit}写${next()}`);
      }
      return { unit, fill, file: returnedFile(master, id, fill) };
    }),
  );

  /** Filling the master directly: each unit's values, combined where several units report. */
  function direct(all: { unit: string; fill: Map<string, InputValue> }[]): Map<string, InputValue> {
    const byKey = new Map<string, { k: InputKey; reports: Map<string, InputValue> }>();
    for (const { unit, fill } of all) {
      for (const b of splitIdentity(master, unit, Q).base) {
        if (!b.editable || !fill.has(key(b.key))) continue;
        const e = byKey.get(key(b.key)) ?? { k: b.key, reports: new Map() };
        e.reports.set(unit, fill.get(key(b.key))!);
        byKey.set(key(b.key), e);
      }
    }
    const out = new Map<string, InputValue>();
    for (const [id, { k, reports }] of byKey) {
      const who = reporters.get(taskOf(k))!;
      const v = who.length > 1 ? combine(k, who, reports) : { ok: true as const, value: [...reports.values()][0]! };
      if (!v.ok) throw new Error("unexpected conflict");
      if (!sameValue(v.value, null)) out.set(id, v.value);
    }
    return out;
  }
  const clean = (m: Map<string, InputValue>) => new Map([...m].filter(([, v]) => !sameValue(v, null)));

  it("random fills merged in random orders give the master filled directly; merging again is a no-op; nothing is lost", () => {
    fc.assert(
      fc.property(
        fills,
        fc.infiniteStream(fc.integer()).map((s) => s),
        (all, stream) => {
          const files = all.map((x) => x.file);
          const order = files.map((f) => [stream.next().value as number, f] as const).sort((a, b) => a[0] - b[0]);
          const out = merge(
            state(master),
            order.map(([, f]) => f),
            { now: NOW },
          );
          expect(out.conflicts).toEqual([]);
          const got = clean(ledgerValues(out.ledger));
          expect(got).toEqual(direct(all));
          // in several merges, reversed
          let s = state(master);
          for (const f of [...files].reverse()) {
            const o = merge(s, [f], { now: NOW });
            s = state(o.ledger, o.changelog);
          }
          expect(clean(ledgerValues(s.ledger))).toEqual(got);
          // twice: nothing changes
          const twice = merge(state(out.ledger, out.changelog), files, { now: NOW });
          expect(twice.changes).toEqual([]);
          expect(twice.alreadyMerged).toHaveLength(files.length);
          expect(twice.ledger).toEqual(out.ledger);
          // every value a unit changed is in the master or in 变更记录
          const logged = new Set(out.changelog.map((r) => `${r.unit}|${r.key}|${JSON.stringify(r.new)}`));
          for (const { unit, fill } of all) {
            const base = new Map(splitIdentity(master, unit, Q).base.map((b) => [key(b.key), b.value]));
            for (const [id, v] of fill) {
              const inMaster = sameValue(got.get(id) ?? null, v);
              const inLog = logged.has(`${unit}|${id}|${JSON.stringify(v)}`);
              expect(inMaster || inLog || sameValue(base.get(id)!, v)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 6 },
    );
  });
});
