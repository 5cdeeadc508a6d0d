/**
 * Full-width forms (０–９, ％, ．…) as Chinese input methods type them. The one converter of
 * full-width digits to ASCII; callers that also map punctuation build on it.
 */

const FULL_WIDTH_ZERO = 0xff10;

/** Regex character class body of full-width digits. */
export const FULL_WIDTH_DIGITS = "０-９";

/** True for one full-width digit ０–９. */
export function isFullWidthDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && c >= FULL_WIDTH_ZERO && c <= FULL_WIDTH_ZERO + 9;
}

/** A full-width digit as ASCII ("５" → "5"); any other character unchanged. Length-preserving. */
export function asciiDigit(ch: string): string {
  return isFullWidthDigit(ch) ? String.fromCharCode(48 + ch.charCodeAt(0) - FULL_WIDTH_ZERO) : ch;
}

/** Every full-width digit of a string as ASCII ("１２．５" → "12．5"); length-preserving. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, asciiDigit);
}
