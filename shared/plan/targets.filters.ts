/**
 * Numbers that are not targets: descriptions (年产10万吨, 15分钟便民生活圈, 等6项), scopes
 * (全区68个村), who is served (为全区4300余名…), classes of a noun (10亿元以上项目). See targets.ts's
 * header, WHAT IS A TARGET.
 */
import type { Quantity } from "./targets.quantity";
import { leadingVerb, stripLeadingNoise } from "./targets.name";
import type { Span } from "./targets.text";

/** "为全区…", "对…": a number right after these describes who is served. */
export const PREPOSITION_ONLY = /^(为|对|给|向|面向|针对)(全区|全县|全市|全镇|全乡|辖区|全体)?$/;
/** Nouns after "N亿元以上": the number is a class of projects or firms, not a target. */
export const THRESHOLD_NOUN = /^(的)?(重大|重点|产业|工业|制造业|服务业|商贸|招商|龙头|骨干|单体|亿元级)?(项目|企业|工程|产业|集群|园区|主体|品牌|景区|商户)/;

/** Scope words: "实现全区68个村5G全覆盖" names where, not how many. */
const SCOPE_WORDS = /^(全区|全县|全市|全镇|全乡|全省|辖区|全体|区内|县内|市内)$/;
const SCOPE_PREFIX = /^(全区|全县|全市|全镇|全乡|全省|辖区)/;
/** Adverbs before a verb, ignored when deciding where a number stands. */
const ADVERBS = /^(积极|大力|加快|全力|持续|深入|着力|努力|力争|确保|全面|扎实|稳步|重点|新|再|累计|全年|年内|今年)+/;
/** After a number, these start what the quantity is for: "发放贷款10亿元用于支持小微企业". */
const PURPOSE = /^(用于|支持|带动|助力|撬动|惠及|覆盖|服务|保障|推动|促进|以上)/;

/**
 * Where a number stands in "<before> N<unit> <after>": after its measured noun ("新建学校3所",
 * "发放贷款10亿元用于…"), before it after a bare verb ("建设100个村（社区）医保服务站", "培育壮大10家
 * 龙头企业"), or inside a description of scope ("实现全区68个村5G全覆盖"), which is no target.
 */
export function numberPosition(before: string, after: string): "after-noun" | "before-noun" | "scope" {
  if (!after) return "after-noun";
  if (PURPOSE.test(after) || leadingVerb(after)) return "after-noun";
  const bare = stripLeadingNoise(before, true).replace(ADVERBS, "");
  // "为全区4300余名女学生接种": those served, counted (only 余/多 counts reach here; see targets.read.ts)
  if (PREPOSITION_ONLY.test(bare)) return "before-noun";
  if (SCOPE_WORDS.test(bare)) return "scope";
  const check = bare
    .replace(SCOPE_PREFIX, "")
    .replace(ADVERBS, "")
    .replace(/\d{4}年度?/g, "");
  if (check.length === 0) return "before-noun";
  const verb = leadingVerb(check);
  const rest = check.slice(verb.length);
  if (verb && (rest === "" || (rest.length <= 2 && !SCOPE_WORDS.test(rest)))) return "before-noun";
  if (!verb && check.length <= 2 && !SCOPE_WORDS.test(check)) return "before-noun";
  return "scope";
}

/** Numbers in an item that describe rather than set a target; see the header. */
export function isDescription(norm: string, clause: Span, q: Quantity, ownBefore: string, after: string): boolean {
  if (after.length === 0) return false;
  if (after.startsWith("级") || after.startsWith("的")) return true;
  if (q.unit === "个" && after.startsWith("月")) return true;
  if (/^(分钟|小时|天|岁)$/.test(q.unit) && /^[\u4e00-\u9fff]/.test(after)) return true; // "15分钟便民生活圈"
  const before = ownBefore.trim();
  if (/等$/.test(before)) return true;
  if (PREPOSITION_ONLY.test(before) && !q.approx) return true;
  if (/(年产|日产|日处理|总投资|装机|库容|总库容)$/.test(before)) return true;
  const rest = norm.slice(q.unitEnd, clause.end);
  if (/等[^,;。]{0,8}项目/.test(rest)) return true;
  return false;
}
