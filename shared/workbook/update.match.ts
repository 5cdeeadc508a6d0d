/**
 * Matching a revised plan's tasks and targets to a filled ledger's (plan-ledger workbook --update).
 *
 * Tasks are matched old → new by number AND text:
 *   1. identical text (after removing whitespace and punctuation) — a renumbered task keeps its entries;
 *   2. then the best remaining pairs by text similarity (character-bigram Dice coefficient), accepted
 *      when similarity ≥ 0.5 for the same number (an edited task) or ≥ 0.7 for a different number
 *      (edited and renumbered). Pairs are taken greedily, best first; the same number breaks ties.
 * Targets of a matched task are matched by name (identical, then similarity ≥ 0.6, then the same
 * position when the task has as many targets as before). Pure: no I/O.
 */
import type { Task, Target } from "../plan/schema";

/** Text reduced to what matters for matching: no whitespace, no punctuation, ASCII brackets. */
export function normalizeForMatch(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]+/gu, "")
    .toLowerCase();
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  if (s.length === 1) m.set(s, 1);
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient of character bigrams, 0–1 (1: identical after normalising). */
export function textSimilarity(a: string, b: string): number {
  const x = normalizeForMatch(a);
  const y = normalizeForMatch(b);
  if (x === y) return 1;
  if (!x || !y) return 0;
  return diceOf(bigrams(x), bigrams(y));
}

function diceOf(ga: Map<string, number>, gb: Map<string, number>): number {
  let na = 0;
  let nb = 0;
  let both = 0;
  for (const v of ga.values()) na += v;
  for (const [g, v] of gb) {
    nb += v;
    const w = ga.get(g);
    if (w) both += Math.min(v, w);
  }
  return na + nb === 0 ? 0 : (2 * both) / (na + nb);
}

const SAME_ID_MIN = 0.5;
const OTHER_ID_MIN = 0.7;
const TARGET_MIN = 0.6;

/** Old task id → new task id, for the tasks that have a counterpart. */
export function matchTasks(oldTasks: readonly Task[], newTasks: readonly Task[]): Map<number, number> {
  const result = new Map<number, number>();
  const usedNew = new Set<number>();
  // 1. identical texts; when a text repeats, the same number first, then document order
  const byText = new Map<string, Task[]>();
  for (const t of newTasks) {
    const k = normalizeForMatch(t.text);
    const list = byText.get(k);
    if (list) list.push(t);
    else byText.set(k, [t]);
  }
  const oldSorted = [...oldTasks].sort((a, b) => {
    // tasks whose number also exists with the same text go first, so they keep their own number
    const sa = byText.get(normalizeForMatch(a.text))?.some((t) => t.id === a.id) ? 0 : 1;
    const sb = byText.get(normalizeForMatch(b.text))?.some((t) => t.id === b.id) ? 0 : 1;
    return sa - sb || a.id - b.id;
  });
  for (const o of oldSorted) {
    const cands = (byText.get(normalizeForMatch(o.text)) ?? []).filter((t) => !usedNew.has(t.id));
    if (cands.length === 0) continue;
    const pick = cands.find((t) => t.id === o.id) ?? cands[0]!;
    result.set(o.id, pick.id);
    usedNew.add(pick.id);
  }
  // 2. similarity among the rest
  const restOld = oldTasks.filter((t) => !result.has(t.id));
  const restNew = newTasks.filter((t) => !usedNew.has(t.id));
  if (restOld.length && restNew.length) {
    const gNew = restNew.map((t) => bigrams(normalizeForMatch(t.text)));
    const pairs: { o: number; n: number; sim: number; same: boolean }[] = [];
    for (const o of restOld) {
      const go = bigrams(normalizeForMatch(o.text));
      restNew.forEach((n, j) => {
        const sim = diceOf(go, gNew[j]!);
        const same = n.id === o.id;
        if (sim >= (same ? SAME_ID_MIN : OTHER_ID_MIN)) pairs.push({ o: o.id, n: n.id, sim, same });
      });
    }
    pairs.sort((a, b) => b.sim - a.sim || Number(b.same) - Number(a.same) || a.o - b.o || a.n - b.n);
    for (const p of pairs) {
      if (result.has(p.o) || usedNew.has(p.n)) continue;
      result.set(p.o, p.n);
      usedNew.add(p.n);
    }
  }
  return result;
}

/** Old target id → new target id, for the targets of one matched task. */
export function matchTargets(oldTargets: readonly Target[], newTargets: readonly Target[]): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>();
  for (const o of oldTargets) {
    const hit = newTargets.find((n) => !used.has(n.id) && normalizeForMatch(n.name) === normalizeForMatch(o.name));
    if (hit) {
      result.set(o.id, hit.id);
      used.add(hit.id);
    }
  }
  const pairs: { o: string; n: string; sim: number }[] = [];
  for (const o of oldTargets) {
    if (result.has(o.id)) continue;
    for (const n of newTargets) {
      if (used.has(n.id)) continue;
      const sim = textSimilarity(o.name, n.name);
      if (sim >= TARGET_MIN) pairs.push({ o: o.id, n: n.id, sim });
    }
  }
  pairs.sort((a, b) => b.sim - a.sim || a.o.localeCompare(b.o) || a.n.localeCompare(b.n));
  for (const p of pairs) {
    if (result.has(p.o) || used.has(p.n)) continue;
    result.set(p.o, p.n);
    used.add(p.n);
  }
  if (oldTargets.length === newTargets.length) {
    oldTargets.forEach((o, i) => {
      const n = newTargets[i]!;
      if (!result.has(o.id) && !used.has(n.id) && o.unit === n.unit) {
        result.set(o.id, n.id);
        used.add(n.id);
      }
    });
  }
  return result;
}
