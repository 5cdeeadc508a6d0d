/**
 * Renders a WorkbookLayout with exceljs and nothing else: every decision is in the layout.
 *
 * It lives in shared/ because exceljs has a browser build (package.json "browser" field) and this
 * file imports no node: module; it returns bytes, the caller writes them. Formula cells are written
 * without cached results (Excel, WPS and LibreOffice compute them on open; the workbook asks for a
 * full calculation on load).
 */
import ExcelJS from "exceljs";
import { needsTextFormat } from "./layout.common";
import { bulkRun, spliceBulkRows, type DeflateReuse } from "./writer.bulk";
import type { CellStyle, ConditionalFormatLayout, LayoutCell, SheetLayout, ValidationLayout, WorkbookLayout } from "./layout.types";

const argb = (rgb: string) => "FF" + rgb.toUpperCase();

function cellStyle(s: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (s.bold || s.fontSize || s.fontColor) {
    out.font = {
      name: "等线",
      ...(s.bold ? { bold: true } : {}),
      ...(s.fontSize ? { size: s.fontSize } : { size: 11 }),
      ...(s.fontColor ? { color: { argb: argb(s.fontColor) } } : {}),
    };
  }
  if (s.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.wrap || s.hAlign || s.vAlign) {
    out.alignment = { ...(s.wrap ? { wrapText: true } : {}), ...(s.hAlign ? { horizontal: s.hAlign } : {}), ...(s.vAlign ? { vertical: s.vAlign } : {}) };
  }
  if (s.numFmt) out.numFmt = s.numFmt;
  if (s.border) {
    const b = { style: "thin" as const, color: { argb: argb("BFBFBF") } };
    out.border = { top: b, left: b, bottom: b, right: b };
  }
  out.protection = { locked: s.locked !== false };
  return out;
}

function validation(v: ValidationLayout): ExcelJS.DataValidation {
  const base = {
    allowBlank: v.allowBlank,
    showInputMessage: !!v.prompt,
    ...(v.prompt ? { promptTitle: v.prompt.title, prompt: v.prompt.text } : {}),
    showErrorMessage: true,
    errorStyle: v.error.style,
    errorTitle: v.error.title,
    error: v.error.text,
  };
  if (v.type === "list") return { ...base, type: "list", formulae: [`"${(v.list ?? []).join(",")}"`] };
  const formulae = v.operator === "between" ? [v.min, v.max] : v.operator === "greaterThanOrEqual" ? [v.min] : [v.max];
  return { ...base, type: v.type, operator: v.operator ?? "between", formulae };
}

function conditional(cf: ConditionalFormatLayout): ExcelJS.ConditionalFormattingOptions {
  if (cf.type === "dataBar") {
    return {
      ref: cf.range,
      rules: [
        {
          type: "dataBar",
          priority: cf.priority,
          gradient: false, // exceljs only writes a well-formed x14 extension for solid bars (gradient bars get an empty x14:id)
          cfvo: [
            { type: "num", value: cf.min },
            { type: "num", value: cf.max },
          ],
          // exceljs types lack color on data bars; its renderer reads it.
          ...({ color: { argb: argb(cf.color) } } as object),
        } as ExcelJS.DataBarRuleType,
      ],
    };
  }
  const style: Partial<ExcelJS.Style> = {};
  if (cf.style.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.style.fill) } };
  if (cf.style.fontColor || cf.style.bold)
    style.font = { ...(cf.style.fontColor ? { color: { argb: argb(cf.style.fontColor) } } : {}), ...(cf.style.bold ? { bold: true } : {}) };
  return {
    ref: cf.range,
    rules: [{ type: "expression", priority: cf.priority, formulae: [cf.formula], style, ...(cf.stopIfTrue ? { stopIfTrue: true } : {}) }],
  };
}

function cellValue(c: LayoutCell): ExcelJS.CellValue {
  if (c.formula !== undefined) return { formula: c.formula } as ExcelJS.CellFormulaValue;
  return c.value ?? null;
}

/** `rowsBefore`: exceljs writes rows up to this one (the rest is a bulk run: writer.bulk.ts). */
async function renderSheet(wb: ExcelJS.Workbook, sheet: SheetLayout, layout: WorkbookLayout, rowsBefore: number): Promise<void> {
  const ws = wb.addWorksheet(sheet.name, {
    properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
    views: sheet.freeze ? [{ state: "frozen", xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : [{}],
    pageSetup: {
      paperSize: 9,
      orientation: sheet.print.orientation,
      fitToPage: sheet.print.fitToWidth,
      ...(sheet.print.fitToWidth ? { fitToWidth: 1, fitToHeight: 0 } : { scale: sheet.print.scale ?? 100 }),
      margins: sheet.print.margins,
      ...(sheet.print.titleRows ? { printTitlesRow: sheet.print.titleRows } : {}),
      ...(sheet.print.titleColumns ? { printTitlesColumn: sheet.print.titleColumns } : {}),
    },
    headerFooter: sheet.print.footer ? { oddFooter: `&C${sheet.print.footer}` } : undefined,
  });
  if (sheet.visibility && sheet.visibility !== "visible") ws.state = sheet.visibility;
  ws.columns = sheet.columns.map((c) => ({ key: c.key, width: c.width, hidden: c.hidden ?? false }));
  const styleCache = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (key: string, text: boolean) => {
    const cacheKey = text ? `${key}|@` : key;
    let s = styleCache.get(cacheKey);
    if (!s) {
      const style = layout.styles[key] ?? {};
      s = cellStyle(text ? { ...style, numFmt: "@" } : style);
      styleCache.set(cacheKey, s);
    }
    return s;
  };
  const data = sheet.data;
  sheet.rows.forEach((r, i) => {
    if (i >= rowsBefore) return;
    const rowNo = i + 1;
    const inData = data !== null && rowNo >= data.firstRow && rowNo <= data.lastRow;
    const row = ws.getRow(rowNo);
    if (r.height) row.height = r.height;
    const n = inData ? sheet.columns.length : r.cells.length;
    for (let c = 0; c < n; c++) {
      const lc = r.cells[c] ?? null;
      const styleKey = lc?.style ?? (inData ? sheet.columns[c]!.style : null);
      if (!lc && !styleKey) continue;
      const cell = row.getCell(c + 1);
      if (lc) cell.value = cellValue(lc);
      const text = lc?.formula === undefined && needsTextFormat(styleKey ? layout.styles[styleKey] : undefined, lc?.value);
      if (styleKey || text) cell.style = styleOf(styleKey ?? "plain", text);
    }
  });
  for (const m of sheet.merges) ws.mergeCells(m);
  for (const v of sheet.validations) {
    // exceljs keys validations by address; a range key is written as one sqref.
    (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(v.range, validation(v));
  }
  for (const cf of sheet.conditionalFormats) ws.addConditionalFormatting(conditional(cf));
  if (sheet.autoFilter) ws.autoFilter = sheet.autoFilter;
  if (sheet.protection) {
    const a = sheet.protection.allow;
    await ws.protect(sheet.protection.password ?? "", {
      selectLockedCells: a.selectLockedCells,
      selectUnlockedCells: a.selectUnlockedCells,
      formatColumns: a.formatColumns,
      formatRows: a.formatRows,
      sort: a.sort,
      autoFilter: a.autoFilter,
      insertRows: a.insertRows,
      deleteRows: a.deleteRows,
      spinCount: sheet.protection.password ? 10000 : 0,
    });
  }
}

/**
 * The .xlsx bytes of a layout. `reuse`: kept over the files of one split (writer.bulk.ts), so what
 * they share is deflated once.
 */
export async function writeWorkbook(layout: WorkbookLayout, options: { reuse?: DeflateReuse } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = layout.metadata.creator;
  wb.title = layout.metadata.title;
  wb.subject = layout.metadata.subject;
  wb.keywords = layout.metadata.keywords;
  wb.description = layout.metadata.description;
  wb.category = `plan-ledger layout ${layout.metadata.layoutVersion}`;
  // Fixed dates: the same layout gives the same file content.
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = new Date(Date.UTC(2000, 0, 1));
  wb.calcProperties.fullCalcOnLoad = true;
  const runs = layout.sheets.map((sheet, i) => bulkRun(sheet, i, layout));
  for (const [i, sheet] of layout.sheets.entries()) await renderSheet(wb, sheet, layout, runs[i]?.from ?? sheet.rows.length);
  for (const n of layout.names) wb.definedNames.add(n.refersTo, n.name);
  const active = layout.sheets.findIndex((s) => s.key === layout.activeSheet);
  wb.views = [{ x: 0, y: 0, width: 28800, height: 17000, firstSheet: 0, activeTab: Math.max(0, active), visibility: "visible" }];
  const bulk = runs.filter((r) => r !== null);
  // with bulk rows the file is zipped again (fflate, faster): exceljs's JSZip need not deflate it first
  const zipOptions = bulk.length > 0 ? ({ zip: { compression: "STORE" } } as unknown as Partial<ExcelJS.XlsxWriteOptions>) : undefined;
  const buf = await wb.xlsx.writeBuffer(zipOptions);
  return spliceBulkRows(new Uint8Array(buf as ArrayBuffer), layout, bulk, options.reuse);
}
