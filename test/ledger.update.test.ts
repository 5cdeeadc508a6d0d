import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Ledger, Quarter, Status, TaskEntry } from "../shared/ledger/schema";
import { Ledger as LedgerSchema } from "../shared/ledger/schema";
import type { Plan, Task } from "../shared/plan/schema";
import { updateFromGrid } from "../shared/workbook/update";
import { describeChanges, mergeLedger } from "../shared/workbook/update.merge";
import { matchTasks, textSimilarity } from "../shared/workbook/update.match";
import { smallLedger, smallPlan } from "./fixtures/ledger/plans";

function renumber(tasks: Task[]): Task[] {
  return tasks.map((t, i) => ({ ...t, id: i + 1, targets: t.targets.map((g, j) => ({ ...g, id: `${i + 1}.${j + 1}` })) }));
}

describe("textSimilarity", () => {
  it("is 1 for texts that differ only in spacing and punctuation, low for unrelated texts", () => {
    expect(textSimilarity("新建5G基站200个。", "新建 5G 基站200个")).toBe(1);
    expect(textSimilarity("新建5G基站200个，新增规上工业企业30家。", "新建5G基站300个，新增规上工业企业30家。")).toBeGreaterThan(0.85);
    expect(textSimilarity("新建5G基站200个", "深化农村人居环境整治")).toBeLessThan(0.2);
  });
});

describe("mergeLedger", () => {
  it("keeps everything when the plan is unchanged", () => {
    const old = smallLedger();
    const { ledger, archived, changes } = mergeLedger(old, smallPlan());
    expect(ledger.entries).toEqual(old.entries);
    expect(ledger.actuals).toEqual(old.actuals);
    expect(archived).toEqual([]);
    expect(changes).toMatchObject({ added: [], removed: [], renumbered: [], edited: [], reassigned: [], movedEntries: 0, archivedEntries: 0 });
    expect(() => LedgerSchema.parse(ledger)).not.toThrow();
  });

  it("moves entries with a task renumbered by an insertion, and reports the new task", () => {
    const plan = smallPlan();
    const inserted: Task = { ...plan.tasks[2]!, id: 99, text: "加快建设成渝地区双城经济圈，推动川渝毗邻地区合作。", targets: [] };
    const tasks = renumber([plan.tasks[0]!, plan.tasks[1]!, inserted, ...plan.tasks.slice(2)]);
    const { ledger, changes, archived } = mergeLedger(smallLedger(), { ...plan, tasks });
    expect(changes.added).toEqual([{ id: 3, text: inserted.text }]);
    expect(changes.renumbered.map((r) => [r.from, r.to])).toEqual([
      [3, 4],
      [4, 5],
      [5, 6],
      [6, 7],
    ]);
    expect(archived).toEqual([]);
    // 基站 entry (old task 3) is now under task 4, with its actuals under 4.1 / 4.2
    expect(ledger.entries.find((e) => e.taskId === 4 && e.quarter === 1)).toMatchObject({ status: "滞后", problems: "选址困难" });
    expect(ledger.actuals).toContainEqual({ targetId: "4.1", quarter: 1, value: 30 });
    expect(ledger.actuals).toContainEqual({ targetId: "4.2", quarter: 2, value: 12 });
    expect(ledger.entries.some((e) => e.taskId === 3)).toBe(false);
    expect(changes.movedEntries).toBe(4);
    expect(describeChanges(changes)).toContain("新增任务 1 项");
  });

  it("reports tasks whose units changed, and keeps their entries", () => {
    const plan = smallPlan();
    plan.tasks[0] = { ...plan.tasks[0]!, lead: ["区统计局"], responsible: ["区发展改革委"] };
    const { ledger, changes } = mergeLedger(smallLedger(), plan);
    expect(changes.reassigned).toEqual([
      { from: 1, to: 1, lead: [["区发展改革委"], ["区统计局"]], responsible: [["区经济信息委", "区统计局"], ["区发展改革委"]] },
    ]);
    expect(describeChanges(changes)).toContain("~ 单位调整 1: 牵头单位 区发展改革委 → 区统计局；责任单位 区经济信息委、区统计局 → 区发展改革委");
    expect(ledger.entries.filter((e) => e.taskId === 1)).toHaveLength(2);
  });

  it("keeps entries of a task whose text was edited under the same number", () => {
    const plan = smallPlan();
    plan.tasks[4] = { ...plan.tasks[4]!, text: "实施城市更新行动，改造老旧小区1500户。" };
    const { ledger, changes } = mergeLedger(smallLedger(), plan);
    expect(changes.edited).toHaveLength(1);
    expect(changes.edited[0]).toMatchObject({ from: 5, to: 5 });
    expect(ledger.entries.find((e) => e.taskId === 5)).toMatchObject({ status: "已完成" });
    expect(ledger.actuals).toContainEqual({ targetId: "5.1", quarter: 2, value: 1250 });
  });

  it("archives entries and actuals of a removed task and of a removed target", () => {
    const plan = smallPlan();
    const t3 = plan.tasks[2]!;
    plan.tasks = renumber([plan.tasks[0]!, { ...t3, targets: [t3.targets[0]!] }, ...plan.tasks.slice(3)]);
    const { ledger, archived, changes } = mergeLedger(smallLedger(), plan);
    expect(changes.removed.map((r) => r.id)).toEqual([2]);
    expect(changes.removed[0]).toMatchObject({ entries: 0, actuals: 1 });
    expect(changes.targets.removed).toEqual([{ taskId: 3, targetId: "3.2", name: "新增规上工业企业", actuals: 1 }]);
    expect(archived.map((a) => [a.kind, a.taskId, a.targetId, a.value])).toEqual([
      ["actual", 2, "2.1", 5.2],
      ["actual", 3, "3.2", 12],
    ]);
    expect(archived[0]).toMatchObject({ taskText: "城镇调查失业率控制在5.5%以内。", targetName: "城镇调查失业率", targetUnit: "%" });
    expect(ledger.entries).toHaveLength(smallLedger().entries.length);
  });

  it("does not give a replaced task's entries to an unrelated task with the same number", () => {
    const plan = smallPlan();
    plan.tasks[5] = { ...plan.tasks[5]!, text: "加强金融风险防控，守住不发生系统性风险底线。" };
    const { ledger, archived, changes } = mergeLedger(smallLedger(), plan);
    expect(changes.removed.map((r) => r.id)).toEqual([6]);
    expect(changes.added.map((r) => r.id)).toEqual([6]);
    expect(ledger.entries.some((e) => e.taskId === 6)).toBe(false);
    expect(archived).toEqual([expect.objectContaining({ kind: "entry", taskId: 6, progress: "正在摸底" })]);
  });

  it("prefers the same number when two tasks have the same text", () => {
    const a: Task = { id: 1, section: "二", subsection: null, text: "抓好安全生产。", lead: ["甲"], responsible: [], leaders: [], targets: [] };
    const b: Task = { ...a, id: 2, lead: ["乙"] };
    expect([...matchTasks([a, b], [a, b])]).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });
});

// --- property: a revised plan (tasks edited, inserted, removed, renumbered) loses no entry -------------

const HANZI =
  "发展建设推进实施加快完善提升改革创新产业项目城市乡村农业工业服务生态环境教育医疗文化旅游交通水利能源科技人才金融开放安全民生就业住房养老社区治理数字经济".split(
    "",
  );
const hanziText = (min: number, max: number) => fc.array(fc.constantFrom(...HANZI), { minLength: min, maxLength: max }).map((cs) => cs.join(""));

interface Revision {
  keep: boolean;
  edit: number; // how many characters to change (0 = unchanged)
}

const scenario = fc
  .record({
    texts: fc.uniqueArray(hanziText(24, 40), { minLength: 3, maxLength: 14, selector: (s) => s.slice(0, 8) }),
    revisions: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 14, maxLength: 14 }),
    keepMask: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }),
    inserts: fc.array(fc.tuple(fc.integer({ min: 0, max: 14 }), hanziText(24, 40)), { maxLength: 4 }),
    fills: fc.array(
      fc.record({
        task: fc.nat(),
        quarter: fc.constantFrom<Quarter>(1, 2, 3, 4),
        status: fc.constantFrom<Status | null>("已完成", "序时推进", "滞后", "未启动", null),
        progress: hanziText(0, 8),
      }),
      { maxLength: 30 },
    ),
  })
  .map(({ texts, revisions, keepMask, inserts, fills }) => ({
    texts,
    revisions: revisions.map((edit, i): Revision => ({ keep: keepMask[i]! >= 2, edit })),
    inserts,
    fills,
  }));

function planOf(texts: string[]): Plan {
  const p = smallPlan();
  return {
    ...p,
    tasks: texts.map((text, i) => ({
      id: i + 1,
      section: "二",
      subsection: null,
      text,
      lead: ["区发展改革委"],
      responsible: [],
      leaders: [],
      targets: [
        { id: `${i + 1}.1`, name: text.slice(0, 6), value: 10, unit: "个", comparator: ">=" as const, kind: "cumulative" as const, text: text.slice(0, 6) },
      ],
    })),
  };
}

function editText(s: string, n: number, salt: number): string {
  const cs = s.split("");
  for (let k = 0; k < n; k++) {
    const at = (salt * 7 + k * 13) % cs.length;
    cs[at] = cs[at] === "新" ? "旧" : "新";
  }
  return cs.join("");
}

describe("mergeLedger property", () => {
  it("loses no entry and no actual: each follows its task or lands in the archive", () => {
    fc.assert(
      fc.property(scenario, ({ texts, revisions, inserts, fills }) => {
        const oldPlan = planOf(texts);
        const entries = new Map<string, TaskEntry>();
        for (const f of fills) {
          const taskId = (f.task % texts.length) + 1;
          entries.set(`${taskId}/${f.quarter}`, { taskId, quarter: f.quarter, status: f.status, progress: f.progress, problems: "", nextSteps: "" });
        }
        const oldEntries = [...entries.values()].filter((e) => e.status !== null || e.progress !== "");
        const old: Ledger = {
          plan: oldPlan,
          settings: smallLedger().settings,
          demo: false,
          entries: oldEntries,
          actuals: oldEntries.map((e) => ({ targetId: `${e.taskId}.1`, quarter: e.quarter, value: e.taskId * 10 + e.quarter })),
        };
        // the revision: identity = old index (or "new")
        const revised: { text: string; origin: number | null }[] = [];
        texts.forEach((t, i) => {
          const r = revisions[i]!;
          if (r.keep) revised.push({ text: editText(t, r.edit, i), origin: i + 1 });
        });
        for (const [at, text] of inserts) revised.splice(Math.min(at, revised.length), 0, { text, origin: null });
        const newPlan = planOf(revised.map((r) => r.text));
        const { ledger, archived, changes } = mergeLedger(old, newPlan);

        LedgerSchema.parse(ledger);
        // nothing lost
        expect(ledger.entries.length + archived.filter((a) => a.kind === "entry").length).toBe(oldEntries.length);
        expect(ledger.actuals.length + archived.filter((a) => a.kind === "actual").length).toBe(old.actuals.length);
        // each kept task's entries are under its new number, unchanged
        const newIdOf = new Map<number, number>();
        revised.forEach((r, i) => r.origin !== null && newIdOf.set(r.origin, i + 1));
        for (const e of oldEntries) {
          const nid = newIdOf.get(e.taskId);
          if (nid !== undefined) {
            expect(ledger.entries).toContainEqual({ ...e, taskId: nid });
            expect(ledger.actuals).toContainEqual({ targetId: `${nid}.1`, quarter: e.quarter, value: e.taskId * 10 + e.quarter });
          } else {
            expect(archived).toContainEqual(
              expect.objectContaining({ kind: "entry", taskId: e.taskId, quarter: e.quarter, progress: e.progress, status: e.status }),
            );
          }
        }
        expect(changes.archivedEntries + ledger.entries.length).toBe(oldEntries.length);
      }),
      { numRuns: 150, seed: 20230301 },
    );
  });
});

describe("mergeLedger on the seed plan", () => {
  it("keeps every entry through a realistic revision (one task dropped, one inserted, one reworded)", async () => {
    const { readFileSync } = await import("node:fs");
    const { parsePlan } = await import("../shared/plan/parse");
    const seed = parsePlan(readFileSync(new URL("../seeds/liangping-2023.txt", import.meta.url), "utf8")).plan!;
    const entries: TaskEntry[] = seed.tasks.map((t) => ({
      taskId: t.id,
      quarter: 1,
      status: "序时推进",
      progress: `任务${t.id}进展`,
      problems: "",
      nextSteps: "",
    }));
    const old: Ledger = {
      plan: seed,
      settings: smallLedger().settings,
      demo: false,
      entries,
      actuals: seed.tasks.flatMap((t) => t.targets.map((g) => ({ targetId: g.id, quarter: 1 as const, value: 1 }))),
    };
    const t50 = seed.tasks[49]!;
    const revisedTasks = seed.tasks.filter((t) => t.id !== 50).map((t) => (t.id === 30 ? { ...t, text: t.text.replace(/。$/, "，确保按期完成。") } : t));
    revisedTasks.splice(9, 0, { ...seed.tasks[9]!, text: "新增：全力争取地方政府专项债券额度，加快项目前期工作。", targets: [] });
    const revised = { ...seed, tasks: renumber(revisedTasks) };
    const { ledger, archived, changes } = mergeLedger(old, revised);
    expect(changes.added.map((t) => t.id)).toEqual([10]);
    expect(changes.removed.map((t) => t.id)).toEqual([50]);
    expect(changes.edited.map((t) => [t.from, t.to])).toEqual([[30, 31]]);
    expect(archived.filter((a) => a.kind === "entry").map((a) => a.progress)).toEqual(["任务50进展"]);
    expect(ledger.entries).toHaveLength(116);
    for (const e of ledger.entries) {
      const oldId = Number(e.progress.match(/\d+/)![0]);
      expect(ledger.plan.tasks.find((t) => t.id === e.taskId)!.text.slice(0, 8)).toBe(seed.tasks[oldId - 1]!.text.slice(0, 8));
    }
    expect(ledger.actuals.length + archived.filter((a) => a.kind === "actual").length).toBe(old.actuals.length);
  });
});

describe("updateFromGrid (the add-in's update in Excel)", () => {
  it("returns the layout of the updated workbook with the 归档 rows", async () => {
    const { ledgerToGrid } = await import("./fixtures/ledger/grid");
    const plan = smallPlan();
    plan.tasks = renumber(plan.tasks.filter((t) => t.id !== 3));
    const r = updateFromGrid(ledgerToGrid(smallLedger()), plan);
    if (!r.ok) throw new Error(r.reason);
    const archive = r.layout.sheets.find((s) => s.key === "archive")!;
    expect(archive.data).toEqual({ headerRow: 2, firstRow: 3, lastRow: 5 });
    expect(archive.rows.slice(2).map((row) => row.cells.map((c) => c?.value ?? null))).toEqual([
      [3, "新建5G基站200个，新增规上工业企业30家。", "一季度", "滞后", "建成基站30个", "选址困难", "协调铁塔公司", null, null, null, "任务已从方案中删除"],
      [3, "新建5G基站200个，新增规上工业企业30家。", "一季度", null, null, null, null, "3.1", "新建5G基站", 30, "任务已从方案中删除"],
      [3, "新建5G基站200个，新增规上工业企业30家。", "二季度", null, null, null, null, "3.2", "新增规上工业企业", 12, "任务已从方案中删除"],
    ]);
    const tasks = r.layout.sheets.find((s) => s.key === "tasks")!;
    expect(tasks.rows.length).toBe(2 + 5);
    expect(r.changes.renumbered.map((c) => [c.from, c.to])).toEqual([
      [4, 3],
      [5, 4],
      [6, 5],
    ]);
  });
  it("refuses when cells would be lost, and reports a non-ledger as data", async () => {
    const { ledgerToGrid, setCell } = await import("./fixtures/ledger/grid");
    const grid = ledgerToGrid(smallLedger());
    setCell(grid, "任务", "G4", "完成了");
    expect(updateFromGrid(grid, smallPlan())).toMatchObject({ ok: false, reason: "lossy", problems: [{ cell: "G4", code: "status-unknown" }] });
    expect(updateFromGrid(grid, smallPlan(), { force: true }).ok).toBe(true);
    expect(updateFromGrid({ sheets: [] }, smallPlan())).toMatchObject({ ok: false, reason: "not-a-ledger", error: { code: "missing-sheet" } });
  });
});
