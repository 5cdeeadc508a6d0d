/**
 * A WorkbookLayout translated into the Office.js writer's operations (ops.types.ts), packed into
 * requests. Pure: no Office.js at run time, so the batching decisions can be tested on plain data.
 *
 * Batching: cells of the same style become one format call per rectangle; constants go as 2-D arrays
 * of whole rows; formulas as column pieces. Every operation carries an estimated payload, and the
 * operations of a step are packed into requests that stay under the budget (Excel on the web refuses
 * requests over 5 MB): the seed takes one request per step, a 5,000-task plan a few.
 */
import type {
  CellStyle,
  CellValue,
  ConditionalFormatLayout,
  SheetLayout,
  ValidationLayout,
  WorkbookLayout,
} from "../../shared/workbook/layout.types";
import { colLetter } from "../../shared/vocabulary";
import { needsTextFormat } from "../../shared/workbook/layout.common";
import type {
  BorderEdge,
  BasicRule,
  LayoutOps,
  Operation,
  PageLayout,
  RangeFormat,
  Request,
  ValidationRule,
} from "./ops.types";

interface TranslateOptions {
  /** Payload budget of one request in bytes (estimated UTF-8 JSON). Default 3.5 MB (Excel on the web's limit: 5 MB). */
  chunkBytes?: number;
  /** ExcelApi 1.9: page layout. */
  api19?: boolean;
  /** What `prepare` empties in the open workbook: existing ledger sheets and defined names. */
  replaced?: { sheets: number; names: number };
}

/** Thin grey cell borders, as in the exceljs file. */
const BORDER_COLOR = "#BFBFBF";
const DEFAULT_BUDGET = 3_500_000;
/**
 * Bytes a queued operation costs besides its arguments: Office.js sends an action plus an object path
 * (ids, types, method name) per call, about 150–200 bytes of JSON. Estimated high on purpose.
 */
const OVERHEAD = 200;

interface Sized {
  bytes: number;
  op: Operation;
}

export function translateLayout(
  layout: WorkbookLayout,
  options: TranslateOptions = {},
): LayoutOps {
  const budget = options.chunkBytes ?? DEFAULT_BUDGET;
  // No single operation may outgrow a request: row blocks and formula pieces stay at half the budget.
  const piece = Math.min(1_000_000, budget / 2);
  const replaced = options.replaced ?? { sheets: 0, names: 0 };
  const write: Sized[] = [
    {
      // per kept sheet: unprotect, table deletes, clear, unmerge, validations, formats, unhide
      bytes:
        OVERHEAD *
        (8 * replaced.sheets + layout.sheets.length + replaced.names),
      op: { kind: "prepare" },
    },
    ...layout.sheets.flatMap((s) => writeOps(layout, s, piece)),
  ];
  const refer: Sized[] = [
    ...layout.sheets.flatMap((s) => formulaOps(s, piece)),
    ...layout.names.map((n): Sized => ({
      bytes: estimate(n),
      op: {
        kind: "name",
        name: n.name,
        formula: "=" + n.refersTo,
        comment: n.comment,
      },
    })),
    ...layout.sheets.flatMap((s) => [
      ...validationOps(s),
      ...conditionalFormatOps(s),
    ]),
  ];
  return {
    write: pack(write, budget),
    refer: pack(refer, budget),
    finish: finishOps(layout),
    print: options.api19 ? printOps(layout) : [],
  };
}

/** The name of the table over a ledger sheet's data ("台账_tasks"). */
function tableName(key: string): string {
  return `台账_${key}`;
}

/** A filtered sheet with data rows gets a table (Excel would add an empty row to a table without). */
function hasTable(sheet: SheetLayout): boolean {
  return (
    sheet.autoFilter !== null &&
    sheet.data !== null &&
    sheet.data.lastRow >= sheet.data.firstRow
  );
}

/** Excel character-unit column width → points (Office.js columnWidth), Calibri 11: 7 px per char + 5 px padding. */
function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function color(hex: string): string {
  return "#" + hex.replace(/^#/, "").toUpperCase();
}

/** 1-based row/col rectangle → "A1:B2". */
function rect(r0: number, c0: number, r1: number, c1: number): string {
  const a = `${colLetter(c0)}${r0}`;
  return r0 === r1 && c0 === c1 ? a : `${a}:${colLetter(c1)}${r1}`;
}

/** UTF-8 length of a string (requests travel as UTF-8 JSON; a Chinese character is 3 bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n +=
      c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/** UTF-8 bytes of the JSON of x: what a request (or a response) carries for it. */
export function jsonBytes(x: unknown): number {
  return utf8Length(JSON.stringify(x ?? null));
}

function estimate(x: unknown): number {
  return OVERHEAD + jsonBytes(x);
}

/** Packs operations into requests whose estimated payload stays under `budget`. */
function pack(ops: Sized[], budget: number): Request[] {
  const out: Request[] = [{ bytes: 0, ops: [] }];
  for (const { bytes, op } of ops) {
    let last = out[out.length - 1]!;
    if (last.bytes + bytes > budget && last.ops.length > 0) {
      last = { bytes: 0, ops: [] };
      out.push(last);
    }
    last.ops.push(op);
    last.bytes += bytes;
  }
  return out;
}

function sheetWidth(sheet: SheetLayout, least: number): number {
  return Math.max(
    sheet.columns.length,
    ...sheet.rows.map((r) => r.cells.length),
    least,
  );
}

/** Marks a style key whose cells hold text and get the text format "@" (needsTextFormat). */
const TEXT = "|@";

/**
 * Resolved style key of every cell of the sheet's rows (table-area cells default to their column's
 * style); `key|@` where a text value needs the text format before it is written.
 */
function resolvedStyles(
  layout: WorkbookLayout,
  sheet: SheetLayout,
): (string | null)[][] {
  const width = sheetWidth(sheet, 0);
  const d = sheet.data;
  return sheet.rows.map((row, i) => {
    const r = i + 1;
    const inTable = d !== null && r >= d.firstRow && r <= d.lastRow;
    const out: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row.cells[c] ?? null;
      const key = cell?.style
        ? cell.style
        : inTable && sheet.columns[c]
          ? sheet.columns[c]!.style
          : cell
            ? "plain"
            : null;
      const text =
        key !== null &&
        cell?.formula === undefined &&
        needsTextFormat(layout.styles[key], cell?.value);
      out.push(text ? key + TEXT : key);
    }
    return out;
  });
}

/** Maximal vertical runs of the same key per column: [c, r0, r1, key] (0-based). */
function columnRuns<T>(
  grid: T[][],
  width: number,
  same: (a: T, b: T) => boolean,
  skip: (v: T) => boolean,
): [number, number, number, T][] {
  const runs: [number, number, number, T][] = [];
  for (let c = 0; c < width; c++) {
    let start = -1;
    for (let r = 0; r <= grid.length; r++) {
      const v = r < grid.length ? (grid[r]![c] as T) : undefined;
      const prev = start >= 0 ? (grid[start]![c] as T) : undefined;
      if (start >= 0 && (v === undefined || !same(v, prev as T))) {
        runs.push([c, start, r - 1, prev as T]);
        start = -1;
      }
      if (start < 0 && v !== undefined && !skip(v)) start = r;
    }
  }
  return runs;
}

/** Merges adjacent column runs with the same rows and key into rectangles: [r0, c0, r1, c1, key]. */
function rectangles<T>(
  runs: [number, number, number, T][],
  same: (a: T, b: T) => boolean,
): [number, number, number, number, T][] {
  const out: [number, number, number, number, T][] = [];
  const open = new Map<string, [number, number, number, number, T]>();
  for (const [c, r0, r1, key] of runs) {
    const k = `${r0}:${r1}`;
    const prev = open.get(k);
    if (prev && prev[3] === c - 1 && same(prev[4], key)) prev[3] = c;
    else {
      const next: [number, number, number, number, T] = [r0, c, r1, c, key];
      open.set(k, next);
      out.push(next);
    }
  }
  return out;
}

function rangeFormat(s: CellStyle, rows: number, cols: number): RangeFormat {
  const f: RangeFormat = {};
  if (s.bold !== undefined) f.bold = s.bold;
  if (s.fontSize !== undefined) f.fontSize = s.fontSize;
  if (s.fontColor) f.fontColor = color(s.fontColor);
  if (s.fill) f.fill = color(s.fill);
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.hAlign)
    f.horizontalAlignment = (
      { left: "Left", center: "Center", right: "Right" } as const
    )[s.hAlign];
  if (s.vAlign)
    f.verticalAlignment = (
      { top: "Top", middle: "Center", bottom: "Bottom" } as const
    )[s.vAlign];
  if (s.border) {
    // Inside borders only where the rectangle has an inside.
    const edges: BorderEdge[] = [
      "EdgeTop",
      "EdgeBottom",
      "EdgeLeft",
      "EdgeRight",
    ];
    if (cols > 1) edges.push("InsideVertical");
    if (rows > 1) edges.push("InsideHorizontal");
    f.borders = { edges, color: BORDER_COLOR };
  }
  if (s.locked === false) f.unlocked = true;
  return f;
}

function styleBytes(s: CellStyle): number {
  return OVERHEAD * (Object.keys(s).length + (s.border ? 12 : 0));
}

/** Step 2 for one sheet: constants, formats, widths, merges, freeze panes, table. */
function writeOps(
  layout: WorkbookLayout,
  sheet: SheetLayout,
  rowChunkBytes: number,
): Sized[] {
  const ops: Sized[] = [];
  const key = sheet.key;
  const width = sheetWidth(sheet, 1);
  if (sheet.tabColor)
    ops.push({
      bytes: OVERHEAD * 2,
      op: { kind: "tabColor", sheet: key, color: color(sheet.tabColor) },
    });

  // Styles and number formats: one call per rectangle of cells sharing a style.
  const styles = resolvedStyles(layout, sheet);
  for (const [r0, c0, r1, c1, styleKey] of rectangles(
    columnRuns(
      styles,
      width,
      (a, b) => a === b,
      (v) => v === null,
    ),
    (a, b) => a === b,
  )) {
    const text = styleKey!.endsWith(TEXT);
    const base =
      layout.styles[text ? styleKey!.slice(0, -TEXT.length) : styleKey!];
    if (!base) continue;
    const style: CellStyle = text ? { ...base, numFmt: "@" } : base;
    const rows = r1 - r0 + 1;
    const columns = c1 - c0 + 1;
    const fmt = style.numFmt;
    ops.push({
      bytes: styleBytes(style) + (fmt ? rows * columns * (fmt.length + 3) : 0),
      op: {
        kind: "format",
        sheet: key,
        address: rect(r0 + 1, c0 + 1, r1 + 1, c1 + 1),
        rows,
        columns,
        format: rangeFormat(style, rows, columns),
        ...(fmt ? { numberFormat: fmt } : {}),
      },
    });
  }

  // Constants as 2-D arrays, split into row blocks that stay well under the request budget. Written
  // after the number formats: Excel parses a string written to a cell as if typed ("=…", "-…"
  // become formulas) unless the cell is already formatted as text ("@").
  const values = sheet.rows.map((row) => {
    const out: CellValue[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row.cells[c];
      out.push(
        cell && cell.formula === undefined && cell.value !== undefined
          ? cell.value
          : null,
      );
    }
    return out;
  });
  let start = 0;
  let bytes = 0;
  for (let r = 0; r <= values.length; r++) {
    const rowBytes =
      r < values.length ? utf8Length(JSON.stringify(values[r])) + 1 : 0;
    if (
      r === values.length ||
      (bytes + rowBytes > rowChunkBytes && r > start)
    ) {
      if (r > start) {
        const block = values.slice(start, r);
        if (block.some((row) => row.some((v) => v !== null)))
          ops.push({
            bytes: OVERHEAD + bytes,
            op: { kind: "values", sheet: key, row: start, values: block },
          });
      }
      start = r;
      bytes = 0;
    }
    bytes += rowBytes;
  }

  sheet.columns.forEach((col, i) => {
    const letter = colLetter(i + 1);
    ops.push({
      bytes: OVERHEAD * 2,
      op: {
        kind: "column",
        sheet: key,
        address: `${letter}:${letter}`,
        width: charsToPoints(col.width),
        hidden: col.hidden === true,
      },
    });
  });
  // Row heights: runs of equal heights.
  const heights: (number | null)[][] = sheet.rows.map((r) => [
    r.height ?? null,
  ]);
  for (const [, r0, r1, h] of columnRuns(
    heights,
    1,
    (a, b) => a === b,
    (v) => v === null,
  ))
    ops.push({
      bytes: OVERHEAD,
      op: {
        kind: "rowHeight",
        sheet: key,
        address: `${r0 + 1}:${r1 + 1}`,
        height: h!,
      },
    });
  for (const m of sheet.merges)
    ops.push({
      bytes: OVERHEAD,
      op: { kind: "merge", sheet: key, address: m },
    });
  const fr = sheet.freeze;
  if (fr && (fr.rows > 0 || fr.columns > 0))
    ops.push({
      bytes: OVERHEAD,
      op: { kind: "freeze", sheet: key, rows: fr.rows, columns: fr.columns },
    });
  // The filter range becomes a table (filter buttons, structured ranges); written after its header
  // labels. No table without data rows (Excel would add an empty one).
  if (sheet.autoFilter && hasTable(sheet))
    ops.push({
      bytes: OVERHEAD * 3,
      op: {
        kind: "table",
        sheet: key,
        address: sheet.autoFilter,
        style: "TableStyleLight1",
        showBandedRows: false,
      },
    });
  return ops;
}

/** Formulas as column runs, written once every sheet they refer to holds its cells. */
function formulaOps(sheet: SheetLayout, maxBytes: number): Sized[] {
  const width = sheetWidth(sheet, 1);
  const grid = sheet.rows.map((row) =>
    Array.from({ length: width }, (_, c) => row.cells[c]?.formula ?? null),
  );
  const ops: Sized[] = [];
  for (const [c, r0, r1] of columnRuns(
    grid,
    width,
    () => true,
    (v) => v === null,
  )) {
    // A long column is split into pieces of at most maxBytes, so no single operation outgrows a request.
    let start = r0;
    let bytes = 0;
    for (let r = r0; r <= r1 + 1; r++) {
      const size = r <= r1 ? utf8Length(grid[r]![c]!) + 8 : 0;
      if (r === r1 + 1 || (bytes + size > maxBytes && r > start)) {
        ops.push({
          bytes: OVERHEAD + bytes,
          op: {
            kind: "formulas",
            sheet: sheet.key,
            address: rect(start + 1, c + 1, r, c + 1),
            formulas: grid.slice(start, r).map((row) => ["=" + row[c]!]),
          },
        });
        start = r;
        bytes = 0;
      }
      bytes += size;
    }
  }
  return ops;
}

const OPERATORS = {
  between: "Between",
  greaterThanOrEqual: "GreaterThanOrEqualTo",
  lessThanOrEqual: "LessThanOrEqualTo",
} as const;

function validationRule(v: ValidationLayout): ValidationRule {
  if (v.type === "list")
    return { list: { inCellDropDown: true, source: (v.list ?? []).join(",") } };
  const op = OPERATORS[v.operator ?? "between"];
  const basic: BasicRule = {
    operator: op,
    formula1: op === "LessThanOrEqualTo" ? v.max! : v.min!,
  };
  if (op === "Between") basic.formula2 = v.max!;
  return v.type === "decimal"
    ? { decimal: basic }
    : v.type === "whole"
      ? { wholeNumber: basic }
      : { textLength: basic };
}

function validationOps(sheet: SheetLayout): Sized[] {
  return sheet.validations.map((v) => ({
    bytes: estimate(v) + 4 * OVERHEAD, // getRange, rule, ignoreBlanks, prompt, errorAlert
    op: {
      kind: "validation",
      sheet: sheet.key,
      address: v.range,
      rule: validationRule(v),
      ignoreBlanks: v.allowBlank,
      ...(v.prompt
        ? {
            prompt: {
              showPrompt: true,
              title: v.prompt.title,
              message: v.prompt.text,
            },
          }
        : {}),
      errorAlert: {
        showAlert: true,
        style: (
          {
            stop: "Stop",
            warning: "Warning",
            information: "Information",
          } as const
        )[v.error.style],
        title: v.error.title,
        message: v.error.text,
      },
    },
  }));
}

function conditionalFormatOps(sheet: SheetLayout): Sized[] {
  // Office.js gives a new format the highest priority: add them lowest priority first.
  const list = [...sheet.conditionalFormats].sort(
    (a, b) => b.priority - a.priority,
  );
  return list.map((cf: ConditionalFormatLayout) => ({
    bytes: estimate(cf) + 5 * OVERHEAD, // getRange, add and up to four format settings
    op: {
      kind: "conditionalFormat",
      sheet: sheet.key,
      address: cf.range,
      format:
        cf.type === "expression"
          ? {
              type: "Custom",
              formula: "=" + cf.formula,
              ...(cf.style.fill ? { fill: color(cf.style.fill) } : {}),
              ...(cf.style.fontColor
                ? { fontColor: color(cf.style.fontColor) }
                : {}),
              ...(cf.style.bold !== undefined ? { bold: cf.style.bold } : {}),
              stopIfTrue: cf.stopIfTrue === true,
            }
          : {
              type: "DataBar",
              min: String(cf.min),
              max: String(cf.max),
              fillColor: color(cf.color),
            },
    },
  }));
}

function pageLayout(s: SheetLayout): PageLayout {
  const p = s.print;
  const absolute = (range: string) =>
    range
      .split(":")
      .map((x) => `$${x}`)
      .join(":");
  const inches = (n: number) => n * 72;
  return {
    orientation: p.orientation === "landscape" ? "Landscape" : "Portrait",
    paperSize: "A4",
    ...(p.fitToWidth
      ? { zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } }
      : p.scale
        ? { zoom: { scale: p.scale } }
        : {}),
    ...(p.titleColumns ? { printTitleColumns: absolute(p.titleColumns) } : {}),
    ...(p.titleRows ? { printTitleRows: absolute(p.titleRows) } : {}),
    margins: {
      left: inches(p.margins.left),
      right: inches(p.margins.right),
      top: inches(p.margins.top),
      bottom: inches(p.margins.bottom),
      header: inches(p.margins.header),
      footer: inches(p.margins.footer),
    },
    ...(p.footer ? { centerFooter: p.footer } : {}),
  };
}

/** Step 5: print setup of every sheet, then the zooms (the one setting Excel may refuse). */
function printOps(layout: WorkbookLayout): Operation[] {
  const ops: Operation[] = [];
  const zooms: Operation[] = [];
  for (const s of layout.sheets) {
    const { zoom, ...rest } = pageLayout(s);
    ops.push({ kind: "pageLayout", sheet: s.key, layout: rest });
    if (zoom) zooms.push({ kind: "printZoom", sheet: s.key, zoom });
  }
  return [...ops, ...zooms];
}

/** Step 4: what needs the sheets complete (protection, hiding). */
function finishOps(layout: WorkbookLayout): Operation[] {
  const ops: Operation[] = [];
  for (const s of layout.sheets) {
    if (hasTable(s))
      ops.push({ kind: "tableName", sheet: s.key, name: tableName(s.key) });
    if (s.protection) {
      const a = s.protection.allow;
      ops.push({
        kind: "protect",
        sheet: s.key,
        options: {
          allowAutoFilter: a.autoFilter,
          allowSort: a.sort,
          allowFormatColumns: a.formatColumns,
          allowFormatRows: a.formatRows,
          allowInsertRows: a.insertRows,
          allowDeleteRows: a.deleteRows,
          selectionMode: a.selectLockedCells
            ? "Normal"
            : a.selectUnlockedCells
              ? "Unlocked"
              : "None",
        },
        password: s.protection.password ?? undefined,
      });
    }
  }
  const m = layout.metadata;
  ops.push({
    kind: "properties",
    title: m.title,
    subject: m.subject,
    author: m.creator,
    keywords: m.keywords,
    comments: m.description,
  });
  if (layout.sheets.some((s) => s.key === layout.activeSheet))
    ops.push({ kind: "activate", sheet: layout.activeSheet });
  // Hidden last: a sheet is hidden once it is complete, and never before the rollback could delete it.
  for (const s of layout.sheets)
    if (s.visibility === "hidden" || s.visibility === "veryHidden")
      ops.push({
        kind: "visibility",
        sheet: s.key,
        visibility: s.visibility === "hidden" ? "Hidden" : "VeryHidden",
      });
  return ops;
}
