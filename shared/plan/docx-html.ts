/**
 * mammoth's HTML of a .docx → lines of plan text. Paragraphs become lines; a table row becomes
 * one line of tab-separated cells, so empty cells keep their column (mammoth's raw-text output
 * drops them, which shifts 完成时限 into 责任单位). Merged section rows (colspan) become one cell.
 */

import { HEADING_NUMERAL, toChineseNumeral } from "../vocabulary";
import { CELL_BREAK } from "./parse.lines";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Text of an HTML fragment: block ends become newlines, other tags vanish. */
function blockText(html: string): string {
  return decode(
    html
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|h[1-6]|li|div)>/gi, "\n")
      .replace(/<[^>]+>/g, ""),
  );
}

/** A cell's paragraphs, joined by U+0001: the table reader joins them as text or splits units at it. */
function cellText(html: string): string {
  return blockText(html)
    .replace(/\t/g, " ")
    .split("\n")
    .map((p) => p.trim())
    .filter(Boolean)
    .join(CELL_BREAK);
}

/**
 * A table's rows as cell texts on a grid: a cell merged down (rowspan: a leader or 完成时限 shared by
 * several tasks, a two-row header) is repeated in the rows below; a cell merged across (colspan)
 * fills its columns with empty cells — except a row of one cell (a section row), kept as one cell.
 */
function tableRows(table: string): string[][] {
  const rows: string[][] = [];
  const carried: { text: string; left: number }[] = [];
  for (const tr of table.match(/<tr[\s>][\s\S]*?<\/tr>/gi) ?? []) {
    const tds = tr.match(/<t[dh][\s>][\s\S]*?<\/t[dh]>/gi) ?? [];
    const row: string[] = [];
    let col = 0;
    const fillCarried = () => {
      for (let c = carried[col]; c && c.left > 0; c = carried[col]) {
        row.push(c.text);
        c.left--;
        col++;
      }
    };
    for (const td of tds) {
      fillCarried();
      const open = /^<t[dh]([^>]*)>/i.exec(td)?.[1] ?? "";
      const span = (name: string) => Math.max(1, Number(new RegExp(`${name}="(\\d+)"`, "i").exec(open)?.[1] ?? 1));
      const text = cellText(td);
      const cs = tds.length === 1 ? 1 : span("colspan");
      const rs = span("rowspan");
      for (let k = 0; k < cs; k++) {
        row.push(k === 0 ? text : "");
        carried[col] = { text: k === 0 ? text : "", left: rs - 1 };
        col++;
      }
    }
    fillCarried();
    rows.push(row);
  }
  return rows;
}

const N = `[${HEADING_NUMERAL}]+`;
/** A heading that already shows its numeral: 一、 / （一） / 第一部分. */
const NUMBERED_HEADING_RE = new RegExp(`^(${N}[、．.]|[（(]${N}[）)]|第${N}部分)`);

/**
 * Word numbers heading styles through list numbering, which mammoth drops (<h1>主要预期目标</h1>).
 * Heading 1 and 2 without a written numeral get 一、 / （一） back, in document order; a heading that
 * is the document's title (…方案, …通知, 附件) is left alone.
 */
function numberHeadings(html: string): string {
  let h1 = 0;
  let h2 = 0;
  return html.replace(/<h([12])>([\s\S]*?)<\/h\1>/gi, (whole, level: string, inner: string) => {
    const text = blockText(inner).trim();
    if (NUMBERED_HEADING_RE.test(text)) return whole;
    if (/(方案|通知|分解表|清单|附件)$|^附件/.test(text)) return whole;
    if (level === "1") {
      h2 = 0;
      return `<h1>${toChineseNumeral(++h1)}、${inner}</h1>`;
    }
    return `<h2>（${toChineseNumeral(++h2)}）${inner}</h2>`;
  });
}

export function docxHtmlToText(html: string): string {
  const out: string[] = [];
  let rest = numberHeadings(html);
  for (;;) {
    const start = rest.search(/<table[\s>]/i);
    if (start < 0) break;
    out.push(blockText(rest.slice(0, start)));
    const end = rest.indexOf("</table>", start);
    const table = rest.slice(start, end < 0 ? rest.length : end);
    for (const row of tableRows(table)) out.push(row.join("\t").replace(/\t+$/, "") + "\n");
    rest = end < 0 ? "" : rest.slice(end + "</table>".length);
  }
  out.push(blockText(rest));
  return out.join("").replace(/\n{2,}/g, "\n");
}
