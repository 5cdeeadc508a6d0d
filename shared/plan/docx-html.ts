/**
 * mammoth's HTML of a .docx → lines of plan text. Paragraphs become lines; a table row becomes
 * one line of tab-separated cells, so empty cells keep their column (mammoth's raw-text output
 * drops them, which shifts 完成时限 into 责任单位). Merged section rows (colspan) become one cell.
 */

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
    .join("\u0001");
}

export function docxHtmlToText(html: string): string {
  const out: string[] = [];
  let rest = html;
  for (;;) {
    const start = rest.search(/<table[\s>]/i);
    if (start < 0) break;
    out.push(blockText(rest.slice(0, start)));
    const end = rest.indexOf("</table>", start);
    const table = rest.slice(start, end < 0 ? rest.length : end);
    for (const row of table.match(/<tr[\s>][\s\S]*?<\/tr>/gi) ?? []) {
      const cells = (row.match(/<t[dh][\s>][\s\S]*?<\/t[dh]>/gi) ?? []).map(cellText);
      out.push(cells.join("\t").replace(/\t+$/, "") + "\n");
    }
    rest = end < 0 ? "" : rest.slice(end + "</table>".length);
  }
  out.push(blockText(rest));
  return out.join("").replace(/\n{2,}/g, "\n");
}
