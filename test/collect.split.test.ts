/**
 * Unit workbooks (单位填报表): the demo ledger split into one file per unit, written with exceljs and
 * read back. Each reads as a unit workbook with the identity it was given, holds exactly the unit's
 * rows, is locked where the unit may not fill, and refuses to read when its identity was tampered with.
 */
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { loadPlanFile } from "../cli/io/plan-file";
import { demoLedger } from "../shared/workbook/demo";
import type { Ledger } from "../shared/ledger/schema";
import type { Plan } from "../shared/plan/schema";
import { splitBase, unitWorkbookLayout, type SplitBase } from "../shared/workbook/unit-workbook";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readUnitWorkbook } from "../shared/workbook/unit-reader";
import { readLedger } from "../shared/workbook/reader";
import { checkLedger } from "../shared/workbook/check";
import { LedgerReadError, type WorkbookGrid } from "../shared/workbook/reader.grid";
import { unitScope, unitsToSplit } from "../shared/collect/scope";
import { unitInputs } from "../shared/collect/values";
import { ledgerValues, valueOf } from "../shared/collect/keys";
import { inputKeyId } from "../shared/collect/identity";
import { unitFileNames } from "../shared/collect/file-name";
import { closeNames } from "../shared/collect/unit-match";
import { planRecord } from "../shared/plan/record";
import { reportingUnits } from "../shared/plan/reporting";
import { SHEETS, IDENTITY_LABELS, UNIT_SHEETS } from "../shared/workbook/labels";
import { parseCellAddress } from "../shared/vocabulary";
import { xlsxToGrid } from "./fixtures/ledger/xlsx";
import { setCell } from "./fixtures/ledger/grid";

let plan: Plan;
let master: Ledger;
let base: SplitBase;
const files = new Map<string, { bytes: Uint8Array; grid: WorkbookGrid; made: ReturnType<typeof unitWorkbookLayout> }>();

// the demo fills Q1..Q2; the split is for Q2, so Q1 shows as earlier reports and Q2 as the base of the inputs
beforeAll(async () => {
  plan = (await loadPlanFile()).plan!;
  master = demoLedger(plan, 2023, 2);
  base = splitBase(master, { quarter: 2, deadline: "2023-07-10", splitAt: "2023-07-01T08:00:00.000Z", sendTo: "区政府督查办 张三 023-12345678" });
  for (const unit of unitsToSplit(plan)) {
    const made = unitWorkbookLayout(base, unit);
    const bytes = await writeWorkbook(made.layout);
    files.set(unit, { bytes, grid: await xlsxToGrid(bytes), made });
  }
}, 120_000);

const cellValue = (grid: WorkbookGrid, ref: string): unknown => {
  const [sheet, a1] = ref.split("!");
  const at = parseCellAddress(a1!)!;
  return grid.sheets.find((s) => s.name === sheet)!.values[at.row]?.[at.col];
};

describe("which units get a file", () => {
  it("every named unit that reports or shares a task, and no collective", () => {
    const units = unitsToSplit(plan);
    const collectives = plan.units.filter((u) => u.kind === "collective").map((u) => u.name);
    expect(collectives.length).toBeGreaterThan(0);
    for (const c of collectives) expect(units).not.toContain(c);
    const named = new Set(plan.tasks.flatMap((t) => [...t.lead, ...t.responsible]).filter((n) => !collectives.includes(n)));
    expect(new Set(units)).toEqual(named);
  });

  it("a task with no lead is reported by every responsible unit", () => {
    const task = { lead: [], responsible: ["区财政局", "区审计局"] };
    const p = { tasks: [{ ...plan.tasks[0]!, id: 1, ...task }] };
    expect(unitScope(p, "区审计局").reports.has(1)).toBe(true);
  });
});

describe("a unit workbook read back", () => {
  it("reads as that unit's workbook with the identity it was written with", () => {
    expect(files.size).toBe(unitsToSplit(plan).length);
    for (const [unit, f] of files) {
      const { identity, read } = readUnitWorkbook(f.grid);
      expect(identity).toEqual(f.made.identity);
      expect(identity.unit).toBe(unit);
      expect(identity.planSha256).toBe(planRecord(plan).sha256);
      expect(identity.deadline).toBe("2023-07-10");
      const scope = unitScope(plan, unit);
      expect(read.ledger.plan.tasks.map((t) => t.id)).toEqual(plan.tasks.filter((t) => scope.reports.has(t.id) || scope.shares.has(t.id)).map((t) => t.id));
      // the unit's rows are the expected ones: no task of another unit is reported missing
      expect(read.problems.filter((p) => p.code === "plan-row-missing" || p.code === "sheet-rebuilt")).toEqual([]);
      expect(read.problems.filter((p) => p.severity === "error").map((p) => `${p.sheet}!${p.cell} ${p.message}`)).toEqual([]);
    }
  });

  it("holds the master's value of every input at split, at the cell the identity names", () => {
    const lookup = ledgerValues(master);
    for (const f of files.values()) {
      const { identity, read } = readUnitWorkbook(f.grid);
      for (const b of identity.base) {
        const shown = b.key.kind === "entry" ? b.key.quarter <= 2 : b.key.kind === "actual" ? b.key.quarter <= 2 : true;
        expect(shown).toBe(true);
        expect(valueOf(ledgerValues(read.ledger), b.key), inputKeyId(b.key)).toEqual(b.value);
        expect(b.value, inputKeyId(b.key)).toEqual(valueOf(lookup, b.key));
        const raw = cellValue(f.grid, b.cell);
        if (b.key.kind === "entry" && b.key.field === "status") expect(raw ?? null).toBe(b.value);
        if (b.key.kind === "actual") expect(raw ?? null).toBe(b.value);
      }
    }
  });

  it("unlocks exactly this quarter's inputs of the tasks the unit reports; hides later quarters", async () => {
    const unit = "区发展改革委";
    const f = files.get(unit)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.bytes) as unknown as ArrayBuffer);
    const scope = unitScope(plan, unit);
    expect(scope.reports.size).toBeGreaterThan(0);
    expect(scope.shares.size).toBeGreaterThan(0);
    let editable = 0;
    for (const b of f.made.identity.base) {
      const [sheet, a1] = b.cell.split("!");
      const cell = wb.getWorksheet(sheet!)!.getCell(a1!);
      expect(cell.protection?.locked !== false, `${b.cell} ${inputKeyId(b.key)}`).toBe(!b.editable);
      const want =
        b.key.kind === "entry"
          ? b.key.quarter === 2 && scope.reports.has(b.key.taskId)
          : b.key.kind === "actual"
            ? b.key.quarter === 2
            : b.key.kind === "confirmed";
      expect(b.editable, inputKeyId(b.key)).toBe(want);
      if (b.editable) editable++;
    }
    const targets = plan.tasks.filter((t) => scope.reports.has(t.id)).reduce((n, t) => n + t.targets.length, 0);
    expect(editable).toBe(scope.reports.size * 4 + targets * 2);
    const tasks = wb.getWorksheet(SHEETS.tasks)!;
    expect((tasks as unknown as { sheetProtection?: object }).sheetProtection).toBeTruthy();
    const header = tasks.getRow(2).values as unknown[];
    const col = (label: string) => header.indexOf(label);
    expect(tasks.getColumn(col("三季度状态")).hidden).toBe(true);
    expect(tasks.getColumn(col("四季度下步打算")).hidden).toBe(true);
    expect(tasks.getColumn(col("一季度状态")).hidden).toBe(false);
    // the very hidden sheets are there
    expect(wb.getWorksheet(UNIT_SHEETS.identity)!.state).toBe("veryHidden");
    expect(wb.getWorksheet(SHEETS.record)!.state).toBe("veryHidden");
    expect(wb.getWorksheet(SHEETS.units)).toBeUndefined();
  });

  it("shows a shared task with the leads' earlier reports, read-only", () => {
    const unit = "区发展改革委";
    const scope = unitScope(plan, unit);
    const shared = [...scope.shares].find((id) => master.entries.some((e) => e.taskId === id && e.quarter === 1 && e.progress))!;
    expect(shared).toBeDefined();
    const { identity } = readUnitWorkbook(files.get(unit)!.grid);
    const cell = identity.base.find((b) => b.key.kind === "entry" && b.key.taskId === shared && b.key.quarter === 1 && b.key.field === "progress")!;
    expect(cell.editable).toBe(false);
    expect(cell.value).toBe(master.entries.find((e) => e.taskId === shared && e.quarter === 1)!.progress);
  });

  it("gives back what the unit typed, by input key", () => {
    const unit = "区发展改革委";
    const f = files.get(unit)!;
    const grid = structuredClone(f.grid);
    const status = f.made.identity.base.find((b) => b.editable && b.key.kind === "entry" && b.key.field === "status")!;
    const actual = f.made.identity.base.find((b) => b.editable && b.key.kind === "actual")!;
    setCell(grid, SHEETS.tasks, status.cell.split("!")[1]!, "已完成");
    setCell(grid, SHEETS.targets, actual.cell.split("!")[1]!, 123.5);
    const { read } = readUnitWorkbook(grid);
    expect(valueOf(ledgerValues(read.ledger), status.key)).toBe("已完成");
    expect(valueOf(ledgerValues(read.ledger), actual.key)).toBe(123.5);
  });
});

describe("refusals", () => {
  it("a master ledger is not a unit workbook", async () => {
    const { buildLayout } = await import("../shared/workbook/layout");
    const grid = await xlsxToGrid(await writeWorkbook(buildLayout(plan)));
    expect(() => readUnitWorkbook(grid)).toThrow(LedgerReadError);
    try {
      readUnitWorkbook(grid);
    } catch (e) {
      expect((e as LedgerReadError).code).toBe("not-unit-workbook");
      expect((e as Error).message).toContain("不是单位填报表");
    }
  });

  it("an edited identity (unit renamed, JSON changed, sheet cleared) is refused", () => {
    const f = files.get("区财政局")!;
    const sheet = (g: WorkbookGrid) => g.sheets.find((s) => s.name === UNIT_SHEETS.identity)!;
    const row = (g: WorkbookGrid, label: string) => sheet(g).values.findIndex((r) => r?.[0] === label);
    const renamed = structuredClone(f.grid);
    sheet(renamed).values[row(renamed, IDENTITY_LABELS.unit)]![1] = "区审计局";
    const json = structuredClone(f.grid);
    const j = row(json, IDENTITY_LABELS.chunk(1));
    sheet(json).values[j]![1] = String(sheet(json).values[j]![1]).replace('"editable":false', '"editable":true');
    const cleared = structuredClone(f.grid);
    sheet(cleared).values = [];
    const otherPlan = structuredClone(f.grid);
    otherPlan.sheets = otherPlan.sheets.filter((s) => s.name !== SHEETS.record);
    for (const g of [renamed, json, cleared, otherPlan]) {
      let error: unknown;
      try {
        readUnitWorkbook(g);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LedgerReadError);
      expect((error as LedgerReadError).code).toBe("unit-identity-invalid");
      expect((error as Error).message).toMatch(/单位填报表的(标识|方案记录)/);
    }
    // and readLedger (check, export) refuses it too rather than read it as a master missing every other row
    expect(() => readLedger(renamed)).toThrow(/单位填报表/);
  });
});

describe("check on a unit workbook", () => {
  it("names the unit's own unreported tasks, not the shared ones nor other units' tasks", () => {
    const unit = "区发展改革委";
    const f = files.get(unit)!;
    const grid = structuredClone(f.grid);
    const scope = unitScope(plan, unit);
    // clear every Q2 status of the file
    for (const b of f.made.identity.base)
      if (b.key.kind === "entry" && b.key.quarter === 2 && b.key.field === "status") setCell(grid, SHEETS.tasks, b.cell.split("!")[1]!, null);
    const result = checkLedger(grid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.quarter).toBe(2);
    const missing = result.problems.filter((p) => p.code === "status-missing" && p.quarter === 2).map((p) => p.taskId);
    expect(new Set(missing)).toEqual(new Set(scope.reports));
    expect(result.problems.filter((p) => p.code === "plan-row-missing")).toEqual([]);
  });
});

describe("input keys", () => {
  it("enumerate quarters up to the split's, editable only where the unit reports", () => {
    const unit = plan.tasks.find((t) => t.lead.length > 1)!.lead[1]!;
    const scope = unitScope(plan, unit);
    const inputs = unitInputs(plan, scope, 3);
    expect(inputs.every((i) => i.key.kind === "confirmed" || i.key.quarter <= 3)).toBe(true);
    for (const i of inputs) {
      if (i.key.kind === "entry")
        expect(i.editable).toBe(i.key.quarter === 3 && reportingUnits(plan.tasks.find((t) => t.id === (i.key as { taskId: number }).taskId)!).includes(unit));
    }
    expect(new Set(inputs.map((i) => inputKeyId(i.key))).size).toBe(inputs.length);
  });
});

describe("file names", () => {
  it("are <year>-Q<N>-<unit>.xlsx, without characters Windows or macOS refuse, unique and length-limited", () => {
    const names = unitFileNames(["区发展改革委", 'a/b\\c:d*e?f"g<h>i|j', "  区财政局  ", "区财政局", "CON", "x".repeat(300), "末尾点。.", "AB", "ab"], 2023, 2);
    expect(names[0]).toBe("2023-Q2-区发展改革委.xlsx");
    for (const n of names) {
      expect(n).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/);
      expect(n).toMatch(/^2023-Q2-.+\.xlsx$/);
      expect(n.length).toBeLessThanOrEqual(120);
      expect(n.replace(/\.xlsx$/, "")).not.toMatch(/[. ]$/);
    }
    expect(names[2]).toBe("2023-Q2-区财政局.xlsx");
    expect(names[3]).toBe("2023-Q2-区财政局-2.xlsx");
    expect(names[4]).not.toBe("2023-Q2-CON.xlsx");
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it("unknown unit names find their close matches", () => {
    expect(closeNames("发展改革委", unitsToSplit(plan))).toContain("区发展改革委");
    expect(closeNames("区财政", unitsToSplit(plan))[0]).toBe("区财政局");
    expect(closeNames("完全无关的名字", unitsToSplit(plan))).toEqual([]);
  });
});
