/**
 * The workbook's formulas and shared/scoring agree: random ledgers are written with exceljs,
 * recalculated by LibreOffice headless, and every formula cell's cached value is compared with
 * scoreLedger (to 1e-9). No formula cell may be an error.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLayout } from "../shared/workbook/layout";
import type { WorkbookLayout } from "../shared/workbook/layout.types";
import { COLS } from "../shared/workbook/layout.positions";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { scoreLedger } from "../shared/scoring/index";
import { layoutLocate } from "../shared/workbook/cells";
import type { Ledger } from "../shared/ledger/schema";
import type { Plan } from "../shared/plan/schema";
import { recalc } from "./helpers/libreoffice";
import { compareFormulas, formulaResults } from "./helpers/formula-results";
import { fillArb, planArb, settingsArb } from "./helpers/ledger-fill";
import { smallPlan } from "./helpers/small-plan";
import { loadPlanFile } from "../cli/io/plan-file";
import { defaultSettings } from "../shared/scoring/settings";
import { demoLedger } from "../shared/workbook/demo";

async function roundTrip(ledger: Ledger, name: string, mutate?: (l: WorkbookLayout) => void): Promise<{ bad: string[]; errors: string[]; formulas: number }> {
  const layout = buildLayout(ledger.plan, { settings: ledger.settings, entries: ledger.entries, actuals: ledger.actuals });
  mutate?.(layout);
  const dir = mkdtempSync(join(tmpdir(), "plan-ledger-wb-"));
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, await writeWorkbook(layout));
  const out = await recalc(file);
  const { results, errors } = await formulaResults(out);
  const formulas = layout.sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.cells.filter((c) => c?.formula).length, 0), 0);
  // Every formula of the layout came back as a formula cell.
  expect(results.size).toBe(formulas);
  return { bad: compareFormulas(scoreLedger(ledger, undefined, layoutLocate(ledger.plan)), results), errors, formulas };
}

// Fails (does not skip) without LibreOffice: recalc names the package to install.
describe("formulas recalculated by LibreOffice equal shared/scoring", () => {
  it("on random plans, settings and fills", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        planArb.chain((plan) => settingsArb.chain((settings) => fillArb(plan, settings).map((fill) => ({ plan, settings, fill })))),
        async ({ plan, settings, fill }) => {
          const ledger: Ledger = { plan, settings, entries: fill.entries, actuals: fill.actuals, demo: false };
          const { bad, errors } = await roundTrip(ledger, `random-${n++}`);
          expect(errors).toEqual([]);
          expect(bad).toEqual([]);
        },
      ),
      { numRuns: 4, seed: 20230301, endOnFailure: true },
    );
    // Four LibreOffice runs: on a shared 2-core machine under load each can take over 30 s.
  }, 360_000);

  it("on the seed plan with a random fill (third quarter)", async () => {
    const { plan } = await loadPlanFile();
    expect(plan).not.toBeNull();
    const [fill] = fc.sample(fillArb(plan!, { ...defaultSettings, quarter: 3 }), { numRuns: 1, seed: 7 });
    const ledger: Ledger = { plan: plan!, settings: { ...defaultSettings, quarter: 3 }, entries: fill!.entries, actuals: fill!.actuals, demo: false };
    const { bad, errors, formulas } = await roundTrip(ledger, "seed");
    expect(formulas).toBeGreaterThan(500);
    expect(errors).toEqual([]);
    expect(bad).toEqual([]);
  });

  it("on every comparator, kind and sign, with actuals exactly on the boundaries", async () => {
    const settings = { ...defaultSettings, quarter: 2 as const, tolerance: 0.1 };
    const base = smallPlan();
    const tasks: Plan["tasks"] = [];
    const actuals: Ledger["actuals"] = [];
    let id = 0;
    for (const comparator of [">=", "<=", ">", "<", "=", "~"] as const)
      for (const kind of ["cumulative", "rate"] as const)
        for (const T of [7, 0, -2, 5.5]) {
          id++;
          const E = kind === "cumulative" ? T * settings.pace[1] : T;
          const tol = settings.tolerance;
          const values = [T, E, E - tol * Math.abs(E), E + tol * Math.abs(E), T - tol * Math.abs(T), 0.9 * E, 1.1 * E, 0, 0.9 * T];
          tasks.push({
            id,
            section: "一",
            subsection: null,
            text: `任务${id}`,
            lead: ["区发展改革委"],
            responsible: [],
            leaders: [],
            targets: values.map((_, j) => ({ id: `${id}.${j + 1}`, name: `指标${j + 1}`, value: T, unit: "%", comparator, kind, text: "x" })),
          });
          values.forEach((v, j) => actuals.push({ targetId: `${id}.${j + 1}`, quarter: 2, value: v }));
        }
    const plan: Plan = { ...base, tasks, units: [{ name: "区发展改革委", kind: "department" }] };
    const ledger: Ledger = { plan, settings, entries: [], actuals, demo: false };
    const { bad, errors, formulas } = await roundTrip(ledger, "boundaries");
    expect(formulas).toBeGreaterThan(4 * 400);
    expect(errors).toEqual([]);
    expect(bad).toEqual([]);
  });

  it("on a plan whose tasks name no lead: each responsible unit counts them as a lead (issue 13, reporting.ts)", async () => {
    const base = smallPlan();
    const plan: Plan = {
      ...base,
      tasks: base.tasks.map((t) => (t.id === 3 || t.id === 4 ? { ...t, lead: [], responsible: [...t.lead, ...t.responsible] } : t)),
    };
    const settings = { ...defaultSettings, quarter: 2 as const };
    const entries: Ledger["entries"] = [
      { taskId: 3, quarter: 2, status: "滞后", progress: "", problems: "缺资金", nextSteps: "" },
      { taskId: 4, quarter: 2, status: "已完成", progress: "", problems: "", nextSteps: "" },
      { taskId: 1, quarter: 2, status: "序时推进", progress: "", problems: "", nextSteps: "" },
    ];
    const ledger: Ledger = { plan, settings, entries, actuals: [{ targetId: "3.1", quarter: 2, value: 80 }], demo: false };
    const scores = scoreLedger(ledger, undefined, layoutLocate(plan));
    const unit = (name: string) => scores.units.find((u) => u.unit === name)!;
    // 区经济信息委: responsible in task 1, and a reporting unit of task 3 (no lead) as a lead would be
    expect([unit("区经济信息委").lead, unit("区经济信息委").responsible]).toEqual([1, 1]);
    expect([unit("梁山街道").lead, unit("梁山街道").responsible]).toEqual([2, 0]);
    const { bad, errors } = await roundTrip(ledger, "leadless");
    expect(errors).toEqual([]);
    expect(bad).toEqual([]);
  }, 120_000);

  it("on the demo ledger `npm start` writes", async () => {
    const { plan } = await loadPlanFile();
    const { bad, errors } = await roundTrip(demoLedger(plan!), "demo");
    expect(errors).toEqual([]);
    expect(bad).toEqual([]);
  });

  it("ignores text pasted into an actual cell, reads a status typed with spaces, and takes other words as unreported", async () => {
    const ledger: Ledger = { plan: smallPlan(), settings: { ...defaultSettings, quarter: 2 }, entries: [], actuals: [], demo: false };
    const colIndex = (letter: string) => letter.charCodeAt(0) - 64;
    const { bad, errors } = await roundTrip(
      { ...ledger, entries: [{ taskId: 1, quarter: 2, status: "滞后", progress: "", problems: "", nextSteps: "" }] },
      "typed",
      (layout) => {
        const tasks = layout.sheets.find((s) => s.key === "tasks")!;
        tasks.rows[2]!.cells[colIndex(COLS.tasks["q2.status"]) - 1] = { value: " 滞后 " };
        tasks.rows[3]!.cells[colIndex(COLS.tasks["q2.status"]) - 1] = { value: "已*" }; // not a status: 未填报
        tasks.rows[4]!.cells[colIndex(COLS.tasks["q2.status"]) - 1] = { value: "完成" };
        const targets = layout.sheets.find((s) => s.key === "targets")!;
        targets.rows[2]!.cells[colIndex(COLS.targets["q2.actual"]) - 1] = { value: "12%" };
      },
    );
    expect(errors).toEqual([]);
    expect(bad).toEqual([]);
  });

  it("leaves implausible actuals blank until their row is 已核实, then counts them as typed", async () => {
    const base = smallPlan();
    const T = (id: string, value: number, unit: string, kind: "cumulative" | "rate", comparator: ">=" | "<=" = ">=") => ({
      id,
      name: `指标${id}`,
      value,
      unit,
      comparator,
      kind,
      text: "x",
    });
    // the examples, each twice: task 1 as typed, task 2 the same rows confirmed
    const rows = [
      T("x.1", 7.43, "%", "rate"),
      T("x.2", 150, "亿元", "cumulative"),
      T("x.3", 200, "个", "cumulative"),
      T("x.4", 95, "%", "rate"),
      T("x.5", 5.5, "%", "rate", "<="),
    ];
    const values = [0.0743, 18_400_000_000, 1e308, 0.2, 0.05];
    const tasks: Plan["tasks"] = [1, 2].map((id) => ({
      id,
      section: "一",
      subsection: null,
      text: `任务${id}`,
      lead: ["区发展改革委"],
      responsible: [],
      leaders: [],
      targets: rows.map((g, j) => ({ ...g, id: `${id}.${j + 1}` })),
    }));
    const actuals: Ledger["actuals"] = tasks.flatMap((t) =>
      t.targets.map((g, j) => ({
        targetId: g.id,
        quarter: 2 as const,
        value: t.id === 2 && j === 2 ? 1e12 : values[j]!,
        ...(t.id === 2 ? { confirmed: true } : {}),
      })),
    );
    const plan: Plan = { ...base, tasks, units: [{ name: "区发展改革委", kind: "department" }] };
    const ledger: Ledger = { plan, settings: { ...defaultSettings, quarter: 2 }, entries: [], actuals, demo: false };
    const scores = scoreLedger(ledger);
    expect(scores.targets.filter((g) => g.taskId === 1).map((g) => [g.actual, g.state])).toEqual(rows.map(() => [null, null]));
    expect(scores.targets.filter((g) => g.taskId === 2).map((g) => g.actual)).toEqual([0.0743, 18_400_000_000, 1e12, 0.2, 0.05]);
    const { bad, errors } = await roundTrip(ledger, "implausible");
    expect(errors).toEqual([]);
    expect(bad).toEqual([]);
  });

  it("an empty ledger: everything unreported, no errors, zeros", async () => {
    const ledger: Ledger = { plan: smallPlan(), settings: defaultSettings, entries: [], actuals: [], demo: false };
    const { bad, errors } = await roundTrip(ledger, "empty");
    expect(errors).toEqual([]);
    expect(bad).toEqual([]);
  });
});
