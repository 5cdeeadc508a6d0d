/** fast-check arbitraries for plans, settings and fills (shared by workbook tests). */
import fc from "fast-check";
import type { Comparator, Plan, Target, Task, Unit } from "../../shared/plan/schema";
import type { Actual, Quarter, Settings, Status, TaskEntry } from "../../shared/ledger/schema";
import { quarterIndex } from "../../shared/vocabulary";

const UNITS: Unit[] = [
  { name: "区发展改革委", kind: "department" },
  { name: "区经济信息委", kind: "department" },
  { name: "区财政局", kind: "department" },
  { name: "区财政局直属分局", kind: "department" }, // a name containing another one
  { name: "高新区管委会", kind: "committee" },
  { name: "区城投集团", kind: "enterprise" },
  { name: "梁山街道", kind: "township" },
  { name: "双桂街道", kind: "township" },
  { name: "各乡镇（街道）", kind: "collective" },
  { name: "有关单位", kind: "collective" },
];
const COMPARATORS: Comparator[] = [">=", "<=", ">", "<", "=", "~"];
const SECTIONS = ["一", "二", "三"];

const targetArb = fc.record({
  comparator: fc.constantFrom(...COMPARATORS),
  kind: fc.constantFrom("cumulative" as const, "rate" as const),
  // tenths, with zero and negatives (a falling rate)
  value: fc.oneof(
    fc.integer({ min: 1, max: 5000 }).map((n) => n / 10),
    fc.constantFrom(0, -2, 7, 100, 5.5),
  ),
  unit: fc.constantFrom("%", "个", "亿元", ""),
});

const taskArb = fc.record({
  section: fc.constantFrom(...SECTIONS),
  lead: fc.uniqueArray(fc.constantFrom(...UNITS.map((u) => u.name)), { minLength: 1, maxLength: 2 }),
  responsible: fc.uniqueArray(fc.constantFrom(...UNITS.map((u) => u.name)), { maxLength: 3 }),
  targets: fc.array(targetArb, { maxLength: 4 }),
});

export const planArb: fc.Arbitrary<Plan> = fc.array(taskArb, { minLength: 1, maxLength: 30 }).map((drafts) => {
  const tasks: Task[] = drafts.map((d, i) => {
    const id = i + 1;
    const targets: Target[] = d.targets.map((g, j) => ({
      id: `${id}.${j + 1}`,
      name: `指标${id}-${j + 1}`,
      value: g.value,
      unit: g.unit,
      comparator: g.comparator,
      kind: g.kind,
      text: `指标${id}-${j + 1}达到${g.value}${g.unit}`,
    }));
    return {
      id,
      section: d.section,
      subsection: null,
      text: `任务${id}：推进“重点工作”${id}项。`,
      lead: d.lead,
      responsible: d.responsible.filter((r) => !d.lead.includes(r)),
      leaders: [],
      targets,
    };
  });
  const used = new Set(tasks.flatMap((t) => [...t.lead, ...t.responsible]));
  return {
    meta: { title: "2023年区政府工作报告目标任务分解方案", year: 2023, issuer: null, documentNumber: null, date: null },
    sections: SECTIONS.map((id) => ({ id, title: `第${id}部分`, subsections: [] })),
    tasks,
    units: UNITS.filter((u) => used.has(u.name)),
  };
});

export const settingsArb: fc.Arbitrary<Settings> = fc.record({
  quarter: fc.constantFrom(1 as Quarter, 2 as Quarter, 3 as Quarter, 4 as Quarter),
  statusScores: fc.record({
    已完成: fc.integer({ min: 80, max: 100 }),
    序时推进: fc.integer({ min: 50, max: 100 }),
    滞后: fc.integer({ min: 0, max: 70 }),
    未启动: fc.integer({ min: 0, max: 20 }),
  }),
  leadWeight: fc.constantFrom(0, 0.5, 1, 2),
  responsibleWeight: fc.constantFrom(0, 0.25, 0.5, 1),
  pace: fc
    .tuple(fc.integer({ min: 5, max: 40 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }))
    .map(([a, b, c]) => [a / 100, (a + b) / 100, (a + b + c) / 100, 1] as [number, number, number, number]),
  tolerance: fc.constantFrom(0, 0.05, 0.1, 0.2),
});

const STATUS_OR_NULL: (Status | null)[] = ["已完成", "序时推进", "滞后", "未启动", null];
const QS: Quarter[] = [1, 2, 3, 4];

/**
 * A fill for a plan: entries and actuals near (and exactly on) the expected values, and implausible
 * ones (fractions, ×10⁴ / ×10⁸, huge), some of them on targets marked 已核实.
 */
export function fillArb(plan: Plan, settings: Settings): fc.Arbitrary<{ entries: TaskEntry[]; actuals: Actual[] }> {
  const entryArb = (taskId: number, quarter: Quarter) =>
    fc
      .record({
        status: fc.constantFrom(...STATUS_OR_NULL),
        progress: fc.constantFrom("", "已完成年度任务的60%。", "按计划推进，\n召开专题会议2次。"),
        problems: fc.constantFrom("", " ", "资金未到位。"),
        nextSteps: fc.constantFrom("", "加快推进。"),
      })
      .map((e): TaskEntry => ({ taskId, quarter, ...e }));
  const entries = fc
    .tuple(...plan.tasks.flatMap((t) => QS.map((q) => entryArb(t.id, q))))
    .map((es) => es.filter((e) => e.status !== null || e.progress || e.problems || e.nextSteps));
  const targets = plan.tasks.flatMap((t) => t.targets);
  const actualArb = (g: Target, quarter: Quarter, confirmed: boolean) => {
    const expected = g.kind === "cumulative" ? g.value * settings.pace[quarterIndex(quarter)] : g.value;
    return fc
      .oneof(
        fc.constant(null),
        fc.constantFrom(0, 0.85, 0.9, 0.95, 1, 1.05, 1.1, 1.5).map((f) => expected * f),
        fc.constantFrom(
          expected - settings.tolerance * Math.abs(expected),
          expected + settings.tolerance * Math.abs(expected),
          g.value,
          g.value - settings.tolerance * Math.abs(g.value),
          g.value * (1 - settings.tolerance),
        ),
        fc.integer({ min: -100, max: 10000 }).map((n) => n / 10),
        // what staff mistype: a share as a fraction, 元 / 万 for 亿元, beyond 100× or below 1/100 of the
        // target, exactly on those bounds, and absurd numbers (1E+308 only where nothing confirms it:
        // confirmed, its completion would overflow in any engine)
        fc.constantFrom(0.01, 1e-4, 1e8, 1e4, 100, -100, 1e6, 1 / 3).map((f) => expected * f),
        fc.constantFrom(100, -100, 0.01, 1 / 300, 0.03, 1e8).map((f) => g.value * f),
        fc.constantFrom(...(confirmed ? [18_400_000_000, 1e12] : [18_400_000_000, 1e12, 1e308, -1e308])),
      )
      .map((value): Actual => (confirmed ? { targetId: g.id, quarter, value, confirmed } : { targetId: g.id, quarter, value }));
  };
  // A quarter of the targets are confirmed (核实 = 已核实): their actuals count as typed.
  const targetActuals = (g: Target) =>
    fc
      .boolean()
      .chain((c) => fc.boolean().map((d) => c && d))
      .chain((confirmed) => fc.tuple(...QS.map((q) => actualArb(g, q, confirmed))));
  const actuals =
    targets.length === 0 ? fc.constant([] as Actual[]) : fc.tuple(...targets.map(targetActuals)).map((as) => as.flat().filter((a) => a.value !== null));
  return fc.record({ entries, actuals });
}
