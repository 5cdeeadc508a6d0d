/**
 * Headings that state how many tasks they hold ("二、县经开区管委会牵头工作（12项）", "（一）稳定经济增长
 * （8项）", "…，共12项"): the count is checked against the tasks read under the heading, the best
 * signal that a task was lost (a line not recognised) or split (a stray number read as a task).
 */
import { ANY_NUMERAL, FULL_WIDTH_DIGITS, parseChineseNumeral, toAsciiDigits } from "../vocabulary";
import type { Reporter } from "./parse.diagnostics";

const COUNT = `([0-9${FULL_WIDTH_DIGITS}]{1,4}|[${ANY_NUMERAL}]{1,6})\\s*项`;
/** "（12项）", "（共 12 项）", "(十二项)" or "共12项" at the end of a heading (trailing punctuation allowed). */
const STATED_COUNT_RE = new RegExp(`(?:[（(]\\s*(?:共\\s*)?${COUNT}\\s*[）)]|[，,；;]?\\s*共\\s*${COUNT})\\s*[。．.；;：:]?\\s*$`);

/** The number of tasks a heading's title states; null when it states none. */
export function statedCount(title: string): number | null {
  const m = STATED_COUNT_RE.exec(title);
  const written = m?.[1] ?? m?.[2];
  return written === undefined ? null : parseChineseNumeral(toAsciiDigits(written));
}

/** A heading's title without its stated count ("县经开区管委会牵头工作，共12项" → "县经开区管委会牵头工作"). */
export function withoutCount(title: string): string {
  const m = STATED_COUNT_RE.exec(title);
  return m && statedCount(title) !== null ? title.slice(0, m.index) : title;
}

/** A heading of the plan's body as a reader met it. */
export interface HeadingRef {
  /** 1-based line of the heading. */
  line: number;
  /** 1: a section (or a 第一部分 part), 2: a subsection, 3: a heading below (not modelled in the plan). */
  level: 1 | 2 | 3;
  /** The heading as written ("二、县经开区管委会牵头工作（12项）"). */
  text: string;
  /** The section or subsection it opened, to store the stated count on. */
  node?: { statedTasks?: number };
}

/**
 * Stores each stated count on its section or subsection and warns where it differs from the tasks
 * read under the heading (its own and those of the headings below it). `tasks` are the plan's tasks
 * with the line of their number, in any order.
 */
export function checkHeadingCounts(headings: HeadingRef[], tasks: { id: number; line: number }[], { warn }: Reporter): void {
  const stated = headings.map((h) => statedCount(h.text));
  if (stated.every((n) => n === null)) return;
  const under: number[][] = headings.map(() => []);
  // Walk headings and tasks in document order; a heading closes the open ones at its level or below.
  const events = [...headings.map((h, i) => ({ line: h.line, heading: i, id: 0 })), ...tasks.map((t) => ({ line: t.line, heading: -1, id: t.id }))];
  events.sort((a, b) => a.line - b.line || b.heading - a.heading);
  const open: number[] = [];
  for (const e of events) {
    const h = headings[e.heading];
    if (h) {
      while (open.length > 0 && (headings[open.at(-1) ?? 0]?.level ?? 0) >= h.level) open.pop();
      open.push(e.heading);
    } else for (const i of open) under[i]?.push(e.id);
  }
  headings.forEach((h, i) => {
    const n = stated[i];
    if (n === null || n === undefined) return;
    if (h.node) h.node.statedTasks = n;
    const ids = under[i] ?? [];
    if (ids.length === n) return;
    const first = Math.min(...ids);
    const last = Math.max(...ids);
    const range = ids.length === 0 ? "" : first === last ? `（任务 ${first}）` : `（任务 ${first}–${last}）`;
    warn(h.line, "heading-count", `标题“${h.text}”写明 ${n} 项，读到 ${ids.length} 项${range}`);
  });
}
