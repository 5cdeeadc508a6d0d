/**
 * Assembly: the readers' drafts (a task's number, place, text and raw unit block) become the Plan —
 * unit blocks parsed, numbering checked, units run together split, targets extracted, metadata read
 * from the notice above the body.
 */
import { unitRoleOf } from "../vocabulary";
import { checkHeadingCounts, type HeadingRef } from "./heading-counts";
import { extractMeta } from "./meta";
import type { Reporter } from "./parse.diagnostics";
import { Plan, type Diagnostic, type Section, type Task, type Unit } from "./schema";
import { extractTargets } from "./targets";
import { classifyUnit, cleanName, FIRST_LEADS_RE, LABEL_RE, parseUnitBlock, splitRunTogether, TRAILING_BLOCK_RE, UNIT_END_RE } from "./units";

export interface ParseResult {
  /** Null when no plan could be read at all (errors say why). */
  plan: Plan | null;
  diagnostics: Diagnostic[];
  /** Task id → 1-based line of its number in the source. */
  taskLines: Record<number, number>;
}

/** A task as a reader found it, before its unit block is parsed. */
export interface Draft {
  /** The task's id (numbering that restarts per section already continued). */
  n: number;
  /** 1-based line of its number. */
  line: number;
  section: string;
  subsection: string | null;
  text: string;
  /** The unit block as written ("牵头单位：…；责任单位：…"), "" when none was found. */
  unitText: string;
  /** 1-based line where the unit block starts (0: none). */
  unitLine: number;
  /** Leads named by the task's section heading ("二、县经开区管委会牵头工作"), for tasks without their own. */
  headingLead?: string[];
}

/** What a reader (text or table) hands to assembly. */
export interface Drafts {
  drafts: Draft[];
  sections: Section[];
  /** 0-based index of the first line of the plan's body; the notice is above it. */
  bodyStart: number;
  /** Read from a table: unit blocks are made of cells, never cut inside a line. */
  table?: boolean;
  /** The body's headings in document order (their stated counts of tasks are checked). */
  headings: HeadingRef[];
}

/** Builds the Plan from a reader's drafts; `lines` are the document's lines (for the notice's metadata). */
export function assemble({ drafts, sections, bodyStart, table, headings }: Drafts, lines: string[], report: Reporter): ParseResult {
  const { err, warn, diagnostics } = report;

  // Separate text from an inline unit block (in parentheses at the end, or after the text).
  type Parsed = { d: Draft; text: string; lead: string[]; responsible: string[]; leaders: string[] };
  const parsed: Parsed[] = [];
  drafts.forEach((d, idx) => {
    let text = d.text.trim();
    let unitText = d.unitText;
    if (!unitText) {
      const tb = TRAILING_BLOCK_RE.exec(text);
      if (tb) {
        [, unitText = ""] = tb; // the block is group 1, always matched
        text = text.slice(0, tb.index).trim();
      } else {
        const m = LABEL_RE.exec(text);
        if (m && m.index > 0) {
          unitText = text.slice(m.index);
          text = text
            .slice(0, m.index)
            .replace(/[（(【\[]\s*$/, "")
            .trim();
        }
      }
    }
    const isLast = idx === drafts.length - 1;
    const headingLead = d.headingLead ?? [];
    const cut = () => warn(d.line, "truncated", `第${d.line}行：第${d.n}条任务不完整，文档可能在此截断，已略去该条 (document cut off: task ${d.n} dropped)`);
    if (!unitText && headingLead.length === 0) {
      if (isLast) return cut();
      err(d.line, "no-units", `第${d.line}行：第${d.n}条任务缺少牵头单位 (task ${d.n} has no lead unit)`);
    }
    if (isLast && unitText && !table && cutInUnitLine(unitText, d.unitLine, lines)) return cut();
    const block = parseUnitBlock(unitText);
    // The section heading names the lead ("二、县经开区管委会牵头工作"); the task's own block may add 配合单位.
    if (block.lead.length === 0) block.lead.push(...headingLead);
    if (!text) err(d.line, "empty-task", `第${d.line}行：第${d.n}条任务没有内容 (task ${d.n} has no text)`);
    parsed.push({ d, text: text || "（空）", ...block });
  });
  applyLeadConvention(parsed, lines, report);

  // Numbering: duplicates and gaps are errors (a gap usually means a task line was not recognised).
  const seen = new Map<number, number>();
  let prev = 0;
  for (const p of parsed) {
    const { n, line } = p.d;
    if (seen.has(n)) err(line, "duplicate-number", `第${line}行：任务编号 ${n} 重复（第${seen.get(n)}行已有）(duplicate task number)`);
    else if (n !== prev + 1 && n > prev) {
      const missing = n - prev - 1 === 1 ? `${prev + 1}` : `${prev + 1}–${n - 1}`;
      err(line, "skipped-number", `第${line}行：任务编号不连续，第${prev}条之后是第${n}条（缺少 ${missing}）(skipped task numbers)`);
    } else if (n < prev) err(line, "number-order", `第${line}行：任务编号 ${n} 顺序错误，前一条是 ${prev} (task numbers out of order)`);
    seen.set(n, line);
    prev = Math.max(prev, n);
  }

  // Units run together without a separator: split with the units seen elsewhere in the document.
  const counts = new Map<string, number>();
  for (const p of parsed) for (const u of [...p.lead, ...p.responsible]) counts.set(u, (counts.get(u) ?? 0) + 1);
  const splitList = (list: string[], line: number): string[] =>
    list.flatMap((u) => {
      if ((counts.get(u) ?? 0) > 1) return [u];
      const known = new Set([...counts.keys()].filter((k) => k !== u));
      const parts = splitRunTogether(u, known);
      if (!parts) return [u];
      warn(line, "units-run-together", `第${line}行：“${u}”缺少分隔符，已拆分为 ${parts.map((x) => `“${x}”`).join("、")} (units run together: split)`);
      return parts;
    });

  const tasks: Task[] = [];
  const taskLines: Record<number, number> = {};
  const unitOrder = new Map<string, Unit>();
  for (const p of parsed) {
    const ul = p.d.unitLine || p.d.line;
    const lead = dedupe(splitList(p.lead, ul));
    const responsible = dedupe(splitList(p.responsible, ul));
    for (const u of [...lead, ...responsible]) if (!unitOrder.has(u)) unitOrder.set(u, { name: u, kind: classifyUnit(u) });
    tasks.push({
      id: p.d.n,
      section: p.d.section,
      subsection: p.d.subsection,
      text: p.text,
      lead,
      responsible,
      leaders: dedupe(p.leaders),
      targets: extractTargets(p.d.n, p.text),
    });
    if (!(p.d.n in taskLines)) taskLines[p.d.n] = p.d.line;
  }

  if (tasks.length === 0) {
    err(null, "not-a-plan", "没有读到任何任务 (no tasks found)");
    return { plan: null, diagnostics, taskLines };
  }

  checkHeadingCounts(
    headings,
    parsed.map((p) => ({ id: p.d.n, line: p.d.line })),
    report,
  );

  // Headings without tasks (工作要求 and the like after the plan) are not part of the plan.
  const used = new Set(tasks.map((t) => `${t.section}/${t.subsection ?? ""}`));
  const planSections = sections
    .filter((s) => tasks.some((t) => t.section === s.id))
    .map((s) => ({ ...s, subsections: s.subsections.filter((sub) => used.has(`${s.id}/${sub.id}`)) }));

  const { titleLine: _t, ...meta } = extractMeta({ lines, bodyStart });
  const plan = Plan.parse({ meta, sections: planSections, tasks, units: [...unitOrder.values()] });
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { plan, diagnostics, taskLines };
}

/**
 * The last task's unit block is cut off when it stands unclosed on the document's last line and
 * ends in a separator or a name that reads as no unit ("县财"). A block cut right after a whole name
 * cannot be told from a complete one and is kept.
 */
function cutInUnitLine(unitText: string, unitLine: number, lines: string[]): boolean {
  const t = unitText.trim();
  if (/[。；;）)】\]等]$/.test(t)) return false;
  let lastLine = lines.length;
  while (lastLine > 0 && !lines[lastLine - 1]?.trim()) lastLine--;
  if (unitLine !== lastLine) return false;
  // People's names (责任领导：张三) cannot be told cut or whole.
  const labels = [...t.matchAll(new RegExp(LABEL_RE.source, "g"))];
  const lastLabel = labels.at(-1);
  if (lastLabel && labelRole(lastLabel) === "leaders") return false;
  if (/[、，,：:]$/.test(t)) return true;
  const last = cleanName(t.split(/[、，,；;：:]/).pop() ?? "");
  return last !== "" && !UNIT_END_RE.test(last);
}

/**
 * Tasks without a lead unit. Where the document states that the first listed unit leads
 * (列第一位者为牵头单位), the first becomes the lead, with one warning naming the rule's line. A
 * document that names no lead at all keeps lead [] (every responsible unit reports: reporting.ts),
 * with one warning. Where other tasks name theirs, a task without one is an error.
 */
function applyLeadConvention(parsed: { d: Draft; lead: string[]; responsible: string[] }[], lines: string[], { err, warn }: Reporter): void {
  const leadless = parsed.filter((p) => p.lead.length === 0);
  if (leadless.length === 0) return;
  const ruleAt = lines.findIndex((l) => FIRST_LEADS_RE.test(l));
  const rule = lines[ruleAt]?.match(FIRST_LEADS_RE)?.[0];
  if (rule !== undefined) {
    const applied = leadless.filter((p) => p.responsible.length > 0);
    for (const p of applied) p.lead.push(...p.responsible.splice(0, 1));
    const line = ruleAt + 1;
    if (applied.length > 0)
      warn(
        line,
        "first-listed-lead",
        `第${line}行：方案规定“${rule.replace(/^[（(]|[）)]$/g, "")}”，${applied.length} 条任务以列第一位的单位为牵头单位 (the plan's rule: the first unit listed leads)`,
      );
    if (applied.length === leadless.length) return;
  }
  // A document that never writes a lead label (only 责任单位, perhaps a （牵头） marker here and there) names no lead by convention.
  if (!parsed.some((p) => namesLead(p.d.unitText))) {
    warn(null, "no-lead-named", "方案未写牵头单位：每条任务由所列责任单位分别填报 (no lead units named: every responsible unit reports)");
    return;
  }
  for (const { d } of parsed.filter((p) => p.lead.length === 0)) {
    const line = d.unitLine || d.line;
    err(line, "no-lead", `第${line}行：第${d.n}条任务缺少牵头单位 (task ${d.n} has no lead unit)`);
  }
}

/** Does a unit block write a lead label (牵头单位：…)? */
function namesLead(unitText: string): boolean {
  return [...unitText.matchAll(new RegExp(LABEL_RE.source, "g"))].some((m) => labelRole(m) === "lead");
}

/** The role of a LABEL_RE match (its label is in group 1 when bracketed, else 2). */
const labelRole = (m: RegExpMatchArray) => unitRoleOf(m[1] ?? m[2] ?? "");

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}
