/**
 * Published plan text → Plan. Pure: runs in Node and in the browser.
 *
 * The genre: a notice (印发通知) with its own numbered paragraphs, then the plan: headings
 * "一、" and "（一）", numbered tasks "1．" / "1." / "1、", each followed by a unit block on its own
 * line(s) or in parentheses at the end of the task line. The plan's body is found from its first
 * unit block backwards, so a notice's headings or a news repost's bullets are never read as tasks.
 */
import { extractMeta } from "./meta";
import { extractTargets } from "./targets";
import { Plan, type Diagnostic, type Section, type Task, type Unit } from "./schema";
import { classifyUnit, cleanName, DUTY_BLOCK_RE, dutySentenceToLabels, LABEL_RE, UNIT_END_RE, parseUnitBlock, splitRunTogether, TRAILING_BLOCK_RE, UNIT_LINE_RE } from "./units";
import { parseTable } from "./parse.table";

export interface ParseResult {
  /** Null when no plan could be read at all (errors say why). */
  plan: Plan | null;
  diagnostics: Diagnostic[];
  /** Task id → 1-based line of its number in the source. */
  taskLines: Record<number, number>;
}

const FULLWIDTH_DIGITS = /[０-９]/g;
const toAsciiDigits = (s: string) => s.replace(FULLWIDTH_DIGITS, (d) => String(d.charCodeAt(0) - 0xff10));

export const HEADING1_RE = /^(?:第([一二三四五六七八九十]{1,3})部分|([一二三四五六七八九十]{1,3})\s*[、．.])\s*(.*)$/;
export const HEADING2_RE = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.*)$/;
/** "12．text", "12.text", "12、text", "12 text": the number must not start a decimal (5.5%). */
/** "（1）text": tasks numbered in parentheses — only where no task is numbered "1．" (else sub-items). */
export const TASK_PAREN_RE = /^[（(]\s*(\d{1,4})\s*[）)]\s*(.*)$/;
export const TASK_RE = /^(\d{1,4})\s*([．.、]|\s)(?!\d)\s*(.*)$/;

type LineKind =
  | { kind: "blank" }
  | { kind: "heading1"; id: string; title: string; part: boolean }
  | { kind: "heading2"; id: string; title: string }
  | { kind: "task"; n: number; text: string; spaced: boolean; paren?: boolean }
  | { kind: "units"; text: string }
  | { kind: "text"; text: string };

/** Removes Word residue such as "[bookmark: _GoBack]" and normalises spaces. */
export function cleanLine(raw: string): string {
  const line = raw
    .replace(/\[bookmark:[^\]]*\]/gi, "")
    .replace(/[\u00a0\u3000\u200b\ufeff]/g, " ")
    // Tabs are kept at the ends: an empty first cell of a tab-separated row is a column too.
    .replace(/^[^\S\t]+|[^\S\t]+$/g, "");
  // Page numbers of a text copied from a PDF ("— 3 —", "- 12 -").
  if (/^[—\-－–]\s*\d{1,3}\s*[—\-－–]$/.test(line)) return "";
  // Labels spaced out for justification in a PDF copy ("牵 头 单 位：").
  return line.replace(/(牵|责|配|协|参|主)\s+(头|任|合|办|与|同|责)\s+(单|部|领)\s+(位|门|导)/g, "$1$2$3$4");
}

function classify(line: string): LineKind {
  if (!line) return { kind: "blank" };
  if (UNIT_LINE_RE.test(line)) return { kind: "units", text: line };
  const pt = TASK_PAREN_RE.exec(toAsciiDigits(line));
  if (pt && pt[2].length > 0) return { kind: "task", n: Number(pt[1]), text: pt[2], spaced: false, paren: true };
  const t = TASK_RE.exec(toAsciiDigits(line));
  if (t && t[3].length > 0) return { kind: "task", n: Number(t[1]), text: t[3], spaced: /\s/.test(t[2]) };
  const h1 = HEADING1_RE.exec(line);
  if (h1) return { kind: "heading1", id: h1[1] ?? h1[2], title: stripEnd(h1[3]), part: h1[1] !== undefined };
  const h2 = HEADING2_RE.exec(line);
  if (h2 && h2[2].length > 0) return { kind: "heading2", id: h2[1], title: stripEnd(h2[2]) };
  return { kind: "text", text: line };
}

/** Paragraph breaks inside a table cell only matter to the table reader. */
const joinCellParagraphs = (l: string) => l.replace(/\u0001/g, "").trim();

const stripEnd = (s: string) => s.trim().replace(/[。．.；;：:]+$/, "");

/** A line that has a unit block: a unit line, or a task/text line with labels in it. */
function hasUnits(k: LineKind): boolean {
  if (k.kind === "units") return true;
  if (k.kind === "task" || k.kind === "text") return LABEL_RE.test(k.text) || dutyBlock(k.text) !== null;
  return false;
}

interface Draft {
  n: number;
  line: number;
  section: string;
  subsection: string | null;
  text: string;
  unitText: string;
  unitLine: number;
}

/** err(line, code, message) / warn(…) pushing onto one diagnostics list. */
function reporter(diagnostics: Diagnostic[]) {
  const add = (severity: Diagnostic["severity"]) => (line: number | null, code: string, message: string) => {
    diagnostics.push({ severity, line, code, message });
  };
  return { err: add("error"), warn: add("warning") };
}

export function parsePlan(input: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const { err, warn } = reporter(diagnostics);

  const cells = input.replace(/\r\n?/g, "\n").split("\n").map(cleanLine);
  // A table copied as tab-separated rows (or a .docx table): its header row names the unit columns.
  if (cells.some((l) => /^(([^\t]{1,6})\t)?(序号|编号)\t/.test(l))) {
    const table = parseTable(cells);
    if (table) return finish(table.drafts, table.sections, cells.map(joinCellParagraphs), table.bodyStart, diagnostics, table.diagnostics);
  }
  const lines = cells.map(joinCellParagraphs);
  let kinds = lines.map(classify);
  if (kinds.some((k) => k.kind === "task" && !k.paren)) {
    kinds = kinds.map((k, i) => (k.kind === "task" && k.paren ? { kind: "text", text: lines[i] } : k));
  }

  const firstUnits = kinds.findIndex(hasUnits);
  if (firstUnits < 0) {
    const table = parseTable(lines);
    if (table) return finish(table.drafts, table.sections, lines, table.bodyStart, diagnostics, table.diagnostics);
    err(null, "not-a-plan", "未找到任何“牵头单位”或“责任单位”，这不是目标任务分解方案 (no unit blocks found: not a plan)");
    return { plan: null, diagnostics, taskLines: {} };
  }

  // Task 1: the last task line numbered 1 at or before the first unit block; else the first task
  // line of the run just before it.
  let firstTask = -1;
  for (let i = firstUnits; i >= 0; i--) if (kinds[i].kind === "task" && (kinds[i] as { n: number }).n === 1) { firstTask = i; break; }
  if (firstTask < 0) {
    for (let i = firstUnits; i >= 0; i--) {
      const k = kinds[i];
      if (k.kind === "task") firstTask = i;
      else if (k.kind === "heading1" || k.kind === "heading2") break;
    }
  }
  if (firstTask < 0) {
    // No numbers at all (a Word auto-numbered list loses them): task 1 is the text above the first unit block.
    for (let i = firstUnits - 1; i >= 0 && kinds[i].kind !== "heading1" && kinds[i].kind !== "heading2"; i--) {
      if (kinds[i].kind === "text") firstTask = i;
      else if (firstTask >= 0) break;
    }
  }
  if (firstTask < 0) {
    err(firstUnits + 1, "no-task", "单位信息之前没有任务 (unit block without a task)");
    return { plan: null, diagnostics, taskLines: {} };
  }

  // The body starts at the headings right above task 1 (only blank lines and headings between).
  let bodyStart = firstTask;
  for (let i = firstTask - 1; i >= 0; i--) {
    const k = kinds[i];
    if (k.kind === "blank") continue;
    if (k.kind === "heading2") { bodyStart = i; continue; }
    if (k.kind === "heading1") { bodyStart = i; break; }
    break;
  }

  const sections: Section[] = [];
  const drafts: Draft[] = [];
  let section: Section | null = null;
  let subsection: string | null = null;
  let cur: Draft | null = null;
  let lastN = 0;
  let offset = 0;
  let maxId = 0;
  let renumbered = false;
  /** Text lines not attached to a task: an unnumbered task if a unit block follows, else notes. */
  let pending: { line: number; text: string }[] = [];
  const unnumbered: number[] = [];
  // Prose right under a heading with no task after it (工作要求 after the plan) is a section's notes:
  // dropped quietly. Long lines dropped between tasks are warned about: they may be a lost task.
  let notes: { line: number; text: string }[] = [];
  /** Long lines that were dropped may have been a task: say so (short ones are sub-headings). */
  const warnIgnored = (lines: { line: number; text: string }[]) => {
    for (const p of lines) if (p.text.length > 40) warn(p.line, "ignored-line", `第${p.line}行：无法识别的内容，已忽略 (unrecognised line ignored)`);
  };
  const dropPending = () => {
    if (cur === null) notes.push(...pending);
    else warnIgnored(pending);
    pending = [];
  };
  const taskStarts = () => {
    warnIgnored(notes);
    notes = [];
  };
  const hasParts = kinds.some((k, i) => i >= bodyStart && k.kind === "heading1" && k.part);

  const ensureSection = (): Section => {
    if (!section) {
      section = { id: "一", title: "", subsections: [] };
      sections.push(section);
    }
    return section;
  };

  /** Pending text followed by a unit block: a task without a number (its number was Word list numbering). */
  const startUnnumbered = () => {
    // Short unpunctuated lines before its text are unnumbered sub-headings (稳就业方面).
    while (pending.length > 1 && pending[0].text.length <= 15 && !/[。，,；;、：:]$/.test(pending[0].text)) pending.shift();
    taskStarts();
    lastN++;
    const draft: Draft = { n: offset + lastN, line: pending[0].line, section: ensureSection().id, subsection, text: "", unitText: "", unitLine: 0 };
    for (const p of pending) addTaskText(draft, p.text, p.line);
    pending = [];
    drafts.push(draft);
    maxId = Math.max(maxId, draft.n);
    unnumbered.push(draft.line);
    cur = draft;
  };

  /** A line that is neither heading, task nor unit label: task text, a wrapped unit line, or pending. */
  const asText = (i: number) => {
    if (cur && !cur.unitText) addTaskText(cur, lines[i], i + 1);
    else if (cur && pending.length === 0 && joinsUnitLine(cur.unitText, lines[i])) cur.unitText += lines[i];
    else {
      pending.push({ line: i + 1, text: lines[i] });
      // Text with its unit block inline ("…。（牵头单位：…）"): an unnumbered task, complete now.
      if (LABEL_RE.test(lines[i])) startUnnumbered();
    }
  };

  for (let i = bodyStart; i < lines.length; i++) {
    const k = kinds[i];
    const lineNo = i + 1;
    switch (k.kind) {
      case "blank":
        break;
      case "heading1":
        dropPending();
        cur = null;
        notes = [];
        if (hasParts && !k.part) {
          // 第一部分 … with 一、二、 inside: the numeral headings are its subsections.
          ensureSection().subsections.push({ id: k.id, title: k.title });
          subsection = k.id;
          break;
        }
        section = { id: k.id, title: k.title, subsections: [] };
        sections.push(section);
        subsection = null;
        break;
      case "heading2":
        dropPending();
        cur = null;
        notes = [];
        if (hasParts) break; // a third heading level is not modelled
        ensureSection().subsections.push({ id: k.id, title: k.title });
        subsection = k.id;
        break;
      case "task": {
        // "20 条，…" with only a space after the number: a line wrapped inside a task's text.
        if (k.spaced && cur && !cur.unitText) {
          asText(i);
          break;
        }
        // Numbering that restarts at 1 right after a heading (per part or section) continues the
        // document's count, with one warning: task ids must be unique in the ledger.
        const followedByUnits = hasUnits(k) || unitsFollow(kinds, i);
        if (k.n === 1 && lastN > 0 && cur === null && followedByUnits) {
          offset = maxId;
          lastN = 0;
          if (!renumbered) {
            renumbered = true;
            warn(lineNo, "renumbered", `第${lineNo}行：任务编号在各部分重新从 1 开始，已按全文顺序连续编号 (numbering restarts: tasks renumbered in document order)`);
          }
        }
        // The next number in sequence is always a task (a missing unit block is then reported);
        // any other number is a task only if a unit block follows it (else: notes after the plan,
        // numbered sub-items inside a task).
        if (k.n !== lastN + 1 && !followedByUnits) {
          if (cur) asText(i);
          break;
        }
        dropPending();
        taskStarts();
        cur = { n: offset + k.n, line: lineNo, section: ensureSection().id, subsection, text: "", unitText: "", unitLine: 0 };
        addTaskText(cur, k.text, lineNo);
        drafts.push(cur);
        lastN = Math.max(lastN, k.n);
        maxId = Math.max(maxId, cur.n);
        break;
      }
      case "units":
        if (pending.length > 0) startUnnumbered();
        if (!cur) {
          warn(lineNo, "orphan-units", `第${lineNo}行：单位信息前没有任务，已忽略 (unit line without a task)`);
          break;
        }
        cur.unitText += (cur.unitText ? "；" : "") + k.text;
        if (!cur.unitLine) cur.unitLine = lineNo;
        break;
      case "text":
        asText(i);
        break;
    }
  }
  dropPending();
  if (unnumbered.length > 0) {
    warn(
      unnumbered[0],
      "unnumbered",
      `第${unnumbered[0]}行起有 ${unnumbered.length} 条任务没有编号（可能是 Word 自动编号），已按顺序编号 (tasks without numbers: numbered in order)`,
    );
  }

  return finish(drafts, sections, lines, bodyStart, diagnostics, []);
}

/** Does a unit block come after line i, before the next task or heading? */
function unitsFollow(kinds: LineKind[], i: number): boolean {
  for (let j = i + 1; j < kinds.length; j++) {
    const k = kinds[j];
    if (hasUnits(k)) return true;
    if (k.kind === "task" || k.kind === "heading1" || k.kind === "heading2") return false;
  }
  return false;
}

/** A line that is neither heading nor task nor unit label: wraps the task text or its unit block. */
/**
 * Adds a line of task text; a unit block inside it (at the end in parentheses, or after the text)
 * starts the task's unit text right away, so what follows the block is never read as task text.
 */
/** A duty sentence at the end of a line ("（区发展改革委牵头，区统计局配合）"): where it starts and its labels. */
function dutyBlock(line: string): { index: number; labels: string } | null {
  const m = DUTY_BLOCK_RE.exec(line);
  const labels = m ? dutySentenceToLabels(m[1]) : null;
  return m && labels && m.index > 0 ? { index: m.index, labels } : null;
}

function addTaskText(cur: Draft, line: string, lineNo: number): void {
  const m = LABEL_RE.exec(line);
  if (!m) {
    const duty = dutyBlock(line);
    if (duty) {
      cur.text += line.slice(0, duty.index);
      cur.unitText = duty.labels;
      cur.unitLine = lineNo;
      return;
    }
  }
  if (!m || m.index === 0) {
    cur.text += line;
    return;
  }
  cur.text += line.slice(0, m.index).replace(/[（(【\[]\s*$/, "");
  cur.unitText = line.slice(m.index);
  cur.unitLine = lineNo;
}


/**
 * Does a line continue a wrapped unit block ("…、各乡" / "镇（街道）。")? Yes after a dangling
 * separator; otherwise only when the name it completes reads as a unit, so a page footer
 * (打印本页), an unnumbered sub-heading or 工作要求 after the last task is never glued to a unit.
 */
function joinsUnitLine(unitText: string, line: string): boolean {
  if (line.length > 60 || /[：:]/.test(line)) return false;
  if (/[、，,；;]$/.test(unitText)) return true;
  if (/[。；;）)]$/.test(unitText) || line.length > 40) return false;
  const last = unitText.split(/[、，,；;：:]/).pop() ?? "";
  const head = line.split(/[、，,；;。]/)[0];
  return UNIT_END_RE.test(cleanName(last + head));
}


interface TableLike {
  drafts: Draft[];
  sections: Section[];
  bodyStart: number;
  diagnostics: Diagnostic[];
}
export type { Draft, TableLike };

function finish(
  drafts: Draft[],
  sections: Section[],
  lines: string[],
  bodyStart: number,
  diagnostics: Diagnostic[],
  extra: Diagnostic[],
): ParseResult {
  diagnostics.push(...extra);
  const { err, warn } = reporter(diagnostics);

  // Separate text from an inline unit block (in parentheses at the end, or after the text).
  type Parsed = { d: Draft; text: string; lead: string[]; responsible: string[]; leaders: string[] };
  const parsed: Parsed[] = [];
  drafts.forEach((d, idx) => {
    let text = d.text.trim();
    let unitText = d.unitText;
    if (!unitText) {
      const tb = TRAILING_BLOCK_RE.exec(text);
      if (tb) {
        unitText = tb[1];
        text = text.slice(0, tb.index).trim();
      } else {
        const m = LABEL_RE.exec(text);
        if (m && m.index > 0) {
          unitText = text.slice(m.index);
          text = text.slice(0, m.index).replace(/[（(【\[]\s*$/, "").trim();
        }
      }
    }
    const isLast = idx === drafts.length - 1;
    if (!unitText) {
      if (isLast) {
        warn(d.line, "truncated", `第${d.line}行：第${d.n}条任务没有单位信息，文档可能在此截断，已略去该条 (document cut off: task ${d.n} dropped)`);
        return;
      }
      err(d.line, "no-units", `第${d.line}行：第${d.n}条任务缺少牵头单位 (task ${d.n} has no lead unit)`);
    }
    const block = parseUnitBlock(unitText);
    if (unitText && block.lead.length === 0) {
      err(d.unitLine || d.line, "no-lead", `第${d.unitLine || d.line}行：第${d.n}条任务缺少牵头单位 (task ${d.n} has no lead unit)`);
    }
    if (isLast && unitText && !/[。；;）)等]$/.test(unitText.trim()) && d.unitLine === lines.length) {
      warn(d.unitLine, "maybe-truncated", `第${d.unitLine}行：最后一条任务的单位信息可能不完整 (last unit line may be cut off)`);
    }
    if (!text) err(d.line, "empty-task", `第${d.line}行：第${d.n}条任务没有内容 (task ${d.n} has no text)`);
    parsed.push({ d, text: text || "（空）", ...block });
  });

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

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}
