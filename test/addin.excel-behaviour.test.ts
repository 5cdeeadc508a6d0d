/**
 * What real Excel does that a naive fake would not (issue 11), reproduced by the recording fake and
 * obeyed by the add-in: typed text stays text, one formula per table column, responses under 5 MB,
 * and writes that leave Excel consistent (recalculated, password kept, print setup isolated, the
 * user's references to ledger sheets kept).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import type { Plan } from "../shared/plan/schema";
import { bigPlan } from "./fixtures/plan/big";
import type { Actual, Quarter, TaskEntry } from "../shared/ledger/schema";
import { SHEETS, SHEET_ORDER } from "../shared/workbook/labels";
import { COLS } from "../shared/workbook/layout.positions";
import { colNumber } from "../shared/vocabulary";
import { buildLayout } from "../shared/workbook/layout";
import { importPlan, readGrid, readWorkbookLedger } from "../addin/excel/ledger.officejs";
import { writeLayout, type ExcelRun } from "../addin/excel/writer.officejs";
import { createFakeExcel, FakeOfficeError, formulaShape, typedInput, type FakeExcelHost } from "./fakes/excel-fake";

const seed = parsePlan(readFileSync(join(import.meta.dirname, "../seeds/liangping-2023.txt"), "utf8")).plan!;
const runOf = (host: FakeExcelHost) => host.run as unknown as ExcelRun;
const MB5 = 5 * 1024 * 1024;

async function type(host: FakeExcelHost, sheet: string, address: string, value: unknown) {
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]];
    await ctx.sync();
  });
}

function taskRow(plan: Plan, id: number): number {
  return 3 + plan.tasks.findIndex((t) => t.id === id);
}

describe("the fake types like Excel", () => {
  it("parses strings as typed unless the cell is text, and null leaves a cell as it is", async () => {
    expect(typedInput("-资金未到位")).toEqual({ formula: "=-资金未到位" });
    expect(typedInput("=A1")).toEqual({ formula: "=A1" });
    expect(typedInput("100.10")).toEqual({ value: 100.1 });
    expect(typedInput("50%")).toEqual({ value: 0.5, numberFormat: "0%" });
    expect(typedInput("2023-03-31")).toMatchObject({ value: 45016 });
    expect(typedInput("2023年3月31日")).toMatchObject({ value: 45016 });
    expect(typedInput("2023-02-30")).toEqual({ value: "2023-02-30" });
    expect(typedInput("区发展改革委")).toEqual({ value: "区发展改革委" });
    const { host } = createFakeExcel();
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("B1").numberFormat = [["@"]];
      ws.getRange("A1:C1").values = [["100.10", "100.10", "x"]];
      ws.getRange("A1:C1").values = [[null, null, null]];
      await ctx.sync();
    });
    const s = host.sheet("Sheet1")!;
    expect([0, 1, 2].map((c) => host.cell(s, 0, c)?.value)).toEqual([100.1, "100.10", "x"]);
  });
});

describe("1. typed text stays text", () => {
  it("every text cell the layout writes reads back as the same text", async () => {
    const layout = buildLayout(seed);
    const { host } = createFakeExcel({ payloadLimit: MB5 });
    await writeLayout(runOf(host), layout, { api19: true });
    const changed: string[] = [];
    for (const sheet of layout.sheets) {
      const st = host.sheet(sheet.name)!;
      sheet.rows.forEach((row, r) =>
        row.cells.forEach((cell, c) => {
          if (!cell || cell.formula !== undefined || typeof cell.value !== "string" || cell.value === "") return;
          const got = host.cell(st, r, c);
          if (got?.value !== cell.value || got.formula)
            changed.push(`${sheet.name}!${r + 1}:${c + 1} ${cell.value.slice(0, 20)} → ${String(got?.formula ?? got?.value)}`);
        }),
      );
    }
    expect(changed).toEqual([]);
  });

  it("an update keeps 存在问题 “-资金未到位”, 指标 编号 “100.10” and 说明's date as typed", async () => {
    const plan: Plan = structuredClone(seed);
    const t100 = plan.tasks.find((t) => t.id === 100)!;
    const model = plan.tasks.flatMap((t) => t.targets)[0]!;
    t100.targets = Array.from({ length: 10 }, (_, i) => ({ ...model, id: `100.${i + 1}` }));
    const { host } = createFakeExcel({ payloadLimit: MB5 });
    await importPlan(runOf(host), plan, { api19: true });
    await type(host, SHEETS.tasks, `${COLS.tasks["q1.status"]}${taskRow(plan, 10)}`, "滞后");
    await type(host, SHEETS.tasks, `${COLS.tasks["q1.problems"]}${taskRow(plan, 10)}`, "-资金未到位");
    await importPlan(runOf(host), plan, { api19: true });
    const read = await readWorkbookLedger(runOf(host));
    expect(read.ledger.entries.find((e) => e.taskId === 10)?.problems).toBe("-资金未到位");
    expect(read.ledger.plan.tasks.find((t) => t.id === 100)!.targets.map((g) => g.id)).toContain("100.10");
    expect(read.ledger.plan.meta.date).toBe(seed.meta.date);
    expect(seed.meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The cells themselves, as a user (or another program) sees them: text, not a formula, number or date.
    const cells = (name: string) => [...host.sheet(name)!.cells.values()];
    const problems = host.cell(host.sheet(SHEETS.tasks)!, taskRow(plan, 10) - 1, colNumber(COLS.tasks["q1.problems"]) - 1);
    expect(problems).toMatchObject({ value: "-资金未到位", formula: null });
    expect(cells(SHEETS.targets).some((c) => c.value === "100.10")).toBe(true);
    expect(cells(SHEETS.targets).some((c) => c.value === 100.1)).toBe(false);
    expect(cells(SHEETS.guide).some((c) => c.value === seed.meta.date)).toBe(true);
  });
});

describe("2. one formula per table column", () => {
  it("the fake compares formulas in R1C1 terms and refuses two shapes in one table column", async () => {
    expect(formulaShape("=RANK(I3,$I$3:$I$9)", 2, 9)).toBe(formulaShape("=RANK(I4,$I$3:$I$9)", 3, 9));
    expect(formulaShape("=RANK(I3,$I$3:$I$9)", 2, 9)).not.toBe(formulaShape("=RANK(I4,$I$10:$I$12)", 3, 9));
    expect(formulaShape('="A1"&任务!B3', 2, 0)).toBe(formulaShape('="A1"&任务!B4', 3, 0));
    const { host } = createFakeExcel();
    const write = (formulas: string[][]) =>
      host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sheet1");
        ws.getRange("A1:B1").values = [["分", "名"]];
        ws.getRange("A2:A4").values = [[1], [2], [3]];
        ws.tables.add("A1:B4", true);
        ws.getRange("B2:B4").formulas = formulas;
        await ctx.sync();
      });
    await expect(write([["=A2*2"], ["=A3*2"], ["=A4*3"]])).rejects.toThrow(FakeOfficeError);
    const { host: ok } = createFakeExcel();
    await ok.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B1").values = [["分", "名"]];
      ws.tables.add("A1:B4", true);
      ws.getRange("B2:B4").formulas = [["=A2*2"], ["=A3*2"], ["=A4*2"]];
      await ctx.sync();
    });
  });

  it("every table column of the ledger holds one formula shape (单位!排名 included)", async () => {
    const { host } = createFakeExcel({ payloadLimit: MB5 });
    await expect(writeLayout(runOf(host), buildLayout(seed), { api19: true })).resolves.toBeTruthy();
    expect(host.tables.length).toBe(3);
  });
});

/** The writer tests' synthetic plan of n tasks, all filled for Q1–Q3. */
function filledBigPlan(n: number): { plan: Plan; entries: TaskEntry[]; actuals: Actual[] } {
  const plan = bigPlan(n);
  const tasks = plan.tasks;
  const entries: TaskEntry[] = [];
  const actuals: Actual[] = [];
  for (const t of tasks)
    for (const q of [1, 2, 3] as Quarter[]) {
      entries.push({
        taskId: t.id,
        quarter: q,
        status: "序时推进",
        progress: `第${q}季度推进情况：完成阶段任务（${t.id}）`,
        problems: "",
        nextSteps: "加快推进",
      });
      for (const g of t.targets) actuals.push({ targetId: g.id, quarter: q, value: 2.5 * q });
    }
  return { plan, entries, actuals };
}

describe("3. responses under 5 MB", () => {
  it("the fake refuses a sync whose response is over the limit", async () => {
    const { host } = createFakeExcel({ responseLimit: 10_000 });
    await type(host, "Sheet1", "A1", "x".repeat(20_000));
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
        await ctx.sync();
      }),
    ).rejects.toThrow(/response payload/);
  });

  it("reads again, in smaller bands, what Excel refused as too large, and gets the same grid", async () => {
    const { host } = createFakeExcel();
    await importPlan(runOf(host), seed, { api19: true });
    const whole = await readGrid(runOf(host));
    host.options.responseLimit = 150_000;
    const before = host.stats.requests.length;
    const banded = await readGrid(runOf(host), { responseBytes: 400_000 });
    const refused = host.stats.requests.slice(before).filter((r) => r.responseBytes > 150_000);
    expect(refused.length).toBeGreaterThan(0);
    expect(banded).toEqual(whole);
  });

  it("reads a filled 5,000-task ledger in chunks under 5 MB, in a few syncs", async () => {
    const { plan, entries, actuals } = filledBigPlan(5000);
    const { host } = createFakeExcel({ payloadLimit: MB5 });
    await writeLayout(runOf(host), buildLayout(plan, { entries, actuals, settings: { quarter: 3 } }), { api19: true });
    const before = host.stats.requests.length;
    const grid = await readGrid(runOf(host));
    const reads = host.stats.requests.slice(before);
    const total = reads.reduce((a, r) => a + r.responseBytes, 0);
    expect(total).toBeGreaterThan(MB5);
    expect(Math.max(...reads.map((r) => r.responseBytes))).toBeLessThan(MB5);
    expect(reads.length).toBeLessThanOrEqual(8);
    const tasks = grid.sheets.find((s) => s.name === SHEETS.tasks)!;
    expect(tasks.values.length).toBe(5002);
    const read = await readWorkbookLedger(runOf(host));
    expect(read.ledger.entries.length).toBe(15000);
    console.log(
      `5,000-task read: ${reads.length} syncs, ${(total / 1048576).toFixed(1)} MB, largest ${(Math.max(...reads.map((r) => r.responseBytes)) / 1048576).toFixed(2)} MB`,
    );
  }, 120_000);
});

describe("6. writes that leave Excel consistent", () => {
  it("recalculates fully after writing, and suspends screen updating once", async () => {
    const { host } = createFakeExcel({ payloadLimit: MB5 });
    await writeLayout(runOf(host), buildLayout(seed), { api19: true });
    expect(host.stats.calculations).toEqual(["Full"]);
    expect(host.stats.suspendScreenUpdating).toBe(1);
  });

  it("keeps the protection password on an update; without it the update stops and writes nothing", async () => {
    const { host } = createFakeExcel({ payloadLimit: MB5 });
    await importPlan(runOf(host), seed, { api19: true, password: "s3cret" });
    const before = JSON.stringify(host.sheets.map((s) => [s.name, s.protection, s.cells.size]));
    await expect(importPlan(runOf(host), seed, { api19: true })).rejects.toThrow(/密码/);
    expect(JSON.stringify(host.sheets.map((s) => [s.name, s.protection, s.cells.size]))).toBe(before);
    const r = await importPlan(runOf(host), seed, { api19: true, password: "s3cret" });
    // read, unprotect, write, refer, finish, print setup
    expect(r.report.syncs).toBe(6);
    for (const name of [SHEETS.tasks, SHEETS.targets, SHEETS.units])
      expect(host.sheet(name)!.protection).toMatchObject({ protected: true, password: "s3cret" });
  });

  it("a failing print setting does not keep the sheets from being protected", async () => {
    const { host } = createFakeExcel({
      payloadLimit: MB5,
      failAt: (op) => (op.startsWith("pageLayout.zoom") ? new FakeOfficeError("InvalidArgument", "verticalFitToPages") : null),
    });
    const report = await writeLayout(runOf(host), buildLayout(seed, { password: "p" }), { api19: true });
    for (const name of [SHEETS.tasks, SHEETS.targets, SHEETS.units, SHEETS.summary]) expect(host.sheet(name)!.protection.protected).toBe(true);
    expect(host.sheet(SHEETS.record)!.visibility).toBe("VeryHidden");
    expect(report.warnings.join("")).toMatch(/打印/);
  });

  it("the fake rewrites references to a renamed sheet and turns those to a deleted one into #REF!", async () => {
    const { host } = createFakeExcel({ sheets: ["任务", "我的表"] });
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("我的表").getRange("A1:B1").formulas = [["=任务!A3", "='任务'!B3+1"]];
      ctx.workbook.worksheets.getItem("任务").name = "旧~任务";
      await ctx.sync();
    });
    const mine = host.sheet("我的表")!;
    expect([host.cell(mine, 0, 0)?.formula, host.cell(mine, 0, 1)?.formula]).toEqual(["='旧~任务'!A3", "='旧~任务'!B3+1"]);
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("旧~任务").delete();
      await ctx.sync();
    });
    expect([host.cell(mine, 0, 0)?.formula, host.cell(mine, 0, 1)?.formula]).toEqual(["=#REF!A3", "=#REF!B3+1"]);
  });

  it("a user's formula referring to a ledger sheet still works after an update", async () => {
    const { host } = createFakeExcel({ payloadLimit: MB5 });
    await importPlan(runOf(host), seed, { api19: true });
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("我的表");
      ws.getRange("A1:B1").formulas = [["=任务!A3", "='任务'!B3"]];
      await ctx.sync();
    });
    const revised: Plan = structuredClone(seed);
    revised.tasks = revised.tasks.filter((t) => t.id !== 20);
    await importPlan(runOf(host), revised, { api19: true });
    const mine = host.sheet("我的表")!;
    expect(host.cell(mine, 0, 0)?.formula).toBe("=任务!A3");
    expect(host.cell(mine, 0, 1)?.formula).toBe("='任务'!B3");
    expect(host.sheets.map((s) => s.name)).toEqual([...SHEET_ORDER.map((k) => SHEETS[k]), "我的表"]);
  });
});
