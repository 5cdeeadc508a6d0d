/**
 * Who reports a task (shared/plan/reporting.ts) and everything that follows that one rule: a task
 * whose plan names no lead is reported by every responsible unit, which the scores and the
 * scorecards count as leading it (the workbook's formulas: test/workbook.recalc.test.ts).
 */
import { describe, expect, it } from "vitest";
import { reportingUnits, sharingUnits } from "../shared/plan/reporting";
import { parsePlan } from "../shared/plan/parse";
import type { Ledger } from "../shared/ledger/schema";
import { defaultSettings, scoreLedger } from "../shared/scoring/index";
import { buildQuarterReport } from "../reports/model/model.report";

const leadless = parsePlan(
  [
    "一、重点工作",
    "1．新建社区养老服务站15个。",
    "责任单位：区民政局、区财政局",
    "2．新改建农村公路100公里。",
    "责任单位：区交通局；配合单位：区民政局",
    "",
  ].join("\n"),
).plan!;

describe("a plan that names no lead", () => {
  it("keeps lead [] and its responsible units as written; they report and none merely shares", () => {
    const [t1, t2] = leadless.tasks;
    expect([t1!.lead, t1!.responsible]).toEqual([[], ["区民政局", "区财政局"]]);
    expect(reportingUnits(t2!)).toEqual(["区交通局", "区民政局"]);
    expect(sharingUnits(t2!)).toEqual([]);
    expect(sharingUnits({ lead: ["区交通局"], responsible: ["区民政局"] })).toEqual(["区民政局"]);
  });

  it("scores each responsible unit as a lead, and lists the task among its led tasks on its scorecard", () => {
    const ledger: Ledger = {
      plan: leadless,
      settings: { ...defaultSettings, quarter: 1 },
      entries: [{ taskId: 1, quarter: 1, status: "已完成", progress: "", problems: "", nextSteps: "" }],
      actuals: [],
      demo: false,
    };
    const scores = scoreLedger(ledger, 1);
    const civil = scores.units.find((u) => u.unit === "区民政局")!;
    expect([civil.lead, civil.responsible]).toEqual([2, 0]);
    // (100 + 0) / 2 leads: the unreported task 2 weighs as a led task
    expect(civil.score).toBeCloseTo(50, 9);
    const report = buildQuarterReport(ledger, [scores], 1, { workbookSha256: "0".repeat(64), generatedAt: "2024-04-01T00:00:00Z", lang: "zh" });
    const card = report.scorecards.find((c) => c.unit.name === "区民政局")!;
    expect(card.led.map((t) => t.id)).toEqual([1, 2]);
    expect(card.shared).toEqual([]);
  });
});
