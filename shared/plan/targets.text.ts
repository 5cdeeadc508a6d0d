/**
 * Text helpers for the target extractor: a length-preserving normalisation (so offsets found in the
 * normalised text slice the verbatim original), and splitting into clauses and 、-items while
 * respecting quotes and brackets.
 */

import { asciiDigit } from "../vocabulary";

/**
 * Full-width digits, ％, ．(between digits), ，；：（）, and ASCII look-alikes mapped to one form,
 * char for char: the result has the same length as the input.
 */
export function normalizeChars(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const digit = asciiDigit(c);
    if (digit !== c) out += digit;
    else if (c === "％") out += "%";
    else if (c === "‰") out += "‰";
    else if (c === "(") out += "（";
    else if (c === ")") out += "）";
    else if (c === "；") out += ";";
    else if (c === "：") out += ":";
    else if (c === "，") out += ",";
    else if (c === "．" || c === "。" || c === "·" || c === ".") {
      // a decimal point between digits ("253．5"); otherwise a full stop
      const prev = i > 0 ? out[i - 1]! : "";
      const next = i + 1 < text.length ? text[i + 1]! : "";
      const isDigit = (s: string) => /^[0-9]$/.test(asciiDigit(s));
      // "·" between words (明月青山•千里林带) is kept; an ASCII or full-width dot elsewhere ends a sentence
      if (c === "·") out += isDigit(prev) && isDigit(next) ? "." : "·";
      else out += c !== "。" && isDigit(prev) && isDigit(next) ? "." : "。";
    } else if (c === "　" || c === "\t" || c === "\r") out += " ";
    else if (c === "～") out += "~";
    else if (c === "／") out += "/";
    else if (c === "－" || c === "–" || c === "—" || c === "―") out += "-";
    else out += c;
  }
  return out;
}

/** A span of the normalised text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

const OPENERS: Record<string, string> = { "“": "”", "‘": "’", "「": "」", "『": "』", "〔": "〕", "【": "】", "《": "》", "（": "）", "[": "]" };
const QUOTE_LIKE = new Set(["“", "‘", "「", "『", "〔", "【", "《", '"']);

/**
 * For each character: the bracket depth (any kind) and whether it lies inside quotes or 〔〕【】《》
 * (where numbers are names or document numbers, never targets). ASCII " toggles.
 */
export function maskNesting(norm: string): { depth: number[]; quoted: boolean[] } {
  const depth: number[] = new Array(norm.length).fill(0);
  const quoted: boolean[] = new Array(norm.length).fill(false);
  const stack: string[] = [];
  for (let i = 0; i < norm.length; i++) {
    const c = norm[i]!;
    if (c === '"') {
      if (stack[stack.length - 1] === '"') stack.pop();
      else stack.push('"');
      depth[i] = stack.length;
      quoted[i] = true;
      continue;
    }
    if (OPENERS[c]) {
      stack.push(c);
    }
    depth[i] = stack.length;
    quoted[i] = stack.some((s) => QUOTE_LIKE.has(s));
    const top = stack[stack.length - 1];
    if (top && top !== '"' && OPENERS[top] === c) {
      stack.pop();
    } else if (!OPENERS[c] && stack.length > 0 && Object.values(OPENERS).includes(c)) {
      // a closer without its opener nearby: close the nearest matching one, if any
      const k = stack.map((s) => OPENERS[s]).lastIndexOf(c);
      if (k >= 0) stack.length = k;
    }
    if (stack.length > 6) stack.length = 0; // runaway (unbalanced text): reset
  }
  return { depth, quoted };
}

const LINE_END_QUANTITY = /(\d|%|‰|[个家亩户人名座条项所台套辆处吨里米元次天岁]|以上|以内|以下|左右)$/;
const CLAUSE_BREAKS = new Set([",", ";", ":", "。", "!", "！", "?", "？", "\n"]);

/** Comma/semicolon/colon/full-stop delimited clauses at bracket depth 0, as spans. "1,200" is one number. */
export function splitClauses(norm: string, depth: number[]): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i <= norm.length; i++) {
    const c = norm[i];
    let isBreak = i === norm.length;
    if (!isBreak && c !== undefined && CLAUSE_BREAKS.has(c) && depth[i] === 0) {
      isBreak = !(c === "," && /[0-9]/.test(norm[i - 1] ?? "") && /^[0-9]{3}(?![0-9])/.test(norm.slice(i + 1, i + 5)));
      // a line break is a clause break after a complete quantity, otherwise a wrapped line
      if (c === "\n") isBreak = LINE_END_QUANTITY.test(norm.slice(Math.max(start, i - 8), i).trimEnd());
    }
    if (isBreak) {
      if (i > start) spans.push({ start, end: i });
      start = i + 1;
    }
  }
  return trimSpans(norm, spans);
}

/** 、-separated items of a clause at bracket depth 0. */
export function splitItems(norm: string, depth: number[], clause: Span): Span[] {
  const spans: Span[] = [];
  let start = clause.start;
  for (let i = clause.start; i <= clause.end; i++) {
    if (i === clause.end || (norm[i] === "、" && depth[i] === 0)) {
      if (i > start) spans.push({ start, end: i });
      start = i + 1;
    }
  }
  return trimSpans(norm, spans);
}

function trimSpans(norm: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    let { start, end } = s;
    while (start < end && /\s/.test(norm[start]!)) start++;
    while (end > start && /\s/.test(norm[end - 1]!)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** The text a target value is checked against: normalised, thousands separators removed. */
export function comparableText(text: string): string {
  return normalizeChars(text).replace(/(\d),(?=\d{3}(?!\d))/g, "$1");
}
