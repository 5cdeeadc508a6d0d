/**
 * Is an actual plausible for its target? Staff type 0.0743 for a 7.43% share, the amount in 元 for a
 * target in 亿元, or a stray 1E+308. Such a value must not decide 达标 / 脱幅 until someone confirms
 * it: an implausible actual counts as not filled, and its cell is a problem saying what was probably
 * meant. Keep in sync with layout.formulas.ts (the 本季度实际值 formula states the same gate) — the
 * LibreOffice test compares them.
 *
 * Rules (T = target value, A = actual, both non-zero):
 * - fraction: the unit is % and |A| < 1 ≤ |T| and A×100/T is between 1/3 and 3 → probably A×100;
 * - far above: |A| > 100·|T| → with 万/亿 in the unit and A/T near 10⁴ or 10⁸, probably A ÷ 10⁴ / 10⁸;
 * - far below: a rate or level with |A| < |T|/100 (a cumulative target is legitimately small
 *   early in the year, so only rates are judged from below).
 * Zero actuals and zero targets are never judged (0 is a legitimate count; a 0 target has no scale).
 * The arithmetic and comparisons are the formula's (products rather than ratios, so 1E+308 never
 * overflows; spreadsheet equality), so both sides judge a value on a boundary alike.
 * A target whose row is confirmed (核实 = 已核实) takes its actuals as typed: see `countedActual`.
 */
import type { TargetKind } from "../plan/schema";
import { ge, gt, le, lt } from "./rules";

/** The bounds, once: formulas are generated from these numbers. */
export const PLAUSIBLE = { above: 100, below: 0.01, fractionFactor: 3 } as const;

export type Implausible =
  | { reason: "fraction"; likely: number }
  | { reason: "magnitude"; factor: number; likely: number }
  | { reason: "above"; ratio: number }
  | { reason: "below"; ratio: number };

export interface TargetScale {
  value: number;
  unit: string;
  kind: TargetKind;
}

/** Units that make a target a percentage (the formula tests the unit cell against each). */
export const PERCENT_UNITS = ["%", "％"] as const;

/** True when the unit is a percentage; spaces trimmed as the spreadsheet's TRIM does. */
export function isPercentUnit(unit: string): boolean {
  return (PERCENT_UNITS as readonly string[]).includes(unit.replace(/^ +| +$/g, ""));
}

/** Powers of ten a magnitude word in the unit makes likely (亿元 → 10⁸ or 10⁴, 万元 → 10⁴). */
function magnitudeFactors(unit: string): number[] {
  if (unit.includes("亿")) return [1e8, 1e4];
  if (unit.includes("万")) return [1e4];
  return [];
}

/** null when the actual is plausible for the target. */
export function implausibility(target: TargetScale, actual: number): Implausible | null {
  const T = target.value;
  const A = actual;
  if (T === 0 || A === 0 || !Number.isFinite(T)) return null;
  if (!Number.isFinite(A)) return { reason: "above", ratio: Infinity };
  const ratio = A / T;
  if (isPercentUnit(target.unit) && lt(Math.abs(A), 1) && ge(Math.abs(T), 1)) {
    const r100 = (A * 100) / T;
    if (ge(r100, 1 / PLAUSIBLE.fractionFactor) && le(r100, PLAUSIBLE.fractionFactor)) return { reason: "fraction", likely: round(A * 100) };
  }
  if (gt(Math.abs(A), PLAUSIBLE.above * Math.abs(T))) {
    for (const f of magnitudeFactors(target.unit)) {
      const r = Math.abs(ratio / f);
      if (r >= 0.1 && r <= 10) return { reason: "magnitude", factor: f, likely: round(A / f) };
    }
    return { reason: "above", ratio };
  }
  if (target.kind === "rate" && lt(Math.abs(A), PLAUSIBLE.below * Math.abs(T))) return { reason: "below", ratio };
  return null;
}

/**
 * The actual that decides 达标 / 序时 / 脱幅: as typed when plausible or confirmed, else null (counts
 * as not filled until someone corrects or confirms it). The 本季度实际值 formula is the same gate.
 */
export function countedActual(target: TargetScale, actual: number | null, confirmed: boolean): number | null {
  if (actual === null || confirmed) return actual;
  return implausibility(target, actual) === null ? actual : null;
}

/** A number as a spreadsheet shows it: 1E+308, not JavaScript's 1e+308. */
function asTyped(n: number): string {
  return String(n).replace(/e([+-])/, "E$1");
}

function round(n: number): number {
  return Number(n.toPrecision(12));
}

/** The problem's Chinese explanation (without the cell and the quarter). */
export function implausibleMessage(i: Implausible, value: number, target: TargetScale): string {
  const t = `${target.value}${target.unit}`;
  const actual = asTyped(value);
  switch (i.reason) {
    case "fraction":
      return `实际值 ${actual} 像是把百分数写成了小数（目标 ${t}）：若为 ${i.likely}%，请填写 ${i.likely}`;
    case "magnitude":
      return `实际值 ${actual} 比目标 ${t} 大约 ${i.factor === 1e8 ? "1 亿" : "1 万"} 倍，可能按“${i.factor === 1e8 ? "元" : "万"}”而不是“${target.unit}”填写：若为 ${i.likely}${target.unit}，请填写 ${i.likely}`;
    case "above":
      return `实际值 ${actual} 超过目标 ${t} 的 ${PLAUSIBLE.above} 倍，请核对数值和单位`;
    case "below":
      return `实际值 ${actual} 不到目标 ${t} 的 1/${Math.round(1 / PLAUSIBLE.below)}，请核对数值和单位`;
  }
}
