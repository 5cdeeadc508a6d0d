/**
 * Normalized snapshots of a ledger workbook, from two sources: the recording Excel fake (what the
 * Office.js writer did) and an .xlsx read back with exceljs (what the exceljs writer wrote). Both
 * become the same plain shape, so a test can compare them with toEqual and see the differing cells.
 *
 * Normalizations (each a place where the two object models say the same thing differently):
 * - colours "#RRGGBB" / "FFRRGGBB" → "RRGGBB"; number format "General" → absent;
 * - font size 11 (exceljs writes it whenever it writes a font) → absent; the font name is ignored;
 * - a cell is "locked: false" only when explicitly unlocked (locked is Excel's default);
 * - validations and formats per cell address (exceljs expands ranges on read, Office.js keeps areas);
 * - conditional formats in priority order (Office.js: the last added is first);
 * - column widths in character units (Office.js: points), names without quotes or "$";
 * - sheet visibility in exceljs's words ("veryHidden"; Office.js says "VeryHidden");
 * - the filter range: an Excel table (Office.js writer) or an autoFilter (exceljs) over the same cells.
 */
import ExcelJS from "exceljs";
import { cellAddress } from "../../shared/vocabulary";
import { areaAddress, parseAddress, type FakeExcelHost, type SheetState } from "./excel-fake";

export interface CellSnap {
  value?: unknown;
  formula?: string;
  numFmt?: string;
  bold?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
  border?: boolean;
  locked?: false;
}

export interface ValidationSnap {
  type: string;
  operator?: string;
  formulae: string[];
  allowBlank: boolean;
  prompt?: string;
  promptTitle?: string;
  error: string;
  errorTitle: string;
  errorStyle: string;
}

export interface ConditionalSnap {
  range: string;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  min?: string;
  max?: string;
  color?: string;
  gradient?: boolean;
}

export interface SheetSnap {
  name: string;
  cells: Record<string, CellSnap>;
  validations: Record<string, ValidationSnap>;
  conditionalFormats: ConditionalSnap[];
  columns: { width: number; hidden: boolean }[];
  rowHeights: Record<number, number>;
  merges: string[];
  freeze: { rows: number; columns: number };
  filter: string | null;
  protection: Record<string, boolean> | null;
  tabColor: string | null;
  /** "visible" | "hidden" | "veryHidden" (exceljs's words; Office.js "VeryHidden" → "veryHidden"). */
  visibility: string;
}

export interface WorkbookSnap {
  sheets: SheetSnap[];
  names: Record<string, string>;
}

const rgb = (c: unknown): string | undefined =>
  typeof c === "string"
    ? c
        .replace(/^#/, "")
        .replace(/^FF(?=[0-9A-F]{6}$)/i, "")
        .toUpperCase()
    : undefined;

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function normRef(ref: string): string {
  return ref.replace(/^=/, "").replace(/\$/g, "").replace(/'/g, "");
}

function numStr(x: unknown): string {
  return String(typeof x === "string" ? x.replace(/^=/, "") : x);
}

// ---------------------------------------------------------------------------------------------------
// From the fake

function fakeCell(f: Record<string, unknown>, cell: { value: unknown; formula: string | null; numberFormat: string | null }): CellSnap {
  const border = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"].every((e) => f[`borders.${e}.style`] === "Continuous") || undefined;
  const align = (v: unknown) =>
    typeof v === "string" ? ({ Left: "left", Center: "center", Right: "right", Top: "top", Bottom: "bottom" } as Record<string, string>)[v] : undefined;
  const v = align(f.verticalAlignment);
  return clean({
    value: cell.formula ? undefined : cell.value === null ? undefined : cell.value,
    formula: cell.formula ? cell.formula.replace(/^=/, "") : undefined,
    numFmt: cell.numberFormat && cell.numberFormat !== "General" ? cell.numberFormat : undefined,
    bold: f["font.bold"] === true ? true : undefined,
    fontSize: typeof f["font.size"] === "number" && f["font.size"] !== 11 ? (f["font.size"] as number) : undefined,
    fontColor: rgb(f["font.color"]),
    fill: rgb(f["fill.color"]),
    wrap: f.wrapText === true ? true : undefined,
    hAlign: align(f.horizontalAlignment),
    vAlign: v === "center" ? "middle" : v,
    border,
    locked: f["protection.locked"] === false ? (false as const) : undefined,
  });
}

const FAKE_OPERATORS: Record<string, string> = { Between: "between", GreaterThanOrEqualTo: "greaterThanOrEqual", LessThanOrEqualTo: "lessThanOrEqual" };

function fakeValidation(p: Record<string, unknown>): ValidationSnap {
  let type = "";
  let operator: string | undefined;
  let formulae: string[] = [];
  if (p["rule.list.source"] !== undefined) {
    type = "list";
    formulae = [`"${p["rule.list.source"]}"`];
  } else {
    for (const [kind, name] of [
      ["decimal", "decimal"],
      ["wholeNumber", "whole"],
      ["textLength", "textLength"],
    ] as const) {
      if (p[`rule.${kind}.operator`] === undefined) continue;
      type = name;
      operator = FAKE_OPERATORS[String(p[`rule.${kind}.operator`])];
      formulae = [p[`rule.${kind}.formula1`], p[`rule.${kind}.formula2`]].filter((x) => x !== undefined).map(numStr);
    }
  }
  return clean({
    type,
    operator,
    formulae,
    allowBlank: p.ignoreBlanks === true,
    prompt: p["prompt.showPrompt"] ? String(p["prompt.message"]) : undefined,
    promptTitle: p["prompt.showPrompt"] ? String(p["prompt.title"]) : undefined,
    error: String(p["errorAlert.message"] ?? ""),
    errorTitle: String(p["errorAlert.title"] ?? ""),
    errorStyle: String(p["errorAlert.style"] ?? "").toLowerCase(),
  });
}

function fakeSheet(host: FakeExcelHost, s: SheetState): SheetSnap {
  const cells: Record<string, CellSnap> = {};
  for (const [key, cell] of s.cells) {
    const [r, c] = key.split(",").map(Number) as [number, number];
    const snap = fakeCell(cell.format, cell);
    if (Object.keys(snap).length) cells[cellAddress(r, c)] = snap;
  }
  const validations: Record<string, ValidationSnap> = {};
  for (const v of s.validations)
    for (let r = v.area.r0; r <= v.area.r1; r++) for (let c = v.area.c0; c <= v.area.c1; c++) validations[cellAddress(r, c)] = fakeValidation(v.props);
  const conditionalFormats = [...s.conditionalFormats].reverse().map((cf) =>
    clean({
      range: areaAddress(cf.area),
      type: cf.type === "Custom" ? "expression" : cf.type === "DataBar" ? "dataBar" : cf.type,
      formula: typeof cf.props["custom.rule.formula"] === "string" ? (cf.props["custom.rule.formula"] as string).replace(/^=/, "") : undefined,
      fill: rgb(cf.props["custom.format.fill.color"]),
      fontColor: rgb(cf.props["custom.format.font.color"]),
      bold: cf.props["custom.format.font.bold"] === true ? true : undefined,
      min: cf.props["dataBar.lowerBoundRule.formula"] !== undefined ? numStr(cf.props["dataBar.lowerBoundRule.formula"]) : undefined,
      max: cf.props["dataBar.upperBoundRule.formula"] !== undefined ? numStr(cf.props["dataBar.upperBoundRule.formula"]) : undefined,
      color: rgb(cf.props["dataBar.positiveFormat.fillColor"]),
      gradient: cf.type === "DataBar" ? cf.props["dataBar.positiveFormat.gradientFill"] === true : undefined,
    }),
  );
  const maxCol = Math.max(-1, ...s.columnWidths.keys());
  const columns = Array.from({ length: maxCol + 1 }, (_, c) => ({
    width: Math.round((((s.columnWidths.get(c) ?? 0) / 0.75 - 5) / 7) * 100) / 100,
    hidden: s.hiddenColumns.has(c),
  }));
  const rowHeights: Record<number, number> = {};
  for (const [r, h] of s.rowHeights) rowHeights[r + 1] = h;
  const table = host.tables.find((t) => t.sheet === s);
  const o = s.protection.options;
  return {
    name: s.name,
    cells,
    validations,
    conditionalFormats,
    columns,
    rowHeights,
    merges: s.merges.map(areaAddress).sort(),
    freeze: { ...s.freeze },
    filter: table ? areaAddress(table.area) : null,
    protection: s.protection.protected
      ? {
          selectLockedCells: o.selectionMode === "Normal",
          selectUnlockedCells: o.selectionMode !== "None",
          formatColumns: o.allowFormatColumns === true,
          formatRows: o.allowFormatRows === true,
          sort: o.allowSort === true,
          autoFilter: o.allowAutoFilter === true,
          insertRows: o.allowInsertRows === true,
          deleteRows: o.allowDeleteRows === true,
        }
      : null,
    tabColor: rgb(s.props.tabColor) ?? null,
    visibility: s.visibility.charAt(0).toLowerCase() + s.visibility.slice(1),
  };
}

export function snapshotFake(host: FakeExcelHost, sheetNames?: string[]): WorkbookSnap {
  const sheets = host.sheets.filter((s) => !sheetNames || sheetNames.includes(s.name)).map((s) => fakeSheet(host, s));
  const names: Record<string, string> = {};
  for (const n of host.names) names[n.name] = normRef(n.formula);
  return { sheets, names };
}

// ---------------------------------------------------------------------------------------------------
// From an .xlsx read back with exceljs

function exceljsCell(cell: ExcelJS.Cell): CellSnap {
  const v = cell.value as unknown;
  const formula = v && typeof v === "object" && "formula" in (v as object) ? String((v as { formula: string }).formula) : undefined;
  const b = cell.border;
  const font = cell.font ?? {};
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return clean({
    value: formula ? undefined : v === null || v === undefined || v === "" ? undefined : v,
    formula,
    numFmt: cell.numFmt && cell.numFmt !== "General" ? cell.numFmt : undefined,
    bold: font.bold === true ? true : undefined,
    fontSize: typeof font.size === "number" && font.size !== 11 ? font.size : undefined,
    fontColor: rgb(font.color?.argb),
    fill: fill?.type === "pattern" && fill.pattern === "solid" ? rgb(fill.fgColor?.argb) : undefined,
    wrap: cell.alignment?.wrapText === true ? true : undefined,
    hAlign: cell.alignment?.horizontal,
    vAlign: cell.alignment?.vertical,
    border: b?.top?.style && b?.bottom?.style && b?.left?.style && b?.right?.style ? true : undefined,
    locked: cell.protection?.locked === false ? (false as const) : undefined,
  });
}

function expand(ref: string, fn: (address: string) => void): void {
  for (const part of ref.split(/\s+/)) {
    const { area } = parseAddress(part);
    for (let r = area.r0; r <= area.r1; r++) for (let c = area.c0; c <= area.c1; c++) fn(cellAddress(r, c));
  }
}

export async function snapshotXlsx(bytes: Uint8Array): Promise<WorkbookSnap> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: SheetSnap[] = [];
  wb.eachSheet((ws) => {
    const cells: Record<string, CellSnap> = {};
    const rowHeights: Record<number, number> = {};
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.height) rowHeights[r] = row.height;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const snap = exceljsCell(cell);
        if (Object.keys(snap).length) cells[cellAddress(r - 1, c - 1)] = snap;
      });
    });
    const validations: Record<string, ValidationSnap> = {};
    const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    for (const [ref, v] of Object.entries(model)) {
      const snap = clean({
        type: v.type,
        operator: v.type === "list" ? undefined : (v.operator ?? "between"),
        formulae: (v.formulae ?? []).map(numStr),
        allowBlank: v.allowBlank === true,
        prompt: v.showInputMessage ? v.prompt : undefined,
        promptTitle: v.showInputMessage ? v.promptTitle : undefined,
        error: v.error ?? "",
        errorTitle: v.errorTitle ?? "",
        errorStyle: v.errorStyle ?? "stop",
      }) as ValidationSnap;
      expand(ref.replace(/^range:/, ""), (a) => (validations[a] = snap));
    }
    const cfs = ((ws as unknown as { conditionalFormattings?: { ref: string; rules: any[] }[] }).conditionalFormattings ?? []).flatMap((cf) =>
      cf.rules.map((rule) => ({ cf, rule })),
    );
    cfs.sort((a, b) => (a.rule.priority ?? 0) - (b.rule.priority ?? 0));
    const conditionalFormats = cfs.map(({ cf, rule }) =>
      clean({
        range: cf.ref,
        type: rule.type,
        formula: rule.formulae?.[0],
        fill: rgb(rule.style?.fill?.bgColor?.argb),
        fontColor: rgb(rule.style?.font?.color?.argb),
        bold: rule.style?.font?.bold === true ? true : undefined,
        min: rule.cfvo?.[0] ? numStr(rule.cfvo[0].value) : undefined,
        max: rule.cfvo?.[1] ? numStr(rule.cfvo[1].value) : undefined,
        color: rgb(rule.color?.argb),
        gradient: rule.type === "dataBar" ? rule.gradient !== false : undefined,
      }),
    );
    const columns: { width: number; hidden: boolean }[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const col = ws.getColumn(c);
      if (col.width === undefined && !col.hidden) continue;
      columns[c - 1] = { width: col.width ?? 0, hidden: col.hidden === true };
    }
    const view = (ws.views?.[0] ?? {}) as { state?: string; xSplit?: number; ySplit?: number };
    const prot = (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
    const af = ws.autoFilter as unknown;
    sheets.push({
      name: ws.name,
      cells,
      validations,
      conditionalFormats,
      // exceljs does not write a width of exactly 9 (its default) and reads such a column back without
      // one: Excel then shows its own default (8.43). Reported; normalized here to what was asked.
      columns: Array.from(columns, (c) => c ?? { width: 9, hidden: false }),
      rowHeights,
      merges: ((ws as unknown as { model: { merges?: string[] } }).model.merges ?? []).sort(),
      freeze: view.state === "frozen" ? { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 } : { rows: 0, columns: 0 },
      filter: typeof af === "string" ? af : af && typeof af === "object" ? `${(af as any).from}:${(af as any).to}` : null,
      protection: prot?.sheet
        ? {
            selectLockedCells: prot.selectLockedCells !== false,
            selectUnlockedCells: prot.selectUnlockedCells !== false,
            formatColumns: prot.formatColumns === true,
            formatRows: prot.formatRows === true,
            sort: prot.sort === true,
            autoFilter: prot.autoFilter === true,
            insertRows: prot.insertRows === true,
            deleteRows: prot.deleteRows === true,
          }
        : null,
      tabColor: rgb((ws.properties.tabColor as { argb?: string } | undefined)?.argb) ?? null,
      visibility: ws.state ?? "visible",
    });
  });
  const names: Record<string, string> = {};
  for (const n of (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model) names[n.name] = normRef(n.ranges[0] ?? "");
  return { sheets, names };
}
