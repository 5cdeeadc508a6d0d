/**
 * What a split of every unit leaves out (shared/collect/scope.ts splitGaps): tasks only collectives
 * report are in nobody's file, and collectives get none. `split` and the pane's 分发 say both.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import type { Plan } from "../shared/plan/schema";
import { collectivesNote, splitGaps, unfiledNote, unitScope, unitsToSplit } from "../shared/collect/scope";

const seed = parsePlan(readFileSync(join(import.meta.dirname, "../seeds/liangping-2023.txt"), "utf8")).plan!;

/** Seed tasks 1..4 given the units named here, and the plan's unit list to match. */
function planWith(units: Plan["units"], tasks: { lead: string[]; responsible: string[] }[]): Plan {
  return { ...seed, tasks: tasks.map((t, i) => ({ ...seed.tasks[i]!, id: i + 1, ...t })), units };
}

describe("splitGaps", () => {
  const plan = planWith(
    [
      { name: "各乡镇（街道）", kind: "collective" },
      { name: "区财政局", kind: "department" },
      { name: "有关单位", kind: "collective" },
      { name: "区政府各部门", kind: "collective" },
      { name: "区审计局", kind: "department" },
    ],
    [
      // led only by a collective: a named unit shares it, but nobody reports it
      { lead: ["各乡镇（街道）"], responsible: ["区财政局"] },
      { lead: ["区财政局"], responsible: ["有关单位"] },
      // no lead: the responsible units report it, all collectives
      { lead: [], responsible: ["有关单位", "各乡镇（街道）"] },
      { lead: ["区审计局", "有关单位"], responsible: [] },
    ],
  );

  it("names the tasks only collectives report, and the collectives on a task, in plan order", () => {
    const gaps = splitGaps(plan);
    expect(gaps).toEqual({ unfiled: [1, 3], collectives: ["各乡镇（街道）", "有关单位"] });
    // what the split writes agrees: no unit file reports an unfiled task; every other task is reported by one
    const reported = new Set(unitsToSplit(plan).flatMap((u) => [...unitScope(plan, u).reports]));
    expect(plan.tasks.filter((t) => !reported.has(t.id)).map((t) => t.id)).toEqual(gaps.unfiled);
  });

  it("says so in the words `split` prints, and nothing when nothing is left out", () => {
    const gaps = splitGaps(plan);
    expect(unfiledNote(gaps)).toMatch(/^提示：任务 1、3 只由统称填报，不在任何单位填报表中，请在总台账中直接填写/);
    expect(collectivesNote(gaps)).toBe("统称 2 个（各乡镇（街道）、有关单位）不单独分发（它们参与的任务由具名的牵头单位填报）");
    const none = splitGaps(planWith([{ name: "区财政局", kind: "department" }], [{ lead: ["区财政局"], responsible: [] }]));
    expect(none).toEqual({ unfiled: [], collectives: [] });
    expect(unfiledNote(none)).toBeNull();
    expect(collectivesNote(none)).toBeNull();
  });

  it("on the seed: the tasks the README lists as filled in the master", () => {
    expect(splitGaps(seed).unfiled).toEqual([107, 113, 114, 115, 117]);
  });
});
