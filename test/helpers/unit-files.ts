/**
 * Real unit workbooks (单位填报表) for the distribution-and-collection tests: split a master with the
 * split's own layout and writer, fill a file as a unit would (exceljs, into the cells the split left
 * unlocked), and read a returned file the way `plan-ledger merge` does (cli/io/returned-file.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Ledger } from "../../shared/ledger/schema";
import type { BaseCell, InputKey, InputValue, UnitWorkbookIdentity } from "../../shared/collect/identity";
import type { ReturnedFile } from "../../shared/collect/merge";
import { unitFileNames } from "../../shared/collect/file-name";
import { splitBase, unitWorkbookLayout, type SplitOptions } from "../../shared/workbook/unit-workbook";
import { writeWorkbook } from "../../shared/workbook/writer.exceljs";
import { readUnitWorkbook } from "../../shared/workbook/unit-reader";
import { CONFIRM_WORD } from "../../shared/workbook/labels";
import { readReturnedFile } from "../../cli/io/returned-file";
import type { WorkbookGrid } from "../../shared/workbook/reader.grid";
import type { RawCell } from "../../shared/workbook/reader.cells";
import { parseCellAddress } from "../../shared/vocabulary";
import { sha256Hex } from "../../shared/hash/sha256";

export interface SplitFile {
  unit: string;
  fileName: string;
  identity: UnitWorkbookIdentity;
  bytes: Uint8Array;
}

/** The unit workbooks of `units`, as `plan-ledger split` writes them. */
export async function splitFiles(master: Ledger, options: SplitOptions, units: readonly string[]): Promise<SplitFile[]> {
  const base = splitBase(master, options);
  const names = unitFileNames(units, master.plan.meta.year, options.quarter);
  const out: SplitFile[] = [];
  for (const [i, unit] of units.entries()) {
    const { layout, identity } = unitWorkbookLayout(base, unit);
    out.push({ unit, fileName: names[i]!, identity, bytes: await writeWorkbook(layout) });
  }
  return out;
}

/** What a person types for a value of this input (核实 is the word 已核实; a cleared cell is empty). */
export function typed(key: InputKey, v: InputValue): ExcelJS.CellValue {
  if (v === null || v === "" || v === false) return null;
  if (key.kind === "confirmed") return CONFIRM_WORD;
  return v;
}

export async function loadBook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

export function cellOf(wb: ExcelJS.Workbook, address: string): ExcelJS.Cell {
  const [sheet, a1] = address.split("!");
  const ws = wb.getWorksheet(sheet!);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return ws.getCell(a1!);
}

/**
 * The file with `fills` typed in. A unit can only type into unlocked cells of a protected sheet: the
 * split marks them with an explicit `protection.locked = false` (exceljs reports a cell without one
 * as locked, Excel's default), so filling a locked cell throws unless `tamper` says the unit
 * unprotected the sheet first. `edit` may change the workbook further (rename a sheet …).
 */
export async function fillFile(
  bytes: Uint8Array,
  fills: readonly (readonly [BaseCell, InputValue])[],
  options: { tamper?: boolean; edit?: (wb: ExcelJS.Workbook) => void } = {},
): Promise<Uint8Array> {
  const wb = await loadBook(bytes);
  for (const [b, v] of fills) {
    const cell = cellOf(wb, b.cell);
    if (cell.protection?.locked !== false && !options.tamper) throw new Error(`${b.cell} is locked`);
    cell.value = typed(b.key, v);
  }
  options.edit?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Writes `bytes` as dir/fileName and reads it back as `plan-ledger merge` does. */
export async function returned(dir: string, fileName: string, bytes: Uint8Array): Promise<ReturnedFile> {
  const path = join(dir, fileName);
  writeFileSync(path, bytes);
  return readReturnedFile(path);
}

/**
 * In memory, for properties with many runs: the file's grid (as exceljs read it once) with `fills`
 * typed in, read back as a returned file. The SHA-256 stands for the bytes a unit would send: one per
 * distinct filled content.
 */
export function returnedFromGrid(grid: WorkbookGrid, fileName: string, fills: readonly (readonly [BaseCell, InputValue])[]): ReturnedFile {
  const sheets = grid.sheets.map((s) => ({ ...s, values: s.values.map((r) => [...r]) }));
  for (const [b, v] of fills) {
    const [name, a1] = b.cell.split("!");
    const sheet = sheets.find((s) => s.name === name)!;
    const at = parseCellAddress(a1!)!;
    const r = at.row - (sheet.origin?.row ?? 0);
    const c = at.col - (sheet.origin?.col ?? 0);
    while (sheet.values.length <= r) sheet.values.push([]);
    sheet.values[r]![c] = typed(b.key, v) as RawCell;
  }
  const sha256 = sha256Hex(JSON.stringify([fileName, fills.map(([b, v]) => [b.cell, v])]));
  try {
    const { identity, read } = readUnitWorkbook({ sheets });
    return { fileName, sha256, read: { ok: true, identity, ledger: read.ledger, problems: read.problems } };
  } catch (e) {
    return { fileName, sha256, read: { ok: false, reason: "not-unit-workbook", message: (e as Error).message } };
  }
}
