/**
 * Line classification, the parser's scanner: what kind of line (or table cell) is this, judged on
 * the line alone? What a sequence of lines means is decided by the readers (parse.text.ts,
 * parse.table.ts); building the plan by assembly (parse.assemble.ts).
 * - lines: cleanLine (Word and PDF residue), classifyLines (→ Line), hasUnits, dutyBlock;
 * - table cells: isTabHeaderRow, headerColumn (→ Column), numberCell, sectionCell, isTimeCell.
 * Unit labels come from shared/vocabulary's one table, for lines and headers alike.
 */
import { HEADING_NUMERAL, parseChineseNumeral, QUARTER_NAMES, toAsciiDigits, UNIT_LABELS, UNIT_ROLES, unitLabelSource } from "../vocabulary";
import { withoutCount } from "./heading-counts";
import { DUTY_BLOCK_RE, dutySentenceToLabels, headingLead, LABEL_RE, UNIT_LINE_RE } from "./units";

/** What one line of plan text is, before its neighbours are known. */
export type Line = BlankLine | Heading1Line | Heading2Line | TaskLine | UnitsLine | TextLine;

/** Nothing on it (or a page number of a PDF copy). */
interface BlankLine {
  kind: "blank";
}

/** "一、主要预期目标" or "第一部分 …": a section heading. */
interface Heading1Line {
  kind: "heading1";
  /** Its numeral: "一". */
  id: string;
  /** The title without its trailing punctuation. */
  title: string;
  /** Written "第一部分": a part, whose 一、 headings are then subsections. */
  part: boolean;
  /** Units the heading names as leading its tasks ("二、县经开区管委会牵头工作（12项）"); empty when none. */
  lead: string[];
  /** The line as written (for messages and its stated count of tasks). */
  line: string;
}

/** "（一）稳定经济增长": a subsection heading. */
interface Heading2Line {
  kind: "heading2";
  /** Its numeral: "一". */
  id: string;
  title: string;
  /** As Heading1Line's. */
  lead: string[];
  line: string;
}

/** "12．text", "12、text", "12 text" or "（12）text": a numbered line that may start a task. */
interface TaskLine {
  kind: "task";
  /** The number as written. */
  n: number;
  /** The text after the number (full-width digits made ASCII). */
  text: string;
  /** The whole line as written: read as text when the number turns out not to start a task. */
  line: string;
  /** Only a space after the number ("20 条，…" may be a wrapped line, not a task). */
  spaced: boolean;
  /** Numbered in parentheses: a task only where no line is numbered "1．" (else a sub-item). */
  paren?: boolean;
  /** Numbered "（一）" and followed by its unit block: a task, not a sub-heading (主要预期目标 often reads so). */
  numeral?: boolean;
}

/** A line that starts with a unit label ("牵头单位：…", "（责任单位：…"). */
interface UnitsLine {
  kind: "units";
  text: string;
}

/** Anything else: task text, a wrapped line, notes, the notice. */
interface TextLine {
  kind: "text";
  text: string;
}

const H = `[${HEADING_NUMERAL}]{1,3}`;
/** "一、title", "一．title", "第一部分 title": the numeral is in group 1 (第…部分) or 2, the title in 3. */
const HEADING1_RE = new RegExp(`^(?:第(${H})部分|(${H})\\s*[、．.])\\s*(.*)$`);
/** "（一）title": numeral in group 1, title in 2. */
const HEADING2_RE = new RegExp(`^[（(]\\s*(${H})\\s*[）)]\\s*(.*)$`);

/** A section heading read: its numeral ("一"), its title as written (trimmed of spaces only). */
interface HeadingMatch {
  id: string;
  title: string;
}

/** "一、title" or "第一部分 title" (`part`); null when the line is no such heading. */
export function matchHeading1(line: string): (HeadingMatch & { part: boolean }) | null {
  const m = HEADING1_RE.exec(line);
  if (!m) return null;
  // One of the two numeral groups matched; the title group always does.
  const [, partId, id, title = ""] = m;
  return { id: partId ?? id ?? "", title, part: partId !== undefined };
}

/** "（一）title"; null when the line is no such heading. */
export function matchHeading2(line: string): HeadingMatch | null {
  const m = HEADING2_RE.exec(line);
  if (!m) return null;
  const [, id = "", title = ""] = m;
  return { id, title };
}
/** "（1）text": tasks numbered in parentheses. */
const TASK_PAREN_RE = /^[（(]\s*(\d{1,4})\s*[）)]\s*(.*)$/;
/** "12．text", "12.text", "12、text", "12 text": the number must not start a decimal (5.5%). */
const TASK_RE = /^(\d{1,4})\s*([．.、]|\s)(?!\d)\s*(.*)$/;

/** A label spaced out for justification in a PDF copy ("牵 头 单 位："). */
const SPACED_LABEL_RE = new RegExp(
  UNIT_ROLES.flatMap((r) => UNIT_LABELS[r])
    .map((label) => [...label].join("\\s+"))
    .join("|"),
  "g",
);

/** A row of a table copied as pipes ("| 序号 | 项目 | 责任单位 |"): its cells tab-separated; a "|---|" rule is blank. */
function pipesToTabs(line: string): string {
  if ((line.match(/[|｜]/g) ?? []).length < 2) return line;
  if (/^[\s|｜:：\-—]+$/.test(line)) return "";
  return line
    .trim()
    .replace(/^[|｜]|[|｜]$/g, "")
    .split(/[|｜]/)
    .map((c) => c.trim())
    .join("\t");
}

/** Removes Word residue such as "[bookmark: _GoBack]" and normalises spaces. */
export function cleanLine(raw: string): string {
  const line = pipesToTabs(raw)
    .replace(/\[bookmark:[^\]]*\]/gi, "")
    .replace(/[\u00a0\u3000\u200b\ufeff]/g, " ")
    // Tabs are kept at the ends: an empty first cell of a tab-separated row is a column too.
    .replace(/^[^\S\t]+|[^\S\t]+$/g, "");
  // Page numbers of a text copied from a PDF ("— 3 —", "- 12 -").
  if (/^[—\-－–]\s*\d{1,3}\s*[—\-－–]$/.test(line)) return "";
  return line.replace(SPACED_LABEL_RE, (label) => label.replace(/\s+/g, ""));
}

/** Separates paragraphs inside one table cell (docx-html.ts writes it; only the table reader reads it). */
export const CELL_BREAK = "\u0001";

/** A line without its cell paragraph breaks, for every reader but the table reader. */
export const joinCellParagraphs = (l: string) => l.split(CELL_BREAK).join("").trim();

const stripEnd = (s: string) => s.trim().replace(/[。．.；;：:]+$/, "");

/** The kind of one cleaned line. */
function classifyLine(line: string): Line {
  if (!line) return { kind: "blank" };
  if (UNIT_LINE_RE.test(line)) return { kind: "units", text: line };
  const ascii = toAsciiDigits(line);
  const [, pn, ptext = ""] = TASK_PAREN_RE.exec(ascii) ?? [];
  if (ptext.length > 0) return { kind: "task", n: Number(pn), text: ptext, line, spaced: false, paren: true };
  const [, n, sep = "", text = ""] = TASK_RE.exec(ascii) ?? [];
  if (text.length > 0) return { kind: "task", n: Number(n), text, line, spaced: /\s/.test(sep) };
  const h1 = matchHeading1(line);
  if (h1) return { kind: "heading1", id: h1.id, title: stripEnd(h1.title), part: h1.part, lead: headingLead(withoutCount(h1.title)), line };
  const h2 = matchHeading2(line);
  if (h2 && h2.title.length > 0) return { kind: "heading2", id: h2.id, title: stripEnd(h2.title), lead: headingLead(withoutCount(h2.title)), line };
  return { kind: "text", text: line };
}

/**
 * "（一）地区生产总值增长6.5%左右" followed by "责任单位：…" (or with its unit block inline): a task
 * numbered by its heading numeral, not a sub-heading.
 */
function numeralTask(kinds: Line[], i: number): Line | null {
  const k = kinds[i];
  if (k?.kind !== "heading2" || k.lead.length > 0) return null;
  const task: TaskLine = { kind: "task", n: parseChineseNumeral(k.id) ?? 0, text: k.title, line: `（${k.id}）${k.title}`, spaced: false, numeral: true };
  if (task.n <= 0) return null;
  if (hasUnits(task)) return task;
  let j = i + 1;
  while (kinds[j]?.kind === "blank") j++;
  return kinds[j]?.kind === "units" ? task : null;
}

/**
 * The kinds of a document's lines. Lines numbered in parentheses ("（1）…") are tasks only where no
 * line is numbered "1．": otherwise they are sub-items of a task, read as text.
 */
export function classifyLines(lines: string[]): Line[] {
  const classified = lines.map(classifyLine);
  const kinds = classified.map((k, i) => numeralTask(classified, i) ?? k);
  if (!kinds.some((k) => k.kind === "task" && !k.paren)) return kinds;
  return kinds.map((k) => (k.kind === "task" && k.paren ? { kind: "text", text: k.line } : k));
}

/** A duty sentence at the end of a line ("（区发展改革委牵头，区统计局配合）"): where it starts and its labels. */
export function dutyBlock(line: string): { index: number; labels: string } | null {
  const m = DUTY_BLOCK_RE.exec(line);
  const [, sentence] = m ?? [];
  const labels = sentence === undefined ? null : dutySentenceToLabels(sentence);
  return m && labels && m.index > 0 ? { index: m.index, labels } : null;
}

/** A line that has a unit block: a unit line, a task/text line with labels (or a duty sentence) in it, a heading naming a lead. */
export function hasUnits(k: Line): boolean {
  if (k.kind === "units") return true;
  if (k.kind === "heading1" || k.kind === "heading2") return k.lead.length > 0;
  if (k.kind === "task" || k.kind === "text") return LABEL_RE.test(k.text) || dutyBlock(k.text) !== null;
  return false;
}

// ---- Table cells: a table reaches the parser flattened to one cell per line (see parse.table.ts).

/** What a table's header cell names. */
export type Column = "number" | "text" | "lead" | "responsible" | "leaders" | "other";

const COLUMN_RE = {
  number: /^(序号|编号)$/,
  lead: new RegExp(`^(?:${unitLabelSource("lead")})$`),
  responsible: new RegExp(`^(?:${unitLabelSource("responsible")})$`),
  leaders: new RegExp(`^(?:${unitLabelSource("leaders")})$`),
  other: /^(完成时限|时间节点|完成时间|时限|备注|类别|考核方式|进度安排|完成标准)$/,
  // 工作任务及责任单位: the task text with its unit block inside
  textWithUnits: /^(工作|重点|目标|主要)?(任务|工作|内容)(及|和|与)(责任|牵头)?(单位|分工)$/,
};

const STARTS_NUMBERED = new RegExp(`^[${HEADING_NUMERAL}（(\\d]`);

/** The column a header cell names (序号, 工作任务, 牵头单位（部门）…); null when it is no header. */
export function headerColumn(cell: string): Column | null {
  // Headers may carry qualifiers: 牵头单位（部门）, 配合单位(部门).
  const c = cell
    .replace(/\s+/g, "")
    .split(CELL_BREAK)
    .join("")
    .replace(/[（(][^（()）]*[）)]$/, "");
  if (COLUMN_RE.number.test(c)) return "number";
  if (COLUMN_RE.lead.test(c)) return "lead";
  if (COLUMN_RE.responsible.test(c)) return "responsible";
  if (COLUMN_RE.leaders.test(c)) return "leaders";
  if (COLUMN_RE.other.test(c)) return "other";
  if (COLUMN_RE.textWithUnits.test(c)) return "text";
  // 工作任务, 重点工作, 目标任务, 主要任务内容, 工作事项, 具体举措 …
  if (c.length <= 10 && /(任务|工作|内容|事项|目标|举措|措施|项目|计划)/.test(c) && !/(单位|部门|领导|时限|时间|序号|编号)/.test(c) && !STARTS_NUMBERED.test(c))
    return "text";
  return null;
}

/** A tab-separated header row: 序号 in its first cell, or in its second after a 类别 cell. */
export const isTabHeaderRow = (line: string) => /^(([^\t]{1,6})\t)?(序号|编号)\t/.test(line);

const NUMBER_CELL_RE = /^(\d{1,4})[.．、]?$/;

/** The number of a 序号 cell ("3", "3.", "3．", "3、", "３"); null when it is not one. */
export function numberCell(cell: string): number | null {
  const m = NUMBER_CELL_RE.exec(toAsciiDigits(cell));
  return m ? Number(m[1]) : null;
}

const SECTION_CELL_RE = new RegExp(`^(${H})[、．.]?$|^[（(](${H})[）)]$`);

/** A section row split over two cells ("二" / "重点工作任务", "（一）" / "…"): the numeral and its level. */
export function sectionCell(cell: string): { id: string; level: 1 | 2 } | null {
  const m = SECTION_CELL_RE.exec(cell);
  if (!m) return null;
  // One of the two alternatives matched: "二" (group 1) or "（一）" (group 2).
  const [, level1, level2 = ""] = m;
  return level1 ? { id: level1, level: 1 } : { id: level2, level: 2 };
}

const QUARTER = `(?:${Object.values(QUARTER_NAMES).join("|")})`;
const TIME_CELL_RE = new RegExp(
  `^(\\d{4}年)?(\\d{1,2}月(底|末|前|中旬|上旬|下旬)?|年底|年末|全年|长期|持续推进|每季度|${QUARTER}(末|底)?|\\d{4}年(底|末)?)(前)?(完成)?$`,
);

/** A 完成时限 cell ("6月底前", "年底", "二季度末"): placed in its column when a row has empty cells. */
export const isTimeCell = (cell: string) => TIME_CELL_RE.test(cell);
