/**
 * How an actual is compared with its target: one table from the code the model stores to the word
 * the workbook shows (and its formulas test: COUNTIFS would read ">=" as an operator), the symbol
 * reports print, and what a reader accepts back. The plan's wordings (以上, 不低于, 控制在 …) are in
 * shared/plan/targets.lexicon.ts, each mapped to one of these codes.
 */

export const COMPARATORS = [">=", "<=", ">", "<", "=", "~"] as const;
export type Comparator = (typeof COMPARATORS)[number];

export interface ComparatorWords {
  /** The workbook's 比较 word. */
  word: string;
  /** The reports' symbol. */
  symbol: string;
  /** Further spellings a reader accepts for it (typed by a person, older files). */
  accepted: readonly string[];
}

export const COMPARATOR: Readonly<Record<Comparator, ComparatorWords>> = {
  ">=": { word: "不低于", symbol: "≥", accepted: [">=", "≥", "＞＝", "≧"] },
  "<=": { word: "不高于", symbol: "≤", accepted: ["<=", "≤", "＜＝", "≦"] },
  ">": { word: "高于", symbol: ">", accepted: [">", "＞"] },
  "<": { word: "低于", symbol: "<", accepted: ["<", "＜"] },
  "=": { word: "等于", symbol: "=", accepted: ["=", "＝"] },
  "~": { word: "左右", symbol: "≈", accepted: ["~", "≈", "～"] },
};

/** The comparator a workbook cell names (its word, or a symbol a person typed); null when none. */
export function comparatorFromCell(text: string): Comparator | null {
  const t = text.replace(/\s+/g, "");
  for (const c of COMPARATORS) {
    const w = COMPARATOR[c];
    if (w.word === t || w.accepted.includes(t)) return c;
  }
  return null;
}
