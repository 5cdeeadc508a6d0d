/**
 * Bytes of a plan file → text. Pure and runtime-neutral: uses the WHATWG TextDecoder (Node with
 * full ICU, every browser), which decodes UTF-8, UTF-16 and GB18030 (a superset of GBK and GB2312),
 * the encodings Chinese government text files come in.
 */

import { FILE_SIGNATURE, hasSignature } from "../vocabulary";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export type SniffedFormat = { kind: "text" } | { kind: "docx" } | { kind: "json" } | { kind: "unsupported"; what: string };

export class DecodeError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Tells a .docx, a legacy binary format and plain text apart by their first bytes. */
export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (hasSignature(bytes, FILE_SIGNATURE.zip)) return { kind: "docx" };
  // the first half of the OLE signature: enough to refuse a .doc (a file cut short is refused too)
  if (hasSignature(bytes, FILE_SIGNATURE.ole.slice(0, 4))) return { kind: "unsupported", what: "doc" };
  if (hasSignature(bytes, FILE_SIGNATURE.pdf)) return { kind: "unsupported", what: "pdf" };
  if (hasSignature(bytes, [0x7b]) || hasSignature(bytes, [0xef, 0xbb, 0xbf, 0x7b])) return { kind: "json" };
  return { kind: "text" };
}

/**
 * Guess UTF-16 without a BOM: every ASCII character (digits, newlines, punctuation) has a NUL in
 * one half of its code unit, always the same half; text in 8-bit encodings has no NUL at all.
 */
function guessUtf16(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 65536);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  const zeros = evenZero + oddZero;
  if (zeros < pairs * 0.02) return null;
  if (oddZero >= zeros * 0.9) return "utf-16le";
  if (evenZero >= zeros * 0.9) return "utf-16be";
  return null;
}

export function detectEncoding(bytes: Uint8Array): Encoding {
  if (hasSignature(bytes, [0xef, 0xbb, 0xbf])) return "utf-8";
  if (hasSignature(bytes, [0xff, 0xfe])) return "utf-16le";
  if (hasSignature(bytes, [0xfe, 0xff])) return "utf-16be";
  const utf16 = guessUtf16(bytes);
  if (utf16) return utf16;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

/** Control characters other than tab, CR, LF and form feed: a sign of a binary file. */
function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / text.length;
}

/** Decodes a text plan; throws DecodeError (Chinese message) for empty or binary input. */
export function decodePlanText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length === 0) throw new DecodeError("文件为空 (empty file)", "empty");
  const encoding = detectEncoding(bytes);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: encoding !== "gb18030" }).decode(bytes);
  } catch {
    throw new DecodeError("无法识别文件编码，可能不是文本文件 (cannot decode: not a text file?)", "binary");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (controlShare(text) > 0.01) {
    throw new DecodeError("文件包含二进制内容，不是文本格式的计划 (binary file, not a plan text)", "binary");
  }
  if (text.trim() === "") throw new DecodeError("文件为空 (empty file)", "empty");
  return { text, encoding };
}
