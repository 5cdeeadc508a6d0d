/** The report model for the hand-made fixture: every figure as computed by hand (ledger.small.ts). */
import { describe, expect, it } from "vitest";
import { buildQuarterReport, ReportInputError } from "../reports/model/model.report";
import { scoreLedger } from "../shared/scoring/index";
import { HOSTILE, SMALL_AT, SMALL_SHA, smallLedger, smallScoresQ1, smallScoresQ2 } from "./fixtures/reports/ledger.small";

const run = { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" as const };
const report = buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, run);

describe("quarter report model", () => {
  it("carries the plan meta, quarter and traceability", () => {
    expect(report.summary.meta).toMatchObject({
      quarter: 2,
      year: 2023,
      issuer: "重庆市梁平区人民政府办公室",
      workbookSha256: SMALL_SHA,
      generatedAt: SMALL_AT,
      demo: false,
    });
  });

  it("summarises statuses, targets and completion", () => {
    const o = report.summary.overall;
    expect(o.byStatus).toEqual({ 已完成: 2, 序时推进: 2, 滞后: 2, 未启动: 1, 未填报: 1 });
    expect(o.completion).toBeCloseTo(0.55);
    expect([o.targetsMet, o.targetsOnPace, o.targetsBehind]).toEqual([1, 1, 2]);
    expect(report.summary.sections.map((s) => s.completion)).toEqual([0.6, 0.55, 0.5]);
  });

  it("lists every target with its expected pace and state", () => {
    const t = report.summary.targets;
    expect(t.map((x) => [x.id, x.actual, x.expected, x.state])).toEqual([
      ["1.1", 7.2, 7, "达标"],
      ["2.1", 5.1, 9.5, "脱幅"],
      ["3.1", 120, 100, "序时"],
      ["5.1", 1800, 2500, "脱幅"],
    ]);
    expect(t[3]!.lead).toEqual(["区人力社保局"]);
  });

  it("finds lagging or behind-pace tasks with their narratives, and the unreported ones", () => {
    expect(report.summary.lagging.map((t) => t.id)).toEqual([2, 5]);
    expect(report.summary.lagging[0]!.problems).toBe(HOSTILE);
    expect(report.summary.unreported.map((t) => t.id)).toEqual([7]);
    expect(report.summary.unitsNotReported).toEqual(
      [
        { unit: "区人力社保局", count: 1 },
        { unit: "区发展改革委", count: 1 },
        { unit: "区财政局", count: 1 },
      ].sort((a, b) => a.unit.localeCompare(b.unit, "zh-CN")),
    );
  });

  it("ranks units and remembers last quarter's rank", () => {
    expect(report.summary.ranking.map((u) => [u.name, u.rank, u.previousRank])).toEqual([
      ["区城投集团", 1, 1],
      ["区经济信息委", 2, 3],
      ["区发展改革委", 3, 4],
      ["区人力社保局", 4, 2],
      ["区财政局", 5, 4],
      ["屏锦镇", 1, 1],
    ]);
  });

  it("traces the quarterly trend Q1..QN", () => {
    expect(report.summary.trend.map((t) => [t.quarter, t.completion])).toEqual([
      [1, 0.5],
      [2, 0.55],
    ]);
  });

  it("builds one scorecard per unit: tasks led and shared, targets, trend, problems, sources", () => {
    const card = report.scorecards.find((c) => c.unit.name === "区经济信息委")!;
    expect(card.of).toBe(5);
    expect(report.scorecards.find((c) => c.unit.name === "屏锦镇")!.of).toBe(1);
    expect(card.led.map((t) => t.id)).toEqual([3, 4]);
    expect(card.shared.map((t) => t.id)).toEqual([1]);
    expect(card.targets.map((t) => t.id)).toEqual(["3.1"]);
    expect(card.trend).toEqual([
      { quarter: 1, score: 48, rank: 3, of: 5 },
      { quarter: 2, score: 88, rank: 2, of: 5 },
    ]);
    expect(card.sources).toContainEqual({ subject: { kind: "unit", name: "区经济信息委" }, field: "score", cell: "单位!H5" });
    expect(card.sources).toContainEqual({ subject: { kind: "target", id: "3.1", name: "新建5G基站" }, field: "actual", cell: "指标!H6" });
    const fin = report.scorecards.find((c) => c.unit.name === "区财政局")!;
    expect(fin.problems.map((t) => t.id)).toEqual([2]);
  });

  it("maps summary figures to their cells (数据来源)", () => {
    expect(report.summary.sources).toContainEqual({ subject: { kind: "overall" }, field: "completion", cell: "汇总!H7" });
    expect(report.summary.sources).toContainEqual({ subject: { kind: "task", id: 2 }, field: "status", cell: "任务!H5" });
  });

  it("agrees with the real scoring of the same ledger", () => {
    const real = [scoreLedger(smallLedger, 1), scoreLedger(smallLedger, 2)];
    const r = buildQuarterReport(smallLedger, real, 2, run);
    expect(r.summary.overall.completion).toBeCloseTo(0.55);
    expect(r.summary.ranking.map((u) => [u.name, u.rank, u.group])).toEqual(report.summary.ranking.map((u) => [u.name, u.rank, u.group]));
    expect(r.summary.ranking.map((u) => u.score)).toEqual(report.summary.ranking.map((u) => expect.closeTo(u.score, 1)));
  });

  it("names who reports a task without a lead (its responsible units) where the report shows leads", () => {
    // A plan of 责任单位 only: every responsible unit reports (shared/plan/reporting.ts).
    const plan = {
      ...smallLedger.plan,
      tasks: smallLedger.plan.tasks.map((t) => (t.id === 1 ? { ...t, lead: [], responsible: ["区发展改革委", "区经济信息委"] } : t)),
    };
    const ledger = { ...smallLedger, plan };
    const r = buildQuarterReport(ledger, [scoreLedger(ledger, 1), scoreLedger(ledger, 2)], 2, run);
    const led = r.scorecards.find((c) => c.unit.name === "区经济信息委")!.led.find((t) => t.id === 1)!;
    expect(led.lead).toEqual(["区发展改革委", "区经济信息委"]);
    expect(r.summary.targets.filter((t) => t.taskId === 1).map((t) => t.lead)).toEqual([["区发展改革委", "区经济信息委"]]);
    // Each of them reports it: it is among the tasks each one leads on its scorecard.
    for (const unit of ["区发展改革委", "区经济信息委"]) expect(r.scorecards.find((c) => c.unit.name === unit)!.led.map((t) => t.id)).toContain(1);
  });

  it("refuses a quarter without scores", () => {
    expect(() => buildQuarterReport(smallLedger, [smallScoresQ1], 2, run)).toThrow(ReportInputError);
  });
});
