/**
 * Long runs of plain rows (变更记录's tens of thousands of rows, 方案记录's megabyte of plan JSON)
 * written as sheet XML directly instead of through exceljs, whose per-cell model, style objects and
 * JSZip deflate cost seconds per 100,000 cells. writer.exceljs.ts lets exceljs write every sheet up
 * to and including the first row of such a run (so every style the run uses is in styles.xml with an
 * index exceljs chose), then this module appends the rest of the run to that sheet's <sheetData> with
 * the same style indices, and zips again (fflate).
 *
 * Strings go to the shared-string table (what Excel writes; repeated unit names and SHA-256s stored
 * once), except in a sheet holding a text over INLINE_OVER characters: its run is written with
 * inline strings so the sheet's XML is the same in every file that carries it (a unit workbook's
 * 方案记录). A split passes a DeflateReuse: the files of a split share most of their bytes (方案记录,
 * theme, styles, rels), each deflated once; deflating was most of the cost of a unit workbook. Excel, WPS, LibreOffice and exceljs read both forms.
 * No node: module (shared/).
 */
import { Zip, deflateSync, strFromU8, strToU8, unzipSync, type ZipInputFile } from "fflate";
import { needsTextFormat } from "./layout.common";
import type { CellValue, SheetLayout, WorkbookLayout } from "./layout.types";
import { colLetter } from "../vocabulary";

/** A sheet's run of plain rows: rows[from..] are written here; exceljs writes rows[..from-1]. */
export interface BulkRun {
  /** 0-based index of the sheet in the layout (its XML is xl/worksheets/sheet<index+1>.xml). */
  sheetIndex: number;
  from: number;
  /** 0-based first row of the plain rows (exceljs writes plainFrom..from-1 as samples of their styles). */
  plainFrom: number;
  /** Style combination ("style|@" for forced text) → a cell exceljs writes with it, "B3". */
  sample: Map<string, string>;
}

/** A text this long makes the sheet's run inline (see above). */
const INLINE_OVER = 1000;

/** The style combination of a written cell: the style key, and "@" when the writer forces text. */
export function cellCombo(sheet: SheetLayout, layout: WorkbookLayout, rowNo: number, c: number): string | null {
  const data = sheet.data;
  const inData = data !== null && rowNo >= data.firstRow && rowNo <= data.lastRow;
  const lc = sheet.rows[rowNo - 1]?.cells[c] ?? null;
  const styleKey = lc?.style ?? (inData ? (sheet.columns[c]?.style ?? null) : null);
  if (!lc && !styleKey) return null;
  const text = lc?.formula === undefined && needsTextFormat(styleKey ? layout.styles[styleKey] : undefined, lc?.value);
  if (!styleKey && !text) return "";
  return text ? `${styleKey ?? "plain"}|@` : (styleKey ?? "plain");
}

/** The cells the writer writes in a row (columns of the table area included). */
function cellCount(sheet: SheetLayout, rowNo: number): number {
  const data = sheet.data;
  const inData = data !== null && rowNo >= data.firstRow && rowNo <= data.lastRow;
  return inData ? Math.max(sheet.columns.length, sheet.rows[rowNo - 1]!.cells.length) : sheet.rows[rowNo - 1]!.cells.length;
}

function plainValue(v: CellValue | undefined): boolean {
  return v === undefined || v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

/** The last row a merged range touches (1-based; 0 when none). */
function lastMergedRow(sheet: SheetLayout): number {
  let last = 0;
  for (const m of sheet.merges) for (const [, row] of m.matchAll(/[A-Z]+(\d+)/g)) last = Math.max(last, Number(row));
  return last;
}

/** The sheet's run of plain rows to write directly, or null. */
export function bulkRun(sheet: SheetLayout, sheetIndex: number, layout: WorkbookLayout): BulkRun | null {
  const combosOf = (i: number): string[] | null => {
    const r = sheet.rows[i]!;
    if (r.height) return null;
    const out: string[] = [];
    for (let c = 0; c < cellCount(sheet, i + 1); c++) {
      const lc = r.cells[c] ?? null;
      if (lc && (lc.formula !== undefined || !plainValue(lc.value))) return null;
      const combo = cellCombo(sheet, layout, i + 1, c);
      if (combo === "") return null;
      if (combo) out.push(combo);
    }
    return out;
  };
  // the plain rows at the end: no height, no formula, a style on every written cell, below any merge
  const floor = lastMergedRow(sheet);
  const lastAt = new Map<string, number>(); // combo → last row using it
  let plainFrom = sheet.rows.length;
  for (let i = sheet.rows.length - 1; i >= floor; i--) {
    const combos = combosOf(i);
    if (!combos) break;
    for (const k of combos) if (!lastAt.has(k)) lastAt.set(k, i);
    plainFrom = i;
  }
  if (plainFrom >= sheet.rows.length) return null;
  // exceljs writes rows up to the first plain row from which on every style used below has been written
  const sample = new Map<string, string>();
  const addSample = (i: number) => {
    for (let c = 0; c < cellCount(sheet, i + 1); c++) {
      const combo = cellCombo(sheet, layout, i + 1, c);
      if (combo && !sample.has(combo)) sample.set(combo, `${colLetter(c + 1)}${i + 1}`);
    }
  };
  for (let i = 0; i < plainFrom; i++) addSample(i);
  for (let k = plainFrom; k < sheet.rows.length - 1; k++) {
    addSample(k);
    if ([...lastAt].every(([combo, last]) => last <= k || sample.has(combo))) return { sheetIndex, from: k + 1, plainFrom, sample };
  }
  return null;
}

/** What a text node cannot hold as is (quotes can: JSON's many quotes need no escaping). */
const XML_SPECIAL = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const XML_SPECIAL_ALL = new RegExp(XML_SPECIAL.source, "g");

/** XML text as exceljs encodes it (the characters XML 1.0 forbids are dropped). */
function xmlText(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  return s.replace(XML_SPECIAL_ALL, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ""));
}

/** The shared-string table exceljs wrote, extended with the run's strings. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly added: string[] = [];
  private count = 0;
  constructor(
    private readonly xml: string,
    private readonly unique: number,
  ) {}
  static of(xml: string | null): SharedStrings {
    const unique = Number(/uniqueCount="(\d+)"/.exec(xml ?? "")?.[1] ?? 0);
    return new SharedStrings(xml ?? "", unique);
  }
  ref(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.unique + this.added.length;
      this.index.set(s, i);
      this.added.push(`<si><t xml:space="preserve">${xmlText(s)}</t></si>`);
    }
    return i;
  }
  changed(): boolean {
    return this.count > 0;
  }
  render(): string {
    const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const total = Number(/ count="(\d+)"/.exec(this.xml)?.[1] ?? 0) + this.count;
    const unique = this.unique + this.added.length;
    const body = this.xml.includes("<si>") ? this.xml.slice(this.xml.indexOf("<si>"), this.xml.lastIndexOf("</sst>")) : "";
    return `${head} count="${total}" uniqueCount="${unique}">${body}${this.added.join("")}</sst>`;
  }
}

/** True when the run is written with inline strings (see above). */
function inlineRun(sheet: SheetLayout, run: BulkRun): boolean {
  return sheet.rows.slice(run.from).some((r) => r.cells.some((c) => typeof c?.value === "string" && c.value.length > INLINE_OVER));
}

function rowsXml(
  sheet: SheetLayout,
  layout: WorkbookLayout,
  from: number,
  inline: boolean,
  style: Map<string, string>,
  strings: SharedStrings,
): { xml: string; lastCol: number } {
  const out: string[] = [];
  let lastCol = 0;
  for (let i = from; i < sheet.rows.length; i++) {
    const rowNo = i + 1;
    const r = sheet.rows[i]!;
    let xml = `<row r="${rowNo}">`;
    const n = cellCount(sheet, rowNo);
    for (let c = 0; c < n; c++) {
      const combo = cellCombo(sheet, layout, rowNo, c);
      if (!combo) continue;
      lastCol = Math.max(lastCol, c + 1);
      const at = `${colLetter(c + 1)}${rowNo}`;
      const s = style.get(combo)!;
      const v = r.cells[c]?.value ?? null;
      const sAttr = s === "0" ? "" : ` s="${s}"`;
      if (v === null || v === "") xml += `<c r="${at}"${sAttr}/>`;
      else if (typeof v === "number") xml += `<c r="${at}"${sAttr}><v>${v}</v></c>`;
      else if (typeof v === "boolean") xml += `<c r="${at}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
      else if (inline) xml += `<c r="${at}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
      else xml += `<c r="${at}"${sAttr} t="s"><v>${strings.ref(v)}</v></c>`;
    }
    out.push(xml + "</row>");
  }
  return { xml: out.join(""), lastCol };
}

/** The style index exceljs gave each sampled cell, read from the sheet's XML. */
function styleIndices(sheetXml: string, sample: Map<string, string>): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const [combo, at] of sample) {
    const m = new RegExp(`<c r="${at}"( s="(\\d+)")?`).exec(sheetXml);
    if (!m) return null;
    out.set(combo, m[2] ?? "0");
  }
  return out;
}

/** An entry's bytes deflated, with what the zip's headers need. */
interface Deflated {
  crc: number;
  size: number;
  data: Uint8Array;
  /** Kept for an entry found by its CRC: the bytes deflated, to tell a repeat from a collision. */
  raw?: Uint8Array;
}

/** An entry's content: bytes as exceljs wrote them, or sheet XML written here. */
type Content = Uint8Array | string;

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function deflated(raw: Uint8Array, crc = crc32(raw)): Deflated {
  return { crc, size: raw.length, data: deflateSync(raw, { level: 6 }) };
}

/**
 * Deflated entries kept over the files of one split (one per split, handed to each writeWorkbook):
 * the same 方案记录, theme, styles and rels in every unit workbook are deflated once. XML written
 * here is found by its text (a Map compares even a megabyte of it natively, with no encoding or CRC
 * first), bytes by CRC and size and then compared. Most recently used last, bounded by the bytes kept.
 */
export class DeflateReuse {
  private readonly kept = new Map<string, Deflated>();
  private bytes = 0;
  constructor(private readonly limit = 32 * 1024 * 1024) {}

  deflate(content: Content): Deflated {
    if (typeof content === "string") {
      const hit = this.take(content);
      return hit ? this.keep(content, hit) : this.add(content, deflated(strToU8(content)));
    }
    const crc = crc32(content);
    const key = `\u0000${crc}:${content.length}`; // no XML starts with U+0000
    const hit = this.take(key);
    if (hit?.raw && sameBytes(hit.raw, content)) return this.keep(key, hit);
    return this.add(key, { ...deflated(content, crc), raw: content.slice() });
  }

  private take(key: string): Deflated | undefined {
    const hit = this.kept.get(key);
    if (hit) this.forget(key, hit);
    return hit;
  }

  /** Keeps a new entry unless it is a one-off giant (a master's 变更记录) that would push the rest out. */
  private add(key: string, e: Deflated): Deflated {
    return e.size + e.data.length <= this.limit / 4 ? this.keep(key, e) : e;
  }

  private keep(key: string, e: Deflated): Deflated {
    this.kept.set(key, e);
    this.bytes += e.size + e.data.length;
    for (const [k, old] of this.kept) {
      if (this.bytes <= this.limit) break;
      this.forget(k, old);
    }
    return e;
  }

  private forget(key: string, e: Deflated): void {
    this.kept.delete(key);
    this.bytes -= e.size + e.data.length;
  }
}

/** A fixed date: the same layout gives the same bytes. */
const MTIME = new Date(Date.UTC(2000, 0, 1));

function zipEntries(entries: [string, Content][], reuse: DeflateReuse | undefined): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, content] of entries) {
    const d = reuse ? reuse.deflate(content) : deflated(typeof content === "string" ? strToU8(content) : content);
    // deflated already: handed to the zip as a finished stream
    const f: ZipInputFile = { filename: name, size: d.size, crc: d.crc, compression: 8, mtime: MTIME };
    zip.add(f);
    f.ondata!(null, d.data as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** exceljs's file with each run's remaining rows added to its sheet. */
export function spliceBulkRows(bytes: Uint8Array, layout: WorkbookLayout, runs: readonly BulkRun[], reuse?: DeflateReuse): Uint8Array {
  if (runs.length === 0) return bytes;
  const files = unzipSync(bytes);
  const ssPath = "xl/sharedStrings.xml";
  const strings = SharedStrings.of(files[ssPath] ? strFromU8(files[ssPath]) : null);
  const replaced = new Map<string, string>();
  for (const run of runs) {
    const path = `xl/worksheets/sheet${run.sheetIndex + 1}.xml`;
    const sheet = layout.sheets[run.sheetIndex]!;
    const xml = strFromU8(files[path]!);
    const style = styleIndices(xml, run.sample);
    if (!style) throw new Error(`writer: no style index for a sampled cell of ${sheet.name}`);
    const inline = inlineRun(sheet, run);
    // a sheet of plain rows only, inline: all of it rewritten, so it holds no index into this file's shared strings
    const whole = inline && run.plainFrom === 0;
    const rows = rowsXml(sheet, layout, whole ? 0 : run.from, inline, style, strings);
    const end = xml.indexOf("</sheetData>");
    const start = whole ? xml.indexOf("<sheetData>") + "<sheetData>".length : end;
    const dim = /<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"\/>/.exec(xml);
    let out = xml.slice(0, start) + rows.xml + xml.slice(end);
    if (dim) {
      const [whole, c1, r1, c2, r2] = dim;
      const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      const lastCol = Math.max(col(c2 ?? c1!), rows.lastCol);
      const lastRow = Math.max(Number(r2 ?? r1), sheet.rows.length);
      out = out.replace(whole, `<dimension ref="${c1}${r1}:${colLetter(lastCol)}${lastRow}"/>`);
    }
    replaced.set(path, out);
  }
  const entries: [string, Content][] = [];
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith("/")) continue; // directory entries: not needed in an .xlsx
    const xml = replaced.get(name);
    if (name === ssPath && strings.changed()) entries.push([name, strings.render()]);
    else entries.push([name, xml ?? data]);
  }
  return zipEntries(entries, reuse);
}
