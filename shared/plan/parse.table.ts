/**
 * Plans published as a table (序号 | 任务 | 牵头单位 | 责任单位 …) reach us flattened to one cell per
 * line (a .docx table through mammoth, or text copied from a table). This reads that shape.
 */
import { ROLE_LABEL } from "../vocabulary";
import type { Draft, Drafts } from "./parse.assemble";
import type { Reporter } from "./parse.diagnostics";
import { CELL_BREAK, HEADING1_RE, HEADING2_RE, headerColumn, isTimeCell, numberCell, sectionCell, type Column } from "./parse.lines";
import type { Section } from "./schema";
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
  const lead = tsv >= 0 ? numberAt(source[tsv]) : 0;
  const lines: string[] = [];
  const origin: number[] = [];
  let lastGroup = "";
  source.forEach((l, i) => {
    let cells = tsv >= 0 && i >= tsv && l.includes("\t") ? l.split("\t").map((c) => c.trim() || EMPTY) : [l];
    if (lead > 0 && cells.length > lead) {
      const group = cells.slice(0, lead).filter((c) => c !== EMPTY).join("");
      cells = cells.slice(lead);
      if (i > tsv && group && group !== lastGroup) {
        lines.push(group);
        origin.push(i);
      }
      lastGroup = group || lastGroup;
    }
    for (const c of cells) {
      lines.push(c);
      origin.push(i);
    }
  });
  // Header: "序号" followed by at least two known column names, one of them 牵头单位.
  let start = -1;
  let header = -1;
  let columns: Column[] = [];
  for (let i = 0; i < lines.length && start < 0; i++) {
    if (headerColumn(lines[i]) !== "number") continue;
    const cols: Column[] = ["number"];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (!lines[j]) continue;
      const c = headerColumn(lines[j]);
      if (!c || c === "number") break;
      cols.push(c);
    }
    if ((cols.includes("lead") || cols.includes("responsible") || cols.length >= 3) && cols.includes("text")) {
      start = j;
      header = i;
      columns = cols;
    }
  }
  if (start < 0) return null;

  const sections: Section[] = [];
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
    for (let k = otherCells.length - 1; k >= 0 && rest.length > 0; k--) {
      if (!isTimeCell(rest[rest.length - 1])) break;
      placed.set(otherCells[k], rest.pop()!);
    }
    const out: string[] = [];
    for (let c = 0; c < cellCount; c++) out.push(placed.get(c) ?? (placed.has(c) ? "" : (rest.shift() ?? "")));
    return out;
  };

  const flush = () => {
    if (!row) return;
    let cells = row.cells;
    if (cells.length < cellCount) cells = placeShortRow(cells);
    // Extra lines wrap the task text (the widest column); missing trailing cells stay empty.
    const textIdx = columns.indexOf("text") - 1;
    while (cells.length > cellCount && textIdx >= 0) cells.splice(textIdx, 2, cells[textIdx] + cells[textIdx + 1]);
    const get = (c: Column) => {
      const k = columns.indexOf(c);
      const cell = k > 0 ? (cells[k - 1] ?? "").replace(EMPTY, "") : "";
      // Paragraphs inside one cell (CELL_BREAK): a wrapped text, or one unit per paragraph.
      return cell.replace(CELL_BREAKS, c === "text" ? "" : "、");
    };
    // A single 责任单位 column may hold labelled paragraphs ("牵头单位：…" / "配合单位：…"): kept as written.
    const raw = (c: Column) => {
      const k = columns.indexOf(c);
      return k > 0 ? (cells[k - 1] ?? "").replace(EMPTY, "").replace(CELL_BREAKS, "；") : "";
    };
    const labelled = !columns.includes("lead") && LABEL_RE.test(raw("responsible"));
    const parts = labelled
      ? [raw("responsible"), ...(get("leaders") ? [`${ROLE_LABEL.leaders}：${get("leaders")}`] : [])]
      : [[ROLE_LABEL.lead, get("lead")], [ROLE_LABEL.responsible, get("responsible")], [ROLE_LABEL.leaders, get("leaders")]]
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
  for (let j = header - 1; j >= 0; j--) {
    if (!lines[j]) continue;
    const h = HEADING1_RE.exec(lines[j]);
    if (h) {
      section = { id: h[1] ?? h[2], title: h[3].replace(/[。；]$/, ""), subsections: [] };
      sections.push(section);
      afterHeading = true;
    }
    break;
  }

  for (let i = start; i < lines.length; i++) {
    let l = lines[i];
    if (!l || headerColumn(l) !== null) continue; // blank, or a header repeated on a new page
    // A section row split over two cells: "二" / "重点工作任务", "（一）" / "…".
    const bare = sectionCell(l);
    if (bare && rowDone()) {
      let t = i + 1;
      while (t < lines.length && !lines[t]) t++;
      const title = lines[t] && !/^\d{1,4}$/.test(lines[t]) ? lines[t] : "";
      if (title) i = t;
      l = bare.level === 1 ? `${bare.id}、${title}` : `（${bare.id}）${title}`;
    }
    const h1 = HEADING1_RE.exec(l);
    const h2 = HEADING2_RE.exec(l);
    const n = numberCell(l);
    // 序号 restarting at 1 after a section row continues the count (ids must be unique), with a warning.
    const restart = n === 1 && local > 1 && afterHeading && rowDone();
    // An empty 序号 cell at the start of a tab-separated row: Word list numbering, lost in the text.
    const unnumberedRow = tsv >= 0 && l === EMPTY && (i === 0 || origin[i - 1] !== origin[i]) && rowDone();
    if ((n !== null && (n === local || restart)) || unnumberedRow) {
      flush();
      const line = origin[i] + 1;
      if (restart) report.warnOnce(line, "renumbered", `第${line}行：表格序号在各部分重新从 1 开始，已按全文顺序连续编号 (numbering restarts: tasks renumbered in document order)`);
      if (unnumberedRow) report.warnOnce(line, "unnumbered", `第${line}行：表格序号为空（可能是 Word 自动编号），已按顺序编号 (empty numbers: tasks numbered in order)`);
      local = restart ? 2 : local + 1;
      row = { n: expected, line: origin[i] + 1, cells: [] };
      expected++;
      afterHeading = false;
    } else if (h1 && rowDone()) {
      flush();
      afterHeading = true;
      section = { id: h1[1] ?? h1[2], title: h1[3].replace(/[。；]$/, ""), subsections: [] };
      sections.push(section);
      subsection = null;
    } else if (h2 && rowDone()) {
      flush();
      afterHeading = true;
      if (!section) {
        section = { id: "一", title: "", subsections: [] };
        sections.push(section);
      }
      section.subsections.push({ id: h2[1], title: h2[2].replace(/[。；]$/, "") });
      subsection = h2[1];
    } else if (row) {
      // Tab-separated rows hold all their cells on their own line: a line after it is not a cell.
      if (tsv >= 0 && origin[i] + 1 !== row.line) flush();
      else row.cells.push(l);
    }
  }
  flush();
  return drafts.length ? { drafts, sections, bodyStart: origin[header] } : null;
}
