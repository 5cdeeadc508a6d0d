/**
 * Unit blocks of a task: "牵头单位：A、B；责任单位：C等。" or "（责任领导：张三；牵头单位：A；配合单位：B）".
 * Unit names are kept exactly as written; collective designations (各乡镇（街道）, 有关单位 …) are
 * units like any other, never dropped or expanded.
 */
import { ROLE_LABEL, unitLabelSource, unitRoleOf } from "../vocabulary";
import type { UnitKind } from "./schema";

/** Every unit label of the vocabulary's table (shared/vocabulary/unit-labels.ts), longest first. */
const LABEL_ALT = unitLabelSource();

/**
 * A label followed by a colon (full-width or ASCII) or a tab, or in brackets (【牵头单位】, colon optional).
 * The label is in group 1 or 2. Not global: safe for test() and exec().
 */
const LABEL_SRC = `(?:[【\\[](${LABEL_ALT})[】\\]]\\s*[:：]?|(${LABEL_ALT})(?:\\s*[:：]|\\t+))`;
export const LABEL_RE = new RegExp(LABEL_SRC);
/** Does this line start with a unit label (optionally inside an opening parenthesis)? */
export const UNIT_LINE_RE = new RegExp(`^[（(]?\\s*${LABEL_SRC}`);
/** A parenthesised unit block at the end of a task line. */
export const TRAILING_BLOCK_RE = new RegExp(`[（(]\\s*((?:${LABEL_ALT})\\s*[:：][^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*)[）)]\\s*[。.]?\\s*$`);

interface UnitBlock {
  lead: string[];
  responsible: string[];
  leaders: string[];
}

/** Split on 、，,；;/ outside parentheses. */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "（" || ch === "(") depth++;
    else if (ch === "）" || ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && "、，,；;/／".includes(ch)) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts
    .flatMap(splitSpaced)
    .flatMap(splitEtc)
    .map(cleanName)
    .filter((p) => p.length > 0);
}

/**
 * "区财政局 区住建委": names separated only by spaces. A PDF copy also puts spaces inside names
 * ("区 财政局", "区发展改革委 区 财政局"): a space separates two names only where the text before it
 * reads as a unit and the text after it starts like one (区/县/市/各/有关…); else it is removed.
 */
function splitSpaced(part: string): string[] {
  const pieces = part.trim().split(/\s+/);
  if (pieces.length < 2) return [part];
  const names: string[] = [];
  let cur = "";
  for (const [i, piece] of pieces.entries()) {
    cur += piece;
    const next = pieces[i + 1];
    if (next === undefined || (UNIT_END_RE.test(cleanName(cur)) && UNIT_START_RE.test(next) && next.length > 1)) {
      names.push(cur);
      cur = "";
    }
  }
  return names;
}

/** "区政务服务办等有关单位": a named unit and the collective designation after 等. */
function splitEtc(part: string): string[] {
  const m = /^(.+?)等((?:有关|相关|其他)(?:单位|部门|乡镇（街道）|镇街)|群团组织)[。.；;]?\s*$/.exec(part.trim());
  if (!m) return [part];
  const [, named = "", collective = ""] = m;
  return [named, collective];
}

/** How unit names (and collective designations) end. */
export const UNIT_END_RE =
  /(局|委|办|办公室|委员会|中心|院|队|部|联|协|会|社|站|所|处|厅|馆|组|集团|公司|镇|乡|街道|镇街|[（(]街道[）)]|单位|部门|企业|政府|海关|支行|分行|园区|开发区|高新区|组织)$/;
const UNIT_START_RE = /^(区|县|市|各|有关|相关)/;

/**
 * "区卫生健康委和区医保局" → two units; "区住房和城乡建设委员会", "区人力资源和社会保障局" stay whole
 * (the part before 和 does not end like a unit).
 */
function splitConjoined(name: string): string[] {
  for (let i = 1; i < name.length - 1; i++) {
    if (!"和及与".includes(name.charAt(i))) continue;
    const left = name.slice(0, i);
    const right = name.slice(i + 1);
    if (left.length >= 3 && UNIT_END_RE.test(left) && UNIT_START_RE.test(right) && UNIT_END_RE.test(right)) return [left, ...splitConjoined(right)];
  }
  return [name];
}

/**
 * The document's own convention that the first unit listed leads: "（列第一位者为工作牵头单位或汇总单位，
 * 下同）", "排在第一位的为牵头单位", "第一个单位为牵头单位"… Often glued to the end of the first unit list.
 */
export const FIRST_LEADS_RE =
  /[（(][^（()）]{0,12}?(?:第一位|第一个|首位|第1位)[^（()）]{0,8}?牵头[^（()）]*[）)]|(?:列|排|排在|排名|位列)?(?:第一位|第一个|首位|第1位)[^（()），,。；;]{0,8}?牵头(?:单位|部门)/;

/** A unit block without the first-listed convention note glued to it. */
export function dropFirstLeadsNote(text: string): string {
  return text.replace(new RegExp(FIRST_LEADS_RE.source, "g"), "");
}

/**
 * Units a heading names as leading the tasks under it: "二、县经开区管委会牵头工作（12项）",
 * "（三）由区财政局牵头的任务"; empty when the heading is no such thing (every name must read as a unit).
 */
export function headingLead(title: string): string[] {
  const m = /^(?:由)?(.+?)(?:牵头|主办|主责)(?:的|负责的)?(?:工作|任务|事项|重点工作|目标任务)?(?:[（(][^（()）]*[）)])?[：:。]?$/.exec(title.trim());
  const [, who = ""] = m ?? [];
  const names = who.split(/[、，,和及]/).map(cleanName);
  return m && names.every((n) => n.length >= 3 && UNIT_END_RE.test(n) && classifyUnit(n) !== "other") ? names : [];
}

/** Trims whitespace, trailing punctuation and a trailing 等 / 等单位 / 等部门. */
export function cleanName(raw: string): string {
  let s = raw.replace(/[\s\u3000]+/g, "");
  for (;;) {
    const before = s;
    s = s.replace(/[。.．；;，,、：:】\]]+$/, "");
    s = s.replace(/等(单位|部门)?$/, "");
    if (s === before) break;
  }
  return s;
}

/** Parses the text of a unit block (labels and lists). Unlabelled leading text is ignored. */
export function parseUnitBlock(raw: string): UnitBlock {
  const block: UnitBlock = { lead: [], responsible: [], leaders: [] };
  const text = dropFirstLeadsNote(raw);
  const matches = [...text.matchAll(new RegExp(LABEL_RE.source, "g"))];
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    // The label is in group 1 (in brackets) or 2; every label of the table has a role.
    const [, bracketed, plain = ""] = m;
    const role = unitRoleOf(bracketed ?? plain);
    if (!role) return;
    let body = text.slice(start, end);
    // A block that opened with "（" ends with "）": drop an unbalanced closing parenthesis.
    body = dropUnbalancedClose(body);
    const names = splitList(body);
    block[role].push(...(role === "leaders" ? names : names.flatMap(splitConjoined)));
  });
  // "区发展改革委（牵头）" among responsible units marks a lead unit.
  const LEAD_MARK = /[（(]牵头[）)]$/;
  const marked = block.responsible.filter((u) => LEAD_MARK.test(u));
  if (marked.length) {
    block.lead.push(...marked.map((u) => u.replace(LEAD_MARK, "")));
    block.responsible = block.responsible.filter((u) => !LEAD_MARK.test(u));
  }
  return block;
}

function dropUnbalancedClose(s: string): string {
  let depth = 0;
  let out = "";
  for (const ch of s) {
    if (ch === "（" || ch === "(") depth++;
    if (ch === "）" || ch === ")") {
      if (depth === 0) continue;
      depth--;
    }
    out += ch;
  }
  return out;
}

const COLLECTIVE_RE =
  /^(各|有关|相关)|群团组织$|等\d+个(部门|单位)$|各部门|有关部门|相关部门|有关单位|相关单位|各单位|成员单位|区属国有企业|市属国有企业|县属国有企业|国有企业$|^(区|市|县)级(有关|相关|各)/;

export function classifyUnit(name: string): UnitKind {
  if (COLLECTIVE_RE.test(name)) return "collective";
  // 区委宣传部（区文明办）: the unit is what stands before its alias in parentheses.
  const base = name.replace(/[（(][^（()）]+[）)]$/, "");
  if (base !== name && base.length >= 2) return classifyUnit(base);
  if (/(管委会|管理委员会|开发区|高新区|园区)$/.test(name)) return "committee";
  if (/(集团|公司|有限公司|银行|供电公司|供电局|供电分公司)$/.test(name) || /集团/.test(name)) return "enterprise";
  if (/(街道|乡|镇|街道办事处|镇人民政府|乡人民政府)$/.test(name) && !/^(区|市|县)/.test(name)) return "township";
  if (/(局|委|办|办公室|委员会|中心|院|队|支队|大队|中队|部|联|协|会|社|站|所|处|分局|厅|馆|台|组|海关|支行|分行)$/.test(name)) return "department";
  return "other";
}

/** Unit-name suffixes after which a new name starting with 区/市/县 marks a missing separator. */
const SPLIT_HEURISTIC_RE = /(局|委|办|办公室|中心|管委会|集团|支队|大队|联|社)(?=(区|市|县)[^级])/g;

/**
 * Splits a name that is two or more units run together ("区林业局区生态环境局"), preferring units
 * seen elsewhere in the document; falls back to a suffix rule. Returns null when no split applies.
 */
export function splitRunTogether(name: string, known: ReadonlySet<string>): string[] | null {
  if (known.has(name)) return null;
  // Dynamic programming over prefixes: fewest parts, all of them known units.
  const n = name.length;
  const best: (string[] | null)[] = new Array(n + 1).fill(null);
  best[0] = [];
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j < i; j++) {
      const prev = best[j];
      if (!prev) continue;
      const piece = name.slice(j, i);
      if (!known.has(piece)) continue;
      const cand = [...prev, piece];
      const sofar = best[i];
      if (!sofar || cand.length < sofar.length) best[i] = cand;
    }
  }
  const whole = best[n];
  if (whole && whole.length > 1) return whole;
  const parts = name.replace(SPLIT_HEURISTIC_RE, "$1\u0000").split("\u0000");
  if (parts.length > 1 && parts.every((p) => p.length >= 3 && classifyUnit(p) !== "other")) return parts;
  return null;
}

/**
 * The State Council's 分工 style, with no labels: "（区发展改革委牵头，区统计局配合）",
 * "（…牵头，区税务局等按职责分工负责）", "（区人力社保局负责）" at the end of a task.
 */
export const DUTY_BLOCK_RE = /[（(]([^（）()]*?(?:牵头|配合|负责|参与|协助)[^（）()]*)[）)]\s*[。.]?\s*$/;

/** Turns a duty sentence into a labelled unit block ("牵头单位：…；责任单位：…"), or null. */
export function dutySentenceToLabels(sentence: string): string | null {
  const lead: string[] = [];
  const responsible: string[] = [];
  for (const raw of sentence.split(/[，,；;]/)) {
    const clause = raw.trim();
    if (!clause) continue;
    /** The unit before the duty word, when the clause reads `pattern`. */
    const who = (pattern: RegExp) => pattern.exec(clause)?.[1];
    let unit: string | undefined;
    if ((unit = who(/^(.+?)牵头$/))) lead.push(unit);
    else if ((unit = who(/^(.+?)(?:等)?(?:按职责(?:分工)?)?(?:配合|参与|协助|协同)$/))) responsible.push(unit);
    else if ((unit = who(/^(.+?)(?:等)?按职责(?:分工)?负责$/))) responsible.push(unit);
    else if ((unit = who(/^(.+?)负责$/))) (lead.length ? responsible : lead).push(unit);
    else return null; // not a duty sentence
  }
  if (lead.length === 0) return null;
  // Every name must read as a unit: "（由区政府负责）" or "（资金由市级负责）" is prose, not a duty block.
  const names = [...lead, ...responsible].flatMap((x) => x.split(/[、和及]/));
  if (!names.every((n) => /^(各|有关|相关)/.test(n) || (UNIT_END_RE.test(n) && !/^(由|请|要|资金|经费)/.test(n)))) return null;
  return [`${ROLE_LABEL.lead}：${lead.join("、")}`, ...(responsible.length ? [`${ROLE_LABEL.responsible}：${responsible.join("、")}`] : [])].join("；");
}
