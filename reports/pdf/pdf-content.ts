/**
 * A scanner for PDF content streams (ISO 32000-1 §7.8.2): operands and operators, nothing drawn.
 * It reads what a walker needs to know which glyphs a page draws: names, numbers, strings (literal and
 * hex, as bytes) and arrays; dictionaries (marked-content properties) come out as null, and inline
 * images (BI … ID … EI) are skipped whole.
 */

/** A name operand (/F4), raw as written. */
export class Name {
  constructor(readonly value: string) {}
}

/** An operand: number, name, string bytes, array, or null for what a walker never reads (dictionaries, booleans, null). */
export type Operand = number | Name | Uint8Array | Operand[] | null;

/** Byte classes (a table: the scanner asks for every byte): 0 regular, 1 white space, 2 delimiter ( ) < > [ ] { } / %. */
const CLASS = new Uint8Array(256);
for (const c of [0x20, 0x0a, 0x0d, 0x09, 0x0c, 0x00]) CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = 2;
const isWhite = (c: number) => CLASS[c] === 1;
const isRegular = (c: number) => CLASS[c] === 0;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** A literal string starting at `at` ("("): its bytes and the index after its ")". */
function literalString(d: Uint8Array, at: number): [Uint8Array, number] {
  const out: number[] = [];
  let depth = 1;
  let i = at + 1;
  while (i < d.length) {
    const c = d[i++]!;
    if (c === 0x5c) {
      const e = d[i++];
      if (e === undefined) break;
      if (e >= 0x30 && e <= 0x37) {
        let v = e - 0x30;
        for (let k = 0; k < 2 && d[i]! >= 0x30 && d[i]! <= 0x37; k++) v = v * 8 + d[i++]! - 0x30;
        out.push(v & 0xff);
      } else if (e === 0x0d) {
        if (d[i] === 0x0a) i++; // a backslash before an end of line continues the string
      } else if (e !== 0x0a) {
        out.push(e === 0x6e ? 0x0a : e === 0x72 ? 0x0d : e === 0x74 ? 0x09 : e === 0x62 ? 0x08 : e === 0x66 ? 0x0c : e);
      }
    } else if (c === 0x0d) {
      if (d[i] === 0x0a) i++; // an unescaped end of line reads as one line feed
      out.push(0x0a);
    } else if (c === 0x28) {
      depth++;
      out.push(c);
    } else if (c === 0x29) {
      if (--depth === 0) break;
      out.push(c);
    } else out.push(c);
  }
  return [Uint8Array.from(out), i];
}

/** A hex string starting at `at` ("<"): its bytes (an odd last digit is followed by 0) and the index after its ">". */
function hexString(d: Uint8Array, at: number): [Uint8Array, number] {
  let end = at + 1;
  let digits = 0;
  for (; end < d.length && d[end] !== 0x3e; end++) if (hexValue(d[end]!) >= 0) digits++;
  const out = new Uint8Array((digits + 1) >> 1);
  let k = 0;
  for (let i = at + 1; i < end; i++) {
    const v = hexValue(d[i]!);
    if (v < 0) continue;
    if (k % 2 === 0) out[k >> 1] = v << 4;
    else out[k >> 1]! |= v;
    k++;
  }
  return [out, end + 1];
}

/** The index after an inline image's data: past the EI that follows ID (`at` is just after BI). */
function skipInlineImage(d: Uint8Array, at: number): number {
  const endOfToken = (i: number) => i >= d.length || !isRegular(d[i]!);
  let i = at;
  while (i + 2 < d.length && !(isWhite(d[i]!) && d[i + 1] === 0x49 && d[i + 2] === 0x44 && endOfToken(i + 3))) i++;
  i += 4; // " ID" and the one white-space byte before the data
  while (i + 2 < d.length && !(isWhite(d[i]!) && d[i + 1] === 0x45 && d[i + 2] === 0x49 && endOfToken(i + 3))) i++;
  return i + 3;
}

/**
/**
 * Calls `onOperator` with each operator of `data` and its operands. The operands array is reused:
 * it is valid during the call only (a walker reads it there; copy what you keep).
 * `spans`, when given, receives each string and name operand's token range [start, end) in `data` (to rewrite it).
 */
export function scanContent(
  data: Uint8Array,
  onOperator: (operator: string, operands: Operand[]) => void,
  spans?: WeakMap<Uint8Array | Name, readonly [number, number]>,
): void {
  const operands: Operand[] = [];
  /** Open arrays and dictionaries, innermost last; a dictionary's entries are collected and dropped. */
  const open: { items: Operand[]; dict: boolean }[] = [];
  const push = (v: Operand) => (open.length > 0 ? open[open.length - 1]!.items : operands).push(v);
  const close = () => {
    const frame = open.pop();
    if (frame) push(frame.dict ? null : frame.items);
  };
  const n = data.length;
  let i = 0;
  while (i < n) {
    const c = data[i]!;
    const cls = CLASS[c];
    if (cls === 1) {
      i++;
    } else if (cls === 0) {
      // Numbers (most of a page's tokens) and operators are read from the bytes, without a string each.
      let j = i + 1;
      while (j < n && CLASS[data[j]!] === 0) j++;
      if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) push(numberToken(data, i, j));
      else if (open.length > 0) push(null);
      else {
        const token = keyword(data, i, j);
        if (token === "true" || token === "false" || token === "null") push(null);
        else if (token === "BI") {
          j = skipInlineImage(data, j);
          operands.length = 0;
        } else {
          onOperator(token, operands);
          operands.length = 0;
        }
      }
      i = j;
    } else if (c === 0x25) {
      while (i < n && data[i] !== 0x0a && data[i] !== 0x0d) i++;
    } else if (c === 0x28) {
      const [s, next] = literalString(data, i);
      spans?.set(s, [i, next]);
      push(s);
      i = next;
    } else if (c === 0x3c) {
      if (data[i + 1] === 0x3c) {
        open.push({ items: [], dict: true });
        i += 2;
      } else {
        const [s, next] = hexString(data, i);
        spans?.set(s, [i, next]);
        push(s);
        i = next;
      }
    } else if (c === 0x3e) {
      close(); // ">>"
      i += data[i + 1] === 0x3e ? 2 : 1;
    } else if (c === 0x5b) {
      open.push({ items: [], dict: false });
      i++;
    } else if (c === 0x5d) {
      close();
      i++;
    } else if (c === 0x2f) {
      let j = i + 1;
      while (j < n && isRegular(data[j]!)) j++;
      const name = new Name(latin1(data, i + 1, j));
      spans?.set(name, [i, j]);
      push(name);
      i = j;
    } else {
      i++; // { }: PostScript calculator braces never appear in content streams
    }
  }
}

/**
 * A numeric token's value, as Number() reads its text: digits with at most one point and a sign
 * read as one integer over a power of ten (exact, one rounding, when it has ≤ 15 digits), else Number().
 */
function numberToken(d: Uint8Array, from: number, to: number): number {
  let i = from;
  const sign = d[i] === 0x2d ? -1 : 1;
  if (d[i] === 0x2b || d[i] === 0x2d) i++;
  let m = 0;
  let digits = 0;
  let scale = -1;
  for (; i < to; i++) {
    const c = d[i]!;
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 0x2e && scale < 0) scale = 0;
    else return Number(latin1(d, from, to));
  }
  if (digits === 0 || digits > 15) return Number(latin1(d, from, to));
  return (sign * m) / 10 ** Math.max(scale, 0);
}

/** Keywords seen so far by their bytes (up to 3: every content operator), so each is one string. */
const keywords = new Map<number, string>();
function keyword(d: Uint8Array, from: number, to: number): string {
  const len = to - from;
  if (len > 3) return latin1(d, from, to);
  const key = ((d[from]! << 16) | ((len > 1 ? d[from + 1]! : 0) << 8) | (len > 2 ? d[from + 2]! : 0)) * 4 + len;
  let s = keywords.get(key);
  if (s === undefined) keywords.set(key, (s = latin1(d, from, to)));
  return s;
}

function latin1(d: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let k = from; k < to; k++) s += String.fromCharCode(d[k]!);
  return s;
}
