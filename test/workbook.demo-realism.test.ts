/** The demo ledger (`npm start`) reads as real: whole counts of 家/个/座, and the Q2 report has something 未填报. */
import { describe, expect, it } from "vitest";
import { demoLedger } from "../shared/workbook/demo";
import { scoreLedger } from "../shared/scoring/index";
import { loadPlanFile } from "../cli/io/plan-file";

describe("demo realism", async () => {
  const { plan } = await loadPlanFile();
  const ledger = demoLedger(plan!);
  const targets = new Map(plan!.tasks.flatMap((t) => t.targets).map((g) => [g.id, g]));

  it("fills whole numbers for cumulative counts (no 0.52家, no 4.43个)", () => {
    const counted = ledger.actuals.filter((a) => {
      const g = targets.get(a.targetId)!;
      return g.kind === "cumulative" && ["个", "家", "座", "户", "台", "人", "条"].includes(g.unit);
    });
    expect(counted.length).toBeGreaterThan(50);
    for (const a of counted) expect(Number.isInteger(a.value), `${a.targetId} Q${a.quarter} = ${a.value}`).toBe(true);
    // Amounts and rates keep their decimals.
    expect(ledger.actuals.some((a) => !Number.isInteger(a.value) && ["%", "亿元", "公里", "万平方米"].includes(targets.get(a.targetId)!.unit))).toBe(true);
  });

  it("leaves some tasks 未填报 in Q2, the quarter npm start reports", () => {
    const q2 = scoreLedger(ledger, 2);
    expect(q2.overall.byStatus.未填报).toBeGreaterThan(0);
    expect(q2.units.some((u) => u.unreported > 0)).toBe(true);
    expect(q2.overall.byStatus.未填报).toBeLessThan(plan!.tasks.length / 10);
  });
});
