/**
 * Quarters: the numbers the model stores, their names in the workbook (一季度) and in reports
 * (第一季度), and the one reader of a quarter a person typed (CLI --quarter, 设置!当前季度, 归档!季度).
 */
import { toChineseNumeral } from "./numerals";
import { toAsciiDigits } from "./fullwidth";

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

/** 1 → 0: a quarter's place in a four-entry tuple (the 设置 sheet's pace by quarter). */
export const quarterIndex = (q: Quarter) => (q - 1) as 0 | 1 | 2 | 3;

/** 1 → "一季度" (workbook column labels). */
export const QUARTER_NAMES: Readonly<Record<Quarter, string>> = { 1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度" };

/** 1 → "第一季度" (report titles). */
export function quarterTitle(q: Quarter): string {
  return `第${toChineseNumeral(q)}季度`;
}

/**
 * A quarter as a person may write it: 3, "3", "３", "Q3", "q3", "三季度", "第三季度", "三"; null for
 * anything else (0, 5, 2.5, "").
 */
export function parseQuarter(v: unknown): Quarter | null {
  if (typeof v === "number") return (QUARTERS as readonly number[]).includes(v) ? (v as Quarter) : null;
  if (typeof v !== "string") return null;
  const s = toAsciiDigits(v.trim()).replace(/^第/, "").replace(/季度$/, "").replace(/^[Qq]/, "");
  if (/^[1-4]$/.test(s)) return Number(s) as Quarter;
  const n = QUARTERS.find((q) => toChineseNumeral(q) === s);
  return n ?? null;
}
