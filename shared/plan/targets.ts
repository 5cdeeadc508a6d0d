/**
 * Quantitative targets of one task: `extractTargets(taskId, text)`, a pure function (no I/O; runs in
 * Node and in the browser). Ids are "<taskId>.<n>", n from 1 in document order.
 *
 * The rules, as decided for this genre (政府工作报告目标任务分解方案):
 *
 * WHAT IS A TARGET. An Arabic number (full-width digits, "1,200" and "253．5" accepted) followed by a
 * unit from the table in targets.lexicon.ts (longest match: "万平方米" before "平方米"), inside a
 * clause (text between ，,；;：:。 or an ASCII full stop; a line break ends a clause only after a
 * quantity, elsewhere it is a wrapped line). Also a Chinese-numeral quantity ("新建学校两所") when a
 * unit follows and the item ends there. A number with no unit counts only when comparator wording
 * frames it ("综合指数控制在3.5以内"; the unit is then ""), and 年 only as a framed level
 * ("平均受教育年限达到11年").
 * NOT targets: numbers inside quotes or 〔〕【】《》 (names: “双50”, document numbers), numbers glued to
 * Latin letters or + × (5G, PM2.5, G318, 1+N, 7×24), ordinals (第2届), years and spans (2023年,
 * 3年内, 3个月), scale descriptors (a unit followed by 级: 500万吨级; 百亿级 has no digits), sizes
 * that name a project ("加快50万亩国家储备林、…等项目建设", "年产10万吨…", "总投资50亿元的…",
 * "…，总投资100亿元"), times that name a circle ("15分钟便民生活圈"), bounds that class a noun
 * ("10亿元以上项目", "5万元以下的薄弱村", "3岁以下婴幼儿"), summary counts of a list ("推进A、B等6项
 * 全国试点任务": the 6 counts what is listed, not a quantity to deliver), scopes ("实现全区68个村5G
 * 全覆盖") and who is served ("为全区4300余名适龄在校女学生免费接种": a number with 余/多 before a
 * noun, or the object of 为/对/给/向).
 *
 * NAME. The verb and the thing measured, as written: the item's text before the number, or, when the
 * number stands before its noun after a bare verb ("建设100个村（社区）医保服务站"), the verb plus
 * the noun ("建设村（社区）医保服务站"). Leading adverbs (其中, 全年, 力争, 确保, 实现 …), comparator
 * wording and per-head qualifiers (每人每月) are dropped. In a 、- or 和-list the items after the
 * first take the first item's verb when they have none ("新培育科技型企业50家、高新技术企业20家" →
 * "新培育高新技术企业"); an item that is a bare verb borrows the previous item's noun ("落地项目50个、
 * 投产30个" → "投产项目"); a bare 增长 takes the previous target's subject ("收入达到20亿元，增长5%"
 * → "收入增长"); a 其中 part takes the verb of its whole ("新增市场主体1万户，其中企业3000户" →
 * "新增企业"). Items of an enumeration without numbers belong to the next number's name; when that
 * name holds 等, it is the verb plus what follows 等 ("建成交通管理、…等数字应用场景11个" →
 * "建成数字应用场景"). A rate written once for a list of subjects is one target per subject, the
 * shared head written out ("基本养老、医疗保险参保率稳定在96%以上" → "基本养老保险参保率",
 * "医疗保险参保率"; likewise "A、B分别增长6%、7%" and "城乡…分别…" → 城镇…, 农村…); a count over a
 * list stays one target ("两癌"免费检查2万人次). A number after 力争 with nothing else named
 * ("增长6%左右，力争7%") is a stretch value of the target just named: "地区生产总值增长（力争）".
 *
 * COMPARATOR. A word after the unit wins: 以上/及以上 ">=" (">" after 突破/超过), 以内/以下/内 "<=",
 * 左右/上下 "~". Otherwise the word before the number: 不低于/不少于/达/达到/力争/提高到/增至 ">=";
 * 稳定在/保持在 ">=" (a share or rate kept at least at that level); 控制在/不超过/低于/降至/压缩至
 * "<="; 突破/超过/高于 ">"; 约/近 "~". A plain quantity, or one with 余/多, is ">=". A range
 * ("增长6%-7%") is ">=" its lower bound.
 *
 * KIND. "rate" for anything compared directly as a level: % and ‰, 个百分点, days, hours and years,
 * a name with 率/占比/比重/指数/增幅/人均/每…/浓度/标准… (a count of days such as 优良天数 grows through the year: cumulative), a stock measured as it stands (规模,
 * 余额, 保有量, 存量, 总数, 资产总额: 国有资产规模突破1200亿元), a level kept (稳定在/保持在/维持在:
 * 水果种植面积稳定在50万亩) unless its name is a yearly flow (产量, 出栏, 产值, 总额, 收入, 投资,
 * 播种面积), a total reached (达到/突破… a count, 面积 or 人口, with no verb of the year such as 新增,
 * 培育, 引进: "规上工业企业达到300家", "建成区面积达到30平方公里"), and unit-less values. Everything else is "cumulative": a count or an amount that grows
 * through the year (个, 家, 户, 公里, 亿元 of investment, 人次 …).
 *
 * UNIT. As written ("万人次" stays "万人次"), except that a full-width ％ is read as %.
 * TEXT. The verbatim clause (original characters, trimmed) the target came from.
 *
 * The extractor's parts: targets.text.ts (normalising, clauses and items), targets.quantity.ts
 * (numbers with their units), targets.read.ts (a clause's targets and their names),
 * targets.lists.ts (分别 lists and shared subjects), targets.filters.ts (numbers that are no
 * targets), targets.classify.ts (comparator and kind), targets.name.ts (the words of a name),
 * targets.lexicon.ts (the words themselves).
 */
import type { Target } from "./schema";
import type { Found } from "./targets.classify";
import { readRespectively } from "./targets.lists";
import { readClause } from "./targets.read";
import { maskNesting, normalizeChars, splitClauses } from "./targets.text";

export { comparableText } from "./targets.text";

export function extractTargets(taskId: number, text: string): Target[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const norm = normalizeChars(text);
  const { depth, quoted } = maskNesting(norm);
  const found: Found[] = [];
  for (const clause of splitClauses(norm, depth)) {
    const clauseText = text.slice(clause.start, clause.end).trim();
    const respectively = readRespectively(norm, text, quoted, depth, clause, clauseText);
    if (respectively) found.push(...respectively);
    else found.push(...readClause(norm, text, quoted, depth, clause, clauseText, found[found.length - 1] ?? null));
  }
  return found.map((f, i) => ({
    id: `${taskId}.${i + 1}`,
    name: f.name,
    value: f.value,
    unit: f.unit,
    comparator: f.comparator,
    kind: f.kind,
    text: f.text,
  }));
}
