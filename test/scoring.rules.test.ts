import { describe, expect, it } from "vitest";
import { defaultSettings, scoreLedger, targetCompletion, targetState } from "../shared/scoring/index";
import type { Ledger } from "../shared/ledger/schema";
import { smallPlan } from "./helpers/small-plan";
import { layoutLocate } from "../shared/workbook/cells";

function ledger(over: Partial<Ledger> = {}): Ledger {
  return { plan: smallPlan(), settings: { ...defaultSettings, quarter: 2 }, entries: [], actuals: [], demo: false, ...over };
}
const entry = (taskId: number, quarter: 1 | 2 | 3 | 4, status: Ledger["entries"][number]["status"], problems = "") => ({
  taskId,
  quarter,
  status,
  progress: "",
  problems,
  nextSteps: "",
});

describe("target rules", () => {
  it("compares cumulative targets with the expected pace and rates directly", () => {
    const s = scoreLedger(
      ledger({
        actuals: [
          { targetId: "3.1", quarter: 2, value: 95 }, // expected 100, within 10 % → 序时
          { targetId: "1.1", quarter: 2, value: 6.2 }, // rate 7: 6.2 < 6.3 → 脱幅
          { targetId: "2.1", quarter: 2, value: 5.0 }, // cap 5.5 → 达标, completion 1
          { targetId: "3.2", quarter: 2, value: 27 }, // about 30: ≥ 27 → 达标
        ],
      }),
    );
    const byId = Object.fromEntries(s.targets.map((t) => [t.targetId, t]));
    expect(byId["3.1"]).toMatchObject({ expected: 100, state: "序时", completion: 95 / 200 });
    expect(byId["1.1"]).toMatchObject({ expected: 7, state: "脱幅", completion: 6.2 / 7 });
    expect(byId["2.1"]).toMatchObject({ expected: 5.5, state: "达标", completion: 1 });
    expect(byId["3.2"]).toMatchObject({ expected: 15, state: "达标" });
  });
  it("caps lower-is-better completion at 1 and uses target/actual above the cap", () => {
    expect(targetCompletion("<=", 5.5, 6.6)).toBeCloseTo(5.5 / 6.6, 12);
    expect(targetCompletion("<=", 5.5, 1)).toBe(1);
    expect(targetState("<=", 5.5, 5.5, 6.0, 0.1)).toBe("序时");
    expect(targetState("<=", 5.5, 5.5, 6.1, 0.1)).toBe("脱幅");
  });
  it("treats values equal up to rounding as equal, like the spreadsheet engines", () => {
    expect(targetState(">=", 10, 10, 10 * 0.9, 0.1)).toBe("序时");
    expect(0.7 + 0.1 >= 0.8).toBe(false);
    expect(targetState(">=", 0.8, 0.8, 0.7 + 0.1, 0)).toBe("达标");
  });
});

describe("scoreLedger", () => {
  it("scores tasks by status, warns, and weights lead vs responsible in unit scores", () => {
    const s = scoreLedger(ledger({ entries: [entry(1, 2, "已完成"), entry(2, 2, "滞后"), entry(3, 2, "序时推进"), entry(4, 1, "已完成")] }));
    expect(s.tasks.map((t) => [t.score, t.warning])).toEqual([
      [100, null],
      [60, "滞后未说明问题"],
      [90, null],
      [0, "未填报"],
    ]);
    const u = Object.fromEntries(s.units.map((x) => [x.unit, x]));
    // 区发展改革委 leads 1 (100) and shares 3 (90): (1×100 + 0.5×90) / 1.5
    expect(u["区发展改革委"]!.score).toBeCloseTo((100 + 45) / 1.5, 12);
    expect(u["区发展改革委"]).toMatchObject({ lead: 1, responsible: 1, completed: 1, lagging: 0, unreported: 0 });
    expect(u["梁山街道"]).toMatchObject({ lead: 1, responsible: 1, unreported: 1 });
    // groups: departments, then townships, then collectives, each ranked alone
    expect(s.units.map((x) => x.unit)).toEqual([
      "区发展改革委",
      "区经济信息委",
      "区统计局",
      "区人力社保局",
      "区农业农村委",
      "梁山街道",
      "各乡镇（街道）",
      "有关单位",
      "区政府各部门",
    ]);
    expect(u["梁山街道"]!.rank).toBe(1);
    expect(u["区统计局"]!.score).toBe(100);
    expect(u["区统计局"]!.rank).toBe(1);
    expect(u["区发展改革委"]!.rank).toBe(2);
    expect(u["区农业农村委"]!.rank).toBe(5);
    expect(u["各乡镇（街道）"]!.rank).toBe(2);
    expect(u["有关单位"]!.rank).toBe(1);
    expect(s.units[0]!.refs).toEqual({});
    // the cells come from the workbook: here the layout's
    const located = scoreLedger(ledger(), undefined, layoutLocate(smallPlan()));
    expect(located.units[0]!.refs.score).toBe("单位!I3");
    expect(located.tasks[0]!.refs).toEqual({ status: "任务!W3", score: "任务!X3", warning: "任务!Y3" });
  });
  it("summarizes sections and overall, and a quarter argument overrides the settings", () => {
    const s = scoreLedger(ledger({ entries: [entry(1, 2, "已完成"), entry(3, 2, "滞后", "资金未到位"), entry(4, 1, "已完成")] }));
    expect(s.sections.map((x) => [x.section, x.tasks, x.byStatus.未填报, x.targets])).toEqual([
      ["一", 2, 1, 2],
      ["二", 2, 1, 2],
    ]);
    expect(s.overall.completion).toBeCloseTo((100 + 60) / 4 / 100, 12);
    const q1 = scoreLedger(ledger({ entries: [entry(4, 1, "已完成")] }), 1);
    expect(q1.quarter).toBe(1);
    expect(q1.tasks.find((t) => t.taskId === 4)!.score).toBe(100);
  });
});
