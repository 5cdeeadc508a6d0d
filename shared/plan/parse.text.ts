/**
 * The text reader: what a sequence of classified lines means. The plan's body is found from its
 * first unit block backwards, so a notice's headings or a news repost's bullets are never read as
 * tasks; then headings open sections, numbered lines open tasks, and unit lines close them.
 */
import type { Draft, Drafts } from "./parse.assemble";
import type { HeadingRef } from "./heading-counts";
import type { Reporter } from "./parse.diagnostics";
import { dutyBlock, hasUnits, type Line } from "./parse.lines";
import type { Section, Subsection } from "./schema";
import { cleanName, LABEL_RE, UNIT_END_RE } from "./units";

/**
 * Reads the drafts of a document whose classified lines (`kinds[i]` is line i + 1) hold at least one
 * unit block; null when no task stands before it (reported).
 */
export function readText(kinds: Line[], report: Reporter): Drafts | null {
  const { err, warn, warnOnce } = report;
  const firstUnits = kinds.findIndex(hasUnits);
  /** The lines before line `end` (0-based, excluded), nearest first, with their indexes. */
  const above = (end: number) => [...kinds.entries()].slice(0, Math.max(0, end)).reverse();
  const first = kinds[firstUnits];
  /** The first unit block is a heading naming the lead of the tasks below it: the body starts there. */
  const headingFirst = first?.kind === "heading1" || first?.kind === "heading2";

  // Task 1: the last task line numbered 1 at or before the first unit block; else the first task
  // line of the run just before it.
  let firstTask = headingFirst ? firstUnits : -1;
  if (firstTask < 0)
    for (const [i, k] of above(firstUnits + 1))
      if (k.kind === "task" && k.n === 1) {
        firstTask = i;
        break;
      }
  if (firstTask < 0) {
    for (const [i, k] of above(firstUnits + 1)) {
      if (k.kind === "task") firstTask = i;
      else if (k.kind === "heading1" || k.kind === "heading2") break;
    }
  }
  if (firstTask < 0) {
    // No numbers at all (a Word auto-numbered list loses them): task 1 is the text above the first unit block.
    for (const [i, k] of above(firstUnits)) {
      if (k.kind === "heading1" || k.kind === "heading2") break;
      if (k.kind === "text") firstTask = i;
      else if (firstTask >= 0) break;
    }
  }
  if (firstTask < 0) {
    err(firstUnits + 1, "no-task", "单位信息之前没有任务 (unit block without a task)");
    return null;
  }

  // The body starts at the headings right above task 1 (only blank lines and headings between).
  let bodyStart = firstTask;
  for (const [i, k] of above(firstTask)) {
    if (k.kind === "blank") continue;
    if (k.kind === "heading2") {
      bodyStart = i;
      continue;
    }
    if (k.kind === "heading1") {
      bodyStart = i;
      break;
    }
    break;
  }

  const sections: Section[] = [];
  const headings: HeadingRef[] = [];
  const drafts: Draft[] = [];
  let section: Section | null = null;
  let subsection: string | null = null;
  let cur: Draft | null = null;
  /** Leads named by the current section's and subsection's headings ("二、县经开区管委会牵头工作"). */
  let sectionLead: string[] = [];
  let subLead: string[] = [];
  const headingLead = () => (subLead.length > 0 ? subLead : sectionLead);
  let lastN = 0;
  let offset = 0;
  let maxId = 0;
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
    // Short unpunctuated lines before its text are unnumbered sub-headings (稳就业方面); the last line stays.
    const isSubHeading = (t: string) => t.length <= 15 && !/[。，,；;、：:]$/.test(t);
    const texts = pending.slice(pending.findIndex((p, j) => j === pending.length - 1 || !isSubHeading(p.text)));
    pending = [];
    const [first] = texts;
    if (!first) return; // called only with pending text
    taskStarts();
    lastN++;
    const draft: Draft = {
      n: offset + lastN,
      line: first.line,
      section: ensureSection().id,
      subsection,
      text: "",
      unitText: "",
      unitLine: 0,
      headingLead: headingLead(),
    };
    for (const p of texts) addTaskText(draft, p.text, p.line);
    drafts.push(draft);
    maxId = Math.max(maxId, draft.n);
    unnumbered.push(draft.line);
    cur = draft;
  };

  /** A line that is neither heading, task nor unit label: task text, a wrapped unit line, or pending. */
  const asText = (text: string, lineNo: number) => {
    if (cur && !cur.unitText) addTaskText(cur, text, lineNo);
    else if (cur && pending.length === 0 && joinsUnitLine(cur.unitText, text)) cur.unitText += text;
    else {
      pending.push({ line: lineNo, text });
      // Text with its unit block inline ("…。（牵头单位：…）"): an unnumbered task, complete now.
      if (LABEL_RE.test(text)) startUnnumbered();
    }
  };

  for (const [i, k] of kinds.entries()) {
    if (i < bodyStart) continue;
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
          const sub: Subsection = { id: k.id, title: k.title };
          ensureSection().subsections.push(sub);
          headings.push({ line: lineNo, level: 2, text: k.line, node: sub });
          subsection = k.id;
          subLead = k.lead;
          break;
        }
        section = { id: k.id, title: k.title, subsections: [] };
        sections.push(section);
        headings.push({ line: lineNo, level: 1, text: k.line, node: section });
        subsection = null;
        sectionLead = k.lead;
        subLead = [];
        break;
      case "heading2": {
        dropPending();
        cur = null;
        notes = [];
        if (hasParts) {
          headings.push({ line: lineNo, level: 3, text: k.line }); // a third heading level is not modelled
          break;
        }
        const sub: Subsection = { id: k.id, title: k.title };
        ensureSection().subsections.push(sub);
        headings.push({ line: lineNo, level: 2, text: k.line, node: sub });
        subsection = k.id;
        subLead = k.lead;
        break;
      }
      case "task": {
        // "20 条，…" with only a space after the number: a line wrapped inside a task's text.
        if (k.spaced && cur && !cur.unitText) {
          asText(k.line, lineNo);
          break;
        }
        // Numbering that restarts at 1 right after a heading (per part or section) continues the
        // document's count, with one warning: task ids must be unique in the ledger.
        const followedByUnits = hasUnits(k) || unitsFollow(kinds, i) || headingLead().length > 0;
        if (k.n === 1 && lastN > 0 && cur === null && followedByUnits) {
          offset = maxId;
          lastN = 0;
          warnOnce(
            lineNo,
            "renumbered",
            `第${lineNo}行：任务编号在各部分重新从 1 开始，已按全文顺序连续编号 (numbering restarts: tasks renumbered in document order)`,
          );
        }
        // The next number in sequence is always a task (a missing unit block is then reported);
        // any other number is a task only if a unit block follows it (else: notes after the plan,
        // numbered sub-items inside a task).
        if (k.n !== lastN + 1 && !followedByUnits) {
          if (cur) asText(k.line, lineNo);
          break;
        }
        dropPending();
        taskStarts();
        cur = { n: offset + k.n, line: lineNo, section: ensureSection().id, subsection, text: "", unitText: "", unitLine: 0, headingLead: headingLead() };
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
        asText(k.text, lineNo);
        break;
    }
  }
  dropPending();
  const [firstUnnumbered] = unnumbered;
  if (firstUnnumbered !== undefined) {
    warn(
      firstUnnumbered,
      "unnumbered",
      `第${firstUnnumbered}行起有 ${unnumbered.length} 条任务没有编号（可能是 Word 自动编号），已按顺序编号 (tasks without numbers: numbered in order)`,
    );
  }
  return { drafts, sections, bodyStart, headings };
}

/** Does a unit block come after line i, before the next task or heading? */
function unitsFollow(kinds: Line[], i: number): boolean {
  for (let j = i + 1, k = kinds[j]; k !== undefined; k = kinds[++j]) {
    if (hasUnits(k)) return true;
    if (k.kind === "task" || k.kind === "heading1" || k.kind === "heading2") return false;
  }
  return false;
}

/**
 * Adds a line of task text; a unit block inside it (at the end in parentheses, or after the text)
 * starts the task's unit text right away, so what follows the block is never read as task text.
 */
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
  const [head = ""] = line.split(/[、，,；;。]/);
  return UNIT_END_RE.test(cleanName(last + head));
}
