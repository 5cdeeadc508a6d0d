/**
 * The scoring rules, once in TypeScript. layout.formulas.ts states the same rules once as Excel
 * formulas; the LibreOffice test proves the two agree on random fills.
 *
 * Targets (T = target value, A = actual at the end of the quarter, p = pace of the quarter, r = tolerance):
 * - expected E (序时目标): cumulative → T × p (counts and amounts grow through the year);
 *   rate → T (growth rates, shares and levels are compared directly, whatever the quarter).
 * - "higher is better" comparators (>=, >, =, ~):
 *     达标 when A ≥ T (>: A > T; = and ~ "about": A ≥ T − r·|T|, and above is fine),
 *     else 序时 when A ≥ E − r·|E|, else 脱幅.
 *     完成率 = A / T when T > 0, else 1 if A ≥ T and 0 otherwise.
 * - "lower is better" comparators (<=, <, caps such as 失业率5.5%以内):
 *     达标 when A ≤ E (<: A < E) — for a cumulative cap that is "within the share of the cap used so far",
 *     else 序时 when A ≤ E + r·|E|, else 脱幅.
 *     完成率 = 1 when A ≤ T, else T / A when T > 0, else 0 (so it never exceeds 1: being under a cap
 *     is not "more than done").
 * Comparisons use the spreadsheet engines' notion of equality (relative difference below 2^-48 counts
 * as equal), so 0.9×T and T−0.1×T compare equal here as they do in LibreOffice and Excel.
 *
 * Tasks: score = the status's score from the settings (未填报: 0). 预警, first that applies:
 * 滞后 with no 存在问题 → 滞后未说明问题; no status → 未填报; one of its targets 脱幅 → 指标脱幅.
 */
import type { Comparator, TargetKind } from "../plan/schema";
import type { Quarter, Settings, Status } from "../ledger/schema";
import { quarterIndex } from "../vocabulary";
import type { TargetState } from "./schema";

const E48 = 1 / (16777216 * 16777216);

/** LibreOffice's rtl::math::approxEqual. */
function approxEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (a === 0 || b === 0) return false;
  const d = Math.abs(a - b);
  if (!Number.isFinite(d)) return false;
  return d < Math.abs(a) * E48 && d < Math.abs(b) * E48;
}
export const ge = (a: number, b: number) => a > b || approxEqual(a, b);
export const le = (a: number, b: number) => a < b || approxEqual(a, b);
export const gt = (a: number, b: number) => a > b && !approxEqual(a, b);
export const lt = (a: number, b: number) => a < b && !approxEqual(a, b);

function isLowerBetter(c: Comparator): boolean {
  return c === "<=" || c === "<";
}

export function expectedValue(value: number, kind: TargetKind, quarter: Quarter, settings: Settings): number {
  return kind === "cumulative" ? value * settings.pace[quarterIndex(quarter)] : value;
}

export function targetState(c: Comparator, T: number, E: number, A: number, tolerance: number): TargetState {
  let met: boolean;
  switch (c) {
    case ">=":
      met = ge(A, T);
      break;
    case ">":
      met = gt(A, T);
      break;
    case "=":
    case "~":
      met = ge(A, T - tolerance * Math.abs(T));
      break;
    case "<=":
      met = le(A, E);
      break;
    case "<":
      met = lt(A, E);
      break;
  }
  if (met) return "达标";
  const onPace = isLowerBetter(c) ? le(A, E + tolerance * Math.abs(E)) : ge(A, E - tolerance * Math.abs(E));
  return onPace ? "序时" : "脱幅";
}

export function targetCompletion(c: Comparator, T: number, A: number): number {
  if (isLowerBetter(c)) return le(A, T) ? 1 : gt(T, 0) ? T / A : 0;
  return gt(T, 0) ? A / T : ge(A, T) ? 1 : 0;
}

export function statusScore(status: Status | null, settings: Settings): number {
  return status === null ? 0 : settings.statusScores[status];
}
