/**
 * Implausible actuals in a filled workbook (written by exceljs, and saved by LibreOffice): each is a
 * problem at its cell with the likely intended value, counts as not filled until its row's 核实 says
 * 已核实 (in the scores and in the workbook's own 本季度实际值), and once confirmed is a warning.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ledger } from "../shared/ledger/schema";
import { ledgerLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger } from "../shared/workbook/reader";
import { checkRead } from "../shared/workbook/check";
import { updateFromGrid } from "../shared/workbook/update";
import type { LedgerProblem, WorkbookGrid } from "../shared/workbook/reader.grid";
import { CONFIRM_WORD, SHEETS, TARGET_COLUMNS } from "../shared/workbook/labels";
import { COLS } from "../shared/workbook/layout.positions";
import { cellText, unwrap } from "../shared/workbook/reader.cells";
import { defaultSettings, scoreLedger } from "../shared/scoring/index";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { recalc, sofficeAvailable } from "./helpers/libreoffice";
import { smallPlanWithAmount } from "./helpers/small-plan";
import { xlsxToGrid } from "./fixtures/ledger/xlsx";

const BIN = join(import.meta.dirname, "..", "bin", "plan-ledger.js");
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 99) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const plan = smallPlanWithAmount;

/**
 * Quarter 2, every task reported. 1.1 (7%): 0.07, a fraction; 2.1 (5.5% cap): 0.055, a fraction but
 * its row is 已核实; 3.1 (200 个): 1E+308; 3.2 (30 家): 14, plausible; 3.3 (150 亿元): 18400000000 in 元.
 */
const ledger: Ledger = {
  plan: plan(),
  settings: { ...defaultSettings, quarter: 2 },
  entries: [1, 2, 3, 4].map((taskId) => ({ taskId, quarter: 2 as const, status: "序时推进" as const, progress: "推进中", problems: "", nextSteps: "" })),
  actuals: [
    { targetId: "1.1", quarter: 2, value: 0.07 },
    { targetId: "2.1", quarter: 2, value: 0.055, confirmed: true },
    { targetId: "3.1", quarter: 2, value: 1e308 },
    { targetId: "3.2", quarter: 2, value: 14 },
    { targetId: "3.3", quarter: 2, value: 18_400_000_000 },
  ],
  demo: false,
};

/** Row (1-based) of a target in the written 指标 sheet. */
const rowOf = (id: string) => 3 + ledger.plan.tasks.flatMap((t) => t.targets).findIndex((g) => g.id === id);
const q2 = (id: string) => `${COLS.targets["q2.actual"]}${rowOf(id)}`;

const dir = mkdtempSync(join(tmpdir(), "ledger-plausible-"));
const written = join(dir, "written.xlsx");
let libre: string | null = null;

beforeAll(async () => {
  writeFileSync(written, await writeWorkbook(ledgerLayout(ledger)));
  if (sofficeAvailable()) libre = await recalc(written);
}, 180_000);

async function gridOf(which: "exceljs" | "libreoffice"): Promise<WorkbookGrid> {
  if (which === "exceljs") return xlsxToGrid(readFileSync(written));
  if (!libre) throw new Error("LibreOffice not available");
  return loadWorkbookGrid(readFileSync(libre), "libre.xlsx");
}

const implausibles = (ps: readonly LedgerProblem[]) => ps.filter((p) => p.code === "actual-implausible");

describe.each(["exceljs", "libreoffice"] as const)("a workbook written by exceljs%s", (which) => {
  const skip = which === "libreoffice" && !sofficeAvailable();

  it.skipIf(skip)("names every implausible actual at its cell, with the value and the likely intended one", async () => {
    const read = readLedger(await gridOf(which));
    const ps = implausibles(read.problems);
    expect(ps.map((p) => [p.cell, p.severity, p.targetId, p.quarter])).toEqual([
      [q2("1.1"), "error", "1.1", 2],
      [q2("2.1"), "warning", "2.1", 2],
      [q2("3.1"), "error", "3.1", 2],
      [q2("3.3"), "error", "3.3", 2],
    ]);
    const msg = (id: string) => ps.find((p) => p.targetId === id)!.message;
    expect(msg("1.1")).toContain("二季度实际值 0.07 像是把百分数写成了小数");
    expect(msg("1.1")).toContain("请填写 7");
    expect(msg("1.1")).toContain(`“${TARGET_COLUMNS.confirm}”列选“${CONFIRM_WORD}”`);
    expect(msg("2.1")).toContain(`已选“${CONFIRM_WORD}”，按所填数值计算`);
    expect(msg("3.1")).toContain("1E+308");
    expect(msg("3.1")).toContain("超过目标 200个 的 100 倍");
    expect(msg("3.3")).toContain("18400000000");
    expect(msg("3.3")).toContain("请填写 184");
    // the values are read as typed (an update keeps them); only 2.1's row is confirmed
    expect(read.ledger.actuals).toEqual(ledger.actuals);
  });

  it.skipIf(skip)("scores an implausible actual as not filled until its row is 已核实", async () => {
    const read = readLedger(await gridOf(which));
    const s = scoreLedger(read.ledger);
    const t = (id: string) => s.targets.find((g) => g.targetId === id)!;
    for (const id of ["1.1", "3.1", "3.3"]) expect([t(id).actual, t(id).completion, t(id).state], id).toEqual([null, null, null]);
    expect([t("2.1").actual, t("2.1").state]).toEqual([0.055, "达标"]);
    expect([t("3.2").actual, t("3.2").state]).toEqual([14, "序时"]);
  });

  it.skipIf(skip)("check lists them (exit 1), sorted with the other problems", async () => {
    const read = readLedger(await gridOf(which));
    const ps = checkRead(read, 2);
    expect(ps.filter((p) => p.severity === "error").map((p) => p.code)).toEqual(["actual-implausible", "actual-implausible", "actual-implausible"]);
  });
});

describe.skipIf(!sofficeAvailable())("the workbook's own formulas, recalculated by LibreOffice", () => {
  it("leave 本季度实际值, 完成率 and 状态 blank for an unconfirmed implausible actual, and use a confirmed one", async () => {
    const grid = await gridOf("libreoffice");
    const sheet = grid.sheets.find((s) => s.name === SHEETS.targets)!;
    const cell = (key: keyof typeof COLS.targets, id: string) => {
      const c = COLS.targets[key].charCodeAt(0) - 65;
      return unwrap((sheet.values[rowOf(id) - 1]?.[c] ?? null) as never);
    };
    for (const id of ["1.1", "3.1", "3.3"]) {
      expect(cellText(cell("currentActual", id) as never), id).toBe("");
      expect(cellText(cell("state", id) as never), id).toBe("");
    }
    expect(cell("currentActual", "2.1")).toBe(0.055);
    expect(cellText(cell("state", "2.1") as never)).toBe("达标");
    expect(cell("currentActual", "3.2")).toBe(14);
  });
});

describe("the 核实 column", () => {
  it("confirms nothing but 已核实: another word is a problem at its cell, and the actual still does not count", async () => {
    const layout = ledgerLayout(ledger);
    const targets = layout.sheets.find((s) => s.key === "targets")!;
    const c = COLS.targets.confirm.charCodeAt(0) - 65;
    targets.rows[rowOf("1.1") - 1]!.cells[c] = { value: "是" };
    const read = readLedger(await xlsxToGrid(await writeWorkbook(layout)));
    const p = read.problems.find((x) => x.code === "confirm-unknown")!;
    expect(p.cell).toBe(`${COLS.targets.confirm}${rowOf("1.1")}`);
    expect(p.message).toContain("“是”不算核实");
    expect(scoreLedger(read.ledger).targets.find((g) => g.targetId === "1.1")!.actual).toBeNull();
  });

  it("is an input column with a one-word list, after every other column", () => {
    const targets = ledgerLayout(ledger).sheets.find((s) => s.key === "targets")!;
    const last = targets.columns[targets.columns.length - 1]!;
    expect(last).toMatchObject({ key: "confirm", label: TARGET_COLUMNS.confirm, input: true });
    const v = targets.validations.find((x) => x.range.startsWith(COLS.targets.confirm))!;
    expect(v).toMatchObject({ type: "list", list: [CONFIRM_WORD], allowBlank: true, range: `${COLS.targets.confirm}3:${COLS.targets.confirm}${rowOf("3.3")}` });
  });

  it("survives a rewrite (--update), which an implausible actual does not stop", async () => {
    const up = updateFromGrid(await xlsxToGrid(readFileSync(written)), plan());
    expect(up.ok).toBe(true);
    if (!up.ok) return;
    expect(up.ledger.actuals).toEqual(ledger.actuals);
    const read = readLedger(await xlsxToGrid(await writeWorkbook(up.layout)));
    expect(implausibles(read.problems).map((p) => p.severity)).toEqual(["error", "warning", "error", "error"]);
  });
});

describe("plan-ledger check and export", () => {
  it("check exits 1 naming each cell; export scores without the unconfirmed values", async () => {
    const c = await cli("check", "--workbook", written);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain(`指标!${q2("1.1")}: 指标 1.1（地区生产总值增长）二季度实际值 0.07 像是把百分数写成了小数`);
    expect(c.stdout).toContain(
      `指标!${q2("3.3")}: 指标 3.3（完成固定资产投资）二季度实际值 18400000000 比目标 150亿元 大约 1 亿 倍，可能按“元”而不是“亿元”填写`,
    );
    const e = await cli("export", "--workbook", written, "--json");
    expect(e.code).toBe(0);
    const { scores } = JSON.parse(e.stdout) as { scores: { targets: { targetId: string; actual: number | null; state: string | null }[] } };
    expect(scores.targets.map((g) => [g.targetId, g.actual, g.state])).toEqual([
      ["1.1", null, null],
      ["2.1", 0.055, "达标"],
      ["3.1", null, null],
      ["3.2", 14, "序时"],
      ["3.3", null, null],
    ]);
  });
});
