/** 导入计划 over a filled ledger refuses, naming the cell, when a column a unit added to 任务 holds content the rewrite would drop. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import { SHEETS } from "../shared/workbook/labels";
import { importPlan } from "../addin/excel/ledger.officejs";
import type { ExcelRun } from "../addin/excel/writer.officejs";
import { createFakeExcel, type FakeExcelHost } from "./fakes/excel-fake";

const seed = parsePlan(readFileSync(join(import.meta.dirname, "../seeds/liangping-2023.txt"), "utf8")).plan!;
const runOf = (host: FakeExcelHost) => host.run as unknown as ExcelRun;

async function type(host: FakeExcelHost, address: string, value: unknown) {
  await host.run(async (ctx) => {
    // A unit that wants a column of its own unprotects the sheet (no password by default).
    const ws = ctx.workbook.worksheets.getItem(SHEETS.tasks);
    ws.protection.unprotect();
    ws.getRange(address).values = [[value]];
    await ctx.sync();
  });
}

describe("导入计划 over a ledger with a column of one's own", () => {
  it("refuses with a Chinese message naming the cell and writes nothing; an empty added column is fine", async () => {
    const { host } = createFakeExcel({ payloadLimit: 5 * 1024 * 1024 });
    await importPlan(runOf(host), seed, { api19: true });
    await type(host, "AN2", "备注");
    await expect(importPlan(runOf(host), seed, { api19: true })).resolves.toBeTruthy();
    await type(host, "AN2", "备注");
    await type(host, "AN6", "领导批示：加快推进");
    const before = JSON.stringify(host.sheets.map((sh) => [sh.name, sh.protection]));
    // The pane's own message: Chinese only, no English gloss to strip.
    await expect(importPlan(runOf(host), seed, { api19: true })).rejects.toThrow(/^台账表中有不属于台账的列（任务!AN6）[^A-Za-z]*$/);
    expect(JSON.stringify(host.sheets.map((sh) => [sh.name, sh.protection]))).toBe(before);
  });
});
