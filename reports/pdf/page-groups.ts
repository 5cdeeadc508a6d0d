/**
 * Where each page group of a printed document starts: the document's top-level bookmarks (one per
 * group's <h1>, in order) and the pages they point at. A bookmark that is not the group's heading
 * means the document does not have the structure the groups assume: that is an error, never a guess.
 */
import type { PDFDocument } from "pdf-lib";
import { readOutline } from "./outline";

const normal = (s: string) => s.replace(/\s+/g, " ").trim();

export class PageGroupError extends Error {}

export function groupStarts(doc: PDFDocument, bookmarks: readonly string[]): { starts: number[]; pages: number } {
  const top = readOutline(doc).map((e) => ({ title: e.title, page: e.pageIndex }));
  const starts: number[] = [];
  bookmarks.forEach((b, i) => {
    const entry = top[i];
    if (!entry || normal(entry.title) !== normal(b) || entry.page === undefined || (i > 0 && entry.page <= starts[i - 1]!)) {
      throw new PageGroupError(
        `分组打印：第 ${i + 1} 个书签应为“${b}”，实为“${entry?.title ?? "（无）"}” (page group ${i + 1} should start at the bookmark "${b}")`,
      );
    }
    starts.push(entry.page);
  });
  if (starts.length > 0 && starts[0] !== 0) throw new PageGroupError(`分组打印：前 ${starts[0]} 页不属于任何分组 (pages before the first group)`);
  if (top.length !== bookmarks.length)
    throw new PageGroupError(`分组打印：书签 ${top.length} 个，分组 ${bookmarks.length} 个 (bookmarks and page groups differ in number)`);
  return { starts, pages: doc.getPageCount() };
}
