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

const isWhite = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
/** ( ) < > [ ] { } / % */
const isDelimiter = (c: number) =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const isRegular = (c: number) => !isWhite(c) && !isDelimiter(c);

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
  const digits: number[] = [];
  let i = at + 1;
  while (i < d.length && d[i] !== 0x3e) {
    const v = hexValue(d[i++]!);
    if (v >= 0) digits.push(v);
  }
  if (digits.length % 2) digits.push(0);
  const out = new Uint8Array(digits.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = (digits[2 * k]! << 4) | digits[2 * k + 1]!;
  return [out, i + 1];
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
 * Calls `onOperator` with each operator of `data` and its operands (the array is fresh each call).
 * `spans`, when given, receives each string and name operand's token range [start, end) in `data` (to rewrite it).
 */
export function scanContent(
  data: Uint8Array,
  onOperator: (operator: string, operands: Operand[]) => void,
  spans?: WeakMap<Uint8Array | Name, readonly [number, number]>,
): void {
  let operands: Operand[] = [];
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
    if (isWhite(c)) {
      i++;
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
    } else if (c === 0x7b || c === 0x7d) {
      i++; // PostScript calculator braces never appear in content streams
    } else {
      let j = i;
      while (j < n && isRegular(data[j]!)) j++;
      const token = latin1(data, i, j);
      i = j;
      if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) push(Number(token));
      else if (token === "true" || token === "false" || token === "null" || open.length > 0) push(null);
      else if (token === "BI") {
        i = skipInlineImage(data, i);
        operands = [];
      } else {
        onOperator(token, operands);
        operands = [];
      }
    }
  }
}

function latin1(d: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let k = from; k < to; k++) s += String.fromCharCode(d[k]!);
  return s;
}
