/**
 * .xlsx bytes → plain value grids (exceljs), for the CLI (cli/io) and the task pane (returned unit
 * workbooks chosen in 回收). Everything after the grid is shared/workbook's pure code. No node:
 * module: exceljs has a browser build, and JSZip takes a Uint8Array on both sides.
 */
import ExcelJS from "exceljs";
import { LedgerReadError, type SheetGrid, type WorkbookGrid } from "./reader.grid";
import { sniffWorkbookFile } from "./file-kind";
import { rangeAddress } from "./unread";

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
      bytes as unknown as ArrayBuffer,
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
