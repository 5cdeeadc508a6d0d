/** Text shown in the pane: HTML escaping, and messages without the CLI's English glosses. Pure. */

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[
        c
      ]!,
  );
}

/**
 * Shared messages carry an English gloss for the CLI's log readers ("… (unreadable .docx)",
 * "未找到（not found）"); staff read Chinese only. A bracketed run of two or more English words with
 * no Chinese in it is a gloss; "(.xlsx)" or "（ExcelApi 1.8）" are kept.
 */
export function chineseOnly(message: string): string {
  return message
    .replace(
      /\s*[(（](?=[^()（）]*[A-Za-z]{2,}[^A-Za-z()（）]+[A-Za-z]{2,})[^()（）\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]*[)）]/g,
      "",
    )
    .trim();
}
