/**
 * A PDF's outline (bookmarks), read and written with pdf-lib: the one home for it, used by the join
 * (per-unit PDFs → combined) and the split (combined → per-unit). Reading reports each entry's
 * destination page as an index into its document, so a caller can keep, drop or re-point entries by
 * page without knowing the destination's form (explicit array, or a named destination).
 */
import { lookupDict } from "./pdf-objects";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from "pdf-lib";

export interface OutlineEntry {
  title: string;
  /** The destination page's index in the document read (undefined: no destination, or not a page of it). */
  pageIndex: number | undefined;
  /** The destination as read (an object of the document read: copy or re-point it before writing elsewhere). */
  dest: PDFObject | undefined;
  children: OutlineEntry[];
}

const N = (s: string) => PDFName.of(s);

const text = (o: PDFObject | undefined): string | undefined => (o instanceof PDFHexString || o instanceof PDFString ? o.decodeText() : undefined);

/** A named destination's value (/Dests dictionary of PDF 1.1, or the /Names /Dests name tree). */
function namedDest(doc: PDFDocument, name: string): PDFObject | undefined {
  const old = lookupDict(doc, doc.catalog.get(N("Dests")))?.get(N(name));
  if (old) return old;
  const search = (node: PDFDict | undefined): PDFObject | undefined => {
    if (!node) return undefined;
    const names = node.lookup(N("Names"));
    if (names instanceof PDFArray) for (let i = 0; i + 1 < names.size(); i += 2) if (text(names.lookup(i)) === name) return names.get(i + 1);
    const kids = node.lookup(N("Kids"));
    if (kids instanceof PDFArray)
      for (let i = 0; i < kids.size(); i++) {
        const found = search(lookupDict(doc, kids.get(i)));
        if (found) return found;
      }
    return undefined;
  };
  return search(lookupDict(doc, lookupDict(doc, doc.catalog.get(N("Names")))?.get(N("Dests"))));
}

/** The page a destination points at, as an index: an explicit [page /XYZ …] array, or a name resolving to one. */
function destPage(doc: PDFDocument, dest: PDFObject | undefined, pageIndex: ReadonlyMap<PDFRef, number>): number | undefined {
  let d = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
  if (d instanceof PDFName) d = namedDest(doc, d.decodeText());
  else if (d instanceof PDFString || d instanceof PDFHexString) d = namedDest(doc, d.decodeText());
  if (d instanceof PDFRef) d = doc.context.lookup(d);
  if (d instanceof PDFDict) d = d.lookup(N("D")); // a named destination may be a dictionary { D: [...] }
  if (!(d instanceof PDFArray)) return undefined;
  const page = d.get(0);
  return page instanceof PDFRef ? pageIndex.get(page) : undefined;
}

/** Page object → index, for a loaded document. */
export function pageIndexes(doc: PDFDocument): Map<PDFRef, number> {
  return new Map(doc.getPages().map((p, i) => [p.ref, i]));
}

export function readOutline(doc: PDFDocument, pages: ReadonlyMap<PDFRef, number> = pageIndexes(doc)): OutlineEntry[] {
  const seen = new Set<PDFDict>(); // a malformed outline may loop through /Next
  const items = (first: PDFObject | undefined): OutlineEntry[] => {
    const out: OutlineEntry[] = [];
    for (let d = lookupDict(doc, first); d && !seen.has(d); d = lookupDict(doc, d.get(N("Next")))) {
      seen.add(d);
      const action = lookupDict(doc, d.get(N("A")));
      const dest = d.get(N("Dest")) ?? (action?.lookup(N("S")) === N("GoTo") ? action.get(N("D")) : undefined);
      out.push({ title: text(d.lookup(N("Title"))) ?? "", pageIndex: destPage(doc, dest, pages), dest, children: items(d.get(N("First"))) });
    }
    return out;
  };
  return items(lookupDict(doc, doc.catalog.get(N("Outlines")))?.get(N("First")));
}

/** The same entries with each destination replaced (entries mapped to undefined dests keep their title). */
export function mapOutline(entries: readonly OutlineEntry[], f: (e: OutlineEntry) => PDFObject | undefined): OutlineEntry[] {
  return entries.map((e) => ({ ...e, dest: f(e), children: mapOutline(e.children, f) }));
}

/** Writes the outline (destinations must already be objects of `doc`); each entry with children starts closed. */
export function writeOutline(doc: PDFDocument, items: readonly OutlineEntry[]): void {
  const { context } = doc;
  const write = (list: readonly OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => context.nextRef());
    list.forEach((item, i) => {
      const d = context.obj({}) as PDFDict;
      d.set(N("Title"), PDFHexString.fromText(item.title));
      d.set(N("Parent"), parent);
      if (i > 0) d.set(N("Prev"), refs[i - 1]!);
      if (i < list.length - 1) d.set(N("Next"), refs[i + 1]!);
      if (item.dest) d.set(N("Dest"), item.dest);
      if (item.children.length > 0) {
        const kids = write(item.children, refs[i]!);
        d.set(N("First"), kids.first);
        d.set(N("Last"), kids.last);
        d.set(N("Count"), PDFNumber.of(-kids.count)); // closed: a long list of units reads better folded
      }
      context.assign(refs[i]!, d);
    });
    return { first: refs[0]!, last: refs.at(-1)!, count: list.length };
  };
  if (items.length === 0) return;
  const root = context.nextRef();
  const top = write(items, root);
  context.assign(root, context.obj({ Type: "Outlines", First: top.first, Last: top.last, Count: top.count }));
  doc.catalog.set(N("Outlines"), root);
  doc.catalog.set(N("PageMode"), N("UseOutlines"));
}
