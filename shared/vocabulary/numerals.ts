/**
 * Chinese numerals as plans, headings, dates and reports write them. The one place that reads and
 * writes them: headings (一、 / （三）), dates (二〇二三年三月一日), quantities (两所, 一百二十个), the
 * sections of a ledger, report titles (第三季度).
 */

/** Digits of numerals, including the forms years use (〇 ○ O) and 两 (two, in quantities). */
const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  "○": 0,
  O: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const POWERS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Regex character class body of the numerals headings use ("一" … "十"), for `[${HEADING_NUMERAL}]{1,3}`. */
export const HEADING_NUMERAL = "一二三四五六七八九十";
/** Regex character class body of every numeral character, quantities and years included. */
export const ANY_NUMERAL = "零〇○O一二两三四五六七八九十百千";

/** True for a character that is a Chinese digit (零 … 九, 两, 〇). */
export function isChineseDigit(ch: string): boolean {
  return ch in DIGITS;
}

/** True for 十 百 千. */
export function isChinesePower(ch: string): boolean {
  return ch in POWERS;
}

/**
 * 一 → 1, 十二 → 12, 二十三 → 23, 两 → 2, 一百二十 → 120, "12" → 12; null when it is not a
 * well-formed numeral ("一二" is a list, not a number).
 */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    const d = DIGITS[ch];
    const p = POWERS[ch];
    if (d !== undefined) {
      if (digit !== null && digit !== 0) return null;
      digit = d;
    } else if (p !== undefined) {
      total += (digit ?? 1) * p;
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

/** 二〇二三 → 2023: digit by digit, as years are written; null when a character is not a digit. */
export function parseChineseYear(s: string): number | null {
  if (!s) return null;
  let n = 0;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d === undefined || ch === "两") return null;
    n = n * 10 + d;
  }
  return n;
}

const WRITE_DIGITS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (0 → 〇); numbers outside 0–99 as digits. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return WRITE_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? "" : WRITE_DIGITS[tens]!) + "十" + (ones === 0 ? "" : WRITE_DIGITS[ones]!);
}

const LEADING = new RegExp(`^[（(]?\\s*([${HEADING_NUMERAL}百零〇]+)`);

/** The numeral a heading or section cell starts with: "二、重点工作" / "（三）" / "三" → "二" / "三"; else null. */
export function leadingNumeral(s: string): string | null {
  const m = LEADING.exec(s.trim());
  return m ? m[1]! : null;
}
