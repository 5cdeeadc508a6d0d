/**
 * Classification of a target found: its comparator (from the wording around the number) and its
 * kind (a rate or level compared directly, or a quantity that accumulates through the year). The
 * rules are in targets.ts's header, under COMPARATOR and KIND.
 */
import type { Comparator } from "../vocabulary";
import type { Target, TargetKind } from "./schema";
import { COUNT_UNITS, PREFIX_COMPARATORS, RATE_UNITS, RATE_WORDS, RATE_WORDS_ANYWHERE } from "./targets.lexicon";
import { PER_QUALIFIER } from "./targets.name";
import type { Quantity } from "./targets.quantity";

/** A target as a reader finds it, before extractTargets numbers it. */
export type Found = Omit<Target, "id">;

const KEPT_LEVEL = /(稳定在|保持在|维持在)$/;
const LEVEL_REACHED = /(达到|达|突破|超过|增至|提高到|提升到|提高至|提升至)$/;
/** Verbs in a name that make it a flow of the year ("新增就业", "引进企业"). */
const FLOW_WORDS =
  /^(全区|全县|全市|全年)?(新开工|开工|引进|培育|招引|完成|实现|接待|发放|实施|开展|建成|创建|改造|培训|签约|落地|投产|入驻)|新增|新建|累计|新培育|新引进/;

/** The comparator of a quantity: its suffix wording wins, then the wording before it (`before`). */
export function comparatorOf(before: string, q: Quantity): Comparator {
  before = before.trimEnd().replace(PER_QUALIFIER, "");
  const prefix = PREFIX_COMPARATORS.find(([w]) => before.trimEnd().endsWith(w));
  if (q.suffix) {
    if (q.suffix === ">=" && prefix && prefix[1] === ">") return ">";
    return q.suffix;
  }
  if (q.about) return "~";
  if (q.range) return ">=";
  if (prefix) return prefix[1];
  return ">=";
}

/** "rate" or "cumulative" for a target's name and unit; `before` is the wording before its number. */
export function kindOf(name: string, unit: string, before = ""): TargetKind {
  // A count of days in the year (空气质量优良天数达348天) grows quarter by quarter.
  if (unit === "天" && /天数$/.test(name)) return "cumulative";
  if (unit === "" || RATE_UNITS.has(unit)) return "rate";
  // "种植面积稳定在50万亩", "转移就业稳定在15万人": a level kept, unless the name is a yearly flow
  if (KEPT_LEVEL.test(before.trim()) && !/(产量|出栏|产值|总额|收入|投资|播种面积)$/.test(name)) return "rate";
  // "规上工业企业达到300家", "建成区面积达到30平方公里": a total reached, not this year's additions
  if (LEVEL_REACHED.test(before.trim()) && !FLOW_WORDS.test(name) && (COUNT_UNITS.has(unit.replace(/^万/, "")) || /(面积|人口|数量)$/.test(name)))
    return "rate";
  const bare = name.replace(/（力争）$/, "").replace(/(增长|提高|提升|下降|降低|保持|稳定|控制)$/, "");
  if (RATE_WORDS_ANYWHERE.some((w) => bare.includes(w))) return "rate";
  if (RATE_WORDS.some((w) => bare.endsWith(w))) return "rate";
  return "cumulative";
}
