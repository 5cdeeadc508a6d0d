/**
 * `plan-ledger split` end to end: the demo master split into one file per unit, unknown or collective
 * units refused, and `check` / `export` run on a unit workbook (a unit sees its problems before sending).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPlanFile } from "../cli/io/plan-file";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { unitScope, unitsToSplit } from "../shared/collect/scope";
import { readUnitWorkbook } from "../shared/workbook/unit-reader";
import { unitFileNames } from "../shared/collect/file-name";
import type { Plan } from "../shared/plan/schema";

const BIN = join(import.meta.dirname, "..", "bin", "plan-ledger.js");
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 99) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "split-cli-"));
const master = join(dir, "master.xlsx");
const out = join(dir, "units");
let plan: Plan;
let split: { code: number; stdout: string; stderr: string };
const UNIT = "区发展改革委";

beforeAll(async () => {
  plan = (await loadPlanFile()).plan!;
  expect((await cli("workbook", "--demo", "--out", master)).code).toBe(0);
  split = await cli("split", "--workbook", master, "--quarter", "2", "--out", out, "--deadline", "2023-07-10");
}, 240_000);

describe("plan-ledger split", () => {
  it("writes one file per named unit, one line each, and a summary", () => {
    expect(split.stderr).toContain("已分发");
    expect(split.code).toBe(0);
    const units = unitsToSplit(plan);
    const files = readdirSync(out).sort();
    expect(files).toEqual(unitFileNames(units, 2023, 2).sort());
    expect(split.stdout.trim().split("\n")).toHaveLength(units.length);
    expect(split.stdout).toContain(`2023-Q2-${UNIT}.xlsx`);
    // collectives get none, and the summary says who reports their tasks
    expect(files.some((f) => f.includes("各乡镇"))).toBe(false);
    expect(split.stderr).toMatch(/统称 \d+ 个.*不单独分发/);
    expect(split.stderr).toMatch(/任务 [\d、]+ 只由统称填报/);
  });

  it("each file reads back as its unit's workbook for quarter 2 with the deadline", async () => {
    const file = join(out, `2023-Q2-${UNIT}.xlsx`);
    const { identity, read } = readUnitWorkbook(await loadWorkbookGrid(readFileSync(file), file));
    expect(identity.unit).toBe(UNIT);
    expect(identity.quarter).toBe(2);
    expect(identity.deadline).toBe("2023-07-10");
    const scope = unitScope(plan, UNIT);
    expect(read.ledger.plan.tasks).toHaveLength(scope.reports.size + scope.shares.size);
  });

  it("refuses unknown units with close matches, collectives, a bad deadline and a unit workbook as master", async () => {
    const typo = await cli("split", "--workbook", master, "--quarter", "2", "--out", join(dir, "x"), "--units", `${UNIT},发展改革`);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("方案中没有单位“发展改革”，是否是：区发展改革委");
    const collective = await cli("split", "--workbook", master, "--quarter", "2", "--out", join(dir, "x"), "--units", "各乡镇（街道）");
    expect(collective.code).toBe(2);
    expect(collective.stderr).toContain("是统称，不单独分发填报表");
    const date = await cli("split", "--workbook", master, "--quarter", "2", "--out", join(dir, "x"), "--deadline", "2023-02-30");
    expect(date.code).toBe(2);
    expect(date.stderr).toContain("--deadline 应为日期");
    const unitFile = await cli("split", "--workbook", join(out, `2023-Q2-${UNIT}.xlsx`), "--quarter", "2", "--out", join(dir, "x"));
    expect(unitFile.code).toBe(2);
    expect(unitFile.stderr).toContain(`这是“${UNIT}”的单位填报表`);
    expect(() => readdirSync(join(dir, "x"))).toThrow();
  }, 120_000);

  it("--units writes only the units named", async () => {
    const some = join(dir, "some");
    const r = await cli("split", "--workbook", master, "--quarter", "3", "--out", some, "--units", `${UNIT}，区财政局`);
    expect(r.code).toBe(0);
    expect(readdirSync(some).sort()).toEqual([`2023-Q3-${UNIT}.xlsx`, "2023-Q3-区财政局.xlsx"].sort());
  }, 60_000);
});

describe("check and export on a unit workbook", () => {
  it("check lists only the unit's own rows, never another unit's task as missing", async () => {
    const r = await cli("check", "--workbook", join(out, `2023-Q2-${UNIT}.xlsx`), "--json");
    expect([0, 1]).toContain(r.code);
    const { quarter, problems } = JSON.parse(r.stdout) as { quarter: number; problems: { code: string; taskId?: number }[] };
    expect(quarter).toBe(2);
    const scope = unitScope(plan, UNIT);
    expect(problems.filter((p) => p.code === "plan-row-missing" || p.code === "sheet-rebuilt" || p.code === "foreign-content")).toEqual([]);
    for (const p of problems) if (p.taskId !== undefined) expect(scope.reports.has(p.taskId) || scope.shares.has(p.taskId)).toBe(true);
  }, 60_000);

  it("export gives the unit's ledger and its scores", async () => {
    const r = await cli("export", "--workbook", join(out, `2023-Q2-${UNIT}.xlsx`), "--json");
    expect(r.code).toBe(0);
    const { ledger, scores } = JSON.parse(r.stdout) as {
      ledger: { plan: Plan; entries: { quarter: number }[] };
      scores: { quarter: number; tasks: unknown[] };
    };
    const scope = unitScope(plan, UNIT);
    expect(ledger.plan.tasks.map((t) => t.id).sort((a, b) => a - b)).toEqual([...scope.reports, ...scope.shares].sort((a, b) => a - b));
    expect(scores.quarter).toBe(2);
    expect(scores.tasks).toHaveLength(scope.reports.size + scope.shares.size);
    // later quarters are not in a unit's file
    expect(ledger.entries.every((e) => e.quarter <= 2)).toBe(true);
  }, 60_000);
});
