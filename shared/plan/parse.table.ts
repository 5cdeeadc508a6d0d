/**
 * Plans published as a table (序号 | 任务 | 牵头单位 | 责任单位 …) reach us flattened to one cell per
 * line (a .docx table through mammoth, or text copied from a table). This reads that shape.
 */
import type { Diagnostic, Section } from "./schema";
import type { Draft, TableLike } from "./parse";
import { HEADING1_RE, HEADING2_RE } from "./parse";

type Column = "number" | "text" | "lead" | "responsible" | "leaders" | "other";

function columnOf(cell: string): Column | null {
  const c = cell.replace(/\s+/g, "");
  if (/^(序号|编号)$/.test(c)) return "number";
  if (/^(牵头单位|牵头部门|主办单位|主责单位)$/.test(c)) return "lead";
  if (/^(责任单位|责任部门|配合单位|配合部门|协办单位|参与单位)$/.test(c)) return "responsible";
  if (/^(责任领导|牵头领导|分管领导|牵头区领导|责任区领导)$/.test(c)) return "leaders";
  if (/^(工作任务|目标任务|重点任务|主要任务|任务|任务内容|工作内容|具体任务|具体内容|目标|主要目标|工作目标|目标任务内容)$/.test(c)) return "text";
  if (/^(完成时限|时间节点|完成时间|时限|备注|类别|考核方式)$/.test(c)) return "other";
  return null;
}

export function parseTable(lines: string[]): TableLike | null {
  // Header: "序号" followed by at least two known column names, one of them 牵头单位.
  let start = -1;
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
    if (cols.includes("lead") && cols.includes("text")) {
      start = j;
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
  let row: { n: number; line: number; cells: string[] } | null = null;
  const cellCount = columns.length - 1;
  // Cells a row needs before a heading line can end it (trailing "other" columns may be empty).
  const required = Math.max(...(["text", "lead", "responsible", "leaders"] as Column[]).map((c) => columns.indexOf(c)));
  const rowDone = () => !row || row.cells.length >= required;

  const flush = () => {
    if (!row) return;
    const cells = row.cells;
    // Extra lines wrap the task text (the widest column); missing trailing cells stay empty.
    const textIdx = columns.indexOf("text") - 1;
    while (cells.length > cellCount && textIdx >= 0) cells.splice(textIdx, 2, cells[textIdx] + cells[textIdx + 1]);
    const get = (c: Column) => {
      const k = columns.indexOf(c);
      return k > 0 ? (cells[k - 1] ?? "") : "";
    };
    const parts = [["牵头单位", get("lead")], ["责任单位", get("responsible")], ["责任领导", get("leaders")]]
      .filter(([, v]) => v)
      .map(([l, v]) => `${l}：${v}`);
    if (!section) {
      section = { id: "一", title: "", subsections: [] };
      sections.push(section);
    }
    drafts.push({ n: row.n, line: row.line, section: section.id, subsection, text: get("text"), unitText: parts.join("；"), unitLine: row.line });
    row = null;
  };

  for (let i = start; i < lines.length; i++) {
    const l = lines[i];
    if (!l || columnOf(l) !== null) continue; // blank, or a header repeated on a new page
    const h1 = HEADING1_RE.exec(l);
    const h2 = HEADING2_RE.exec(l);
    if (/^\d{1,4}$/.test(l) && Number(l) === expected) {
      flush();
      row = { n: expected, line: i + 1, cells: [] };
      expected++;
    } else if (h1 && rowDone()) {
      flush();
      section = { id: h1[1] ?? h1[2], title: h1[3].replace(/[。；]$/, ""), subsections: [] };
      sections.push(section);
      subsection = null;
    } else if (h2 && rowDone()) {
      flush();
      if (!section) {
        section = { id: "一", title: "", subsections: [] };
        sections.push(section);
      }
      section.subsections.push({ id: h2[1], title: h2[2].replace(/[。；]$/, "") });
      subsection = h2[1];
    } else if (row) {
      row.cells.push(l);
    }
  }
  flush();
  return drafts.length ? { drafts, sections, bodyStart: start, diagnostics } : null;
}
