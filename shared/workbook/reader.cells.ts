/**
 * Cell normalisation for the ledger reader: turns whatever a spreadsheet host hands back for one
 * cell into text, a number or a status, the same way for every host.
 *
 * Hosts and what they give:
 * - Office.js `range.values`: string | number | boolean, "" for an empty cell, error strings ("#DIV/0!").
 * - exceljs `cell.value`: null, string, number, boolean, Date, { richText: [{ text }] } (LibreOffice
 *   saves mixed Latin/Chinese strings as rich text runs), { formula | sharedFormula, result },
 *   { text, hyperlink }, { error }.
 *
 * Decisions (documented in the README's 台账读取 section):
 * - Text is trimmed (ASCII, no-break and ideographic spaces, zero-width characters); line breaks
 *   inside are kept as "\n". A blank cell and an empty string are the same: "".
 * - Numbers: a numeric cell is taken as is; text is read after normalising full-width digits and
 *   signs (１２．５ → 12.5), removing thousands separators (1,234 / 1，234 / 1 234) and a trailing unit
 *   equal to the target's unit ("200个" when the unit is 个).
 * - Percent: a target whose unit is "%" holds percentage points (增长7% → 7). So "12%" (text) → 12,
 *   and a number displayed with a percent format (Excel turns a typed 12% into 0.12 formatted "0%")
 *   → 12. For any other unit a percent is refused (the unit is ambiguous).
 * - Statuses: every whitespace character is removed before matching the vocabulary; "未填报" reads as
 *   blank (it is the legend's word for an empty status cell).
 */
import { isPercentUnit } from "../scoring/plausibility";
import { STATUSES, type Status } from "../ledger/schema";
import { UNREPORTED, toAsciiDigits } from "../vocabulary";

/** One cell as a host gives it (see above). */
export type RawCell = unknown;

/** A cell holding an error value (#N/A, #DIV/0! …) in either host's shape, else null. */
export function cellError(v: RawCell): string | null {
  const u = unwrap(v);
  if (u && typeof u === "object" && "error" in u) return String((u as { error: unknown }).error);
  if (typeof u === "string" && /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/.test(u.trim())) {
    return u.trim();
  }
  return null;
}

/** Strips formula wrappers (keeping the cached result), hyperlinks and rich text to a plain value. */
export function unwrap(v: RawCell): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object" || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ("formula" in o || "sharedFormula" in o) return unwrap(o.result ?? null);
  if (Array.isArray(o.richText)) {
    return (o.richText as { text?: unknown }[]).map((r) => (typeof r?.text === "string" ? r.text : "")).join("");
  }
  if ("hyperlink" in o && "text" in o) return unwrap(o.text);
  if ("error" in o) return o;
  return o;
}

const EDGE_SPACE = /^[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+|[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+$/g;

/** The cell as trimmed text ("" when blank). Numbers print without float noise. */
export function cellText(v: RawCell): string {
  const u = unwrap(v);
  if (u === null || u === undefined) return "";
  if (typeof u === "string")
    return u
      .replace(/\r\n?/g, "\n")
      .replace(/\u00a0/g, " ")
      .replace(EDGE_SPACE, "");
  if (typeof u === "number") return Number.isFinite(u) ? String(Number(u.toPrecision(15))) : "";
  if (typeof u === "boolean") return u ? "TRUE" : "FALSE";
  if (u instanceof Date) return u.toISOString().slice(0, 10);
  if (typeof u === "object" && "error" in (u as object)) return String((u as { error: unknown }).error);
  return "";
}

/** True when the cell holds nothing (null, "", only spaces). */
export function isBlank(v: RawCell): boolean {
  return cellText(v) === "";
}

/** Full-width (and other look-alike) characters that may appear in a typed number, mapped to ASCII. */
function asciiDigits(s: string): string {
  return toAsciiDigits(s)
    .replace(/[\uff0e\u3002]/g, ".") // ． 。 as decimal point
    .replace(/[\uff0c\u3001]/g, ",") // ， 、 as separators
    .replace(/[\uff05]/g, "%")
    .replace(/[\uff0b]/g, "+")
    .replace(/[\u2212\uff0d\u2013\u2014]/g, "-");
}

export type NumberRead = { ok: true; value: number | null } | { ok: false; reason: "not-a-number" | "percent-unit" | "error-value"; text: string };

export interface NumberOptions {
  /** The target's unit as written ("%", "个", "亿元", ""). */
  unit?: string;
  /** The cell's number format, when the host gives it ("0.0%", "General"). */
  numFmt?: string | null;
}

/**
 * Reads a number the way a staff member may have typed it. Blank → { ok: true, value: null }.
 */
export function cellNumber(v: RawCell, opts: NumberOptions = {}): NumberRead {
  const unit = (opts.unit ?? "").trim();
  const percentUnit = isPercentUnit(unit);
  const err = cellError(v);
  if (err) return { ok: false, reason: "error-value", text: err };
  const u = unwrap(v);
  if (typeof u === "number") {
    if (!Number.isFinite(u)) return { ok: false, reason: "not-a-number", text: String(u) };
    const pctFormat = typeof opts.numFmt === "string" && /%/.test(opts.numFmt.replace(/"[^"]*"|\\./g, ""));
    if (pctFormat) {
      if (!percentUnit) return { ok: false, reason: "percent-unit", text: cellText(u * 100) + "%" };
      return { ok: true, value: roundNoise(u * 100) };
    }
    return { ok: true, value: u };
  }
  const raw = cellText(u);
  if (raw === "") return { ok: true, value: null };
  if (typeof u !== "string") return { ok: false, reason: "not-a-number", text: raw };
  let s = asciiDigits(raw)
    .replace(/[\s\u00a0\u3000]+/g, " ")
    .trim();
  // a trailing unit equal to the target's own unit
  if (unit && !percentUnit && s.endsWith(unit)) s = s.slice(0, -unit.length).trim();
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  // thousands separators: commas (or spaces) between groups of three digits
  if (/^[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/[, ]/g, "");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return { ok: false, reason: "not-a-number", text: raw };
  const n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, reason: "not-a-number", text: raw };
  if (percent && !percentUnit) return { ok: false, reason: "percent-unit", text: raw };
  return { ok: true, value: n };
}

/** Removes binary float noise from a product such as 0.123 * 100 (12.299999999999999 → 12.3). */
function roundNoise(n: number): number {
  return Number(n.toPrecision(12));
}

export type StatusRead = { ok: true; status: Status | null } | { ok: false; text: string };

/** Reads a status word; blank (or 未填报) → null. Whitespace anywhere in the cell is ignored. */
export function cellStatus(v: RawCell): StatusRead {
  const text = cellText(v);
  const squeezed = text.replace(/[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+/g, "");
  if (squeezed === "" || squeezed === UNREPORTED) return { ok: true, status: null };
  const hit = (STATUSES as readonly string[]).find((s) => s === squeezed);
  if (hit) return { ok: true, status: hit as Status };
  return { ok: false, text };
}

/** Header labels compared loosely: whitespace and line breaks removed, full-width brackets as ASCII. */
export function labelKey(v: RawCell): string {
  return cellText(v)
    .replace(/[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/\*+$/, "");
}
