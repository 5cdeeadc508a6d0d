/**
 * Node edge of the ledger reader: .xlsx bytes → plain value grids (exceljs) → Ledger.
 * Everything after the grid is shared/workbook's pure code, the same the add-in runs.
 */
import ExcelJS from "exceljs";
import { readLedger, type ReadResult } from "../../shared/workbook/reader";
import { LedgerReadError, type SheetGrid, type WorkbookGrid } from "../../shared/workbook/reader.grid";
import { FileReadError, readBytes } from "./read-file";
import { sniffWorkbookFile } from "../../shared/workbook/file-kind";
import { rangeAddress } from "../../shared/workbook/unread";

/** Worksheet XML elements the reader does not need (exceljs `ignoreNodes`). */
const IGNORED_NODES = ["dataValidations", "conditionalFormatting", "extLst"];

/**
 * Loads an .xlsx into grids. Throws LedgerReadError("not-xlsx") for anything exceljs cannot open, and
 * for the files people pick by mistake (.xls, .ods, CSV, a ~$ lock file …) with what to do instead.
 */
export async function loadWorkbookGrid(bytes: Uint8Array, fileName = "workbook.xlsx"): Promise<WorkbookGrid> {
  const { problem } = sniffWorkbookFile(bytes, fileName);
  if (problem) throw new LedgerReadError("not-xlsx", problem);
  const wb = new ExcelJS.Workbook();
  try {
    // Reading needs cell values only. Skipping validations also avoids exceljs expanding a validation
    // a user applied to a whole column into a million cells (exceljs #1842: seconds per column).
    await wb.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
      {
        ignoreNodes: IGNORED_NODES,
      } as unknown as Partial<ExcelJS.XlsxReadOptions>,
    );
  } catch (e) {
    throw new LedgerReadError(
      "not-xlsx",
      `无法打开该工作簿：文件已损坏或不是 Excel 工作簿（.xlsx） (cannot open the workbook: ${String((e as Error)?.message ?? e).slice(0, 120)})`,
    );
  }
  if (wb.worksheets.length === 0) {
    throw new LedgerReadError(
      "not-xlsx",
      "不是 Excel 工作簿（.xlsx）：文件中没有工作表，可能是改了扩展名的 Word 或其他文件 (not an .xlsx workbook: no worksheets)",
    );
  }
  return { sheets: wb.worksheets.map(sheetGrid) };
}

function sheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const values: unknown[][] = [];
  const numFmts: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const vr: unknown[] = (values[r] = []);
    const fr: (string | null)[] = (numFmts[r] = []);
    const xr: (string | null)[] = (formulas[r] = []);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // a merged range's value belongs to its top-left cell only
      if (cell.isMerged && cell.master !== cell) return;
      vr[colNumber - 1] = cell.value;
      fr[colNumber - 1] = cell.numFmt ?? null;
      if (cell.type === ExcelJS.ValueType.Formula) xr[colNumber - 1] = "=" + (cell.formula ?? "");
    });
  });
  for (let i = 0; i < values.length; i++) {
    if (!values[i]) values[i] = [];
    if (!formulas[i]) formulas[i] = [];
  }
  const protection = (ws as unknown as { sheetProtection?: { hashValue?: string; password?: string } }).sheetProtection;
  return { name: ws.name, values, numFmts, formulas, passwordProtected: Boolean(protection?.hashValue || protection?.password), merges: mergesOf(ws) };
}

/** The sheet's merged ranges ("H5:H9"): exceljs keeps them by master cell (`ws.model` would build every row's model). */
function mergesOf(ws: ExcelJS.Worksheet): string[] {
  const merges = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {};
  return Object.values(merges).map((m) => rangeAddress({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
}

/** Reads a filled ledger from a file. Throws LedgerReadError for a file that is not a readable ledger. */
export async function readLedgerFile(path: string): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (e) {
    if (e instanceof FileReadError) throw new LedgerReadError("not-xlsx", e.message);
    throw e;
  }
  return readLedger(await loadWorkbookGrid(bytes, path));
}
