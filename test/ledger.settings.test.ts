/**
 * A setting out of range (当前季度 7, a negative weight, text, a pace outside 0–1) is a problem naming
 * its cell, and no command guesses: `check` checks the quarter given or none, `export` and `report`
 * refuse (exit 2, one line naming the cell) unless --quarter replaces an invalid 当前季度. Workbooks
 * written by exceljs, and the same saved by LibreOffice.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ledger } from "../shared/ledger/schema";
import { ledgerLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger } from "../shared/workbook/reader";
import { checkLedger } from "../shared/workbook/check";
import { updateFromGrid } from "../shared/workbook/update";
import { settingsRefusal } from "../shared/workbook/sheet.settings";
import { defaultSettings } from "../shared/scoring/index";
import { parseCellAddress } from "../shared/vocabulary";
import { recalc, sofficeAvailable } from "./helpers/libreoffice";
import { smallPlan } from "./helpers/small-plan";
import { xlsxToGrid } from "./fixtures/ledger/xlsx";

const BIN = join(import.meta.dirname, "..", "bin", "plan-ledger.js");
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 99) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Quarter 2 fully reported for task 1 only; quarter 3 reported for every task. */
const ledger: Ledger = {
  plan: smallPlan(),
  settings: { ...defaultSettings, quarter: 2 },
  entries: [
    { taskId: 1, quarter: 2, status: "序时推进", progress: "", problems: "", nextSteps: "" },
    ...[1, 2, 3, 4].map((taskId) => ({ taskId, quarter: 3 as const, status: "已完成" as const, progress: "", problems: "", nextSteps: "" })),
  ],
  actuals: [],
  demo: false,
};

/** The ledger's workbook with 设置 cells set (A1 → value). */
async function withSettings(cells: Record<string, unknown>): Promise<Uint8Array> {
  const layout = ledgerLayout(ledger);
  const settings = layout.sheets.find((s) => s.key === "settings")!;
  for (const [a1, value] of Object.entries(cells)) {
    const { row, col } = parseCellAddress(a1)!;
    settings.rows[row]!.cells[col] = { value: value as never, style: "settingInput" };
  }
  return writeWorkbook(layout);
}

const CASES = {
  quarter7: { B3: 7 },
  quarterText: { B3: "三季度" },
  negativeWeight: { B4: -1 },
  toleranceText: { B6: "一成" },
  pace: { B16: 1.5 },
  quarter7AndWeight: { B3: 7, B5: -0.5 },
} as const;
type Case = keyof typeof CASES;

const dir = mkdtempSync(join(tmpdir(), "ledger-settings-"));
const files: Record<"exceljs" | "libreoffice", Partial<Record<Case, string>>> = { exceljs: {}, libreoffice: {} };

beforeAll(async () => {
  for (const [name, cells] of Object.entries(CASES) as [Case, Record<string, unknown>][]) {
    const path = join(dir, `${name}.xlsx`);
    writeFileSync(path, await withSettings(cells));
    files.exceljs[name] = path;
  }
  if (sofficeAvailable()) for (const name of ["quarter7", "negativeWeight"] as const) files.libreoffice[name] = await recalc(files.exceljs[name]!);
}, 300_000);

describe("a setting out of range is a problem naming its cell", () => {
  it.each([
    ["quarter7", "B3", "当前季度“7”无效：应为 1、2、3 或 4"],
    ["quarterText", "B3", "当前季度“三季度”无效"],
    ["negativeWeight", "B4", "牵头单位权重“-1”无效：应为不小于 0 的数字"],
    ["toleranceText", "B6", "脱幅容差“一成”无效"],
    ["pace", "B16", "二季度“1.5”无效：应为 0–1 的小数"],
  ] as const)("%s: 设置!%s", async (name, cell, words) => {
    const { readFileSync } = await import("node:fs");
    const read = readLedger(await xlsxToGrid(readFileSync(files.exceljs[name]!)));
    const ps = read.problems.filter((p) => p.code === "settings-invalid");
    expect(ps.map((p) => [p.sheet, p.cell])).toEqual([["设置", cell]]);
    expect(ps[0]!.message).toContain(words);
    // only the quarter may be replaced by a given one
    expect(settingsRefusal(read, true).length).toBe(cell === "B3" ? 0 : 1);
    expect(settingsRefusal(read, false).length).toBe(1);
  });

  it("checkLedger checks the quarter given, or none, never a guessed one", async () => {
    const { readFileSync } = await import("node:fs");
    const grid = await xlsxToGrid(readFileSync(files.exceljs.quarter7!));
    const none = checkLedger(grid);
    expect(none.ok && none.quarter).toBeNull();
    if (!none.ok) return;
    expect(none.problems.filter((p) => p.code === "status-missing")).toEqual([]);
    expect(none.problems.filter((p) => p.code === "future-quarter")).toEqual([]);
    const q2 = checkLedger(grid, { quarter: 2 });
    if (!q2.ok) throw new Error("not read");
    expect(q2.quarter).toBe(2);
    expect(q2.problems.filter((p) => p.code === "status-missing").map((p) => p.taskId)).toEqual([2, 3, 4]);
  });
});

describe.each(["exceljs", "libreoffice"] as const)("the commands on a workbook saved by %s", (which) => {
  const skip = which === "libreoffice" && !sofficeAvailable();
  const file = (name: Case) => files[which][name]!;

  it.skipIf(skip)("check: reports 当前季度 7 (exit 1) and checks no quarter, or the one given", async () => {
    const r = await cli("check", "--workbook", file("quarter7"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("设置!B3: 当前季度“7”无效");
    expect(r.stdout).not.toContain("未填报");
    expect(r.stderr).toContain("未检查季度状态：当前季度无效，可加 --quarter 指定");
    const json = JSON.parse((await cli("check", "--workbook", file("quarter7"), "--json")).stdout) as { quarter: number | null };
    expect(json.quarter).toBeNull();
    const q2 = await cli("check", "--workbook", file("quarter7"), "--quarter", "2");
    expect(q2.code).toBe(1);
    expect(q2.stdout).toContain("设置!B3: 当前季度“7”无效");
    expect(q2.stdout).toContain("任务 2 未填报二季度状态");
    expect(q2.stderr).toContain("检查第 2 季度");
  });

  it.skipIf(skip)("export: refuses 当前季度 7 with one line naming 设置!B3 (exit 2); --quarter replaces it", async () => {
    const r = await cli("export", "--workbook", file("quarter7"), "--json");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^设置!B3: 当前季度“7”无效.*或加 --quarter 1–4 指定季度/);
    const q3 = await cli("export", "--workbook", file("quarter7"), "--quarter", "3", "--json");
    expect(q3.code).toBe(0);
    const out = JSON.parse(q3.stdout) as { ledger: Ledger; scores: { quarter: number; overall: { byStatus: Record<string, number> } } };
    expect(out.scores.quarter).toBe(3);
    expect(out.ledger.settings).toEqual({ ...defaultSettings, quarter: 3 });
    expect(out.scores.overall.byStatus.已完成).toBe(4);
  });

  it.skipIf(skip)("export and report: a negative weight refuses even with --quarter, naming 设置!B4", async () => {
    for (const args of [
      ["export", "--json"],
      ["export", "--quarter", "2", "--json"],
      ["report", "--quarter", "2", "--out", join(dir, `out-${which}`)],
    ]) {
      const [cmd, ...rest] = args;
      const r = await cli(cmd!, "--workbook", file("negativeWeight"), ...rest);
      expect(r.code, args.join(" ")).toBe(2);
      const lines = r.stderr.split("\n").filter(Boolean);
      expect(lines, args.join(" ")).toHaveLength(1);
      expect(lines[0]).toMatch(/^设置!B4: 牵头单位权重“-1”无效.*--quarter 只能代替当前季度/);
    }
  });
});

describe("workbook --update", () => {
  it("does not put a default in place of an invalid setting: it refuses, naming the cell, unless forced", async () => {
    const { readFileSync } = await import("node:fs");
    const grid = await xlsxToGrid(readFileSync(files.exceljs.quarter7!));
    const up = updateFromGrid(grid, null);
    expect(up.ok).toBe(false);
    if (up.ok || up.reason !== "lossy") throw new Error("expected a refusal");
    expect(up.problems.map((p) => `${p.sheet}!${p.cell}`)).toEqual(["设置!B3"]);
    expect(updateFromGrid(grid, null, { force: true }).ok).toBe(true);
  });
});

describe("report", () => {
  it("refuses 当前季度 7 without --quarter (exit 2, one line naming 设置!B3, nothing written)", async () => {
    const out = join(dir, "report-q7");
    const r = await cli("report", "--workbook", files.exceljs.quarter7!, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([expect.stringMatching(/^设置!B3: 当前季度“7”无效/)]);
    const { existsSync } = await import("node:fs");
    expect(existsSync(out)).toBe(false);
  });

  it("with --quarter, still refuses another invalid setting: one line per bad cell", async () => {
    const r = await cli("report", "--workbook", files.exceljs.quarter7AndWeight!, "--quarter", "2", "--out", join(dir, "report-q7w"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([expect.stringMatching(/^设置!B5: 责任单位权重“-0.5”无效/)]);
    const both = await cli("export", "--workbook", files.exceljs.quarter7AndWeight!, "--json");
    expect(
      both.stderr
        .split("\n")
        .filter(Boolean)
        .map((l) => l.slice(0, 5)),
    ).toEqual(["设置!B3", "设置!B5"]);
  });
});
