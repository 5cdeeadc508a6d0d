import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ledgerToGrid, setCell } from "./fixtures/ledger/grid";
import { smallLedger } from "./fixtures/ledger/plans";
import { gridToXlsx, minimalDocx } from "./fixtures/ledger/xlsx";

const BIN = join(import.meta.dirname, "..", "bin", "plan-ledger.js");
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 99) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "ledger-cli-"));
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  const clean = smallLedger();
  // fill Q3 for every task so that the clean file has no problem at all
  for (const t of clean.plan.tasks) clean.entries.push({ taskId: t.id, quarter: 3, status: "序时推进", progress: "推进中", problems: "", nextSteps: "" });
  clean.entries = clean.entries.filter((e) => e.status !== null);
  clean.actuals = clean.actuals.filter((a) => clean.entries.some((e) => `${e.taskId}` === a.targetId.split(".")[0] && e.quarter === a.quarter));
  await gridToXlsx(ledgerToGrid(clean), file("clean.xlsx"));
  const messy = ledgerToGrid(smallLedger());
  setCell(messy, "指标", "J5", "约50");
  await gridToXlsx(messy, file("messy.xlsx"));
  const renamed = ledgerToGrid(smallLedger());
  setCell(renamed, "指标", "C2", "指标名称");
  await gridToXlsx(renamed, file("renamed-header.xlsx"));
  const missing = ledgerToGrid(smallLedger());
  missing.sheets = missing.sheets.filter((s) => s.name !== "任务");
  await gridToXlsx(missing, file("missing-sheet.xlsx"));
  writeFileSync(file("not-a-zip.xlsx"), "序号,任务内容\n1,地区生产总值增长7%以上\n");
  writeFileSync(file("word.xlsx"), minimalDocx());
  for (const f of ["small-ledger.xls", "small-ledger.ods", "small-ledger.csv"]) copyFileSync(join(__dirname, "fixtures", "files", f), file(f));
  writeFileSync(file("~$clean.xlsx"), Buffer.concat([Buffer.from([8]), Buffer.from("zhangsan"), Buffer.alloc(156)]));
  writeFileSync(file("truncated.xlsx"), (await import("node:fs")).readFileSync(file("clean.xlsx")).subarray(0, 2000));
});

describe("plan-ledger check", () => {
  it("exits 0 and prints nothing on stdout for a clean ledger", async () => {
    const r = await cli("check", "--workbook", file("clean.xlsx"));
    expect(r.stderr).toContain("未发现问题");
    expect(r.stdout).toBe("");
    expect(r.code).toBe(0);
  });
  it("exits 1 and lists problems as Sheet!Cell: message", async () => {
    const r = await cli("check", "--workbook", file("messy.xlsx"), "--quarter", "3");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("指标!J5: 三季度实际值“约50”不是数字");
    expect(
      r.stdout
        .split("\n")
        .filter(Boolean)
        .every((l) => /^(任务|指标|设置)![A-Z]+\d+: /.test(l)),
    ).toBe(true);
  });
  it("prints the problems as JSON data with one key order", async () => {
    const r = await cli("check", "--workbook", file("messy.xlsx"), "--json");
    expect(r.code).toBe(1);
    const { quarter, problems } = JSON.parse(r.stdout);
    expect(quarter).toBe(3);
    const p = problems.find((x: { cell: string }) => x.cell === "J5");
    expect(p).toEqual({
      sheet: "指标",
      cell: "J5",
      row: 4,
      col: 9,
      severity: "error",
      code: "actual-not-number",
      message: expect.stringContaining("约50"),
      taskId: 3,
      targetId: "3.1",
      quarter: 3,
      units: ["区经济信息委", "区政府各部门", "区统计局"],
    });
    for (const x of problems) expect(Object.keys(x).slice(0, 7)).toEqual(["sheet", "cell", "row", "col", "severity", "code", "message"]);
  });
  it("sums up 未填报 per unit (every unit a task names: count and task numbers) on stderr, and as `units` in --json", async () => {
    const [text, json] = await Promise.all([
      cli("check", "--workbook", file("messy.xlsx"), "--quarter", "3"),
      cli("check", "--workbook", file("messy.xlsx"), "--quarter", "3", "--json"),
    ]);
    const { problems, units } = JSON.parse(json.stdout) as {
      problems: { code: string; quarter?: number; taskId?: number; units?: string[] }[];
      units: { unit: string; problems: number; unreported: number[] }[];
    };
    // Expected, by hand from the problem list: each task without a Q3 status under each unit it names.
    const byUnit = new Map<string, number[]>();
    for (const p of problems.filter((x) => x.code === "status-missing" && x.quarter === 3))
      for (const u of new Set(p.units)) byUnit.set(u, [...(byUnit.get(u) ?? []), p.taskId!]);
    const tasks = new Set(problems.filter((x) => x.code === "status-missing" && x.quarter === 3).map((x) => x.taskId));
    expect(tasks.size).toBeGreaterThan(1);
    expect(byUnit.size).toBeGreaterThan(1);
    const lines = text.stderr.trim().split("\n");
    expect(lines[1]).toBe(
      `未填报三季度状态：${tasks.size} 项任务，涉及 ${byUnit.size} 个单位 (not reported for quarter 3: ${tasks.size} tasks, ${byUnit.size} units)`,
    );
    expect(lines.slice(2).sort()).toEqual([...byUnit].map(([u, ids]) => `  ${u}：${ids.length} 项（任务 ${ids.join("、")}）`).sort());
    // --json keeps quarter and problems and adds the same groups.
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(["quarter", "problems", "units"]);
    for (const [u, ids] of byUnit) expect(units.find((g) => g.unit === u)?.unreported).toEqual(ids);
    for (const g of units) expect(g.problems).toBe(problems.filter((p) => (p.units?.length ? p.units.includes(g.unit) : g.unit === "（未指定单位）")).length);
    // The unit count of the summary line is the groups' count.
    expect(lines[0]).toContain(`涉及 ${units.length} 个单位`);
  });
  it("a clean ledger has no 未填报 lines", async () => {
    const r = await cli("check", "--workbook", file("clean.xlsx"));
    expect(r.stderr).not.toContain("未填报");
  });
  it.each([
    ["not-a-zip.xlsx", "是 CSV 文本文件"],
    ["word.xlsx", "是 Word 文档"],
    ["small-ledger.xls", "旧版 Excel 97-2003 工作簿（.xls）"],
    ["small-ledger.ods", "OpenDocument 表格（.ods）"],
    ["small-ledger.csv", "是 CSV 文本文件"],
    ["~$clean.xlsx", "临时锁定文件"],
    ["truncated.xlsx", "已损坏"],
    ["missing-sheet.xlsx", "缺少工作表“任务”"],
    ["renamed-header.xlsx", "找不到列“指标”"],
    ["nonexistent.xlsx", "文件不存在"],
  ])("exits 2 with one clear message for %s", async (name, words) => {
    const r = await cli("check", "--workbook", file(name));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(words);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  });
  it("reads --quarter as people write it: 2, Q2, 二季度, 第二季度, full-width ２", async () => {
    const runs = await Promise.all(["Q2", "二季度", "第二季度", "２"].map((q) => cli("check", "--workbook", file("messy.xlsx"), "--quarter", q, "--json")));
    for (const r of runs) expect(JSON.parse(r.stdout).quarter).toBe(2);
  });
  it("names the option and the value of a bad --quarter, exit 2", async () => {
    for (const cmd of ["check", "export"]) {
      const r = await cli(cmd, "--workbook", file("clean.xlsx"), "--quarter", "五季度", "--json");
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^--quarter 应为 1–4 季度（如 3、Q3、三季度、第三季度），“五季度”无效/);
    }
  });
  it("exits 2 on bad arguments", async () => {
    expect((await cli("check")).code).toBe(2);
    expect((await cli("check", "--workbook", file("clean.xlsx"), "--quarter", "5")).code).toBe(2);
  });
});

describe("plan-ledger export", () => {
  it("prints { ledger, scores } that depend only on the content", async () => {
    const a = await cli("export", "--workbook", file("clean.xlsx"), "--json");
    expect(a.code).toBe(0);
    const copy = file("copy of clean.xlsx");
    writeFileSync(copy, (await import("node:fs")).readFileSync(file("clean.xlsx")));
    const b = await cli("export", "--workbook", copy, "--json");
    expect(b.stdout).toBe(a.stdout);
    const out = JSON.parse(a.stdout);
    expect(Object.keys(out)).toEqual(["ledger", "scores"]);
    expect(out.ledger.plan.tasks).toHaveLength(6);
    expect(out.scores.quarter).toBe(3);
    expect(a.stdout).not.toContain("clean");
    const q2 = JSON.parse((await cli("export", "--workbook", file("clean.xlsx"), "--json", "--quarter", "2")).stdout);
    expect(q2.scores.quarter).toBe(2);
    expect(q2.ledger.settings.quarter).toBe(2);
  });
  it("exits 2 for a non-ledger", async () => {
    const r = await cli("export", "--workbook", file("word.xlsx"), "--json");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});
