/**
 * Split and merge together, on real files: the demo master (当前季度 3) is split for quarter 4 with the
 * split's own layout and writer, unit files are filled through exceljs into the cells the split left
 * unlocked, read back as `plan-ledger merge` reads them (readReturnedFile + readUnitWorkbook), and
 * merged in random orders (fast-check). The master equals the master filled directly, merging again
 * changes nothing, every returned value is in the master or in 变更记录. The files are split once; the
 * property types its fills into the files' grids in memory (readUnitWorkbook on them), and one test
 * fills real files through exceljs and LibreOffice and checks they merge the same.
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Ledger, Quarter } from "../shared/ledger/schema";
import { loadPlanFile } from "../cli/io/plan-file";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { demoLedger } from "../shared/workbook/demo";
import { ledgerLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger } from "../shared/workbook/reader";
import { reportingUnits } from "../shared/plan/reporting";
import { unitsToSplit } from "../shared/collect/scope";
import { inputKeyId, type BaseCell, type InputValue } from "../shared/collect/identity";
import { ledgerValues, sameValue } from "../shared/collect/keys";
import { merge, type MergeOutcome, type ReturnedFile } from "../shared/collect/merge";
import { STATUS_PROGRESS_ORDER } from "../shared/vocabulary";
import type { WorkbookGrid } from "../shared/workbook/reader.grid";
import { mergedLayout } from "../shared/collect/layout";
import { recalc } from "./helpers/libreoffice";
import { cellOf, fillFile, loadBook, returned, returnedFromGrid, splitFiles, type SplitFile } from "./helpers/unit-files";

const Q: Quarter = 4;
const NOW = "2024-01-10T09:00:00.000Z";
let master: Ledger;
let files: SplitFile[];
let shared: { taskId: number; units: string[] };
let grids: WorkbookGrid[];
let dir: string;

beforeAll(async () => {
  const plan = (await loadPlanFile()).plan!;
  // the master as a file would give it: written and read back (当前季度 3, Q1–Q3 filled)
  const grid = await loadWorkbookGrid(await writeWorkbook(ledgerLayout(demoLedger(plan, 2023, 3))));
  master = readLedger(grid).ledger;
  expect(master.settings.quarter).toBe(3);
  const named = new Set(unitsToSplit(plan));
  // a task two named units report (each reports its own part), and three units on their own
  const task = plan.tasks.find((t) => reportingUnits(t).filter((u) => named.has(u)).length >= 2 && t.targets.length > 0)!;
  shared = {
    taskId: task.id,
    units: reportingUnits(task)
      .filter((u) => named.has(u))
      .slice(0, 2),
  };
  const others = unitsToSplit(plan).filter((u) => !shared.units.includes(u) && !plan.tasks.some((t) => t.id === task.id && reportingUnits(t).includes(u)));
  const withTargets = others.filter((u) => plan.tasks.some((t) => t.targets.length > 0 && reportingUnits(t).includes(u))).slice(0, 2);
  const units = [...shared.units, ...withTargets, others.find((u) => !withTargets.includes(u))!];
  files = await splitFiles(master, { quarter: Q, deadline: "2024-01-05", splitAt: "2023-12-20T08:00:00.000Z" }, units);
  grids = await Promise.all(files.map((f) => loadWorkbookGrid(f.bytes)));
  dir = mkdtempSync(join(tmpdir(), "collect-e2e-"));
}, 120_000);

const editable = (f: SplitFile) => f.identity.base.filter((b) => b.editable);

/** A value a unit would type for this input; actuals of a shared target depend on the target only (units agree). */
function valueFor(b: BaseCell, v: number, sharedTask: boolean): InputValue {
  const k = b.key;
  if (k.kind === "confirmed") return true;
  if (k.kind === "actual") return sharedTask ? 42.5 : (v % 2000) / 10;
  if (k.field === "status") return STATUS_PROGRESS_ORDER[v % STATUS_PROGRESS_ORDER.length]!;
  // mixed Latin and Chinese, as LibreOffice turns into rich text
  return `第${v}项：完成投资 ${v % 97}.5 亿元，PPP 项目 ${v % 7} 个`;
}

/** A task several units report (each its own part, combined in the master). */
const several = (taskId: number) => reportingUnits(master.plan.tasks.find((t) => t.id === taskId)!).length > 1;
const taskOf = (b: BaseCell) => (b.key.kind === "entry" ? b.key.taskId : Number(b.key.targetId.split(".")[0]));

/** Per unit: the cells it fills (indices into its editable cells) and what it types. */
const fillsArb = (n: number) => fc.array(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 10_000 })), { maxLength: 14 }), { minLength: n, maxLength: n });

function fillsOf(f: SplitFile, picks: readonly [number, number][]): Map<BaseCell, InputValue> {
  const cells = editable(f);
  const out = new Map<BaseCell, InputValue>();
  for (const [i, v] of picks) {
    const b = cells[i % cells.length]!;
    out.set(b, valueFor(b, v, several(taskOf(b))));
  }
  return out;
}

/** The master filled directly: each unit's values typed into the master; a task several units report combined as the README says. */
function filledDirectly(base: Ledger, fills: ReadonlyMap<string, Map<BaseCell, InputValue>>): Map<string, InputValue> {
  const values = ledgerValues(base);
  const byKey = new Map<string, { key: BaseCell["key"]; reports: Map<string, InputValue> }>();
  for (const [unit, cells] of fills) {
    for (const [b, v] of cells) {
      const id = inputKeyId(b.key);
      const e = byKey.get(id) ?? { key: b.key, reports: new Map() };
      e.reports.set(unit, v);
      byKey.set(id, e);
    }
  }
  for (const [id, { key, reports }] of byKey) {
    const taskId = key.kind === "entry" ? key.taskId : Number(key.targetId.split(".")[0]);
    const order = reportingUnits(base.plan.tasks.find((t) => t.id === taskId)!);
    let v: InputValue = [...reports.values()][0]!;
    if (order.length > 1 && key.kind === "entry" && key.field === "status") {
      v = [...reports.values()].sort((a, b) => STATUS_PROGRESS_ORDER.indexOf(a as never) - STATUS_PROGRESS_ORDER.indexOf(b as never))[0]!;
    } else if (order.length > 1 && key.kind === "entry") {
      v = order
        .filter((u) => reports.has(u))
        .map((u) => `【${u}】${reports.get(u)}`)
        .join("\n");
    }
    values.set(id, v);
  }
  return values;
}

const sorted = (m: ReadonlyMap<string, InputValue>) => [...m].filter(([, v]) => !sameValue(v, null)).sort(([a], [b]) => a.localeCompare(b));

/** Every value a unit changed in its file is the master's or is in 变更记录 under that unit and key. */
function nothingLost(out: MergeOutcome, returnedFiles: readonly ReturnedFile[]): string[] {
  const lost: string[] = [];
  const now = ledgerValues(out.ledger);
  for (const f of returnedFiles) {
    if (!f.read.ok) continue;
    const { identity, ledger } = f.read;
    const theirs = ledgerValues(ledger);
    for (const b of identity.base) {
      const id = inputKeyId(b.key);
      const v = theirs.get(id) ?? null;
      if (sameValue(v, b.value)) continue;
      const kept = sameValue(now.get(id) ?? null, v) || out.changelog.some((r) => r.unit === identity.unit && r.key === id && sameValue(r.new, v));
      if (!kept) lost.push(`${f.fileName} ${b.cell} ${id}`);
    }
  }
  return lost;
}

describe("split → fill → merge on real unit workbooks", () => {
  it("the split leaves exactly the editable inputs unlocked, on protected sheets", async () => {
    for (const f of files) {
      const wb = await loadBook(f.bytes);
      for (const b of f.identity.base) expect(cellOf(wb, b.cell).protection?.locked === false, `${f.unit} ${b.cell}`).toBe(b.editable);
      for (const name of ["任务", "指标"])
        expect((wb.getWorksheet(name) as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet, name).toBeTruthy();
    }
    expect(files.flatMap(editable).length).toBeGreaterThan(20);
  });

  it("random fills merged in random orders give the master filled directly; again: no-op; nothing lost", async () => {
    await fc.assert(
      fc.asyncProperty(fillsArb(files.length), fc.shuffledSubarray([...files.keys()], { minLength: files.length }), async (picks, order) => {
        const fills = new Map(files.map((f, i) => [f.unit, fillsOf(f, picks[i]!)]));
        const back = files.map((f, i) => returnedFromGrid(grids[i]!, f.fileName, [...fills.get(f.unit)!]));
        for (const r of back) expect(r.read.ok, r.fileName).toBe(true);

        const state = { ledger: master, changelog: [] };
        const a = merge(state, back, { now: NOW });
        const b = merge(
          state,
          order.map((i) => back[i]!),
          { now: NOW },
        );
        expect(a.quarter).toEqual({ quarter: Q, from: "files", mixed: false });
        expect(a.refusals).toEqual([]);
        expect(a.conflicts).toEqual([]);
        expect(a.notApplied).toEqual([]);
        expect(sorted(ledgerValues(a.ledger))).toEqual(sorted(filledDirectly(master, fills)));
        expect(sorted(ledgerValues(b.ledger))).toEqual(sorted(ledgerValues(a.ledger)));
        expect(nothingLost(a, back)).toEqual([]);

        const again = merge(
          { ledger: a.ledger, changelog: a.changelog },
          order.map((i) => back[i]!),
          { now: "2024-01-11T09:00:00.000Z" },
        );
        expect(again.changes).toEqual([]);
        expect(again.alreadyMerged).toHaveLength(back.length);
        expect(sorted(ledgerValues(again.ledger))).toEqual(sorted(ledgerValues(a.ledger)));
      }),
      { numRuns: 25 },
    );
  }, 240_000);

  it("files filled through exceljs, one saved again by LibreOffice, merge as their in-memory fills do, and the written master reads back", async () => {
    const fills = new Map(
      files.map((f, i) => [
        f.unit,
        fillsOf(
          f,
          [...Array(12).keys()].map((j) => [j * 5 + i, 37 * j + i] as [number, number]),
        ),
      ]),
    );
    const lo = files.findIndex((f) => [...fills.get(f.unit)!.keys()].some((b) => b.key.kind === "actual"));
    expect(lo).toBeGreaterThanOrEqual(0);
    const back: ReturnedFile[] = [];
    for (const [i, f] of files.entries()) {
      const bytes = await fillFile(f.bytes, [...fills.get(f.unit)!]);
      if (i !== lo) {
        back.push(await returned(dir, f.fileName, bytes));
        continue;
      }
      // the unit opened the file in LibreOffice and saved it (rich text runs, sheet="true" protection)
      const typedPath = join(mkdtempSync(join(tmpdir(), "collect-e2e-lo-")), f.fileName);
      writeFileSync(typedPath, bytes);
      back.push(await returned(dir, f.fileName, new Uint8Array(readFileSync(await recalc(typedPath)))));
    }
    for (const [i, r] of back.entries()) {
      expect(r.read.ok, r.fileName).toBe(true);
      if (!r.read.ok) continue;
      expect(r.read.identity, r.fileName).toEqual(files[i]!.identity);
      const memory = returnedFromGrid(grids[i]!, r.fileName, [...fills.get(files[i]!.unit)!]);
      expect(sorted(ledgerValues(r.read.ledger)), r.fileName).toEqual(sorted(memory.read.ok ? ledgerValues(memory.read.ledger) : new Map()));
    }
    const state = { ledger: master, changelog: [] };
    const a = merge(state, back, { now: NOW });
    const b = merge(state, [...back].reverse(), { now: NOW });
    expect([a.refusals, a.conflicts, a.notApplied]).toEqual([[], [], []]);
    expect(sorted(ledgerValues(a.ledger))).toEqual(sorted(filledDirectly(master, fills)));
    expect(sorted(ledgerValues(b.ledger))).toEqual(sorted(ledgerValues(a.ledger)));
    expect(nothingLost(a, back)).toEqual([]);

    // the master as merge writes it: the same values, 变更记录 and 回收情况 read back
    const read = readLedger(await loadWorkbookGrid(await writeWorkbook(mergedLayout(a.ledger, [], a.changelog))));
    expect(sorted(ledgerValues(read.ledger))).toEqual(sorted(ledgerValues(a.ledger)));
    expect(read.changelog).toHaveLength(a.changelog.length);
    expect(
      read.collection
        .filter((r) => r.quarter === Q && r.returned)
        .map((r) => r.unit)
        .sort(),
    ).toEqual(files.map((f) => f.unit).sort());
    const again = merge({ ledger: read.ledger, changelog: read.changelog }, back, { now: NOW });
    expect(again.changes).toEqual([]);
  }, 240_000);
});
