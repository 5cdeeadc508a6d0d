import { describe, expect, it } from "vitest";
import { demoFill, demoLedger } from "../shared/workbook/demo";
import { Ledger } from "../shared/ledger/schema";
import { scoreLedger } from "../shared/scoring/index";
import { buildLayout } from "../shared/workbook/layout";
import { DEMO_MARK } from "../shared/workbook/labels";
import { loadPlanFile } from "../cli/io/plan-file";

describe("demo fill", async () => {
  const { plan } = await loadPlanFile();
  it("is deterministic for a seed and differs between seeds", () => {
    expect(demoFill(plan!, 7)).toEqual(demoFill(plan!, 7));
    expect(demoFill(plan!, 7)).not.toEqual(demoFill(plan!, 8));
  });
  it("fills Q1–Q3 with valid entries, Chinese narratives and actuals, and is marked demo", () => {
    const ledger = demoLedger(plan!);
    expect(Ledger.safeParse(ledger).success).toBe(true);
    expect(ledger.demo).toBe(true);
    expect(new Set(ledger.entries.map((e) => e.quarter))).toEqual(new Set([1, 2, 3]));
    expect(ledger.entries.every((e) => /[\u4e00-\u9fff]/.test(e.progress))).toBe(true);
    const targets = plan!.tasks.flatMap((t) => t.targets).length;
    expect(ledger.actuals.filter((a) => a.quarter === 3).length).toBeGreaterThan(targets / 2);
    expect(ledger.settings.quarter).toBe(3);
  });
  it("gives a realistic spread: mostly on pace, some done, some lagging, a few unreported and warnings", () => {
    const s = scoreLedger(demoLedger(plan!));
    const o = s.overall.byStatus;
    expect(o.序时推进).toBeGreaterThan(o.滞后);
    expect(o.已完成).toBeGreaterThan(0);
    expect(o.滞后).toBeGreaterThan(0);
    expect(o.未填报).toBeGreaterThan(0);
    expect(s.tasks.some((t) => t.warning === "滞后未说明问题")).toBe(true);
    expect(s.targets.some((t) => t.state === "脱幅")).toBe(true);
    expect(s.targets.some((t) => t.state === "达标" || t.state === "序时")).toBe(true);
  });
  it("a demo layout says 演示数据 on every sheet", () => {
    const l = demoLedger(plan!);
    const layout = buildLayout(l.plan, { settings: l.settings, entries: l.entries, actuals: l.actuals, demo: true });
    for (const sheet of layout.sheets) expect(JSON.stringify(sheet.rows[0])).toContain(DEMO_MARK);
  });
});
