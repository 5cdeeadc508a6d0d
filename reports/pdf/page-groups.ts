/**
 * Where each page group of a printed document starts: the document's top-level bookmarks (one per
 * group's <h1>, in order) and the pages they point at. A bookmark that is not the group's heading
 * means the document does not have the structure the groups assume: that is an error, never a guess.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from "pdf-lib";

const N = (s: string) => PDFName.of(s);
const normal = (s: string) => s.replace(/\s+/g, " ").trim();

export class PageGroupError extends Error {}

export async function groupStarts(pdf: Uint8Array, bookmarks: readonly string[]): Promise<{ starts: number[]; pages: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const top: { title: string; page: number | undefined }[] = [];
  const outlines = doc.catalog.lookup(N("Outlines"));
  for (let d = outlines instanceof PDFDict ? outlines.lookup(N("First")) : undefined; d instanceof PDFDict; d = d.lookup(N("Next"))) {
    const title = d.lookup(N("Title"));
    const action = d.lookup(N("A"));
    const dest = d.lookup(N("Dest")) ?? (action instanceof PDFDict ? action.lookup(N("D")) : undefined);
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    top.push({
      title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : "",
      page: target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined,
    });
  }
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
  if (top.length !== bookmarks.length) throw new PageGroupError(`分组打印：书签 ${top.length} 个，分组 ${bookmarks.length} 个 (bookmarks and page groups differ in number)`);
  return { starts, pages: doc.getPageCount() };
}
