/**
 * The words a target's name is cut from: leading adverbs and trailing comparator wording dropped,
 * the verbs an item starts with, spaces of wrapped lines squeezed out.
 */
import { LEADING_NOISE, PREFIX_COMPARATORS, VERBS } from "./targets.lexicon";
import { Rope } from "./targets.rope";

/** A per-head or per-period qualifier between a comparator and its number: "提高到每人每月780元". */
export const PER_QUALIFIER = /(每人每月|每人每年|每人|每月|每年|每户|每亩|每天|每日)$/;

/** Without leading adverbs and connectives (其中, 全年, 力争 …); never empty unless `allowEmpty`. */
export function stripLeadingNoise(s: string, allowEmpty = false): string {
  let out = s.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const w of LEADING_NOISE) {
      if (out.startsWith(w) && (allowEmpty || out.length > w.length)) {
        out = out.slice(w.length).trim();
        changed = true;
      }
    }
  }
  return out;
}

/** Without comparator wording at the end (达到, 控制在 …); never empty unless `allowEmpty`. */
export function stripTrailingComparator(s: string, allowEmpty = false): string {
  let out = s.trim();
  for (let changed = true; changed;) {
    changed = false;
    // 完成/实现 alone are the verb of the name ("完成2个乡镇污水处理厂建设"), not comparator wording
    const hit = PREFIX_COMPARATORS.find(([w]) => out.endsWith(w) && (out.length > w.length || (allowEmpty && w !== "完成" && w !== "实现")));
    if (hit) {
      out = out.slice(0, out.length - hit[0].length).trim();
      changed = true;
    }
  }
  return out;
}

/** The chain of verbs an item starts with ("新增（优化）调整", "完善提升"), or "". */
export function leadingVerb(s: string): string {
  let i = 0;
  for (;;) {
    const rest = s.slice(i);
    const v = VERBS.find((w) => rest.startsWith(w));
    if (!v) break;
    i += v.length;
    const paren = /^（[^（）]{1,4}）/.exec(s.slice(i));
    if (paren && VERBS.some((w) => s.slice(i + paren[0].length).startsWith(w))) i += paren[0].length;
  }
  return s.slice(0, i);
}

/** A predicate without its comparator wording: "增长" stays, "稳定在" and "达到" go. */
export function dropComparatorWords(r: Rope, norm: string): Rope {
  const t = r.str(norm).trim();
  if (PREFIX_COMPARATORS.some(([w]) => w === t)) return Rope.empty();
  return r.take(stripTrailingComparator(t).length).trim(norm);
}

/** Whitespace (wrapped lines, padding) dropped from a name, except between two Latin letters or digits. */
export function squeezeSpaces(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, (m, at: number, all: string) => (/[A-Za-z0-9]/.test(all[at - 1] ?? "") && /[A-Za-z0-9]/.test(all[at + m.length] ?? "") ? " " : ""));
}

/** A name that starts inside a parenthesis it does not close ("（其中…") loses the opener. */
export function dropUnbalancedOpener(r: Rope, norm: string): Rope {
  const s = r.str(norm);
  if (/^[（(]/.test(s) && !/[）)]/.test(s)) return r.dropStart(1).trim(norm);
  return r;
}
