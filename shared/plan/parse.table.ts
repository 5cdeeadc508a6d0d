/**
 * Plans published as a table (序号 | 任务 | 牵头单位 | 责任单位 …) reach us flattened to one cell per
 * line (a .docx table through mammoth, or text copied from a table). This reads that shape.
 */
import type { Diagnostic, Section } from "./schema";
import type { Draft, TableLike } from "./parse";
import { HEADING1_RE, HEADING2_RE } from "./parse";
import { LABEL_RE } from "./units";

type Column = "number" | "text" | "lead" | "responsible" | "leaders" | "other";

function columnOf(cell: string): Column | null {
  // Headers may carry qualifiers: 牵头单位（部门）, 配合单位(部门).
  const c = cell.replace(/[\s\u0001]+/g, "").replace(/[（(][^（()）]*[）)]$/, "");
  if (/^(序号|编号)$/.test(c)) return "number";
  if (/^(牵头(责任)?(单位|部门)|主(办|责)(单位|部门))$/.test(c)) return "lead";
  if (/^((责任|配合|协办|参与|协同|协作)(单位|部门))$/.test(c)) return "responsible";
  if (/^(责任|牵头|分管|联系)[区县市]?级?领导$/.test(c)) return "leaders";
  if (/^(完成时限|时间节点|完成时间|时限|备注|类别|考核方式|进度安排|完成标准)$/.test(c)) return "other";
  // 工作任务及责任单位: the task text with its unit block inside
  if (/^(工作|重点|目标|主要)?(任务|工作|内容)(及|和|与)(责任|牵头)?(单位|分工)$/.test(c)) return "text";
  // 工作任务, 重点工作, 目标任务, 主要任务内容, 工作事项, 具体举措 …
  if (c.length <= 10 && /(任务|工作|内容|事项|目标|举措|措施)/.test(c) && !/(单位|部门|领导|时限|时间|序号|编号)/.test(c) && !/^[一二三四五六七八九十（(\d]/.test(c))
    return "text";
  return null;
}

/** A 序号 cell: "3", "3.", "3．", "3、" (full-width digits already made ASCII). */
const NUMBER_CELL_RE = /^(\d{1,4})[.．、]?$/;

const TIME_RE = /^(\d{4}年)?(\d{1,2}月(底|末|前|中旬|上旬|下旬)?|年底|年末|全年|长期|持续推进|每季度|[一二三四]季度(末|底)?|\d{4}年(底|末)?)(前)?(完成)?$/;

/** Separates paragraphs inside one table cell (see shared/plan/docx-html.ts). */
export const CELL_BREAK = "\u0001";

/** Marks an empty cell of a tab-separated row, so it keeps its column. */
const EMPTY = "\u0000";

export function parseTable(source: string[]): TableLike | null {
  // Tab-separated rows (a table copied from Word or Excel): one cell per line, empty cells kept.
  // A first column 类别/板块 (the section, often merged down) may stand before 序号: its cells become
  // heading lines before their rows, once per change.
  const numberAt = (l: string) => l.split("\t").findIndex((c) => columnOf(c) === "number");
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
    if (columnOf(lines[i]) !== "number") continue;
    const cols: Column[] = ["number"];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (!lines[j]) continue;
      const c = columnOf(lines[j]);
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

  const diagnostics: Diagnostic[] = [];
  const sections: Section[] = [];
  const drafts: Draft[] = [];
  let section: Section | null = null;
  let subsection: string | null = null;
  let expected = 1;
  /** The next number the document itself should show (restarts per section in some plans). */
  let local = 1;
  let afterHeading = false;
  const warned = new Set<string>();
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
      if (!TIME_RE.test(rest[rest.length - 1])) break;
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
      return cell.replace(/\u0001+/g, c === "text" ? "" : "、");
    };
    // A single 责任单位 column may hold labelled paragraphs ("牵头单位：…" / "配合单位：…"): kept as written.
    const raw = (c: Column) => {
      const k = columns.indexOf(c);
      return k > 0 ? (cells[k - 1] ?? "").replace(EMPTY, "").replace(/\u0001+/g, "；") : "";
    };
    const labelled = !columns.includes("lead") && LABEL_RE.test(raw("responsible"));
    const parts = labelled
      ? [raw("responsible"), ...(get("leaders") ? [`责任领导：${get("leaders")}`] : [])]
      : [["牵头单位", get("lead")], ["责任单位", get("responsible")], ["责任领导", get("leaders")]]
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
    if (!l || columnOf(l) !== null) continue; // blank, or a header repeated on a new page
    // A section row split over two cells: "二" / "重点工作任务", "（一）" / "…".
    const bare = /^([一二三四五六七八九十]{1,3})[、．.]?$|^[（(]([一二三四五六七八九十]{1,3})[）)]$/.exec(l);
    if (bare && rowDone()) {
      let t = i + 1;
      while (t < lines.length && !lines[t]) t++;
      const title = lines[t] && !/^\d{1,4}$/.test(lines[t]) ? lines[t] : "";
      if (title) i = t;
      l = bare[1] ? `${bare[1]}、${title}` : `（${bare[2]}）${title}`;
    }
    const h1 = HEADING1_RE.exec(l);
    const h2 = HEADING2_RE.exec(l);
    const num = NUMBER_CELL_RE.exec(l.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
    const n = num ? Number(num[1]) : NaN;
    // 序号 restarting at 1 after a section row continues the count (ids must be unique), with a warning.
    const restart = n === 1 && local > 1 && afterHeading && rowDone();
    // An empty 序号 cell at the start of a tab-separated row: Word list numbering, lost in the text.
    const unnumberedRow = tsv >= 0 && l === EMPTY && (i === 0 || origin[i - 1] !== origin[i]) && rowDone();
    if ((num && (n === local || restart)) || unnumberedRow) {
      flush();
      if (restart && !warned.has("renumbered")) {
        warned.add("renumbered");
        diagnostics.push({ severity: "warning", line: origin[i] + 1, code: "renumbered", message: `第${origin[i] + 1}行：表格序号在各部分重新从 1 开始，已按全文顺序连续编号 (numbering restarts: tasks renumbered in document order)` });
      }
      if (unnumberedRow && !warned.has("unnumbered")) {
        warned.add("unnumbered");
        diagnostics.push({ severity: "warning", line: origin[i] + 1, code: "unnumbered", message: `第${origin[i] + 1}行：表格序号为空（可能是 Word 自动编号），已按顺序编号 (empty numbers: tasks numbered in order)` });
      }
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
  return drafts.length ? { drafts, sections, bodyStart: origin[header], diagnostics } : null;
}
