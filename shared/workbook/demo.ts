/**
 * Simulated progress for demonstrations (--demo, `npm start`): statuses, Chinese narratives and
 * actuals for Q1..Q3, the same for the same plan and seed. Every workbook written from it is marked
 * 演示数据 on every sheet; a demo ledger has `demo: true`.
 */
import type { Plan, Target, Task } from "../plan/schema";
import type { Actual, Ledger, Quarter, Settings, Status, TaskEntry } from "../ledger/schema";
import { withDefaults } from "../scoring/settings";
import { quarterIndex } from "../vocabulary";

/** Small, fast, deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Status trajectories through Q1..Q3 (null = not reported), with their weights. */
const PROFILES: { weight: number; statuses: [Status | null, Status | null, Status | null] }[] = [
  { weight: 50, statuses: ["序时推进", "序时推进", "序时推进"] },
  { weight: 14, statuses: ["序时推进", "序时推进", "已完成"] },
  { weight: 8, statuses: ["序时推进", "已完成", "已完成"] },
  { weight: 8, statuses: ["序时推进", "滞后", "滞后"] },
  { weight: 6, statuses: ["序时推进", "序时推进", "滞后"] },
  { weight: 6, statuses: ["未启动", "序时推进", "序时推进"] },
  { weight: 4, statuses: ["滞后", "序时推进", "序时推进"] },
  { weight: 4, statuses: ["序时推进", "序时推进", null] },
  // Not reported since Q2, so the Q2 report (`npm start`) has units and tasks 未填报 to show.
  { weight: 3, statuses: ["序时推进", null, null] },
];

const PROGRESS = {
  early: ["已制定年度工作方案，明确责任分工和时间节点。", "正在开展前期调研，梳理项目清单。", "已召开专题部署会，细化任务清单。"],
  onPace: [
    "{topic}有序推进，召开专题推进会{n}次，完成阶段目标。",
    "按照年度方案推进{topic}，累计完成年度任务的{p}%。",
    "{topic}按序时推进，已建立工作台账，实行周调度。",
  ],
  done: ["{topic}已全面完成，相关资料已归档备查。", "已完成年度目标任务，{topic}成效明显。"],
  lagging: ["{topic}推进慢于序时进度，目前完成年度任务的{p}%。", "{topic}部分项目尚未开工，整体进度滞后。"],
};
const PROBLEMS = [
  "受资金拨付进度影响，项目推进慢于预期。",
  "用地、环评等前置手续尚未办结。",
  "市场主体投资意愿偏弱，项目落地不及预期。",
  "涉及部门较多，协调联动不够顺畅。",
];
const NEXT_STEPS = [
  "加强调度，倒排工期，确保按期完成。",
  "积极争取上级资金支持，加快项目建设。",
  "加大协调力度，推动前置手续尽快办结。",
  "持续跟踪问效，每月通报进展。",
];

function topic(task: Task): string {
  const first = task.text.split(/[，。；：,;]/)[0] ?? task.text;
  return first.length > 18 ? first.slice(0, 18) : first;
}

function fill(template: string, task: Task, rng: Rng): string {
  return template
    .replace("{topic}", topic(task))
    .replace("{n}", String(1 + Math.floor(rng() * 4)))
    .replace("{p}", String(20 + Math.floor(rng() * 60)));
}

/** Units of things counted one by one (家, 个, 座 …): a cumulative count is a whole number. */
const COUNTED = /^(?:[个家户座台人条所项次名场处套辆件间张栋支位批例]|人次)$/;

function round(value: number, target: Target): number {
  const counted = target.kind === "cumulative" && COUNTED.test(target.unit);
  const digits = counted ? 0 : target.unit === "%" || Math.abs(target.value) < 100 ? (Math.abs(target.value) < 10 ? 2 : 1) : 0;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function actualFor(target: Target, q: Quarter, lagging: boolean, settings: Settings, rng: Rng): number {
  const expected = target.kind === "cumulative" ? target.value * settings.pace[quarterIndex(q)] : target.value;
  const lower = target.comparator === "<=" || target.comparator === "<";
  // Behind means below the expected value for "at least" targets and above it for caps.
  const factor = lagging ? (lower ? 1.1 + rng() * 0.2 : 0.7 + rng() * 0.15) : lower ? 0.85 + rng() * 0.15 : 0.95 + rng() * 0.2;
  const v = round(expected * factor, target);
  return target.kind === "cumulative" ? Math.max(0, v) : v;
}

export interface DemoFill {
  settings: Settings;
  entries: TaskEntry[];
  actuals: Actual[];
}

/** Simulated progress for Q1..`through` (default 3); the settings' quarter is `through`. */
export function demoFill(plan: Plan, seed = 2023, through: Quarter = 3): DemoFill {
  const rng = prng(seed);
  const settings = withDefaults({ quarter: through });
  const total = PROFILES.reduce((n, p) => n + p.weight, 0);
  const entries: TaskEntry[] = [];
  const actuals: Actual[] = [];
  for (const task of plan.tasks) {
    let r = rng() * total;
    const profile = PROFILES.find((p) => (r -= p.weight) < 0) ?? PROFILES[0]!;
    for (let q = 1 as Quarter; q <= through; q = (q + 1) as Quarter) {
      const status = q <= 3 ? profile.statuses[q - 1]! : profile.statuses[2]!;
      if (status === null) continue;
      const kind = status === "已完成" ? "done" : status === "滞后" ? "lagging" : status === "未启动" ? "early" : q === 1 && rng() < 0.3 ? "early" : "onPace";
      const lagging = status === "滞后";
      entries.push({
        taskId: task.id,
        quarter: q,
        status,
        progress: fill(pick(rng, PROGRESS[kind]), task, rng),
        // A lagging task mostly explains why; some do not, so the 预警 shows.
        problems: lagging && rng() < 0.8 ? pick(rng, PROBLEMS) : "",
        nextSteps: status === "已完成" ? "" : pick(rng, NEXT_STEPS),
      });
      if (status === "未启动") continue;
      for (const target of task.targets) actuals.push({ targetId: target.id, quarter: q, value: actualFor(target, q, lagging, settings, rng) });
    }
  }
  return { settings, entries, actuals };
}

export function demoLedger(plan: Plan, seed = 2023, through: Quarter = 3): Ledger {
  const { settings, entries, actuals } = demoFill(plan, seed, through);
  return { plan, settings, entries, actuals, demo: true };
}
