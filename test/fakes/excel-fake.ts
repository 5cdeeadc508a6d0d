/**
 * A recording fake of the part of the Excel JavaScript object model (Office.js) that plan-ledger uses.
 * Runs in Node (vitest) and in the browser (bundled into the task-pane test page): no Node imports.
 *
 * What it models, and why:
 * - Batching: every call or property write is an *operation* queued into the current request; `context.sync()`
 *   closes the request. `stats.syncs` counts round trips, `stats.requests[i].bytes` estimates each
 *   request's payload (JSON of the arguments + a fixed overhead per operation) so tests can assert the
 *   5 MB limit of Excel on the web (`payloadLimit` makes an oversized request fail like Excel does).
 * - Errors: an operation that fails (bad address, duplicate name, wrong array shape, protected cell, or
 *   an injected `failAt`) records an Office-style error; the operations queued after it in the same
 *   request are skipped and `sync()` rejects — operations before it stay applied, as in Excel.
 * - Loading: reading a scalar property that was not `load`ed and synced throws PropertyNotLoaded.
 * - Formats and conditional formats are recorded generically (any nested property path), so a test can
 *   compare them with what exceljs wrote without this file knowing every Excel format property.
 * - Typing rules of `values` / `formulas` (typedInput): a string is parsed as if typed ("=…", "-abc" become
 *   formulas, "100.10" the number 100.1, "50%" 0.5, "2023-03-31" a date serial) unless its cell is
 *   formatted as text ("@") before the write; null leaves a cell as it is.
 * - Responses: `stats.requests[i].responseBytes` is the JSON of what the sync's loads return (values,
 *   formulas, number formats…); above `responseLimit` (default: `payloadLimit`) the sync fails with
 *   ResponsePayloadSizeLimitExceeded, as Excel on the web does for responses over 5 MB.
 * - Tables: a table column is one calculated column in Excel (office-js issues 5909, 2093, 6745: formulas
 *   written to a column are filled over it). The fake refuses a table column whose formula cells have
 *   different shapes (compared in R1C1 terms, formulaShape), at tables.add and at every write into it.
 * - Sheet references: renaming a sheet rewrites the formulas and names that refer to it; deleting it
 *   turns them into #REF! (a user's `=任务!A3` on a sheet of their own is lost when 任务 is deleted).
 * - Protection: protect() replaces the password (none given: the sheet has none afterwards); unprotect()
 *   needs the sheet's password.
 * - Visibility: one sheet stays visible; a very hidden sheet cannot be deleted (make it visible first).
 * Not modelled: calculation (formula cells read back as null; `stats.calculations` records
 * application.calculate), merged cells beyond bookkeeping, events, charts, undo.
 */
import { cellAddress, colLetter, colNumber } from "../../shared/vocabulary";

export class FakeOfficeError extends Error {
  readonly name = "RichApi.Error";
  constructor(
    readonly code: string,
    message: string,
    readonly debugInfo: { code: string; message: string; errorLocation?: string } = { code, message },
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation: debugInfo.errorLocation };
  }
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
/** Per-operation JSON of a real request (action + object path), roughly; see ops.translate.ts. */
const OP_OVERHEAD = 200;

export interface Area {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface CellState {
  value: unknown;
  formula: string | null;
  numberFormat: string | null;
  format: Record<string, unknown>;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  area: Area;
  hasHeaders: boolean;
  props: Record<string, unknown>;
  filters: Record<string, unknown>;
  rowsAddCalls: number;
}

export interface ValidationState {
  area: Area;
  props: Record<string, unknown>;
}
export interface ConditionalFormatState {
  area: Area;
  type: string;
  props: Record<string, unknown>;
}
export interface NameState {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
  sheet: string | null;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: string;
  cells: Map<string, CellState>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  hiddenColumns: Set<number>;
  hiddenRows: Set<number>;
  validations: ValidationState[];
  conditionalFormats: ConditionalFormatState[];
  protection: { protected: boolean; options: Record<string, unknown>; password: string | null };
  freeze: { rows: number; columns: number };
  merges: Area[];
  props: Record<string, unknown>;
}

export interface FakeOptions {
  /** Fail a request whose estimated payload exceeds this many bytes (Excel on the web: 5 MB). */
  payloadLimit?: number;
  /** Inject an error: called for every operation with its name and running number (from 1). */
  failAt?: (op: string, n: number, detail: string) => FakeOfficeError | null;
  /** Sheets present at start (default: one empty 'Sheet1'). */
  sheets?: string[];
  /** Minor version of the newest ExcelApi set supported (default 17, i.e. ExcelApi 1.17). */
  excelApiMinor?: number;
  /** Fail a sync whose response (JSON of the loaded properties) exceeds this many bytes (default: payloadLimit). */
  responseLimit?: number;
}

export interface RequestStats {
  ops: number;
  bytes: number;
  /** JSON of the properties this sync's loads returned. */
  responseBytes: number;
  names: Record<string, number>;
}

export interface FakeStats {
  syncs: number;
  requests: RequestStats[];
  ops: number;
  suspendCalculation: number;
  suspendScreenUpdating: number;
  /** application.calculate calls, by type ("Full", "Recalculate"…), in order. */
  calculations: string[];
}

// ---------------------------------------------------------------------------------------------------
// Addresses

export function areaAddress(a: Area): string {
  if (a.r0 === 0 && a.r1 === MAX_ROWS - 1) return `${colLetter(a.c0 + 1)}:${colLetter(a.c1 + 1)}`;
  if (a.c0 === 0 && a.c1 === MAX_COLS - 1) return `${a.r0 + 1}:${a.r1 + 1}`;
  return a.r0 === a.r1 && a.c0 === a.c1 ? cellAddress(a.r0, a.c0) : `${cellAddress(a.r0, a.c0)}:${cellAddress(a.r1, a.c1)}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Parses "A1", "A1:C5", "A:C", "3:5" (with optional $ and an optional Sheet! prefix). */
export function parseAddress(address: string): { sheet: string | null; area: Area } {
  let sheet: string | null = null;
  let rest = address.trim().replace(/^=/, "");
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    sheet = rest
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  rest = rest.replace(/\$/g, "").toUpperCase();
  const parts = rest.split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) throw new FakeOfficeError("InvalidArgument", `无效的地址 ${address}`);
  const ends = parts.map((p) => {
    let m = /^([A-Z]{1,3})(\d+)$/.exec(p);
    if (m) return { r: Number(m[2]) - 1, c: colNumber(m[1]!) - 1, kind: "cell" as const };
    m = /^([A-Z]{1,3})$/.exec(p);
    if (m) return { r: -1, c: colNumber(m[1]!) - 1, kind: "col" as const };
    m = /^(\d+)$/.exec(p);
    if (m) return { r: Number(m[1]) - 1, c: -1, kind: "row" as const };
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing: address ${address}`);
  });
  const a = ends[0]!;
  const b = ends[1] ?? a;
  if (a.kind !== b.kind) throw new FakeOfficeError("InvalidArgument", `无效的地址 ${address}`);
  let area: Area;
  if (a.kind === "col") area = { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
  else if (a.kind === "row") area = { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: 0, c1: MAX_COLS - 1 };
  else area = { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
  if (area.r0 < 0 || area.c0 < 0 || area.r1 >= MAX_ROWS || area.c1 >= MAX_COLS)
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing: address ${address}`);
  return { sheet, area };
}

function overlaps(a: Area, b: Area): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

function sameArea(a: Area, b: Area): boolean {
  return a.r0 === b.r0 && a.r1 === b.r1 && a.c0 === b.c0 && a.c1 === b.c1;
}

/** UTF-8 bytes of the JSON of an argument: what the request carries for it. */
function size(x: unknown): number {
  try {
    const s = JSON.stringify(x ?? null);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
    }
    return n;
  } catch {
    return 16;
  }
}

// ---------------------------------------------------------------------------------------------------
// The host: state shared by every Excel.run

export class FakeExcelHost {
  readonly sheets: SheetState[] = [];
  readonly names: NameState[] = [];
  readonly tables: TableState[] = [];
  readonly stats: FakeStats = { syncs: 0, requests: [], ops: 0, suspendCalculation: 0, suspendScreenUpdating: 0, calculations: [] };
  selection: { sheet: string; area: Area } | null = null;
  activeSheet = "";
  settings = new Map<string, unknown>();
  properties: Record<string, unknown> = {};
  private nextId = 1;

  constructor(readonly options: FakeOptions = {}) {
    for (const name of options.sheets ?? ["Sheet1"]) this.addSheet(name);
    this.activeSheet = this.sheets[0]?.name ?? "";
  }

  id(prefix: string): string {
    return `{${prefix}-${this.nextId++}}`;
  }

  addSheet(name: string): SheetState {
    if (this.sheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `已存在同名工作表 ${name}`);
    if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name))
      throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing: worksheet name ${name}`);
    const s: SheetState = {
      id: this.id("sheet"),
      name,
      visibility: "Visible",
      cells: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      hiddenColumns: new Set(),
      hiddenRows: new Set(),
      validations: [],
      conditionalFormats: [],
      protection: { protected: false, options: {}, password: null },
      freeze: { rows: 0, columns: 0 },
      merges: [],
      props: {},
    };
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): SheetState | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** Excel.run(batch) for this host. */
  run = async <T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeRequestContext(this);
    const result = await batch(context);
    if (context.pendingOps > 0 || context.pendingError) await context.sync();
    return result;
  };

  /** A global `Excel` namespace object: run, RequestContext, ErrorCodes and the enums the add-in names. */
  namespace(): Record<string, unknown> {
    return {
      run: this.run,
      ErrorCodes: {
        accessDenied: "AccessDenied",
        invalidArgument: "InvalidArgument",
        itemAlreadyExists: "ItemAlreadyExists",
        itemNotFound: "ItemNotFound",
        requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
        invalidOperation: "InvalidOperation",
        generalException: "GeneralException",
      },
    };
  }

  cell(s: SheetState, r: number, c: number): CellState | undefined {
    return s.cells.get(`${r},${c}`);
  }

  ensureCell(s: SheetState, r: number, c: number): CellState {
    const key = `${r},${c}`;
    let cell = s.cells.get(key);
    if (!cell) {
      cell = { value: null, formula: null, numberFormat: null, format: {} };
      s.cells.set(key, cell);
    }
    return cell;
  }

  usedArea(s: SheetState, valuesOnly = false): Area | null {
    let a: Area | null = null;
    for (const [key, cell] of s.cells) {
      if (valuesOnly ? cell.value === null && cell.formula === null : false) continue;
      if (!valuesOnly && cell.value === null && cell.formula === null && cell.numberFormat === null && Object.keys(cell.format).length === 0) continue;
      const [r, c] = key.split(",").map(Number) as [number, number];
      a = a ? { r0: Math.min(a.r0, r), c0: Math.min(a.c0, c), r1: Math.max(a.r1, r), c1: Math.max(a.c1, c) } : { r0: r, c0: c, r1: r, c1: c };
    }
    return a;
  }
}

/** "任务!", "'任务'!" (any case) where a formula refers to the sheet `name`. */
function sheetRefPattern(name: string): RegExp {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const quoted = `'${esc(name.replace(/'/g, "''"))}'`;
  return new RegExp(`(^|[^A-Za-z0-9_.'\\u4e00-\\u9fff])(?:${quoted}|${esc(name)})!`, "gi");
}

/**
 * Rewrites every formula (cells and names) that refers to sheet `name`: to the sheet's new name, or to
 * "#REF!" when it is deleted, as Excel does. A name that referred to it becomes "=#REF!" outright.
 */
function retargetSheetRefs(host: FakeExcelHost, name: string, replacement: string): void {
  const re = sheetRefPattern(name);
  const rewrite = (f: string) => f.replace(re, (_m, pre: string) => pre + replacement);
  for (const n of host.names) {
    if (!re.test(n.formula)) continue;
    re.lastIndex = 0;
    n.formula = replacement === "#REF!" ? "=#REF!" : rewrite(n.formula);
  }
  for (const s of host.sheets)
    for (const cell of s.cells.values()) {
      if (!cell.formula) continue;
      re.lastIndex = 0;
      if (re.test(cell.formula)) {
        re.lastIndex = 0;
        cell.formula = rewrite(cell.formula);
      }
    }
}

/**
 * A formula in R1C1 terms for the cell at 0-based (row, col): relative references become offsets, so
 * "=B3*2" in row 3 and "=B4*2" in row 4 have the same shape. String literals and quoted sheet names
 * are left alone.
 */
export function formulaShape(formula: string, row: number, col: number): string {
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(^|[^A-Za-z0-9_.$\u4e00-\u9fff])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(\u4e00-\u9fff])/g,
            (_m, pre: string, ca: string, letters: string, ra: string, digits: string) => {
              const c = colNumber(letters.toUpperCase()) - 1;
              const r = Number(digits) - 1;
              return `${pre}R${ra ? r + 1 : `[${r - row}]`}C${ca ? c + 1 : `[${c - col}]`}`;
            },
          ),
    )
    .join("");
}

/** Refuses a table column whose formula cells have different shapes (Excel keeps one formula per table column). */
function checkTableFormulas(host: FakeExcelHost, sheet: SheetState, area: Area): void {
  for (const t of host.tables) {
    if (t.sheet !== sheet || !overlaps(t.area, area)) continue;
    const r0 = t.area.r0 + (t.hasHeaders ? 1 : 0);
    for (let c = Math.max(t.area.c0, area.c0); c <= Math.min(t.area.c1, area.c1); c++) {
      const shapes = new Set<string>();
      for (let r = r0; r <= t.area.r1; r++) {
        const f = host.cell(sheet, r, c)?.formula;
        if (f) shapes.add(formulaShape(f, r, c));
      }
      if (shapes.size > 1)
        throw new FakeOfficeError(
          "InvalidOperation",
          `表 ${t.name} 的 ${colLetter(c + 1)} 列含 ${shapes.size} 种公式：Excel 会把表列变成一个计算列，只留一种公式（office-js 5909）`,
        );
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Request context

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  pendingOps = 0;
  pendingBytes = 0;
  pendingNames: Record<string, number> = {};
  pendingError: FakeOfficeError | null = null;
  private toLoad = new Set<FakeObject>();
  readonly trackedObjects = { add: () => {}, remove: () => {} };

  constructor(readonly host: FakeExcelHost) {
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
  }

  /** Queue one operation. `apply` runs now unless an earlier operation of this request failed. */
  op(name: string, args: unknown, detail: string, apply: () => void): void {
    this.pendingOps++;
    this.host.stats.ops++;
    this.pendingBytes += OP_OVERHEAD + size(args);
    this.pendingNames[name] = (this.pendingNames[name] ?? 0) + 1;
    if (this.pendingError) return;
    const injected = this.host.options.failAt?.(name, this.host.stats.ops, detail) ?? null;
    if (injected) {
      this.pendingError = injected;
      return;
    }
    try {
      apply();
    } catch (e) {
      this.pendingError = e instanceof FakeOfficeError ? e : new FakeOfficeError("GeneralException", String(e));
    }
  }

  markLoad(o: FakeObject): void {
    this.toLoad.add(o);
    this.pendingOps++;
    this.pendingBytes += OP_OVERHEAD;
    this.pendingNames.load = (this.pendingNames.load ?? 0) + 1;
  }

  async sync(): Promise<void> {
    const stats = this.host.stats;
    stats.syncs++;
    const request: RequestStats = { ops: this.pendingOps, bytes: this.pendingBytes, responseBytes: 0, names: this.pendingNames };
    stats.requests.push(request);
    const limit = this.host.options.payloadLimit;
    const tooBig = limit !== undefined && this.pendingBytes > limit;
    const error = this.pendingError;
    this.pendingOps = 0;
    this.pendingBytes = 0;
    this.pendingNames = {};
    this.pendingError = null;
    const loads = [...this.toLoad];
    this.toLoad.clear();
    await Promise.resolve();
    if (tooBig) throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    if (error) throw error;
    for (const o of loads) request.responseBytes += o.completeLoad();
    const responseLimit = this.host.options.responseLimit ?? limit;
    if (responseLimit !== undefined && request.responseBytes > responseLimit)
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
  }
}

/** Base of every proxy object: load bookkeeping. */
abstract class FakeObject {
  private pending = new Set<string>();
  private loaded = new Set<string>();
  private pendingChild = new Set<string>();
  private loadedChild = new Set<string>();
  isNullObject = false;
  constructor(readonly ctx: FakeRequestContext) {}

  load(props?: string | string[] | Record<string, unknown>): this {
    const list =
      props === undefined ? ["*"] : typeof props === "string" ? props.split(",").map((p) => p.trim()) : Array.isArray(props) ? props : Object.keys(props);
    for (const p of list) {
      this.pending.add(p.split("/")[0]!);
      if (p.includes("/")) this.pendingChild.add(p.split("/").slice(1).join("/"));
      else if (p === "items" || p === "*") this.pendingChild.add("*");
    }
    this.ctx.markLoad(this);
    return this;
  }

  /** Marks the pending properties loaded; returns the bytes of their JSON (what the response carries). */
  completeLoad(): number {
    let bytes = 0;
    for (const p of this.pending) {
      this.loaded.add(p);
      if (p === "*" || p === "items") continue;
      try {
        const v: unknown = (this as unknown as Record<string, unknown>)[p];
        if (v === null || typeof v !== "object" || Array.isArray(v)) bytes += size(v) + p.length + 4;
      } catch {
        // a property this fake object does not hold: nothing returned
      }
    }
    for (const p of this.pendingChild) this.loadedChild.add(p);
    this.pending.clear();
    this.pendingChild.clear();
    this.onLoaded();
    return bytes;
  }

  protected onLoaded(): void {}

  /** Marks properties as loaded on an item handed out by a loaded collection ("items/name"). */
  adopt<T extends FakeObject>(child: T): T {
    for (const p of this.loadedChild) child.loaded.add(p);
    return child;
  }

  protected need(prop: string): void {
    if (!this.loaded.has(prop) && !this.loaded.has("*"))
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
  }

  track(): this {
    return this;
  }
  untrack(): this {
    return this;
  }
}

/**
 * A generic recorder: `x.a.b = v` calls `write("a.b", v)`; nested objects are created on demand.
 * Used for range.format, conditional formats, table style props and validation parts.
 */
function recorder(write: (path: string, value: unknown) => void, prefix = "", methods: Record<string, (...a: unknown[]) => unknown> = {}): any {
  return new Proxy(
    {},
    {
      get(_t, key) {
        if (typeof key !== "string") return undefined;
        const path = prefix ? `${prefix}.${key}` : key;
        if (methods[path]) return methods[path];
        if (key === "load" || key === "track" || key === "untrack") return () => undefined;
        if (key === "toJSON" || key === "then") return undefined;
        return recorder(write, path, methods);
      },
      set(_t, key, value) {
        if (typeof key !== "string") return false;
        write(prefix ? `${prefix}.${key}` : key, value);
        return true;
      },
    },
  );
}

function flatten(prefix: string, value: unknown, out: Record<string, unknown>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else out[prefix] = value;
}

// ---------------------------------------------------------------------------------------------------
// Workbook, application, names

export class FakeApplication extends FakeObject {
  calculationMode = "Automatic";
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.op("application.suspendApiCalculationUntilNextSync", null, "", () => this.ctx.host.stats.suspendCalculation++);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    if ((this.ctx.host.options.excelApiMinor ?? 17) < 9) throw new Error("suspendScreenUpdatingUntilNextSync is not available in this fake's requirement set");
    this.ctx.op("application.suspendScreenUpdatingUntilNextSync", null, "", () => this.ctx.host.stats.suspendScreenUpdating++);
  }
  calculate(type: string): void {
    this.ctx.op("application.calculate", type, "", () => this.ctx.host.stats.calculations.push(type));
  }
}

export class FakeWorkbook extends FakeObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  readonly application: FakeApplication;
  constructor(ctx: FakeRequestContext) {
    super(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNamedItemCollection(ctx, null);
    this.tables = new FakeTableCollection(ctx, null);
    this.application = new FakeApplication(ctx);
  }
  /** Document properties (ExcelApi 1.7): recorded in host.properties. */
  get properties(): any {
    return recorder((path, value) => this.ctx.op(`properties.${path}`, value, "", () => (this.ctx.host.properties[path] = value)));
  }
  getSelectedRange(): FakeRange {
    const sel = this.ctx.host.selection;
    const sheet = this.ctx.host.sheet(sel?.sheet ?? this.ctx.host.activeSheet) ?? this.ctx.host.sheets[0]!;
    return new FakeRange(this.ctx, sheet.name, sel?.area ?? { r0: 0, c0: 0, r1: 0, c1: 0 });
  }
  getActiveCell(): FakeRange {
    const r = this.getSelectedRange();
    return new FakeRange(this.ctx, r.sheetName, { r0: r.area.r0, c0: r.area.c0, r1: r.area.r0, c1: r.area.c0 });
  }
}

export class FakeNamedItem extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    readonly state: NameState | null,
    readonly lookup: string,
  ) {
    super(ctx);
    this.isNullObject = state === null;
  }
  get name(): string {
    this.need("name");
    return this.state!.name;
  }
  get formula(): string {
    this.need("formula");
    return this.state!.formula;
  }
  get value(): string {
    this.need("value");
    return this.state!.formula.replace(/^=/, "");
  }
  get comment(): string {
    this.need("comment");
    return this.state!.comment;
  }
  set formula(f: string) {
    this.ctx.op("name.formula", f, this.lookup, () => {
      if (!this.state) throw new FakeOfficeError("ItemNotFound", `找不到名称 ${this.lookup}`);
      this.state.formula = f.startsWith("=") ? f : `=${f}`;
    });
  }
  getRange(): FakeRange {
    const st = this.state;
    if (!st) return FakeRange.failing(this.ctx, new FakeOfficeError("ItemNotFound", `找不到名称 ${this.lookup}`));
    const { sheet, area } = parseAddress(st.formula);
    return new FakeRange(this.ctx, sheet ?? "", area);
  }
  delete(): void {
    this.ctx.op("name.delete", this.lookup, this.lookup, () => {
      const i = this.ctx.host.names.indexOf(this.state!);
      if (i < 0) throw new FakeOfficeError("ItemNotFound", `找不到名称 ${this.lookup}`);
      this.ctx.host.names.splice(i, 1);
    });
  }
}

export class FakeNamedItemCollection extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    readonly sheet: string | null,
  ) {
    super(ctx);
  }
  private find(name: string): NameState | null {
    const lower = name.toLowerCase();
    return this.ctx.host.names.find((n) => n.name.toLowerCase() === lower && n.sheet === this.sheet) ?? null;
  }
  get items(): FakeNamedItem[] {
    this.need("items");
    return this.ctx.host.names.filter((n) => n.sheet === this.sheet).map((n) => this.adopt(new FakeNamedItem(this.ctx, n, n.name)));
  }
  add(name: string, reference: string | FakeRange, comment = ""): FakeNamedItem {
    const formula = typeof reference === "string" ? (reference.startsWith("=") ? reference : `=${reference}`) : `=${reference.absoluteAddress()}`;
    const state: NameState = { name, formula, comment, visible: true, sheet: this.sheet };
    this.ctx.op("names.add", { name, formula, comment }, name, () => {
      if (!/^[A-Za-z_\\\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
        throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing: name ${name}`);
      if (this.find(name)) throw new FakeOfficeError("ItemAlreadyExists", `名称 ${name} 已存在`);
      this.ctx.host.names.push(state);
    });
    return new FakeNamedItem(this.ctx, state, name);
  }
  getItem(name: string): FakeNamedItem {
    const st = this.find(name);
    if (!st)
      this.ctx.op("names.getItem", name, name, () => {
        throw new FakeOfficeError("ItemNotFound", `找不到名称 ${name}`);
      });
    return new FakeNamedItem(this.ctx, st, name);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, this.find(name), name);
  }
}

// ---------------------------------------------------------------------------------------------------
// Worksheets

export class FakeWorksheetCollection extends FakeObject {
  get items(): FakeWorksheet[] {
    this.need("items");
    return this.ctx.host.sheets.map((s) => this.adopt(new FakeWorksheet(this.ctx, s.name, s)));
  }
  add(name?: string): FakeWorksheet {
    const actual = name ?? `Sheet${this.ctx.host.sheets.length + 1}`;
    let created: SheetState | undefined;
    this.ctx.op("worksheets.add", actual, actual, () => {
      created = this.ctx.host.addSheet(actual);
    });
    return new FakeWorksheet(this.ctx, actual, created);
  }
  getItem(name: string): FakeWorksheet {
    const s = this.ctx.host.sheet(name);
    if (!s)
      this.ctx.op("worksheets.getItem", name, name, () => {
        throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: worksheet ${name}`);
      });
    return new FakeWorksheet(this.ctx, name, s);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const s = this.ctx.host.sheet(name);
    const w = new FakeWorksheet(this.ctx, name, s);
    w.isNullObject = !s;
    return w;
  }
  getActiveWorksheet(): FakeWorksheet {
    const s = this.ctx.host.sheet(this.ctx.host.activeSheet) ?? this.ctx.host.sheets[0]!;
    return new FakeWorksheet(this.ctx, s.name, s);
  }
  getCount(): { value: number } {
    return { value: this.ctx.host.sheets.length };
  }
}

export class FakeWorksheet extends FakeObject {
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly protection: FakeProtection;
  readonly freezePanes: FakeFreezePanes;
  constructor(
    ctx: FakeRequestContext,
    private lookup: string,
    private stateRef?: SheetState,
  ) {
    super(ctx);
    this.tables = new FakeTableCollection(ctx, this);
    this.names = new FakeNamedItemCollection(ctx, lookup);
    this.protection = new FakeProtection(ctx, this);
    this.freezePanes = new FakeFreezePanes(ctx, this);
  }
  /** The sheet's state; resolved late so that a sheet added in this request can be used at once. */
  get state(): SheetState {
    const s = this.stateRef ?? this.ctx.host.sheet(this.lookup);
    if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: worksheet ${this.lookup}`);
    this.stateRef = s;
    return s;
  }
  get sheetName(): string {
    return this.stateRef?.name ?? this.lookup;
  }
  get name(): string {
    this.need("name");
    return this.state.name;
  }
  set name(n: string) {
    this.ctx.op("worksheet.name", n, this.lookup, () => {
      const st = this.state;
      const other = this.ctx.host.sheet(n);
      if (other && other !== st) throw new FakeOfficeError("ItemAlreadyExists", `已存在同名工作表 ${n}`);
      if (!n || n.length > 31 || /[:\\/?*[\]]/.test(n)) throw new FakeOfficeError("InvalidArgument", `无效的工作表名称 ${n}`);
      const old = st.name;
      retargetSheetRefs(this.ctx.host, old, `${quoteSheet(n)}!`);
      for (const nm of this.ctx.host.names) if (nm.sheet === old) nm.sheet = n;
      if (this.ctx.host.activeSheet === old) this.ctx.host.activeSheet = n;
      if (this.ctx.host.selection?.sheet === old) this.ctx.host.selection.sheet = n;
      st.name = n;
      this.lookup = n;
    });
  }
  get id(): string {
    this.need("id");
    return this.state.id;
  }
  get position(): number {
    this.need("position");
    return this.ctx.host.sheets.indexOf(this.state);
  }
  set position(p: number) {
    this.ctx.op("worksheet.position", p, this.lookup, () => {
      const list = this.ctx.host.sheets;
      const st = this.state;
      list.splice(list.indexOf(st), 1);
      list.splice(Math.max(0, Math.min(p, list.length)), 0, st);
    });
  }
  get visibility(): string {
    this.need("visibility");
    return this.state.visibility;
  }
  set visibility(v: string) {
    this.ctx.op("worksheet.visibility", v, this.lookup, () => {
      const st = this.state;
      if (v !== "Visible" && this.ctx.host.sheets.every((s) => s === st || s.visibility !== "Visible"))
        throw new FakeOfficeError("InvalidOperation", "工作簿至少要保留一个可见工作表");
      st.visibility = v;
    });
  }
  set tabColor(v: string) {
    this.ctx.op("worksheet.tabColor", v, this.lookup, () => {
      this.state.props.tabColor = v;
    });
  }
  set showGridlines(v: boolean) {
    this.ctx.op("worksheet.showGridlines", v, this.lookup, () => {
      this.state.props.showGridlines = v;
    });
  }
  activate(): void {
    this.ctx.op("worksheet.activate", null, this.lookup, () => {
      this.ctx.host.activeSheet = this.state.name;
    });
  }
  delete(): void {
    this.ctx.op("worksheet.delete", null, this.lookup, () => {
      const host = this.ctx.host;
      const st = this.state;
      if (host.sheets.filter((s) => s.visibility === "Visible" && s !== st).length === 0)
        throw new FakeOfficeError("InvalidOperation", "工作簿至少要保留一个可见工作表");
      // Excel deletes no very hidden sheet (it must be made visible first)
      if (st.visibility === "VeryHidden") throw new FakeOfficeError("InvalidOperation", `无法删除深度隐藏的工作表 ${st.name}`);
      host.sheets.splice(host.sheets.indexOf(st), 1);
      for (let i = host.tables.length - 1; i >= 0; i--) if (host.tables[i]!.sheet === st) host.tables.splice(i, 1);
      retargetSheetRefs(host, st.name, "#REF!");
      for (let i = host.names.length - 1; i >= 0; i--) if (host.names[i]!.sheet === st.name) host.names.splice(i, 1);
      if (host.activeSheet === st.name) host.activeSheet = host.sheets[0]!.name;
      if (host.selection?.sheet === st.name) host.selection = null;
    });
  }
  /** Page layout (ExcelApi 1.9): recorded as sheet props "pageLayout.*". */
  get pageLayout(): any {
    if ((this.ctx.host.options.excelApiMinor ?? 17) < 9) throw new Error("Worksheet.pageLayout needs ExcelApi 1.9");
    const write = (path: string, value: unknown) =>
      this.ctx.op(`pageLayout.${path}`, value, this.lookup, () => flatten(`pageLayout.${path}`, value, this.state.props));
    return recorder(write, "", {
      setPrintTitleRows: (rows: unknown) => write("printTitleRows", rows),
      setPrintTitleColumns: (cols: unknown) => write("printTitleColumns", cols),
      setPrintArea: (area: unknown) => write("printArea", area),
    });
  }
  getRange(address?: string): FakeRange {
    if (address === undefined) return new FakeRange(this.ctx, this.sheetName, { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 }, this);
    try {
      const { area } = parseAddress(address);
      return new FakeRange(this.ctx, this.sheetName, area, this);
    } catch (e) {
      return FakeRange.failing(this.ctx, e as FakeOfficeError);
    }
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    if (row < 0 || col < 0 || rows < 1 || cols < 1 || row + rows > MAX_ROWS || col + cols > MAX_COLS)
      return FakeRange.failing(
        this.ctx,
        new FakeOfficeError("InvalidArgument", `The argument is invalid or missing: getRangeByIndexes(${row}, ${col}, ${rows}, ${cols})`),
      );
    return new FakeRange(this.ctx, this.sheetName, { r0: row, c0: col, r1: row + rows - 1, c1: col + cols - 1 }, this);
  }
  getUsedRange(valuesOnly = false): FakeRange {
    const area = this.ctx.host.usedArea(this.state, valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 };
    return new FakeRange(this.ctx, this.sheetName, area, this);
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const area = this.ctx.host.usedArea(this.state, valuesOnly);
    const r = new FakeRange(this.ctx, this.sheetName, area ?? { r0: 0, c0: 0, r1: 0, c1: 0 }, this);
    r.isNullObject = area === null;
    return r;
  }
}

export class FakeProtection extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    readonly sheet: FakeWorksheet,
  ) {
    super(ctx);
  }
  get protected(): boolean {
    this.need("protected");
    return this.sheet.state.protection.protected;
  }
  protect(options: Record<string, unknown> = {}, password?: string): void {
    this.ctx.op("protection.protect", { options, password: password ? "***" : null }, this.sheet.sheetName, () => {
      const p = this.sheet.state.protection;
      if (p.protected) throw new FakeOfficeError("InvalidOperation", "工作表已受保护");
      p.protected = true;
      p.options = { ...options };
      p.password = password ?? null;
    });
  }
  unprotect(password?: string): void {
    this.ctx.op("protection.unprotect", null, this.sheet.sheetName, () => {
      const p = this.sheet.state.protection;
      if (p.password && p.password !== password) throw new FakeOfficeError("InvalidPassword", "密码不正确");
      p.protected = false;
      p.password = null;
    });
  }
}

export class FakeFreezePanes extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    readonly sheet: FakeWorksheet,
  ) {
    super(ctx);
  }
  freezeRows(n: number): void {
    this.ctx.op("freezePanes.freezeRows", n, this.sheet.sheetName, () => {
      this.sheet.state.freeze = { rows: n, columns: 0 };
    });
  }
  freezeColumns(n: number): void {
    this.ctx.op("freezePanes.freezeColumns", n, this.sheet.sheetName, () => {
      this.sheet.state.freeze = { rows: 0, columns: n };
    });
  }
  freezeAt(range: FakeRange | string): void {
    this.ctx.op("freezePanes.freezeAt", typeof range === "string" ? range : range.area, this.sheet.sheetName, () => {
      const a = typeof range === "string" ? parseAddress(range).area : range.area;
      this.sheet.state.freeze = { rows: a.r1 + 1, columns: a.c1 + 1 };
    });
  }
  unfreeze(): void {
    this.ctx.op("freezePanes.unfreeze", null, this.sheet.sheetName, () => {
      this.sheet.state.freeze = { rows: 0, columns: 0 };
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Ranges

/** Days since 1899-12-30 (Excel's date serial) of a calendar date, or null when it is no date. */
function dateSerial(y: number, m: number, d: number): number | null {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (m < 1 || m > 12 || back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return null;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * What Excel makes of a string written to `values` or `formulas` (or typed) in a cell not formatted
 * as text: "=…" is a formula, and so is "+…" / "-…" that is not a number ("-资金未到位" → "=-资金未到位");
 * "100.10", "1,234", "1e3" are numbers, "50%" is 0.5, "2023-03-31", "2023/3/31" and "2023年3月31日"
 * (a zh-CN Excel) are date serials (format "yyyy/m/d"), TRUE/FALSE booleans. Anything else stays text.
 */
export function typedInput(x: string): { formula: string } | { value: unknown; numberFormat?: string } {
  if (x === "") return { value: null };
  if (x.startsWith("=")) return { formula: x };
  const t = x.trim();
  const num = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
  if (/\d/.test(t) && num.test(t)) return { value: Number(t.replace(/,/g, "")) };
  const pct = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, numberFormat: "0%" };
  const date = /^(\d{4})(?:[-/](\d{1,2})[-/](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/.exec(t);
  if (date) {
    const serial = dateSerial(Number(date[1]), Number(date[2] ?? date[4]), Number(date[3] ?? date[5]));
    if (serial !== null) return { value: serial, numberFormat: "yyyy/m/d" };
  }
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === "TRUE" };
  if (/^[+-]/.test(x)) return { formula: `=${x}` };
  return { value: x };
}

/**
 * Writes one element of a `values` / `formulas` array as Excel does: null leaves the cell as it is; a
 * string is parsed as if typed (typedInput) unless the cell is already formatted as text ("@"); ""
 * clears. A typed date or percent also sets the cell's number format, as Excel does.
 */
function assignInput(cell: { formula: string | null; value: unknown; numberFormat: string | null }, x: unknown): void {
  if (x === null || x === undefined) return;
  const typed = typeof x === "string" && cell.numberFormat !== "@" ? typedInput(x) : { value: x === "" ? null : x };
  if ("formula" in typed) {
    cell.formula = typed.formula;
    cell.value = null;
    return;
  }
  cell.formula = null;
  cell.value = typed.value;
  if ("numberFormat" in typed && typed.numberFormat && cell.numberFormat === null) cell.numberFormat = typed.numberFormat;
}

export class FakeRange extends FakeObject {
  private failure: FakeOfficeError | null = null;
  constructor(
    ctx: FakeRequestContext,
    readonly sheetName: string,
    readonly area: Area,
    private ws?: FakeWorksheet,
  ) {
    super(ctx);
  }

  /** A range whose every use fails at the next sync (like a bad address in Office.js). */
  static failing(ctx: FakeRequestContext, error: FakeOfficeError): FakeRange {
    const r = new FakeRange(ctx, "", { r0: 0, c0: 0, r1: 0, c1: 0 });
    r.failure = error;
    ctx.op("range.invalid", null, error.message, () => {
      throw error;
    });
    return r;
  }

  get worksheet(): FakeWorksheet {
    return this.ws ?? new FakeWorksheet(this.ctx, this.sheetName);
  }
  private get sheet(): SheetState {
    if (this.failure) throw this.failure;
    return this.worksheet.state;
  }
  private get rows(): number {
    return this.area.r1 - this.area.r0 + 1;
  }
  private get cols(): number {
    return this.area.c1 - this.area.c0 + 1;
  }
  private get cellCount(): number {
    return this.rows * this.cols;
  }
  absoluteAddress(): string {
    const a = this.area;
    const abs = (r: number, c: number) => `$${colLetter(c + 1)}$${r + 1}`;
    const s = a.r0 === a.r1 && a.c0 === a.c1 ? abs(a.r0, a.c0) : `${abs(a.r0, a.c0)}:${abs(a.r1, a.c1)}`;
    return `${quoteSheet(this.sheetName)}!${s}`;
  }
  private label(): string {
    return `${this.sheetName}!${areaAddress(this.area)}`;
  }
  private forEachCell(fn: (r: number, c: number) => void): void {
    if (this.cellCount > 5_000_000) throw new FakeOfficeError("InvalidArgument", "range too large for this fake");
    for (let r = this.area.r0; r <= this.area.r1; r++) for (let c = this.area.c0; c <= this.area.c1; c++) fn(r, c);
  }
  private checkWritable(): void {
    const s = this.sheet;
    if (!s.protection.protected) return;
    this.forEachCell((r, c) => {
      if (this.ctx.host.cell(s, r, c)?.format["protection.locked"] !== false)
        throw new FakeOfficeError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet: ${this.label()}`);
    });
  }
  /** Checks a 2-D array (or a scalar) against the range's shape and calls fn for every cell. */
  private write2d(name: string, data: unknown, fn: (cell: CellState, v: unknown) => void, guard = true): void {
    this.ctx.op(name, data, this.label(), () => {
      this.apply2d(data, fn, guard);
      if (name === "range.values" || name === "range.formulas") checkTableFormulas(this.ctx.host, this.sheet, this.area);
    });
  }
  private apply2d(data: unknown, fn: (cell: CellState, v: unknown) => void, guard: boolean): void {
    if (guard) this.checkWritable();
    const s = this.sheet;
    if (Array.isArray(data)) {
      if (data.length !== this.rows || data.some((row) => !Array.isArray(row) || row.length !== this.cols))
        throw new FakeOfficeError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range: ${this.label()} is ${this.rows}×${this.cols}`,
        );
      for (let i = 0; i < this.rows; i++)
        for (let j = 0; j < this.cols; j++) fn(this.ctx.host.ensureCell(s, this.area.r0 + i, this.area.c0 + j), (data[i] as unknown[])[j]);
    } else this.forEachCell((r, c) => fn(this.ctx.host.ensureCell(s, r, c), data));
  }

  get address(): string {
    this.need("address");
    return `${quoteSheet(this.sheetName)}!${areaAddress(this.area)}`;
  }
  get rowIndex(): number {
    this.need("rowIndex");
    return this.area.r0;
  }
  get columnIndex(): number {
    this.need("columnIndex");
    return this.area.c0;
  }
  get rowCount(): number {
    this.need("rowCount");
    return this.rows;
  }
  get columnCount(): number {
    this.need("columnCount");
    return this.cols;
  }
  private read<T>(fn: (cell: CellState | undefined) => T): T[][] {
    const s = this.sheet;
    const out: T[][] = [];
    for (let r = this.area.r0; r <= this.area.r1; r++) {
      const row: T[] = [];
      for (let c = this.area.c0; c <= this.area.c1; c++) row.push(fn(this.ctx.host.cell(s, r, c)));
      out.push(row);
    }
    return out;
  }
  get values(): unknown[][] {
    this.need("values");
    return this.read((cell) => (cell?.formula ? null : (cell?.value ?? "")));
  }
  set values(v: unknown[][]) {
    this.write2d("range.values", v, assignInput);
  }
  get formulas(): unknown[][] {
    this.need("formulas");
    return this.read((cell) => cell?.formula ?? cell?.value ?? "");
  }
  set formulas(v: unknown[][]) {
    this.write2d("range.formulas", v, assignInput);
  }
  get text(): string[][] {
    this.need("text");
    return this.read((cell) => (cell?.value === null || cell?.value === undefined ? "" : String(cell.value)));
  }
  get numberFormat(): unknown[][] {
    this.need("numberFormat");
    return this.read((cell) => cell?.numberFormat ?? "General");
  }
  set numberFormat(v: unknown[][]) {
    this.write2d("range.numberFormat", v, (cell, x) => {
      cell.numberFormat = x === "General" ? null : (x as string);
    });
  }
  get format(): any {
    const ctx = this.ctx;
    const write = (path: string, value: unknown) => {
      ctx.op(`range.format.${path}`, value, this.label(), () => {
        const s = this.sheet;
        if (path === "columnWidth") for (let c = this.area.c0; c <= this.area.c1; c++) s.columnWidths.set(c, value as number);
        else if (path === "rowHeight") for (let r = this.area.r0; r <= this.area.r1; r++) s.rowHeights.set(r, value as number);
        else this.forEachCell((r, c) => (ctx.host.ensureCell(s, r, c).format[path] = value));
      });
    };
    return recorder(write, "", {
      autofitColumns: () => ctx.op("range.format.autofitColumns", null, this.label(), () => {}),
      autofitRows: () => ctx.op("range.format.autofitRows", null, this.label(), () => {}),
      "borders.getItem": (side: unknown) => recorder((path, value) => write(`borders.${String(side)}.${path}`, value)),
    });
  }
  set columnHidden(v: boolean) {
    this.ctx.op("range.columnHidden", v, this.label(), () => {
      for (let c = this.area.c0; c <= this.area.c1; c++) v ? this.sheet.hiddenColumns.add(c) : this.sheet.hiddenColumns.delete(c);
    });
  }
  set rowHidden(v: boolean) {
    this.ctx.op("range.rowHidden", v, this.label(), () => {
      for (let r = this.area.r0; r <= this.area.r1; r++) v ? this.sheet.hiddenRows.add(r) : this.sheet.hiddenRows.delete(r);
    });
  }
  get dataValidation(): any {
    const ctx = this.ctx;
    const upsert = (mut: (v: ValidationState) => void) => {
      const s = this.sheet;
      let v = s.validations.find((x) => sameArea(x.area, this.area));
      if (!v) {
        // A new rule replaces the parts of older rules it covers (Excel keeps one rule per cell).
        for (const old of s.validations.filter((x) => overlaps(x.area, this.area))) {
          s.validations.splice(s.validations.indexOf(old), 1);
          for (const piece of subtract(old.area, this.area)) s.validations.push({ area: piece, props: { ...old.props } });
        }
        v = { area: { ...this.area }, props: {} };
        s.validations.push(v);
      }
      mut(v);
    };
    return recorder(
      (path, value) =>
        ctx.op(`dataValidation.${path.split(".")[0]}`, value, this.label(), () => {
          this.checkWritable();
          upsert((v) => {
            if (path === "rule") for (const k of Object.keys(v.props)) if (k.startsWith("rule.")) delete v.props[k];
            flatten(path, value, v.props);
          });
        }),
      "",
      {
        clear: () =>
          ctx.op("dataValidation.clear", null, this.label(), () => {
            const s = this.sheet;
            for (const old of s.validations.filter((x) => overlaps(x.area, this.area))) {
              s.validations.splice(s.validations.indexOf(old), 1);
              for (const piece of subtract(old.area, this.area)) s.validations.push({ area: piece, props: { ...old.props } });
            }
          }),
      },
    );
  }
  get conditionalFormats(): any {
    const ctx = this.ctx;
    return {
      add: (type: string) => {
        const state: ConditionalFormatState = { area: { ...this.area }, type, props: {} };
        ctx.op("conditionalFormats.add", type, this.label(), () => {
          this.sheet.conditionalFormats.push(state);
        });
        return recorder((path, value) => ctx.op(`conditionalFormat.${path}`, value, this.label(), () => flatten(path, value, state.props)));
      },
      clearAll: () =>
        ctx.op("conditionalFormats.clearAll", null, this.label(), () => {
          const s = this.sheet;
          s.conditionalFormats = s.conditionalFormats.filter((cf) => !overlaps(cf.area, this.area));
        }),
      load: () => undefined,
    };
  }
  select(): void {
    this.ctx.op("range.select", null, this.label(), () => {
      const s = this.sheet;
      this.ctx.host.activeSheet = s.name;
      this.ctx.host.selection = { sheet: s.name, area: { ...this.area } };
    });
  }
  clear(applyTo?: string): void {
    this.ctx.op("range.clear", applyTo ?? "All", this.label(), () => {
      this.checkWritable();
      const s = this.sheet;
      this.forEachCell((r, c) => {
        const cell = this.ctx.host.cell(s, r, c);
        if (!cell) return;
        if (applyTo !== "Formats") {
          cell.value = null;
          cell.formula = null;
        }
        if (applyTo !== "Contents") {
          cell.format = {};
          cell.numberFormat = null;
        }
      });
    });
  }
  unmerge(): void {
    this.ctx.op("range.unmerge", null, this.label(), () => {
      const s = this.sheet;
      s.merges = s.merges.filter((m) => !overlaps(m, this.area));
    });
  }
  merge(across = false): void {
    this.ctx.op("range.merge", across, this.label(), () => {
      this.sheet.merges.push({ ...this.area });
    });
  }
  getCell(row: number, column: number): FakeRange {
    const r = this.area.r0 + row;
    const c = this.area.c0 + column;
    return new FakeRange(this.ctx, this.sheetName, { r0: r, c0: c, r1: r, c1: c }, this.ws);
  }
  getRow(i: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, { ...this.area, r0: this.area.r0 + i, r1: this.area.r0 + i }, this.ws);
  }
  getColumn(i: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, { ...this.area, c0: this.area.c0 + i, c1: this.area.c0 + i }, this.ws);
  }
  getEntireColumn(): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, { ...this.area, r0: 0, r1: MAX_ROWS - 1 }, this.ws);
  }
  getEntireRow(): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, { ...this.area, c0: 0, c1: MAX_COLS - 1 }, this.ws);
  }
  getResizedRange(dr: number, dc: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, { ...this.area, r1: this.area.r1 + dr, c1: this.area.c1 + dc }, this.ws);
  }
  getOffsetRange(dr: number, dc: number): FakeRange {
    const a = this.area;
    return new FakeRange(this.ctx, this.sheetName, { r0: a.r0 + dr, r1: a.r1 + dr, c0: a.c0 + dc, c1: a.c1 + dc }, this.ws);
  }
  getRange(address: string): FakeRange {
    const { area } = parseAddress(address);
    const a = this.area;
    return new FakeRange(this.ctx, this.sheetName, { r0: a.r0 + area.r0, c0: a.c0 + area.c0, r1: a.r0 + area.r1, c1: a.c0 + area.c1 }, this.ws);
  }
  getUsedRange(valuesOnly = false): FakeRange {
    const used = this.ctx.host.usedArea(this.sheet, valuesOnly);
    const a = this.area;
    if (!used || !overlaps(used, a)) return new FakeRange(this.ctx, this.sheetName, { r0: a.r0, c0: a.c0, r1: a.r0, c1: a.c0 }, this.ws);
    return new FakeRange(
      this.ctx,
      this.sheetName,
      { r0: Math.max(a.r0, used.r0), c0: Math.max(a.c0, used.c0), r1: Math.min(a.r1, used.r1), c1: Math.min(a.c1, used.c1) },
      this.ws,
    );
  }
}

/** The parts of a not covered by b (up to four rectangles). */
function subtract(a: Area, b: Area): Area[] {
  if (!overlaps(a, b)) return [a];
  const out: Area[] = [];
  if (a.r0 < b.r0) out.push({ r0: a.r0, r1: b.r0 - 1, c0: a.c0, c1: a.c1 });
  if (a.r1 > b.r1) out.push({ r0: b.r1 + 1, r1: a.r1, c0: a.c0, c1: a.c1 });
  const r0 = Math.max(a.r0, b.r0);
  const r1 = Math.min(a.r1, b.r1);
  if (a.c0 < b.c0) out.push({ r0, r1, c0: a.c0, c1: b.c0 - 1 });
  if (a.c1 > b.c1) out.push({ r0, r1, c0: b.c1 + 1, c1: a.c1 });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Tables

export class FakeTableCollection extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    readonly ws: FakeWorksheet | null,
  ) {
    super(ctx);
  }
  get items(): FakeTable[] {
    this.need("items");
    return this.ctx.host.tables.filter((t) => !this.ws || t.sheet === this.ws.state).map((t) => this.adopt(new FakeTable(this.ctx, t)));
  }
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    const holder: { t: TableState | null } = { t: null };
    const table = new FakeTable(this.ctx, null, holder);
    this.ctx.op("tables.add", { address: typeof address === "string" ? address : "range", hasHeaders }, String(address), () => {
      let sheetName: string;
      let area: Area;
      if (typeof address === "string") {
        const p = parseAddress(address);
        sheetName = p.sheet ?? this.ws?.sheetName ?? "";
        area = p.area;
      } else {
        sheetName = address.sheetName;
        area = address.area;
      }
      const sheet = this.ctx.host.sheet(sheetName);
      if (!sheet) throw new FakeOfficeError("ItemNotFound", `找不到工作表 ${sheetName}`);
      if (this.ctx.host.tables.some((t) => t.sheet === sheet && overlaps(t.area, area)))
        throw new FakeOfficeError("InvalidOperation", "表不能与另一个表重叠 (A table can't overlap another table)");
      if (hasHeaders) {
        const headers = new Set<string>();
        for (let c = area.c0; c <= area.c1; c++) {
          const h = this.ctx.host.cell(sheet, area.r0, c)?.value;
          const text = h === null || h === undefined ? "" : String(h);
          if (!text || headers.has(text))
            throw new FakeOfficeError("InvalidArgument", `表头为空或重复：${text}（fake requires unique header values before tables.add）`);
          headers.add(text);
        }
      }
      holder.t = {
        id: this.ctx.host.id("table"),
        name: `Table${this.ctx.host.tables.length + 1}`,
        sheet,
        area: { ...area },
        hasHeaders,
        props: {},
        filters: {},
        rowsAddCalls: 0,
      };
      this.ctx.host.tables.push(holder.t);
      checkTableFormulas(this.ctx.host, sheet, area);
    });
    return table;
  }
  getItem(name: string): FakeTable {
    const t = this.ctx.host.tables.find((x) => x.name === name && (!this.ws || x.sheet === this.ws.state)) ?? null;
    if (!t)
      this.ctx.op("tables.getItem", name, name, () => {
        throw new FakeOfficeError("ItemNotFound", `找不到表 ${name}`);
      });
    return new FakeTable(this.ctx, t);
  }
  getItemOrNullObject(name: string): FakeTable {
    const t = this.ctx.host.tables.find((x) => x.name === name) ?? null;
    const table = new FakeTable(this.ctx, t);
    table.isNullObject = !t;
    return table;
  }
}

export class FakeTable extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private st: TableState | null,
    private holder?: { t: TableState | null },
  ) {
    super(ctx);
  }
  get state(): TableState {
    const t = this.st ?? this.holder?.t;
    if (!t) throw new FakeOfficeError("ItemNotFound", "table not created");
    return t;
  }
  get name(): string {
    this.need("name");
    return this.state.name;
  }
  set name(n: string) {
    this.ctx.op("table.name", n, n, () => {
      if (this.ctx.host.tables.some((t) => t !== this.state && t.name.toLowerCase() === n.toLowerCase()))
        throw new FakeOfficeError("ItemAlreadyExists", `表名 ${n} 已存在`);
      if (this.ctx.host.names.some((x) => x.name.toLowerCase() === n.toLowerCase())) throw new FakeOfficeError("ItemAlreadyExists", `名称 ${n} 已存在`);
      this.state.name = n;
    });
  }
  set style(s: string) {
    this.ctx.op("table.style", s, "", () => (this.state.props.style = s));
  }
  set showBandedRows(v: boolean) {
    this.ctx.op("table.showBandedRows", v, "", () => (this.state.props.showBandedRows = v));
  }
  set showFilterButton(v: boolean) {
    this.ctx.op("table.showFilterButton", v, "", () => (this.state.props.showFilterButton = v));
  }
  set showTotals(v: boolean) {
    this.ctx.op("table.showTotals", v, "", () => (this.state.props.showTotals = v));
  }
  get worksheet(): FakeWorksheet {
    const t = this.state;
    return new FakeWorksheet(this.ctx, t.sheet.name, t.sheet);
  }
  getRange(): FakeRange {
    const t = this.state;
    return new FakeRange(this.ctx, t.sheet.name, t.area);
  }
  getHeaderRowRange(): FakeRange {
    const t = this.state;
    return new FakeRange(this.ctx, t.sheet.name, { ...t.area, r1: t.area.r0 });
  }
  getDataBodyRange(): FakeRange {
    const t = this.state;
    return new FakeRange(this.ctx, t.sheet.name, { ...t.area, r0: t.area.r0 + (t.hasHeaders ? 1 : 0) });
  }
  get rows(): { add: (index?: number, values?: unknown[][]) => void } {
    return {
      add: (_index?: number, values?: unknown[][]) =>
        this.ctx.op("table.rows.add", values, "", () => {
          const t = this.state;
          t.rowsAddCalls++;
          const n = values?.length ?? 1;
          const start = t.area.r1 + 1;
          t.area = { ...t.area, r1: t.area.r1 + n };
          values?.forEach((row, i) => row.forEach((v, j) => (this.ctx.host.ensureCell(t.sheet, start + i, t.area.c0 + j).value = v)));
        }),
    };
  }
  get columns(): { getItem: (name: string) => any; getItemAt: (i: number) => any } {
    const column = (key: string, index: () => number) => ({
      filter: {
        applyValuesFilter: (values: unknown[]) =>
          this.ctx.op("tableColumn.filter.applyValuesFilter", values, key, () => {
            index();
            this.state.filters[key] = { values };
          }),
        apply: (criteria: unknown) =>
          this.ctx.op("tableColumn.filter.apply", criteria, key, () => {
            index();
            this.state.filters[key] = criteria;
          }),
        clear: () =>
          this.ctx.op("tableColumn.filter.clear", null, key, () => {
            delete this.state.filters[key];
          }),
      },
      getDataBodyRange: () => {
        const t = this.state;
        const c = t.area.c0 + index();
        return new FakeRange(this.ctx, t.sheet.name, { r0: t.area.r0 + 1, r1: t.area.r1, c0: c, c1: c });
      },
    });
    return {
      getItem: (name: string) =>
        column(name, () => {
          const t = this.state;
          for (let c = t.area.c0; c <= t.area.c1; c++) if (String(this.ctx.host.cell(t.sheet, t.area.r0, c)?.value ?? "") === name) return c - t.area.c0;
          throw new FakeOfficeError("ItemNotFound", `表 ${t.name} 中没有列 ${name}`);
        }),
      getItemAt: (i: number) => column(`#${i}`, () => i),
    };
  }
  clearFilters(): void {
    this.ctx.op("table.clearFilters", null, "", () => {
      this.state.filters = {};
    });
  }
  delete(): void {
    this.ctx.op("table.delete", null, "", () => {
      const list = this.ctx.host.tables;
      list.splice(list.indexOf(this.state), 1);
    });
  }
  convertToRange(): FakeRange {
    const t = this.state;
    const r = new FakeRange(this.ctx, t.sheet.name, t.area);
    this.delete();
    return r;
  }
}

/** Creates a host and a global-style Excel namespace around it. */
export function createFakeExcel(options: FakeOptions = {}): { host: FakeExcelHost; Excel: any } {
  const host = new FakeExcelHost(options);
  return { host, Excel: host.namespace() };
}
