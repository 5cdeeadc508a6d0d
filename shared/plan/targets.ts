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
 */
import type { Comparator, Target, TargetKind } from "./schema";
import {
  LEADING_NOISE,
  PREFIX_COMPARATORS,
  RATE_UNITS,
  RATE_WORDS,
  RATE_WORDS_ANYWHERE,
  VERBS,
} from "./targets.lexicon";
import { scanQuantities, type Quantity } from "./targets.quantity";
import { Rope } from "./targets.rope";
import { maskNesting, normalizeChars, splitClauses, splitItems, type Span } from "./targets.text";

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

type Found = Omit<Target, "id">;

const JOINER = /^\s*(以及|并且|和|及|与|并|同|，|,)\s*/;
const OWN_PREDICATE = /^(其中|力争|确保|实现|努力|全年|年内|累计)/;
/** Count units: "10个以上项目" counts projects; "10亿元以上项目" only classes them. */
const COUNT_UNITS = new Set(["个", "家", "项", "户", "人", "名", "所", "座", "条", "台", "套", "辆", "处", "件", "场", "次", "人次", "批"]);
/** A name that is only a predicate borrows the subject of the target before it. */
const BARE_PREDICATE = /^(同比|比上年|较上年)?(增长|提高|提升|下降|降低|增幅|增速|增加)$/;
const TRAILING_PREDICATE = /(同比|比上年|较上年)?(增长|提高|提升|下降|降低|增幅|增速|增加)$/;
/** "为全区…", "对…": a number right after these describes who is served. */
const PREPOSITION_ONLY = /^(为|对|给|向|面向|针对)(全区|全县|全市|全镇|全乡|辖区|全体)?$/;
/** Nouns after "N亿元以上": the number is a class of projects or firms, not a target. */
const THRESHOLD_NOUN = /^(的)?(重大|重点|产业|工业|制造业|服务业|商贸|招商|龙头|骨干|单体|亿元级)?(项目|企业|工程|产业|集群|园区|主体|品牌|景区|商户)/;

function readClause(
  norm: string,
  text: string,
  quoted: boolean[],
  depth: number[],
  clause: Span,
  clauseText: string,
  previous: Found | null,
): Found[] {
  const out: Found[] = [];
  const items = splitItems(norm, depth, clause);
  if (items.length === 0) return out;
  const first = Rope.of(items[0]!.start, items[0]!.end);
  const firstBare = first.dropStart(first.str(norm).length - stripLeadingNoise(first.str(norm)).length);
  const sharedVerb = firstBare.take(leadingVerb(firstBare.str(norm)).length);
  let lastItemWithTarget = -1;
  let prevInClause: { name: Rope; unit: string } | null = null;

  items.forEach((item, idx) => {
    const quantities = scanQuantities(norm, quoted, item);
    let cursor = item.start;
    let madeOne = false;
    quantities.forEach((q, qi) => {
      const firstInItem = cursor === item.start;
      const joiner = firstInItem ? null : JOINER.exec(norm.slice(cursor, q.start));
      const ownStart = cursor + (joiner ? joiner[0].length : 0);
      const ownRaw = norm.slice(ownStart, q.start);
      const nextStart = qi + 1 < quantities.length ? quantities[qi + 1]!.start : item.end;

      // "其中10亿元以上项目5个": the first number classes the noun that the next one counts
      const afterSuffix = norm.slice(q.end, nextStart).trim();
      const ownBare = stripLeadingNoise(ownRaw.trim(), true);
      const countBeforeNoun = // "推动10个以上项目开工": a count, its noun after 以上
        q.suffix !== null && COUNT_UNITS.has(q.unit) && /^[\u4e00-\u9fff]/.test(afterSuffix) && !afterSuffix.startsWith("的") &&
        leadingVerb(ownBare).length === ownBare.length && qi + 1 === quantities.length;
      if (q.suffix && afterSuffix.startsWith("的") && !countBeforeNoun) return; // "5万元以下的薄弱村"
      if (q.suffix && !countBeforeNoun && THRESHOLD_NOUN.test(afterSuffix)) return;
      // "3岁以下婴幼儿托位数达到3.5个": a bound in front of a noun that the next number measures
      if (
        q.suffix &&
        /^[\u4e00-\u9fff]/.test(afterSuffix) &&
        qi + 1 < quantities.length &&
        !leadingVerb(afterSuffix) &&
        !OWN_PREDICATE.test(afterSuffix) &&
        !JOINER.test(afterSuffix)
      )
        return;
      // "为3岁以下婴幼儿提供…", "对60岁以上老年人…": who is served
      if (PREPOSITION_ONLY.test(ownRaw.trim()) && (afterSuffix || !q.suffix)) {
        cursor = q.end;
        return;
      }

      // The text after the unit, up to the next number: the noun of "建设100个村（社区）医保服务站"
      let after = countBeforeNoun ? Rope.of(q.end, nextStart).trim(norm) : q.suffix ? Rope.empty() : Rope.of(q.unitEnd, nextStart).trim(norm);
      const joinAt = /(以及|和|及|与|并)$/.exec(after.str(norm));
      if (joinAt && qi + 1 < quantities.length) after = after.take(after.length - joinAt[0].length).trim(norm);
      const closers = /[）)」”’]+$/.exec(after.str(norm));
      if (closers && !/[（(「“‘]/.test(after.str(norm))) after = after.take(after.length - closers[0].length).trim(norm);
      const afterStr = after.str(norm);
      if (/^(以及|和|及|与|并|[（(])/.test(afterStr)) after = Rope.empty();
      const afterEnd = after.length > 0 ? (after.offsetOf(after.length - 1) ?? q.end) + 1 : q.end;
      cursor = q.end;
      if (isDescription(norm, clause, q, ownRaw, after.str(norm))) return;

      // "基本养老、医疗保险参保率稳定在96%以上": a rate listed for several subjects is one target each
      if (firstInItem && idx > 0 && idx > lastItemWithTarget + 1 && RATE_UNIT_WORDS.has(q.unit)) {
        const split = splitRateSubjects(norm, items.slice(lastItemWithTarget + 1, idx), Rope.of(ownStart, q.start).trim(norm));
        if (split) {
          const comparator = comparatorOf(ownRaw, q);
          for (const name of split) {
            const nameText = squeezeSpaces(name.str(text));
            out.push({ name: nameText, value: q.value, unit: q.unit, comparator, kind: kindOf(nameText, q.unit), text: clauseText });
          }
          madeOne = true;
          return;
        }
      }

      // The name's leading part: the own text, or the enumeration since the last target.
      let base = dropUnbalancedOpener(Rope.of(ownStart, q.start).trim(norm), norm);
      let startsAtItem = firstInItem;
      if (firstInItem && base.length > 0 && idx > 0 && idx > lastItemWithTarget + 1) {
        base = Rope.of(items[lastItemWithTarget + 1]!.start, q.start).trim(norm);
        startsAtItem = lastItemWithTarget + 1 === idx;
      }
      const comparator = comparatorOf(ownRaw, q);
      const ownTrim = base.str(norm);
      const hasOwnPredicate = OWN_PREDICATE.test(ownTrim) || leadingVerb(ownTrim).length > 0;
      base = base.dropStart(base.length - stripLeadingNoise(base.str(norm), true).length);
      base = base.take(stripTrailingComparator(base.str(norm), true).length).trim(norm);
      const per = PER_QUALIFIER.exec(base.str(norm)); // "低保标准提高到每人每月780元"
      if (per && per.index > 0) base = base.take(stripTrailingComparator(base.str(norm).slice(0, per.index)).length).trim(norm);
      // "实施城市更新项目30个，总投资100亿元": the projects' total size, not this year's target
      if (/^(项目)?总投资(额)?$/.test(base.str(norm)) && !q.suffix && !/(不低于|不少于|达到|力争|突破)\s*$/.test(ownRaw)) return;
      const position = numberPosition(base.str(norm), after.str(norm));
      if (position === "scope") return;
      const prenominal = position === "before-noun";
      if (prenominal) cursor = afterEnd;
      let name = prenominal ? base.concat(after) : base;

      const dengAt = name.str(norm).lastIndexOf("等");
      if (dengAt >= 0 && dengAt < name.length - 1 && depthAt(depth, name, dengAt) === depth[clause.start]) {
        name = name.take(leadingVerb(name.str(norm)).length).concat(name.dropStart(dengAt + 1));
      }
      const listMember = ((startsAtItem && idx > 0) || joiner !== null) && !hasOwnPredicate;
      if (listMember && sharedVerb.length > 0 && name.length > 0 && !name.str(norm).startsWith(sharedVerb.str(norm))) {
        name = sharedVerb.concat(name);
      }
      // "落地项目50个、投产30个": a bare verb borrows the previous item's noun
      if (name.length > 0 && leadingVerb(name.str(norm)).length === name.length && prevInClause && prevInClause.unit === q.unit) {
        const prev = prevInClause.name;
        name = name.concat(prev.dropStart(leadingVerb(prev.str(norm)).length));
      }
      // "（1）新建高标准农田2万亩": an item's enumerator is not part of what is measured
      let nameText = squeezeSpaces(name.str(text)).replace(/^([（(]\d{1,2}[）)]|[①-⑳]|\d{1,2}[)）])\s*/, "");
      const lastFound = out[out.length - 1] ?? previous;
      // "新增市场主体1万户以上，其中企业3000户": a part of what was just counted, with its verb
      if (/^其中/.test(ownTrim) && lastFound && nameText && !leadingVerb(nameText)) {
        const verb = leadingVerb(lastFound.name);
        if (verb) nameText = verb + nameText;
      }
      if (BARE_PREDICATE.test(nameText) && lastFound) {
        // "一般公共预算收入达到20亿元，增长5%": the growth of what was just named
        nameText = lastFound.name.replace(/（力争）$/, "").replace(TRAILING_PREDICATE, "") + nameText;
      }
      if (!nameText) {
        // "增长6%左右，力争7%": a stretch value of the target just named
        const last = out[out.length - 1] ?? previous;
        const stretch = /^[（(]?\s*力争/.test(ownRaw.trim()) || /^\s*力争/.test(norm.slice(clause.start, q.start));
        nameText = last ? last.name.replace(/（力争）$/, "") + (stretch ? "（力争）" : "") : clauseText.replace(/\s+/g, "");
      }
      out.push({
        name: nameText,
        value: q.value,
        unit: q.unit, // as written, but full-width ％ read as %
        comparator,
        kind: kindOf(nameText, q.unit, ownRaw),
        text: clauseText,
      });
      prevInClause = { name, unit: q.unit };
      madeOne = true;
    });
    if (madeOne) lastItemWithTarget = idx;
  });
  return out;
}

const KEPT_LEVEL = /(稳定在|保持在|维持在)$/;
const LEVEL_REACHED = /(达到|达|突破|超过|增至|提高到|提升到|提高至|提升至)$/;
/** Verbs in a name that make it a flow of the year ("新增就业", "引进企业"). */
const FLOW_WORDS =
  /^(全区|全县|全市|全年)?(新开工|开工|引进|培育|招引|完成|实现|接待|发放|实施|开展|建成|创建|改造|培训|签约|落地|投产|入驻)|新增|新建|累计|新培育|新引进/;
const RATE_UNIT_WORDS = new Set(["%", "‰", "个百分点", "百分点"]);

/**
 * Names for a rate given for a list of subjects, or null when the list is not a list of short
 * subjects (verbs, 等, long items: then it is read as one target).
 */
function splitRateSubjects(norm: string, before: Span[], own: Rope): Rope[] | null {
  const subjects = before.map((s) => Rope.of(s.start, s.end).trim(norm));
  subjects[0] = subjects[0]!.dropStart(subjects[0]!.length - stripLeadingNoise(subjects[0]!.str(norm)).length);
  for (const r of subjects) {
    const t = r.str(norm);
    if (!t || t.length > 12 || t.includes("等") || leadingVerb(t) || /[0-9]/.test(t)) return null;
  }
  const ownStr = own.str(norm);
  if (ownStr.includes("等")) return null;
  const p = RATE_PREDICATE.exec(ownStr);
  if (!p || p.index === 0) return null;
  const lastSubject = own.take(p.index).trim(norm);
  const predicate = dropComparatorWords(own.dropStart(p.index), norm);
  const all = expandSubjects([...subjects, lastSubject], norm);
  return all.map((subject) => subject.concat(predicate));
}

/** A predicate without its comparator wording: "增长" stays, "稳定在" and "达到" go. */
function dropComparatorWords(r: Rope, norm: string): Rope {
  const t = r.str(norm).trim();
  if (PREFIX_COMPARATORS.some(([w]) => w === t)) return Rope.empty();
  return r.take(stripTrailingComparator(t).length).trim(norm);
}

/** Whitespace (wrapped lines, padding) dropped from a name, except between two Latin letters or digits. */
function squeezeSpaces(s: string): string {
  return s.trim().replace(/\s+/g, (m, at: number, all: string) => (/[A-Za-z0-9]/.test(all[at - 1] ?? "") && /[A-Za-z0-9]/.test(all[at + m.length] ?? "") ? " " : ""));
}

function depthAt(depth: number[], rope: Rope, k: number): number {
  const at = rope.offsetOf(k);
  return at === null ? 0 : depth[at] ?? 0;
}

/** A name that starts inside a parenthesis it does not close ("（其中…") loses the opener. */
function dropUnbalancedOpener(r: Rope, norm: string): Rope {
  const s = r.str(norm);
  if (/^[（(]/.test(s) && !/[）)]/.test(s)) return r.dropStart(1).trim(norm);
  return r;
}

/** Where the shared head of "医疗保险参保率", "农村居民人均可支配收入" starts after a short modifier. */
const HEAD_MARKERS = ["保险", "居民", "人均", "户籍", "常住", "参保率", "覆盖率", "普及率", "入学率", "合格率", "达标率"];

/**
 * Subjects of a list that share a head noun written once, at the end: "城镇、农村居民人均可支配收入"
 * → "城镇居民人均可支配收入", "农村居民人均可支配收入"; "基本养老、医疗保险参保率" → "基本养老保险参保率",
 * "医疗保险参保率". A subject that already holds the head ("一般公共预算收入、税收收入") stays as written.
 */
function expandSubjects(subjects: Rope[], norm: string): Rope[] {
  const last = subjects[subjects.length - 1]!;
  const lastStr = last.str(norm);
  let headAt = -1;
  for (const m of HEAD_MARKERS) {
    const at = lastStr.indexOf(m);
    if (at > 0 && at <= 4 && (headAt < 0 || at < headAt)) headAt = at;
  }
  return subjects.map((subject, i) => {
    if (i === subjects.length - 1) return subject;
    const subj = subject.str(norm);
    if (subj.length > 4) return subject; // a full name, not a modifier
    if (headAt > 0) {
      const head = lastStr.slice(headAt);
      const marker = HEAD_MARKERS.find((m) => head.startsWith(m))!;
      return subj.includes(marker) ? subject : subject.concat(last.dropStart(headAt));
    }
    // no marker: a modifier as long as the first one ("城镇、农村自来水普及率")
    if (subj.length < lastStr.length - 1 && subj.slice(-2) !== lastStr.slice(-2)) {
      return subject.concat(last.dropStart(subj.length));
    }
    return subject;
  });
}

/** The two targets of "城乡…分别…": 城镇… and 农村…, named in the plan's own words around 城乡. */
function readTownCountry(norm: string, text: string, subject: Rope, at: number, k: number, quantities: Quantity[], clauseText: string): Found[] {
  const between = norm.slice(k + 2, quantities[0]!.start);
  const verb = dropComparatorWords(Rope.of(k + 2, quantities[0]!.start).trim(norm), norm);
  const head = subject.take(at).str(text);
  const tail = subject.dropStart(at + 2).concat(verb).str(text);
  return ["城镇", "农村"].map((w, i) => {
    const q = quantities[i]!;
    const name = squeezeSpaces(stripLeadingNoise(head, true) + w + tail);
    const own = i === 0 ? between : norm.slice(quantities[0]!.end, q.start).replace(/^[、和及与\s]+/, "");
    // a comparator or unit written once after the last value belongs to both
    const last = quantities[1]!;
    const unit = q.unit || last.unit;
    const shared = !q.suffix && !q.about && (last.suffix || last.about) ? last : q;
    return { name, value: q.value, unit, comparator: comparatorOf(own.trim() ? own : between, shared), kind: kindOf(name, unit), text: clauseText };
  });
}

/** Predicates between a rate's subject and its number: "增长", "稳定在" … */
const RATE_PREDICATE = /(增长|提高|提升|下降|降低|达到|达|稳定在|保持在|控制在|不低于|不少于|突破|超过)/;

/**
 * "城镇、农村居民人均可支配收入分别增长6%、7%": one target per subject, in order. Only when the
 * subjects and the numbers pair up one to one; otherwise the clause is read the ordinary way.
 */
function readRespectively(norm: string, text: string, quoted: boolean[], depth: number[], clause: Span, clauseText: string): Found[] | null {
  const at = norm.slice(clause.start, clause.end).indexOf("分别");
  const k = clause.start + at;
  if (at < 0 || depth[k] !== depth[clause.start]) return null;
  const quantities = scanQuantities(norm, quoted, { start: k + 2, end: clause.end });
  // "分别达到5.2、2.8万元": the bare numbers before the last one share its unit.
  if (quantities.length > 0) {
    const first = quantities[0]!;
    const span = norm.slice(k + 2, first.start);
    const bare: Quantity[] = [];
    for (const m of span.matchAll(/(\d+(?:\.\d+)?)\s*[、和及与]\s*/g)) {
      if (/[\d.]/.test(span[(m.index ?? 0) - 1] ?? "")) continue;
      const start = k + 2 + (m.index ?? 0);
      bare.push({ ...first, start, end: start + m[1]!.length, unitEnd: start + m[1]!.length, value: Number(m[1]), unit: "", suffix: null, about: false, approx: false, range: false });
    }
    if (bare.length > 0 && span.replace(/(\d+(?:\.\d+)?)\s*[、和及与]\s*/g, "").replace(/^[^\d]*$/, "") === "") quantities.unshift(...bare);
  }
  if (quantities.length < 2) return null;
  // subjects: split the text before 分别 at 、 和 及 与
  const subjects: Rope[] = [];
  let s0 = clause.start;
  for (let i = clause.start; i <= k; i++) {
    if (i === k || (/[、和及与]/.test(norm[i]!) && depth[i] === depth[clause.start])) {
      const r = Rope.of(s0, i).trim(norm);
      if (r.length > 0) subjects.push(r);
      s0 = i + 1;
    }
  }
  // "城乡居民人均可支配收入分别增长5%、6.5%": 城乡 is 城镇 and 农村
  if (subjects.length === 1 && quantities.length === 2) {
    const only = subjects[0]!;
    const at = only.str(norm).indexOf("城乡");
    if (at >= 0) return readTownCountry(norm, text, only, at, k, quantities, clauseText);
  }
  if (subjects.length !== quantities.length) return null;
  subjects[0] = subjects[0]!.dropStart(subjects[0]!.length - stripLeadingNoise(subjects[0]!.str(norm)).length);
  const full = expandSubjects(subjects, norm);
  const between = norm.slice(k + 2, quantities[0]!.start);
  const verb = dropComparatorWords(Rope.of(k + 2, quantities[0]!.start).trim(norm), norm);
  // "分别增长8%、6%左右", "分别达到5.2、2.8万元": a comparator or unit written once after the last
  // value belongs to every value.
  const last = quantities[quantities.length - 1]!;
  return quantities.map((q, i) => {
    const subject = full[i]!;
    const name = subject.concat(verb).str(text).trim();
    const own = i === 0 ? between : norm.slice(quantities[i - 1]!.end, q.start).replace(/^[、和及与\s]+/, "");
    const unit = q.unit || last.unit;
    const shared = !q.suffix && !q.about && (last.suffix || last.about) ? last : q;
    const comparator = comparatorOf(own.trim() ? own : between, shared);
    return { name, value: q.value, unit, comparator, kind: kindOf(name, unit), text: clauseText };
  });
}

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
function numberPosition(before: string, after: string): "after-noun" | "before-noun" | "scope" {
  if (!after) return "after-noun";
  if (PURPOSE.test(after) || leadingVerb(after)) return "after-noun";
  const bare = stripLeadingNoise(before, true).replace(ADVERBS, "");
  if (SCOPE_WORDS.test(bare)) return "scope";
  const check = bare.replace(SCOPE_PREFIX, "").replace(ADVERBS, "").replace(/\d{4}年度?/g, "");
  if (check.length === 0) return "before-noun";
  const verb = leadingVerb(check);
  const rest = check.slice(verb.length);
  if (verb && (rest === "" || (rest.length <= 2 && !SCOPE_WORDS.test(rest)))) return "before-noun";
  if (!verb && check.length <= 2 && !SCOPE_WORDS.test(check)) return "before-noun";
  return "scope";
}

/** Numbers in an item that describe rather than set a target; see the header. */
function isDescription(norm: string, clause: Span, q: Quantity, ownBefore: string, after: string): boolean {
  if (after.length === 0) return false;
  if (after.startsWith("级") || after.startsWith("的")) return true;
  if (q.unit === "个" && after.startsWith("月")) return true;
  if (q.approx) return true;
  if (/^(分钟|小时|天|岁)$/.test(q.unit) && /^[\u4e00-\u9fff]/.test(after)) return true; // "15分钟便民生活圈"
  const before = ownBefore.trim();
  if (/等$/.test(before)) return true;
  if (PREPOSITION_ONLY.test(before)) return true;
  if (/(年产|日产|日处理|总投资|装机|库容|总库容)$/.test(before)) return true;
  const rest = norm.slice(q.unitEnd, clause.end);
  if (/等[^,;。]{0,8}项目/.test(rest)) return true;
  return false;
}

/** A per-head or per-period qualifier between a comparator and its number: "提高到每人每月780元". */
const PER_QUALIFIER = /(每人每月|每人每年|每人|每月|每年|每户|每亩|每天|每日)$/;

function comparatorOf(before: string, q: Quantity): Comparator {
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

function kindOf(name: string, unit: string, before = ""): TargetKind {
  // A count of days in the year (空气质量优良天数达348天) grows quarter by quarter.
  if (unit === "天" && /天数$/.test(name)) return "cumulative";
  if (unit === "" || RATE_UNITS.has(unit)) return "rate";
  // "种植面积稳定在50万亩", "转移就业稳定在15万人": a level kept, unless the name is a yearly flow
  if (KEPT_LEVEL.test(before.trim()) && !/(产量|出栏|产值|总额|收入|投资|播种面积)$/.test(name)) return "rate";
  // "规上工业企业达到300家", "建成区面积达到30平方公里": a total reached, not this year's additions
  if (
    LEVEL_REACHED.test(before.trim()) &&
    !FLOW_WORDS.test(name) &&
    (COUNT_UNITS.has(unit.replace(/^万/, "")) || /(面积|人口|数量)$/.test(name))
  )
    return "rate";
  const bare = name.replace(/（力争）$/, "").replace(/(增长|提高|提升|下降|降低|保持|稳定|控制)$/, "");
  if (RATE_WORDS_ANYWHERE.some((w) => bare.includes(w))) return "rate";
  if (RATE_WORDS.some((w) => bare.endsWith(w))) return "rate";
  return "cumulative";
}

export function stripLeadingNoise(s: string, allowEmpty = false): string {
  let out = s.trim();
  for (let changed = true; changed; ) {
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

function stripTrailingComparator(s: string, allowEmpty = false): string {
  let out = s.trim();
  for (let changed = true; changed; ) {
    changed = false;
    // 完成/实现 alone are the verb of the name ("完成2个乡镇污水处理厂建设"), not comparator wording
    const hit = PREFIX_COMPARATORS.find(
      ([w]) => out.endsWith(w) && (out.length > w.length || (allowEmpty && w !== "完成" && w !== "实现")),
    );
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
