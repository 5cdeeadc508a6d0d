/**
 * The Office.js writer against the recording Excel fake: it writes the same workbook as the exceljs
 * writer (normalized snapshots), in a bounded number of round trips, in requests under 5 MB, and a
 * failed write leaves the workbook as it was.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import type { Plan } from "../shared/plan/schema";
import { bigPlan } from "./fixtures/plan/big";
import type { Actual, TaskEntry } from "../shared/ledger/schema";
import { buildLayout } from "../shared/workbook/layout";
import type { WorkbookLayout } from "../shared/workbook/layout.types";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { SHEETS, SHEET_ORDER } from "../shared/workbook/labels";
import { LedgerWriteError, writeLayout, type ExcelRun } from "../addin/excel/writer.officejs";
import { createFakeExcel, FakeOfficeError, type FakeExcelHost } from "./fakes/excel-fake";
import { snapshotFake, snapshotXlsx, type WorkbookSnap } from "./fakes/workbook-snapshot";

const root = join(import.meta.dirname, "..");
const MB5 = 5 * 1024 * 1024;

function seedPlan(): Plan {
  const r = parsePlan(readFileSync(join(root, "seeds/liangping-2023.txt"), "utf8"));
  if (!r.plan) throw new Error("seed did not parse");
  return r.plan;
}

function entriesFor(plan: Plan): { entries: TaskEntry[]; actuals: Actual[] } {
  const statuses = ["已完成", "序时推进", "滞后", "未启动", null] as const;
  const entries: TaskEntry[] = plan.tasks.slice(0, 20).map((t, i) => ({
    taskId: t.id,
    quarter: 1,
    status: statuses[i % 5]!,
    progress: `进展${t.id}`,
    problems: i % 5 === 2 ? "" : `问题${t.id}`,
    nextSteps: "",
  }));
  const actuals: Actual[] = plan.tasks
    .flatMap((t) => t.targets)
    .slice(0, 10)
    .map((g, i) => ({ targetId: g.id, quarter: 1, value: i * 1.5 }));
  return { entries, actuals };
}

async function viaOfficeJs(layout: WorkbookLayout, host = createFakeExcel({ payloadLimit: MB5 }).host) {
  const report = await writeLayout(host.run as unknown as ExcelRun, layout, { api19: true });
  return { host, report };
}

function expectSameWorkbook(fake: WorkbookSnap, xlsx: WorkbookSnap): void {
  expect(fake.sheets.map((s) => s.name)).toEqual(xlsx.sheets.map((s) => s.name));
  for (let i = 0; i < xlsx.sheets.length; i++) {
    const a = fake.sheets[i]!;
    const b = xlsx.sheets[i]!;
    // Compared part by part so a failure names what differs.
    expect({ sheet: a.name, cells: a.cells }).toEqual({ sheet: b.name, cells: b.cells });
    expect({ sheet: a.name, validations: a.validations }).toEqual({ sheet: b.name, validations: b.validations });
    expect({ sheet: a.name, cf: a.conditionalFormats }).toEqual({ sheet: b.name, cf: b.conditionalFormats });
    expect({ sheet: a.name, columns: a.columns }).toEqual({ sheet: b.name, columns: b.columns });
    const rest = (s: typeof a) => ({
      sheet: s.name,
      rowHeights: s.rowHeights,
      merges: s.merges,
      freeze: s.freeze,
      protection: s.protection,
      tabColor: s.tabColor,
    });
    expect(rest(a)).toEqual(rest(b));
    // The Office.js writer puts a table where exceljs writes an autoFilter; exceljs writes one even
    // over a header without data rows, where no table can be made.
    if (a.filter !== null) expect(a.filter).toBe(b.filter);
    else expect(b.filter === null || /^A2:[A-Z]+2$/.test(b.filter)).toBe(true);
  }
  expect(fake.names).toEqual(xlsx.names);
}

describe("Office.js writer vs exceljs writer", () => {
  let plan: Plan;
  beforeAll(() => {
    plan = seedPlan();
  });

  it("writes the same cells, formulas, formats, validations, conditional formats and names for the seed plan", async () => {
    const layout = buildLayout(plan);
    const { host } = await viaOfficeJs(layout);
    const fake = snapshotFake(host);
    const xlsx = await snapshotXlsx(await writeWorkbook(layout));
    expect(fake.sheets.length).toBe(8);
    // the plan record, very hidden in both
    expect(fake.sheets.map((s) => s.visibility)).toEqual([...Array(7).fill("visible"), "veryHidden"]);
    expect(Object.keys(fake.sheets[1]!.cells).length).toBeGreaterThan(117 * 20);
    expectSameWorkbook(fake, xlsx);
  });

  it("writes the same workbook with entries, actuals and a password", async () => {
    const layout = buildLayout(plan, { ...entriesFor(plan), password: "secret" });
    const { host } = await viaOfficeJs(layout);
    expectSameWorkbook(snapshotFake(host), await snapshotXlsx(await writeWorkbook(layout)));
    const tasks = host.sheet(SHEETS.tasks)!;
    expect(tasks.protection.password).toBe("secret");
  });

  it("the comparison can fail: a changed layout gives a different snapshot", async () => {
    const layout = buildLayout(plan);
    const { host } = await viaOfficeJs(layout);
    const changed = structuredClone(layout);
    changed.sheets[1]!.rows[5]!.cells[3] = { value: "改过的任务内容" };
    const xlsx = await snapshotXlsx(await writeWorkbook(changed));
    expect(() => expectSameWorkbook(snapshotFake(host), xlsx)).toThrow();
  });
});

describe("round trips and request sizes", () => {
  it("writes the seed in 5 syncs, calculation suspended in every writing request, screen updating once, then a full recalculation", async () => {
    const { host, report } = await viaOfficeJs(buildLayout(seedPlan()));
    // read, write, refer, finish, print setup
    expect(host.stats.syncs).toBe(5);
    expect(report.syncs).toBe(host.stats.syncs);
    expect(host.stats.suspendCalculation).toBe(2);
    expect(host.stats.suspendScreenUpdating).toBe(1);
    expect(host.stats.calculations).toEqual(["Full"]);
    expect(Math.max(...host.stats.requests.map((r) => r.bytes))).toBeLessThan(MB5);
    // Tables over the data, never rows.add.
    expect(host.stats.requests.every((r) => !r.names["table.rows.add"])).toBe(true);
    expect(host.tables.map((t) => t.name)).toEqual(["台账_tasks", "台账_targets", "台账_units"]);
  });

  it("writes a 5,000-task plan in at most 8 syncs, every request under 5 MB", async () => {
    const layout = buildLayout(bigPlan(5000));
    const { host } = await viaOfficeJs(layout);
    // 8: read, the writing requests packed under the budget (the plan record is about 1.5 MB of JSON
    // for 5,000 tasks), finish, print setup
    expect(host.stats.syncs).toBeLessThanOrEqual(8);
    const sizes = host.stats.requests.map((r) => r.bytes);
    expect(Math.max(...sizes)).toBeLessThan(MB5);
    // Together the requests carry more than 5 MB: one request could not have done it.
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(MB5);
    expect(host.sheet(SHEETS.tasks)!.cells.get(`${2 + 4999},0`)?.value).toBe(5000);
  });

  it("splits a write into more requests under a smaller budget and writes the same workbook", async () => {
    const layout = buildLayout(bigPlan(1500));
    const whole = await viaOfficeJs(layout);
    const { host } = createFakeExcel({ payloadLimit: 330_000 });
    const report = await writeLayout(host.run as unknown as ExcelRun, layout, { api19: true, chunkBytes: 300_000 });
    expect(report.syncs).toBeGreaterThan(whole.report.syncs);
    // Estimates stay within 10% of what the requests really carry.
    expect(Math.max(...host.stats.requests.map((r) => r.bytes))).toBeLessThan(330_000);
    expect(snapshotFake(host)).toEqual(snapshotFake(whole.host));
  });

  it("the sync count does not grow with the number of tasks", async () => {
    const counts: number[] = [];
    for (const n of [10, 300, 2000]) counts.push((await viaOfficeJs(buildLayout(bigPlan(n)))).host.stats.syncs);
    expect(new Set(counts).size).toBe(1);
  });

  it("works on ExcelApi 1.8 hosts without the 1.9 calls (screen updating, page setup)", async () => {
    const { host } = createFakeExcel({ excelApiMinor: 8 });
    const report = await writeLayout(host.run as unknown as ExcelRun, buildLayout(seedPlan()), { api19: false });
    expect(report.syncs).toBe(4);
    expect(host.stats.suspendScreenUpdating).toBe(0);
    expect(host.stats.suspendCalculation).toBe(2);
    const { host: strict } = createFakeExcel({ excelApiMinor: 8 });
    await expect(writeLayout(strict.run as unknown as ExcelRun, buildLayout(seedPlan()), { api19: true })).rejects.toThrow(LedgerWriteError);
  });

  it("a request over 5 MB would fail like Excel on the web (the fake enforces the limit)", async () => {
    const { host } = createFakeExcel({ payloadLimit: 1000 });
    await expect(writeLayout(host.run as unknown as ExcelRun, buildLayout(seedPlan()))).rejects.toThrow(/5 MB/);
  });
});

describe("a failed write", () => {
  /** A workbook that already holds a filled ledger and a sheet of the user's own. */
  async function filledWorkbook(failAt?: (op: string, n: number) => FakeOfficeError | null) {
    const plan = seedPlan();
    let armed = false;
    const { host } = createFakeExcel({ payloadLimit: MB5, sheets: ["我的表"], failAt: (op, n) => (armed && failAt ? failAt(op, n) : null) });
    await writeLayout(host.run as unknown as ExcelRun, buildLayout(plan, entriesFor(plan)), { api19: true });
    armed = true;
    return { host, plan };
  }

  it("a new ledger is rolled back wherever it fails before it is complete", async () => {
    const layout = buildLayout(seedPlan());
    const probe = createFakeExcel({ sheets: ["我的表"] }).host;
    await writeLayout(probe.run as unknown as ExcelRun, layout, { api19: true });
    const total = probe.stats.ops;
    let rolledBack = 0;
    for (const frac of [0.001, 0.05, 0.2, 0.4, 0.6, 0.8, 0.9, 0.97, 0.995]) {
      const failAtOp = Math.max(1, Math.round(total * frac));
      const { host } = createFakeExcel({
        sheets: ["我的表"],
        failAt: (_op, n) => (n === failAtOp ? new FakeOfficeError("GeneralException", "injected") : null),
      });
      await host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("我的表").getRange("A1").values = [["自己的内容"]];
        await ctx.sync();
      });
      const original = snapshotFake(host);
      const err = await writeLayout(host.run as unknown as ExcelRun, layout, { api19: true }).catch((e) => e);
      if (!(err instanceof LedgerWriteError)) continue; // the failure fell in the print setup: a warning
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
      if (err.outcome === "rolled-back") {
        rolledBack++;
        expect(err.message).toMatch(/已撤销，工作簿未改变/);
        expect(snapshotFake(host)).toEqual(original);
      } else {
        expect(err.outcome).toBe("partial");
        expect(err.message).toMatch(/台账已写入.*收尾未完成/);
      }
    }
    expect(rolledBack).toBeGreaterThanOrEqual(6);
  });

  it("an update that fails once is written again and ends as a clean update would", async () => {
    const clean = await filledWorkbook();
    await writeLayout(clean.host.run as unknown as ExcelRun, buildLayout(clean.plan), { api19: true });
    const expected = snapshotFake(clean.host);
    const probe = await filledWorkbook();
    const start = probe.host.stats.ops;
    await writeLayout(probe.host.run as unknown as ExcelRun, buildLayout(probe.plan), { api19: true });
    const total = probe.host.stats.ops - start;
    let retried = 0;
    for (const frac of [0.01, 0.2, 0.5, 0.8, 0.95]) {
      const { host, plan } = await filledWorkbook();
      const failAtOp = host.stats.ops + Math.max(1, Math.round(total * frac));
      host.options.failAt = (_op, n) => (n === failAtOp ? new FakeOfficeError("GeneralException", "injected") : null);
      const result = await writeLayout(host.run as unknown as ExcelRun, buildLayout(plan), { api19: true }).catch((e) => e);
      host.options.failAt = undefined;
      if (result instanceof LedgerWriteError) {
        // A failure while unprotecting changes nothing; one in the finish step leaves the ledger written.
        expect(["rolled-back", "partial"]).toContain(result.outcome);
        continue;
      }
      if (result.attempts === 2) {
        retried++;
        expect(snapshotFake(host)).toEqual(expected);
      }
    }
    expect(retried).toBeGreaterThanOrEqual(2);
  });

  it("an update that fails twice says the ledger may be incomplete and how to get it back", async () => {
    const { host, plan } = await filledWorkbook();
    let n = 0;
    host.options.failAt = (op) => (op === "names.add" && n++ < 2 ? new FakeOfficeError("GeneralException", "injected") : null);
    const err = await writeLayout(host.run as unknown as ExcelRun, buildLayout(plan), { api19: true }).catch((e) => e);
    expect(err).toBeInstanceOf(LedgerWriteError);
    expect(err.outcome).toBe("partial");
    expect(err.message).toMatch(/重试也失败.*版本历史/);
  });

  it("explains an Excel error in Chinese", async () => {
    let fired = false;
    const { host } = createFakeExcel({
      failAt: (op) => {
        if (op !== "names.add" || fired) return null;
        fired = true;
        return new FakeOfficeError("ItemAlreadyExists", "exists");
      },
    });
    const original = snapshotFake(host);
    const err = await writeLayout(host.run as unknown as ExcelRun, buildLayout(seedPlan())).catch((e) => e);
    expect(err.message).toMatch(/同名的工作表、表格或名称已存在（ItemAlreadyExists/);
    expect(err.message).toMatch(/已撤销/);
    expect(snapshotFake(host)).toEqual(original);
  });
});

export type { FakeExcelHost };
