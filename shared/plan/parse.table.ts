/**
 * Plans published as a table (序号 | 任务 | 牵头单位 | 责任单位 …) reach us flattened to one cell per
 * line (a .docx table through mammoth, or text copied from a table). This reads that shape.
 */
import { ROLE_LABEL } from "../vocabulary";
import type { Draft, Drafts } from "./parse.assemble";
import type { HeadingRef } from "./heading-counts";
import type { Reporter } from "./parse.diagnostics";
import { CELL_BREAK, headerColumn, isTimeCell, matchHeading1, matchHeading2, numberCell, sectionCell, type Column } from "./parse.lines";
import type { Section, Subsection } from "./schema";
import { LABEL_RE } from "./units";

const CELL_BREAKS = new RegExp(`${CELL_BREAK}+`, "g");

/** Marks an empty cell of a tab-separated row, so it keeps its column. */
const EMPTY = "\u0000";

/** Reads the drafts of a table (header 序号 | 任务 | 牵头单位 …) in `source`; null when there is none. */
export function readTable(source: string[], report: Reporter): Drafts | null {
  // Tab-separated rows (a table copied from Word or Excel): one cell per line, empty cells kept.
  // A first column 类别/板块 (the section, often merged down) may stand before 序号: its cells become
  // heading lines before their rows, once per change.
  const numberAt = (l: string) => l.split("\t").findIndex((c) => headerColumn(c) === "number");
  const tsv = source.findIndex((l) => l.includes("\t") && numberAt(l) >= 0 && numberAt(l) <= 2);
  const tsvHeader = source[tsv]; // undefined when no row is tab-separated
  const lead = tsvHeader === undefined ? 0 : numberAt(tsvHeader);
  /** One cell per line, each with the 0-based index of the source line it came from. */
  const lines: { text: string; origin: number }[] = [];
  let lastGroup = "";
  source.forEach((l, i) => {
    let cells = tsv >= 0 && i >= tsv && l.includes("\t") ? l.split("\t").map((c) => c.trim() || EMPTY) : [l];
    if (lead > 0 && cells.length > lead) {
      const group = cells
        .slice(0, lead)
        .filter((c) => c !== EMPTY)
        .join("");
      cells = cells.slice(lead);
      if (i > tsv && group && group !== lastGroup) lines.push({ text: group, origin: i });
      lastGroup = group || lastGroup;
    }
    for (const c of cells) lines.push({ text: c, origin: i });
  });
  // Header: "序号" followed by at least two known column names, one of them 牵头单位.
  let start = -1;
  let header = -1;
  let bodyStart = -1;
  let columns: Column[] = [];
  for (const [i, { text, origin }] of lines.entries()) {
    if (start >= 0) break;
    if (headerColumn(text) !== "number") continue;
    const cols: Column[] = ["number"];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const cell = lines[j]?.text;
      if (!cell) continue;
      const c = headerColumn(cell);
      if (!c || c === "number") break;
      cols.push(c);
    }
    if ((cols.includes("lead") || cols.includes("responsible") || cols.length >= 3) && cols.includes("text")) {
      start = j;
      header = i;
      bodyStart = origin;
      columns = cols;
    }
  }
  if (start < 0) return null;

  const sections: Section[] = [];
  const headings: HeadingRef[] = [];
  const drafts: Draft[] = [];
  let section: Section | null = null;
  let subsection: string | null = null;
  let expected = 1;
  /** The next number the document itself should show (restarts per section in some plans). */
  let local = 1;
  let afterHeading = false;
  let row: { n: number; line: number; cells: string[] } | null = null;
  const cellCount = columns.length - 1;
  // Cells a row needs before a heading line can end it (trailing "other" columns may be empty).
  const required = Math.max(...(["text", "lead", "responsible", "leaders"] as Column[]).map((c) => columns.indexOf(c)));
  const rowDone = () => !row || row.cells.length >= required;

  // A row with empty cells has fewer lines: a trailing 完成时限-like cell goes to the trailing
  // "other" column, the rest fill the columns from the left.
  const otherCells = columns.map((c, k) => (c === "other" ? k - 1 : -1)).filter((k) => k >= 0);
  const placeShortRow = (cells: string[]): string[] => {
    const placed = new Map<number, string>();
    const rest = [...cells];
    for (const col of [...otherCells].reverse()) {
      const last = rest.at(-1);
      if (last === undefined || !isTimeCell(last)) break;
      placed.set(col, last);
      rest.pop();
    }
    const out: string[] = [];
    for (let c = 0; c < cellCount; c++) out.push(placed.get(c) ?? (placed.has(c) ? "" : (rest.shift() ?? "")));
    return out;
  };

  const flush = () => {
    if (!row) return;
    let cells = row.cells;
    if (cells.length < cellCount) cells = placeShortRow(cells);
    // Extra lines wrap the task text (the widest column): joined into its cell. Missing trailing
    // cells stay empty.
    const textIdx = columns.indexOf("text") - 1;
    const extra = cells.length - cellCount;
    if (extra > 0 && textIdx >= 0) {
      const end = textIdx + extra + 1;
      cells = [...cells.slice(0, textIdx), cells.slice(textIdx, end).join(""), ...cells.slice(end)];
    }
    // Several columns of one kind (项目 | 实施计划, 责任单位 | 配合单位) are read together, in order.
    const get = (c: Column) =>
      columns
        .map((col, k) => (col === c && k > 0 ? (cells[k - 1] ?? "").replace(EMPTY, "") : ""))
        .filter((cell) => cell !== "")
        // Paragraphs inside one cell (CELL_BREAK): a wrapped text, or one unit per paragraph.
        .map((cell) => cell.replace(CELL_BREAKS, c === "text" ? "" : "、"))
        .join(c === "text" ? "：" : "、");
    // A single 责任单位 column may hold labelled paragraphs ("牵头单位：…" / "配合单位：…"): kept as written.
    const raw = (c: Column) => {
      const k = columns.indexOf(c);
      return k > 0 ? (cells[k - 1] ?? "").replace(EMPTY, "").replace(CELL_BREAKS, "；") : "";
    };
    const labelled = !columns.includes("lead") && LABEL_RE.test(raw("responsible"));
    const parts = labelled
      ? [raw("responsible"), ...(get("leaders") ? [`${ROLE_LABEL.leaders}：${get("leaders")}`] : [])]
      : [
          [ROLE_LABEL.lead, get("lead")],
          [ROLE_LABEL.responsible, get("responsible")],
          [ROLE_LABEL.leaders, get("leaders")],
        ]
          .filter(([, v]) => v)
          .map(([l, v]) => `${l}：${v}`);
    if (!section) {
      section = { id: "一", title: "", subsections: [] };
      sections.push(section);
    }
    drafts.push({ n: row.n, line: row.line, section: section.id, subsection, text: get("text"), unitText: parts.join("；"), unitLine: row.line });
    row = null;
  };

  // A heading paragraph right above the table ("一、主要预期目标", then the table of its tasks).
  const above = lines
    .slice(0, header)
    .filter((l) => l.text)
    .at(-1);
  const h = above && matchHeading1(above.text);
  if (h) {
    section = { id: h.id, title: h.title.replace(/[。；]$/, ""), subsections: [] };
    sections.push(section);
    headings.push({ line: above.origin + 1, level: 1, text: above.text, node: section });
    afterHeading = true;
  }

  for (let i = start; i < lines.length; i++) {
    const cell = lines[i];
    if (!cell?.text || headerColumn(cell.text) !== null) continue; // blank, or a header repeated on a new page
    let l = cell.text;
    const { origin } = cell;
    // A section row split over two cells: "二" / "重点工作任务", "（一）" / "…".
    const bare = sectionCell(l);
    if (bare && rowDone()) {
      let t = i + 1;
      while (t < lines.length && !lines[t]?.text) t++;
      const next = lines[t]?.text;
      const title = next && !/^\d{1,4}$/.test(next) ? next : "";
      if (title) i = t;
      l = bare.level === 1 ? `${bare.id}、${title}` : `（${bare.id}）${title}`;
    }
    const h1 = matchHeading1(l);
    const h2 = matchHeading2(l);
    const n = numberCell(l);
    // 序号 restarting at 1 after a section row continues the count (ids must be unique), with a warning.
    const restart = n === 1 && local > 1 && afterHeading && rowDone();
    // An empty 序号 cell at the start of a tab-separated row: Word list numbering, lost in the text.
    const unnumberedRow = tsv >= 0 && l === EMPTY && (i === 0 || lines[i - 1]?.origin !== origin) && rowDone();
    if ((n !== null && (n === local || restart)) || unnumberedRow) {
      flush();
      const line = origin + 1;
      if (restart)
        report.warnOnce(
          line,
          "renumbered",
          `第${line}行：表格序号在各部分重新从 1 开始，已按全文顺序连续编号 (numbering restarts: tasks renumbered in document order)`,
        );
      if (unnumberedRow)
        report.warnOnce(line, "unnumbered", `第${line}行：表格序号为空（可能是 Word 自动编号），已按顺序编号 (empty numbers: tasks numbered in order)`);
      local = restart ? 2 : local + 1;
      row = { n: expected, line, cells: [] };
      expected++;
      afterHeading = false;
    } else if (h1 && rowDone()) {
      flush();
      afterHeading = true;
      section = { id: h1.id, title: h1.title.replace(/[。；]$/, ""), subsections: [] };
      sections.push(section);
      headings.push({ line: origin + 1, level: 1, text: l, node: section });
      subsection = null;
    } else if (h2 && rowDone()) {
      flush();
      afterHeading = true;
      if (!section) {
        section = { id: "一", title: "", subsections: [] };
        sections.push(section);
      }
      const sub: Subsection = { id: h2.id, title: h2.title.replace(/[。；]$/, "") };
      section.subsections.push(sub);
      headings.push({ line: origin + 1, level: 2, text: l, node: sub });
      subsection = h2.id;
    } else if (row) {
      // Tab-separated rows hold all their cells on their own line: a line after it is not a cell.
      if (tsv >= 0 && origin + 1 !== row.line) flush();
      else row.cells.push(l);
    }
  }
  flush();
  return drafts.length ? { drafts, sections, bodyStart, table: true, headings } : null;
}
