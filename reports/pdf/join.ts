/**
 * Joining printed PDFs into one (the combined scorecards from the per-unit ones) with pdf-lib,
 * keeping what Chromium gave each part: pages, fonts, the structure tree (tagged PDF) and the
 * outline. pdf-lib's copyPages copies pages only: a page's marked content points into a structure
 * tree (/StructParents → the ParentTree) that copyPages leaves behind, and the outline is not
 * copied at all. So each part is copied through ONE object copier (its pages first, then its
 * structure elements, whose /Pg then point at the copied pages), its ParentTree keys are shifted
 * past the previous parts', and one outline entry per part is written over the part's own entries.
 *
 * The joined PDF is streamed: after each part, every object copied from it is written to the sink
 * (plain objects packed into compressed object streams, as pdf-lib's own writer does) and dropped
 * from memory; only the catalog, page tree, structure root and outline wait for the end, with a
 * cross-reference stream. Memory does not grow with the parts' bytes, only by a few numbers per object.
 *
 * The parts' subsets of one font become one font (join-fonts.ts), gathered part by part and written at
 * the end too: the copier is told, before it copies a part, that the part's font is the shared one, so
 * the part's pages and forms point at it and the part's own font objects are never copied.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObjectCopier, PDFObjectStream, PDFRawStream, PDFRef, PDFStream, type PDFObject } from "pdf-lib";
import { JoinedFonts, type JoinedFontsSummary } from "./join-fonts";
import { mapOutline, readOutline, writeOutline, type OutlineEntry } from "./outline";
import { flate, lookupDict, numberTree } from "./pdf-objects";

export interface JoinPart {
  /** The part's PDF (read from disk one at a time: only the joined document stays in memory). */
  read: () => Promise<Uint8Array>;
  /**
   * The part's outline entry (e.g. the unit's name), over the part's own entries; without one, the
   * part's own entries go to the top level (the pieces of one long document: its chapters).
   */
  bookmark?: string;
  /**
   * Without a bookmark: how many of the part's first top-level entries belong under the previous
   * part's last one (a piece starting in the middle of a chapter: its h2 entries go under the h1).
   */
  continuesOutline?: number;
}

export interface JoinMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  lang: string;
  creator: string;
}

const N = (s: string) => PDFName.of(s);

/** Where the joined PDF goes, chunk after chunk (a file, or memory in tests). */
export type JoinSink = (chunk: Uint8Array) => Promise<void>;

/** Objects packed per compressed object stream (pdf-lib's writer packs 50). */
const OBJECTS_PER_STREAM = 100;
const OBJ_TAIL = "\nendobj\n\n";

/**
 * Writes a PDFContext's indirect objects out as they are finished and forgets them; the
 * cross-reference entries (type, field 2, field 3 per object number) are all that stays.
 */
export class StreamingWriter {
  private offset = 0;
  private readonly xref: [number, number, number][] = [];

  constructor(
    private readonly context: PDFDocument["context"],
    private readonly sink: JoinSink,
  ) {}

  private async emit(chunks: Uint8Array[]): Promise<void> {
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    this.offset += all.length;
    if (all.length > 0) await this.sink(all);
  }

  async header(): Promise<void> {
    await this.emit([Buffer.from("%PDF-1.7\n%\x81\x81\x81\x81\n\n", "latin1")]);
  }

  /** Writes and drops every object but those kept for the end. */
  async flush(keep: ReadonlySet<PDFRef>): Promise<void> {
    const plain: [PDFRef, PDFObject][] = [];
    const direct: [PDFRef, PDFObject][] = [];
    for (const [ref, obj] of this.context.enumerateIndirectObjects()) {
      if (keep.has(ref)) continue;
      this.context.delete(ref);
      (obj instanceof PDFStream || ref.generationNumber !== 0 ? direct : plain).push([ref, obj]);
    }
    for (let i = 0; i < plain.length; i += OBJECTS_PER_STREAM) {
      const chunk = plain.slice(i, i + OBJECTS_PER_STREAM);
      const streamRef = this.context.nextRef();
      chunk.forEach(([ref], index) => (this.xref[ref.objectNumber] = [2, streamRef.objectNumber, index]));
      // Compressed with Node's zlib rather than pdf-lib's (pako, in JavaScript): a third of the writing time.
      const objects = PDFObjectStream.withContextAndObjects(this.context, chunk, false);
      const dict = objects.dict.clone(this.context);
      dict.set(PDFName.of("Filter"), PDFName.of("FlateDecode"));
      direct.push([streamRef, PDFRawStream.of(dict, flate(objects.getUnencodedContents()))]);
    }
    // One buffer for the whole flush, each object serialized straight into it (no copy per object, no concat).
    const heads = direct.map(([ref]) => `${ref.objectNumber} ${ref.generationNumber} obj\n`);
    const sizes = direct.map(([, obj]) => obj.sizeInBytes());
    const total = direct.reduce((n, _, i) => n + heads[i]!.length + sizes[i]! + OBJ_TAIL.length, 0);
    const out = Buffer.allocUnsafe(total);
    let at = 0;
    direct.forEach(([ref, obj], i) => {
      this.xref[ref.objectNumber] = [1, this.offset + at, ref.generationNumber];
      at += out.write(heads[i]!, at, "latin1");
      obj.copyBytesInto(out, at);
      at += sizes[i]!;
      at += out.write(OBJ_TAIL, at, "latin1");
    });
    if (at !== total) throw new Error(`StreamingWriter: ${at} bytes written of ${total} measured`);
    await this.emit([out]);
  }

  /** The cross-reference stream and trailer; returns the bytes written in all. */
  async finish(root: PDFRef, info: PDFRef): Promise<number> {
    await this.flush(new Set());
    const self = this.context.nextRef();
    this.xref[self.objectNumber] = [1, this.offset, 0];
    const size = self.objectNumber + 1;
    const rows = Buffer.alloc(size * 7);
    for (let n = 0; n < size; n++) {
      const [type, f2, f3] = this.xref[n] ?? [0, 0, n === 0 ? 65535 : 0];
      rows.writeUInt8(type, n * 7);
      rows.writeUInt32BE(f2, n * 7 + 1);
      rows.writeUInt16BE(f3, n * 7 + 5);
    }
    const data = flate(rows);
    const at = this.offset;
    await this.emit([
      Buffer.from(
        `${self.objectNumber} 0 obj\n<</Type /XRef /Size ${size} /W [1 4 2] /Root ${root.objectNumber} 0 R /Info ${info.objectNumber} 0 R` +
          ` /Filter /FlateDecode /Length ${data.length}>>\nstream\n`,
        "latin1",
      ),
      data,
      Buffer.from(`\nendstream\nendobj\n\nstartxref\n${at}\n%%EOF\n`, "latin1"),
    ]);
    return this.offset;
  }
}

export interface JoinResult {
  /** Bytes written to the sink. */
  bytes: number;
  pages: number;
  /** Whether every part had a structure tree, all of it carried over (the joined PDF is tagged). */
  tagged: boolean;
}

export interface JoinedPdf extends JoinResult {
  /** The fonts shared by the parts. */
  fonts: JoinedFontsSummary;
}

/**
 * Makes `copier` copy references to `from` as `to` (an object already in the destination): pdf-lib
 * has no public way, so its map of copied objects is filled in, checked to be there.
 */
function copyAs(copier: PDFObjectCopier, mapping: ReadonlyMap<PDFRef, PDFRef>): void {
  const traversed = (copier as unknown as { traversedObjects?: unknown }).traversedObjects;
  if (!(traversed instanceof Map)) throw new Error("pdf-lib's PDFObjectCopier has no traversedObjects map: joining cannot share fonts");
  for (const [from, to] of mapping) traversed.set(from, to);
}

/** Info and /Lang of a PDF made here; the title is shown in the viewer's window title bar (DisplayDocTitle). */
export function setDocumentInfo(doc: PDFDocument, meta: JoinMetadata, producer: string): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords([meta.keywords]);
  doc.setCreator(meta.creator);
  doc.setProducer(producer);
  doc.setLanguage(meta.lang);
}

export async function joinPdfs(parts: readonly JoinPart[], meta: JoinMetadata, sink: JoinSink): Promise<JoinedPdf> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const { context } = out;
  const writer = new StreamingWriter(context, sink);
  await writer.header();
  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const pagesRef = out.catalog.get(N("Pages")) as PDFRef;
  const catalogRef = context.trailerInfo.Root as PDFRef;
  // Written at the end: what later parts still change.
  const keep = new Set([catalogRef, pagesRef]);
  const pageKids: PDFRef[] = [];
  const structKids: PDFRef[] = [];
  const parentTree: PDFObject[] = [];
  let nextKey = 0;
  let tagged = true;
  const outline: OutlineEntry[] = [];
  let roleMap: PDFObject | undefined;
  const fonts = new JoinedFonts(context);

  for (const part of parts) {
    const src = await PDFDocument.load(await part.read(), { updateMetadata: false });
    const copier = PDFObjectCopier.for(src.context, context);
    copyAs(copier, fonts.take(src.context));
    const pageRefs = src.getPages().map((p) => copier.copy(p.ref) as PDFRef);
    // The page tree is written at the end (a flat list of the copied pages).
    const pages = pageRefs.map((ref) => {
      const node = context.lookup(ref) as PDFDict;
      node.set(N("Parent"), pagesRef);
      pageKids.push(ref);
      return node;
    });

    const structRoot = lookupDict(src, src.catalog.get(N("StructTreeRoot")));
    if (structRoot) {
      roleMap ??= structRoot.get(N("RoleMap")) && copier.copy(structRoot.get(N("RoleMap"))!);
      const shift = nextKey;
      // Top elements point back (/P) at the part's root: cut that before copying, set it to ours after.
      const k = structRoot.get(N("K"));
      const top = k instanceof PDFRef ? [k] : k instanceof PDFArray ? k.asArray().filter((x): x is PDFRef => x instanceof PDFRef) : [];
      for (const ref of top) lookupDict(src, ref)?.delete(N("P"));
      for (const ref of top) {
        const copied = copier.copy(ref) as PDFRef;
        const elem = context.lookup(copied) as PDFDict;
        elem.set(N("P"), documentRef);
        // One Document element at the root (as PDF/UA asks); each part's own becomes a Part in it.
        if (elem.get(N("S")) === N("Document")) elem.set(N("S"), N("Part"));
        structKids.push(copied);
      }
      const pairs = numberTree(src, lookupDict(src, structRoot.get(N("ParentTree"))));
      for (const [key, value] of pairs) parentTree.push(PDFNumber.of(key + shift), copier.copy(value));
      const declared = structRoot.lookup(N("ParentTreeNextKey"));
      nextKey = shift + Math.max(declared instanceof PDFNumber ? declared.asNumber() : 0, ...[...pairs.keys()].map((key) => key + 1));
      for (const page of pages) {
        const sp = page.lookup(N("StructParents"));
        if (sp instanceof PDFNumber) page.set(N("StructParents"), PDFNumber.of(sp.asNumber() + shift));
        const annots = page.lookup(N("Annots"));
        if (annots instanceof PDFArray)
          for (let i = 0; i < annots.size(); i++) {
            const a = lookupDict(out, annots.get(i));
            const p = a?.lookup(N("StructParent"));
            if (a && p instanceof PDFNumber) a.set(N("StructParent"), PDFNumber.of(p.asNumber() + shift));
          }
      }
    } else tagged = false;

    const own = mapOutline(readOutline(src), (e) => e.dest && copier.copy(e.dest));
    if (part.bookmark === undefined) {
      const parent = outline.at(-1);
      const under = parent ? Math.min(part.continuesOutline ?? 0, own.length) : 0;
      parent?.children.push(...own.slice(0, under));
      outline.push(...own.slice(under));
    } else {
      const children = own.length === 1 ? own[0]!.children : own;
      outline.push({ title: part.bookmark, pageIndex: undefined, dest: pageRefs[0] && context.obj([pageRefs[0], N("XYZ"), null, null, null]), children });
    }
    await writer.flush(keep);
  }
  context.assign(pagesRef, context.obj({ Type: "Pages", Kids: pageKids, Count: pageKids.length }));
  const fontSummary = fonts.finish();

  if (tagged && structKids.length > 0) {
    context.assign(documentRef, context.obj({ Type: "StructElem", S: "Document", P: rootRef, K: structKids }));
    const treeRoot = context.obj({ Type: "StructTreeRoot", K: documentRef, ParentTreeNextKey: nextKey }) as PDFDict;
    treeRoot.set(N("ParentTree"), context.register(context.obj({ Nums: parentTree })));
    if (roleMap) treeRoot.set(N("RoleMap"), roleMap);
    context.assign(rootRef, treeRoot);
    out.catalog.set(N("StructTreeRoot"), rootRef);
    out.catalog.set(N("MarkInfo"), context.obj({ Marked: true }));
  }
  writeOutline(out, outline);
  setDocumentInfo(out, meta, "pdf-lib (joining Chromium's PDFs)");
  const bytes = await writer.finish(catalogRef, context.trailerInfo.Info as PDFRef);
  return { bytes, pages: pageKids.length, tagged: tagged && structKids.length > 0, fonts: fontSummary };
}
