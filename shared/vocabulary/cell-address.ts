/**
 * The one A1 address codec of the project (workbook layout, readers, Office.js writer, reports'
 * 数据来源, tests). Works for every column Excel has (A … XFD).
 */

/** 1 → "A", 26 → "Z", 27 → "AA", 16384 → "XFD" (1-based column number). */
export function colLetter(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`column number ${n} is not 1 or more`);
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 1, "AA" → 27 (case-insensitive); NaN when not letters. */
export function colNumber(letters: string): number {
  if (!/^[A-Za-z]+$/.test(letters)) return NaN;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "A1"-style address of a 0-based row and column: (0, 0) → "A1", (6, 27) → "AB7". */
export function cellAddress(row: number, col: number): string {
  return `${colLetter(col + 1)}${row + 1}`;
}

/** "AB7" (or "$AB$7") → { row: 6, col: 27 } (0-based); null when not an address. */
export function parseCellAddress(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const col = colNumber(m[1]!) - 1;
  return row >= 0 && col >= 0 ? { row, col } : null;
}

/** "任务!G7": a cell named with its sheet, as every problem and 数据来源 line shows it. */
export function sheetCell(sheet: string, row: number, col: number): string {
  return `${sheet}!${cellAddress(row, col)}`;
}
