/**
 * Lists of subjects that share one predicate: "A、B分别增长6%、7%" (one target per subject, in
 * order), "城乡…分别…" (城镇… and 农村…), and a rate written once for several subjects
 * ("基本养老、医疗保险参保率稳定在96%以上"), the shared head noun written out for each.
 */
import { comparatorOf, kindOf, type Found } from "./targets.classify";
import { dropComparatorWords, leadingVerb, squeezeSpaces, stripLeadingNoise } from "./targets.name";
import { scanQuantities, type Quantity } from "./targets.quantity";
import { Rope } from "./targets.rope";
import type { Span } from "./targets.text";

/**
 * Names for a rate given for a list of subjects, or null when the list is not a list of short
 * subjects (verbs, 等, long items: then it is read as one target).
 */
export function splitRateSubjects(norm: string, before: Span[], own: Rope): Rope[] | null {
  const subjects = withoutLeadingNoise(
    before.map((s) => Rope.of(s.start, s.end).trim(norm)),
    norm,
  );
  if (subjects.length === 0) return null;
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

/** The subjects of a list, the first without the noise before it (连接词, 全年 …). */
function withoutLeadingNoise(subjects: Rope[], norm: string): Rope[] {
  const [first, ...rest] = subjects;
  if (!first) return subjects;
  return [first.dropStart(first.length - stripLeadingNoise(first.str(norm)).length), ...rest];
}

/** Where the shared head of "医疗保险参保率", "农村居民人均可支配收入" starts after a short modifier. */
const HEAD_MARKERS = ["保险", "居民", "人均", "户籍", "常住", "参保率", "覆盖率", "普及率", "入学率", "合格率", "达标率"];

/**
 * Subjects of a list that share a head noun written once, at the end: "城镇、农村居民人均可支配收入"
 * → "城镇居民人均可支配收入", "农村居民人均可支配收入"; "基本养老、医疗保险参保率" → "基本养老保险参保率",
 * "医疗保险参保率". A subject that already holds the head ("一般公共预算收入、税收收入") stays as written.
 */
function expandSubjects(subjects: Rope[], norm: string): Rope[] {
  const last = subjects.at(-1);
  if (!last) return subjects;
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
function readTownCountry(
  norm: string,
  text: string,
  subject: Rope,
  at: number,
  k: number,
  [first, last]: readonly [Quantity, Quantity],
  clauseText: string,
): Found[] {
  const between = norm.slice(k + 2, first.start);
  const verb = dropComparatorWords(Rope.of(k + 2, first.start).trim(norm), norm);
  const head = subject.take(at).str(text);
  const tail = subject
    .dropStart(at + 2)
    .concat(verb)
    .str(text);
  return (
    [
      ["城镇", first],
      ["农村", last],
    ] as const
  ).map(([w, q], i) => {
    const name = squeezeSpaces(stripLeadingNoise(head, true) + w + tail);
    const own = i === 0 ? between : norm.slice(first.end, q.start).replace(/^[、和及与\s]+/, "");
    // a comparator or unit written once after the last value belongs to both
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
export function readRespectively(norm: string, text: string, quoted: boolean[], depth: number[], clause: Span, clauseText: string): Found[] | null {
  const at = norm.slice(clause.start, clause.end).indexOf("分别");
  const k = clause.start + at;
  if (at < 0 || depth[k] !== depth[clause.start]) return null;
  const quantities = scanQuantities(norm, quoted, { start: k + 2, end: clause.end });
  // "分别达到5.2、2.8万元": the bare numbers before the last one share its unit.
  const [firstFound] = quantities;
  if (firstFound) {
    const span = norm.slice(k + 2, firstFound.start);
    const bare: Quantity[] = [];
    for (const m of span.matchAll(/(\d+(?:\.\d+)?)\s*[、和及与]\s*/g)) {
      if (/[\d.]/.test(span[(m.index ?? 0) - 1] ?? "")) continue;
      const start = k + 2 + (m.index ?? 0);
      const [, digits = ""] = m; // group 1 always matches: the number without its separator
      bare.push({
        ...firstFound,
        start,
        end: start + digits.length,
        unitEnd: start + digits.length,
        value: Number(digits),
        unit: "",
        suffix: null,
        about: false,
        approx: false,
        range: false,
      });
    }
    if (bare.length > 0 && span.replace(/(\d+(?:\.\d+)?)\s*[、和及与]\s*/g, "").replace(/^[^\d]*$/, "") === "") quantities.unshift(...bare);
  }
  const [first, second] = quantities;
  const last = quantities.at(-1);
  if (!first || !second || !last) return null; // fewer than two numbers: no list
  // subjects: split the text before 分别 at 、 和 及 与
  const subjects: Rope[] = [];
  let s0 = clause.start;
  for (let i = clause.start; i <= k; i++) {
    if (i === k || (/[、和及与]/.test(norm.charAt(i)) && depth[i] === depth[clause.start])) {
      const r = Rope.of(s0, i).trim(norm);
      if (r.length > 0) subjects.push(r);
      s0 = i + 1;
    }
  }
  // "城乡居民人均可支配收入分别增长5%、6.5%": 城乡 is 城镇 and 农村
  const [only] = subjects;
  if (only && subjects.length === 1 && quantities.length === 2) {
    const at = only.str(norm).indexOf("城乡");
    if (at >= 0) return readTownCountry(norm, text, only, at, k, [first, second], clauseText);
  }
  if (subjects.length !== quantities.length) return null;
  const full = expandSubjects(withoutLeadingNoise(subjects, norm), norm);
  const between = norm.slice(k + 2, first.start);
  const verb = dropComparatorWords(Rope.of(k + 2, first.start).trim(norm), norm);
  // "分别增长8%、6%左右", "分别达到5.2、2.8万元": a comparator or unit written once after the last
  // value belongs to every value.
  return quantities.map((q, i) => {
    const subject = full[i]!; // one subject per quantity, checked above
    const name = subject.concat(verb).str(text).trim();
    const own = i === 0 ? between : norm.slice(quantities[i - 1]!.end, q.start).replace(/^[、和及与\s]+/, "");
    const unit = q.unit || last.unit;
    const shared = !q.suffix && !q.about && (last.suffix || last.about) ? last : q;
    const comparator = comparatorOf(own.trim() ? own : between, shared);
    return { name, value: q.value, unit, comparator, kind: kindOf(name, unit), text: clauseText };
  });
}
