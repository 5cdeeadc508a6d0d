/**
 * Renders shared/workbook's WorkbookLayout into the open workbook with Office.js.
 *
 * Round trips (context.sync) do not grow with the number of tasks:
 *   1. read   – sheet names and ids, defined names, whether the first sheet is an empty default sheet;
 *   2. write  – new sheets under temporary names (~任务 …): constants as 2-D arrays, number formats and
 *               styles per column run, widths, merges, freeze panes, then tables over the filled ranges;
 *   3. swap   – old ledger sheets renamed to backups (旧~任务 …), new sheets to their real names, old
 *               names deleted; then formulas, defined names, validations, conditional formats (formulas
 *               are written only now so that they bind to the new sheets, not to the old ones);
 *   4. finish – backups deleted, table names, protection, print setup, document properties, activation.
 * Steps 2 and 3 are split into more requests only when their payload passes `chunkBytes` (Excel on the
 * web refuses requests over 5 MB), so the seed takes 4 syncs and a 5,000-task plan 5.
 *
 * A failure in steps 2–3 is rolled back (new sheets deleted, backups renamed back, names restored):
 * the workbook is as it was. A failure in step 4 leaves the new ledger in place and the error says
 * exactly what is missing. Calculation (and, from ExcelApi 1.9, screen updating) is suspended in
 * every writing request.
 */
import type {
  CellStyle,
  ConditionalFormatLayout,
  SheetLayout,
  ValidationLayout,
  WorkbookLayout,
} from "../../shared/workbook/layout.types";
import { describeExcelError } from "./errors";

export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

export interface WriteOptions {
  /** ExcelApi 1.9 features: suspendScreenUpdatingUntilNextSync, page layout. Default: false. */
  api19?: boolean;
  /** Payload budget of one request in bytes (estimated UTF-8 JSON). Default 3.5 MB (Excel on the web's limit: 5 MB). */
  chunkBytes?: number;
}

export interface WriteReport {
  syncs: number;
  /** Estimated payload of each writing request, in bytes. */
  requestBytes: number[];
  sheets: string[];
  /** Ledger sheets that existed before and were replaced. */
  replaced: string[];
  /** An empty default sheet removed after writing (e.g. "Sheet1"), or null. */
  removedBlank: string | null;
}

export class LedgerWriteError extends Error {
  constructor(
    message: string,
    /** "rolled-back": the workbook is as before; "partial": the new ledger is in place but incomplete. */
    readonly outcome: "rolled-back" | "partial" | "unknown",
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** Excel character-unit column width → points (Office.js columnWidth), Calibri 11: 7 px per char + 5 px padding. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
export function pointsToChars(points: number): number {
  return Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
}

export const TEMP_PREFIX = "~";
export const BACKUP_PREFIX = "旧~";
/**
 * Bytes a queued operation costs besides its arguments: Office.js sends an action plus an object path
 * (ids, types, method name) per call, about 150–200 bytes of JSON. Estimated high on purpose.
 */
const OVERHEAD = 200;

// ---------------------------------------------------------------------------------------------------
// Addresses

function colLetters(c: number): string {
  let s = "";
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 1-based row/col rectangle → "A1:B2". */
function rect(r0: number, c0: number, r1: number, c1: number): string {
  const a = `${colLetters(c0)}${r0}`;
  return r0 === r1 && c0 === c1 ? a : `${a}:${colLetters(c1)}${r1}`;
}

/** The name of the table over a ledger sheet's data ("台账_tasks"). */
export function tableName(key: string): string {
  return `台账_${key}`;
}

function color(hex: string): string {
  return "#" + hex.replace(/^#/, "").toUpperCase();
}

// ---------------------------------------------------------------------------------------------------
// Planning: each sheet becomes a list of queued operations with an estimated size

type Ctx = Excel.RequestContext;
interface Op {
  bytes: number;
  apply: (context: Ctx, sheet: (key: string) => Excel.Worksheet) => void;
}

/** UTF-8 length of a string (requests travel as UTF-8 JSON; a Chinese character is 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n +=
      c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

function estimate(x: unknown): number {
  return OVERHEAD + utf8Length(JSON.stringify(x ?? null));
}

/** Resolved style key of every cell of the sheet's rows (table-area cells default to their column's style). */
function resolvedStyles(sheet: SheetLayout): (string | null)[][] {
  const width = Math.max(
    sheet.columns.length,
    ...sheet.rows.map((r) => r.cells.length),
    0,
  );
  const d = sheet.data;
  return sheet.rows.map((row, i) => {
    const r = i + 1;
    const inTable = d !== null && r >= d.firstRow && r <= d.lastRow;
    const out: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row.cells[c] ?? null;
      if (cell?.style) out.push(cell.style);
      else if (inTable && sheet.columns[c]) out.push(sheet.columns[c]!.style);
      else if (cell) out.push("plain");
      else out.push(null);
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

function applyStyle(
  range: Excel.Range,
  s: CellStyle,
  rows: number,
  cols: number,
): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.fontSize !== undefined) f.font.size = s.fontSize;
  if (s.fontColor) f.font.color = color(s.fontColor);
  if (s.fill) f.fill.color = color(s.fill);
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.hAlign)
    f.horizontalAlignment = (
      { left: "Left", center: "Center", right: "Right" } as const
    )[s.hAlign];
  if (s.vAlign)
    f.verticalAlignment = (
      { top: "Top", middle: "Center", bottom: "Bottom" } as const
    )[s.vAlign];
  if (s.border)
    // Inside borders only where the rectangle has an inside.
    for (const edge of [
      "EdgeTop",
      "EdgeBottom",
      "EdgeLeft",
      "EdgeRight",
      ...(cols > 1 ? (["InsideVertical"] as const) : []),
      ...(rows > 1 ? (["InsideHorizontal"] as const) : []),
    ] as const) {
      const b = f.borders.getItem(edge);
      b.style = "Continuous";
      b.color = "#BFBFBF";
    }
  if (s.locked === false) f.protection.locked = false;
}

function styleBytes(s: CellStyle): number {
  return OVERHEAD * (Object.keys(s).length + (s.border ? 12 : 0));
}

/** Step 2 for one sheet: constants, formats, widths, merges, freeze panes, table. */
function writeOps(
  layout: WorkbookLayout,
  sheet: SheetLayout,
  rowChunkBytes: number,
  tables: Map<string, Excel.Table>,
): Op[] {
  const ops: Op[] = [];
  const key = sheet.key;
  const width = Math.max(
    sheet.columns.length,
    ...sheet.rows.map((r) => r.cells.length),
    1,
  );
  ops.push({
    bytes: OVERHEAD * 2,
    apply: (_ctx, ws) =>
      sheet.tabColor && (ws(key).tabColor = color(sheet.tabColor)),
  });

  // Constants as 2-D arrays, split into row blocks that stay well under the request budget.
  const values = sheet.rows.map((row) => {
    const out: (string | number | boolean | null)[] = [];
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
        const r0 = start;
        if (block.some((row) => row.some((v) => v !== null)))
          ops.push({
            bytes: OVERHEAD + bytes,
            apply: (_ctx, ws) =>
              (ws(key).getRangeByIndexes(r0, 0, block.length, width).values =
                block as any[][]),
          });
      }
      start = r;
      bytes = 0;
    }
    bytes += rowBytes;
  }

  // Styles and number formats: one call per rectangle of cells sharing a style.
  const styles = resolvedStyles(sheet);
  for (const [r0, c0, r1, c1, styleKey] of rectangles(
    columnRuns(
      styles,
      width,
      (a, b) => a === b,
      (v) => v === null,
    ),
    (a, b) => a === b,
  )) {
    const style = layout.styles[styleKey!];
    if (!style) continue;
    const address = rect(r0 + 1, c0 + 1, r1 + 1, c1 + 1);
    const n = (r1 - r0 + 1) * (c1 - c0 + 1);
    const fmt = style.numFmt;
    ops.push({
      bytes: styleBytes(style) + (fmt ? n * (fmt.length + 3) : 0),
      apply: (_ctx, ws) => {
        const range = ws(key).getRange(address);
        applyStyle(range, style, r1 - r0 + 1, c1 - c0 + 1);
        if (fmt)
          range.numberFormat = Array.from({ length: r1 - r0 + 1 }, () =>
            Array(c1 - c0 + 1).fill(fmt),
          );
      },
    });
  }

  sheet.columns.forEach((col, i) => {
    ops.push({
      bytes: OVERHEAD * 2,
      apply: (_ctx, ws) => {
        const range = ws(key).getRange(
          `${colLetters(i + 1)}:${colLetters(i + 1)}`,
        );
        range.format.columnWidth = charsToPoints(col.width);
        if (col.hidden) range.columnHidden = true;
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
      apply: (_ctx, ws) =>
        (ws(key).getRange(`${r0 + 1}:${r1 + 1}`).format.rowHeight = h!),
    });
  for (const m of sheet.merges)
    ops.push({
      bytes: OVERHEAD,
      apply: (_ctx, ws) => ws(key).getRange(m).merge(false),
    });
  const fr = sheet.freeze;
  if (fr && (fr.rows > 0 || fr.columns > 0))
    ops.push({
      bytes: OVERHEAD,
      apply: (_ctx, ws) => {
        const p = ws(key).freezePanes;
        if (fr.columns === 0) p.freezeRows(fr.rows);
        else if (fr.rows === 0) p.freezeColumns(fr.columns);
        else p.freezeAt(ws(key).getRangeByIndexes(0, 0, fr.rows, fr.columns));
      },
    });
  // The filter range becomes a table (filter buttons, structured ranges); written after its header
  // labels. No table without data rows (Excel would add an empty one).
  if (
    sheet.autoFilter &&
    sheet.data &&
    sheet.data.lastRow >= sheet.data.firstRow
  ) {
    const address = sheet.autoFilter;
    ops.push({
      bytes: OVERHEAD * 3,
      apply: (_ctx, ws) => {
        const t = ws(key).tables.add(address, true);
        t.showBandedRows = false;
        t.style = "TableStyleLight1";
        tables.set(key, t);
      },
    });
  }
  return ops;
}

function formulaOps(sheet: SheetLayout, maxBytes: number): Op[] {
  const key = sheet.key;
  const width = Math.max(
    sheet.columns.length,
    ...sheet.rows.map((r) => r.cells.length),
    1,
  );
  const grid = sheet.rows.map((row) =>
    Array.from({ length: width }, (_, c) => row.cells[c]?.formula ?? null),
  );
  const ops: Op[] = [];
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
        const from = start;
        const column = grid.slice(from, r).map((row) => ["=" + row[c]!]);
        const to = r - 1;
        ops.push({
          bytes: OVERHEAD + bytes,
          apply: (_ctx, ws) =>
            (ws(key).getRange(rect(from + 1, c + 1, to + 1, c + 1)).formulas =
              column),
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

export function validationRule(v: ValidationLayout): Excel.DataValidationRule {
  if (v.type === "list")
    return { list: { inCellDropDown: true, source: (v.list ?? []).join(",") } };
  const op = OPERATORS[v.operator ?? "between"];
  const basic: Excel.BasicDataValidation = {
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

function validationOps(sheet: SheetLayout): Op[] {
  return sheet.validations.map((v) => ({
    bytes: estimate(v) + 4 * OVERHEAD, // getRange, rule, ignoreBlanks, prompt, errorAlert
    apply: (_ctx, ws) => {
      const dv = ws(sheet.key).getRange(v.range).dataValidation;
      dv.rule = validationRule(v);
      dv.ignoreBlanks = v.allowBlank;
      if (v.prompt)
        dv.prompt = {
          showPrompt: true,
          title: v.prompt.title,
          message: v.prompt.text,
        };
      dv.errorAlert = {
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
      };
    },
  }));
}

function conditionalFormatOps(sheet: SheetLayout): Op[] {
  // Office.js gives a new format the highest priority: add them lowest priority first.
  const list = [...sheet.conditionalFormats].sort(
    (a, b) => b.priority - a.priority,
  );
  return list.map((cf: ConditionalFormatLayout) => ({
    bytes: estimate(cf) + 5 * OVERHEAD, // getRange, add and up to four format settings
    apply: (_ctx, ws) => {
      const range = ws(sheet.key).getRange(cf.range);
      if (cf.type === "expression") {
        const f = range.conditionalFormats.add("Custom");
        f.custom.rule.formula = "=" + cf.formula;
        if (cf.style.fill) f.custom.format.fill.color = color(cf.style.fill);
        if (cf.style.fontColor)
          f.custom.format.font.color = color(cf.style.fontColor);
        if (cf.style.bold !== undefined)
          f.custom.format.font.bold = cf.style.bold;
        if (cf.stopIfTrue) f.stopIfTrue = true;
      } else {
        const f = range.conditionalFormats.add("DataBar");
        f.dataBar.lowerBoundRule = { type: "Number", formula: String(cf.min) };
        f.dataBar.upperBoundRule = { type: "Number", formula: String(cf.max) };
        f.dataBar.positiveFormat.fillColor = color(cf.color);
        // Solid, as in the exceljs file (which writes x14 gradient="0" even when asked for a gradient).
        f.dataBar.positiveFormat.gradientFill = false;
      }
    },
  }));
}

/** Packs operations into requests whose estimated payload stays under `budget`. */
function pack(ops: Op[], budget: number): Op[][] {
  const out: Op[][] = [[]];
  let bytes = 0;
  for (const op of ops) {
    if (bytes + op.bytes > budget && out[out.length - 1]!.length > 0) {
      out.push([]);
      bytes = 0;
    }
    out[out.length - 1]!.push(op);
    bytes += op.bytes;
  }
  return out;
}

function freeName(base: string, taken: Set<string>): string {
  let name = base.slice(0, 31);
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${base.slice(0, 28)}~${i}`;
  taken.add(name.toLowerCase());
  return name;
}

// ---------------------------------------------------------------------------------------------------

export async function writeLayout(
  run: ExcelRun,
  layout: WorkbookLayout,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const budget = options.chunkBytes ?? 3_500_000;
  const report: WriteReport = {
    syncs: 0,
    requestBytes: [],
    sheets: layout.sheets.map((s) => s.name),
    replaced: [],
    removedBlank: null,
  };

  return run(async (context) => {
    const sync = async () => {
      report.syncs++;
      await context.sync();
    };
    const suspend = () => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      if (options.api19)
        context.workbook.application.suspendScreenUpdatingUntilNextSync();
    };

    // 1. read
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    const names = context.workbook.names;
    names.load("items/name,items/formula,items/comment");
    const first = sheets.getActiveWorksheet();
    first.load("name");
    const used = first.getUsedRangeOrNullObject();
    used.load("address");
    report.syncs++;
    await context.sync();
    const activeName = first.name;
    const activeEmpty = used.isNullObject;
    const existing = sheets.items.map((s) => ({ name: s.name, id: s.id }));
    const taken = new Set(existing.map((s) => s.name.toLowerCase()));
    const ledgerNames = new Set(layout.sheets.map((s) => s.name.toLowerCase()));
    const old = existing.filter((s) => ledgerNames.has(s.name.toLowerCase()));
    report.replaced = old.map((s) => s.name);
    const layoutNames = new Set(layout.names.map((n) => n.name.toLowerCase()));
    const oldNames = names.items
      .filter((n) => layoutNames.has(n.name.toLowerCase()))
      .map((n) => ({ name: n.name, formula: n.formula, comment: n.comment }));
    const blank =
      existing.length === 1 && old.length === 0 && activeEmpty
        ? activeName
        : null;

    const temp = new Map(
      layout.sheets.map((s) => [s.key, freeName(TEMP_PREFIX + s.name, taken)]),
    );
    const backup = new Map(
      old.map((s) => [s.id, freeName(BACKUP_PREFIX + s.name, taken)]),
    );
    let stage: "write" | "swap" | "finish" = "write";
    let swapped = false;
    const newIds: string[] = [];
    const byKey = new Map<string, Excel.Worksheet>();
    const tables = new Map<string, Excel.Table>();
    const ws = (key: string) => byKey.get(key)!;

    try {
      // 2. write new sheets under temporary names
      for (const s of layout.sheets)
        byKey.set(s.key, sheets.add(temp.get(s.key)!));
      const writes = layout.sheets.flatMap((s) =>
        writeOps(layout, s, Math.min(1_000_000, budget / 2), tables),
      );
      const chunks = pack(writes, budget);
      for (const chunk of chunks) {
        suspend();
        for (const op of chunk) op.apply(context, ws);
        report.requestBytes.push(chunk.reduce((n, op) => n + op.bytes, 0));
        if (chunk === chunks[chunks.length - 1])
          for (const w of byKey.values()) w.load("id");
        await sync();
      }
      for (const w of byKey.values()) newIds.push(w.id);

      // 3. swap names, then everything that refers to sheets
      stage = "swap";
      const swap: Op[] = [
        {
          bytes:
            OVERHEAD * (old.length + layout.sheets.length + oldNames.length),
          apply: () => {
            for (const s of old)
              sheets.getItem(s.name).name = backup.get(s.id)!;
            for (const s of layout.sheets) ws(s.key).name = s.name;
            for (const n of oldNames) names.getItem(n.name).delete();
            swapped = true;
          },
        },
        ...layout.sheets.flatMap((s) =>
          formulaOps(s, Math.min(1_000_000, budget / 2)),
        ),
        ...layout.names.map((n) => ({
          bytes: estimate(n),
          apply: () => {
            names.add(n.name, "=" + n.refersTo, n.comment);
          },
        })),
        ...layout.sheets.flatMap((s) => [
          ...validationOps(s),
          ...conditionalFormatOps(s),
        ]),
      ];
      const swapChunks = pack(swap, budget);
      for (const chunk of swapChunks) {
        suspend();
        for (const op of chunk) op.apply(context, ws);
        report.requestBytes.push(chunk.reduce((n, op) => n + op.bytes, 0));
        await sync();
      }
    } catch (error) {
      const why = describeExcelError(error);
      try {
        await rollback();
      } catch (again) {
        throw new LedgerWriteError(
          `写入台账失败：${why}。撤销也失败（${describeExcelError(again)}）：请检查名称以“${TEMP_PREFIX}”或“${BACKUP_PREFIX}”开头的工作表——前者是未写完的新表，可删除；后者是原来的台账，去掉前缀即可恢复。`,
          "unknown",
          error,
        );
      }
      throw new LedgerWriteError(
        `写入台账失败：${why}。已撤销，工作簿未改变。`,
        "rolled-back",
        error,
      );
    }

    // 4. finish: drop the backups, then table names, protection, print setup, properties
    stage = "finish";
    try {
      suspend();
      for (const s of old) sheets.getItem(backup.get(s.id)!).delete();
      if (blank) sheets.getItem(blank).delete();
      for (const s of layout.sheets) {
        const w = ws(s.key);
        // Table names are free only now that the old sheets (and their tables) are gone.
        const t = tables.get(s.key);
        if (t) t.name = tableName(s.key);
        if (options.api19) applyPrint(w, s);
        if (s.protection) {
          const a = s.protection.allow;
          w.protection.protect(
            {
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
            s.protection.password ?? undefined,
          );
        }
      }
      const p = context.workbook.properties;
      p.title = layout.metadata.title;
      p.subject = layout.metadata.subject;
      p.author = layout.metadata.creator;
      p.keywords = layout.metadata.keywords;
      p.comments = layout.metadata.description;
      const active = layout.sheets.find((s) => s.key === layout.activeSheet);
      if (active) ws(active.key).activate();
      await sync();
      report.removedBlank = blank;
    } catch (error) {
      throw new LedgerWriteError(
        `新台账已写入（${layout.sheets.map((s) => s.name).join("、")}），但收尾未完成：${describeExcelError(error)}。` +
          `可能缺少：表名、工作表保护、打印设置${old.length ? `；名称以“${BACKUP_PREFIX}”开头的旧表可能仍在，可删除` : ""}。请重新写入一次。`,
        "partial",
        error,
      );
    }
    return report;

    async function rollback(): Promise<void> {
      // Re-read what exists now: a failed request applies the operations queued before the failing one.
      const now = context.workbook.worksheets;
      now.load("items/name,items/id");
      const nowNames = context.workbook.names;
      nowNames.load("items/name");
      await sync();
      const created = new Set(newIds);
      const tempNames = new Set([...temp.values()].map((n) => n.toLowerCase()));
      for (const s of now.items) {
        // New sheets: by id once known, otherwise by their temporary name.
        if (created.has(s.id) || tempNames.has(s.name.toLowerCase()))
          s.delete();
      }
      for (const s of old) {
        const b = now.items.find((x) => x.id === s.id);
        if (b && b.name !== s.name) b.name = s.name;
      }
      const present = new Set(nowNames.items.map((n) => n.name.toLowerCase()));
      if (swapped || stage !== "write") {
        for (const n of layout.names)
          if (
            present.has(n.name.toLowerCase()) &&
            !oldNames.some((o) => o.name.toLowerCase() === n.name.toLowerCase())
          )
            nowNames.getItem(n.name).delete();
        for (const n of oldNames) {
          if (present.has(n.name.toLowerCase()))
            nowNames.getItem(n.name).delete();
          nowNames.add(n.name, n.formula, n.comment);
        }
      }
      await sync();
    }
  });
}

function applyPrint(w: Excel.Worksheet, s: SheetLayout): void {
  const p = s.print;
  const pl = w.pageLayout;
  pl.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
  pl.paperSize = "A4";
  if (p.fitToWidth)
    pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  else if (p.scale) pl.zoom = { scale: p.scale };
  if (p.titleColumns)
    pl.setPrintTitleColumns(
      p.titleColumns
        .split(":")
        .map((c) => `$${c}`)
        .join(":"),
    );
  if (p.titleRows)
    pl.setPrintTitleRows(
      p.titleRows
        .split(":")
        .map((r) => `$${r}`)
        .join(":"),
    );
  pl.leftMargin = p.margins.left * 72;
  pl.rightMargin = p.margins.right * 72;
  pl.topMargin = p.margins.top * 72;
  pl.bottomMargin = p.margins.bottom * 72;
  pl.headerMargin = p.margins.header * 72;
  pl.footerMargin = p.margins.footer * 72;
  if (p.footer) pl.headersFooters.defaultForAllPages.centerFooter = p.footer;
}
