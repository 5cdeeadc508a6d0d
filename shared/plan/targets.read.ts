/**
 * Reading one clause: its quantities become targets, each named with the verb and the thing
 * measured as written (targets.ts's header, NAME), unless a filter says the number is no target.
 */
import { comparatorOf, kindOf, type Found } from "./targets.classify";
import { isDescription, numberPosition, PREPOSITION_ONLY, THRESHOLD_NOUN } from "./targets.filters";
import { COUNT_UNITS } from "./targets.lexicon";
import { splitRateSubjects } from "./targets.lists";
import { dropUnbalancedOpener, leadingVerb, PER_QUALIFIER, squeezeSpaces, stripLeadingNoise, stripTrailingComparator } from "./targets.name";
import { scanQuantities } from "./targets.quantity";
import { Rope } from "./targets.rope";
import { splitItems, type Span } from "./targets.text";

const JOINER = /^\s*(以及|并且|和|及|与|并|同|，|,)\s*/;
const OWN_PREDICATE = /^(其中|力争|确保|实现|努力|全年|年内|累计)/;
/** A name that is only a predicate borrows the subject of the target before it. */
const BARE_PREDICATE = /^(同比|比上年|较上年)?(增长|提高|提升|下降|降低|增幅|增速|增加)$/;
const TRAILING_PREDICATE = /(同比|比上年|较上年)?(增长|提高|提升|下降|降低|增幅|增速|增加)$/;
const RATE_UNIT_WORDS = new Set(["%", "‰", "个百分点", "百分点"]);

export function readClause(norm: string, text: string, quoted: boolean[], depth: number[], clause: Span, clauseText: string, previous: Found | null): Found[] {
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
        q.suffix !== null &&
        COUNT_UNITS.has(q.unit) &&
        /^[\u4e00-\u9fff]/.test(afterSuffix) &&
        !afterSuffix.startsWith("的") &&
        leadingVerb(ownBare).length === ownBare.length &&
        qi + 1 === quantities.length;
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
      // "为3岁以下婴幼儿提供…", "对60岁以上老年人…": who is served; "为3000余名…" counts those served (a target)
      if (PREPOSITION_ONLY.test(ownRaw.trim()) && (afterSuffix || !q.suffix) && !q.approx) {
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

function depthAt(depth: number[], rope: Rope, k: number): number {
  const at = rope.offsetOf(k);
  return at === null ? 0 : (depth[at] ?? 0);
}
