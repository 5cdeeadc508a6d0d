/**
 * Joining printed PDFs into one (the combined scorecards from the per-unit ones) with pdf-lib,
 * keeping what Chromium gave each part: pages, fonts, the structure tree (tagged PDF) and the
 * outline. pdf-lib's copyPages copies pages only: a page's marked content points into a structure
 * tree (/StructParents → the ParentTree) that copyPages leaves behind, and the outline is not
 * copied at all. So each part is copied through ONE object copier (its pages first, then its
 * structure elements, whose /Pg then point at the copied pages), its ParentTree keys are shifted
 * past the previous parts', and one outline entry per part is written over the part's own entries.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFString,
  type PDFObject,
} from "pdf-lib";

export interface JoinPart {
  /** The part's PDF (read from disk one at a time: only the joined document stays in memory). */
  read: () => Promise<Uint8Array>;
  /** The part's outline entry (e.g. the unit's name). */
  bookmark: string;
}

export interface JoinMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  lang: string;
  creator: string;
}

interface OutlineItem {
  title: string;
  dest: PDFObject | undefined;
  children: OutlineItem[];
}

const N = (s: string) => PDFName.of(s);

function dict(doc: PDFDocument, o: PDFObject | undefined): PDFDict | undefined {
  const v = o instanceof PDFRef ? doc.context.lookup(o) : o;
  return v instanceof PDFDict ? v : undefined;
}

/** A part's outline, its destinations copied into the joined document. */
function readOutline(src: PDFDocument, copier: PDFObjectCopier): OutlineItem[] {
  const items = (first: PDFObject | undefined): OutlineItem[] => {
    const out: OutlineItem[] = [];
    for (let d = dict(src, first); d; d = dict(src, d.get(N("Next")))) {
      const title = d.lookup(N("Title"));
      const action = dict(src, d.get(N("A")));
      const dest = d.get(N("Dest")) ?? action?.get(N("D"));
      out.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : "",
        dest: dest ? copier.copy(dest) : undefined,
        children: items(d.get(N("First"))),
      });
    }
    return out;
  };
  return items(dict(src, src.catalog.get(N("Outlines")))?.get(N("First")));
}

function writeOutline(doc: PDFDocument, items: readonly OutlineItem[]): void {
  const { context } = doc;
  const write = (list: readonly OutlineItem[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => context.nextRef());
    let count = list.length;
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
    return { first: refs[0]!, last: refs.at(-1)!, count };
  };
  if (items.length === 0) return;
  const root = context.nextRef();
  const top = write(items, root);
  context.assign(root, context.obj({ Type: "Outlines", First: top.first, Last: top.last, Count: top.count }));
  doc.catalog.set(N("Outlines"), root);
  doc.catalog.set(N("PageMode"), N("UseOutlines"));
}

/** The ParentTree's (key, value) pairs: a number tree, flat (/Nums) or with /Kids. */
function numberTree(src: PDFDocument, node: PDFDict | undefined, into: [number, PDFObject][] = []): [number, PDFObject][] {
  if (!node) return into;
  const nums = node.lookup(N("Nums"));
  if (nums instanceof PDFArray) {
    for (let i = 0; i + 1 < nums.size(); i += 2) into.push([(nums.lookup(i) as PDFNumber).asNumber(), nums.get(i + 1)]);
  }
  const kids = node.lookup(N("Kids"));
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) numberTree(src, dict(src, kids.get(i)), into);
  return into;
}

export interface JoinResult {
  bytes: Uint8Array;
  pages: number;
  /** Whether every part had a structure tree, all of it carried over (the joined PDF is tagged). */
  tagged: boolean;
}

export async function joinPdfs(parts: readonly JoinPart[], meta: JoinMetadata): Promise<JoinResult> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const { context } = out;
  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const structKids: PDFRef[] = [];
  const parentTree: PDFObject[] = [];
  let nextKey = 0;
  let tagged = true;
  const outline: OutlineItem[] = [];
  let roleMap: PDFObject | undefined;

  for (const part of parts) {
    const src = await PDFDocument.load(await part.read(), { updateMetadata: false });
    const copier = PDFObjectCopier.for(src.context, context);
    const pageRefs = src.getPages().map((p) => copier.copy(p.ref) as PDFRef);
    const pages = pageRefs.map((ref) => {
      const page = PDFPage.of(context.lookup(ref) as PDFPageLeaf, ref, out);
      out.addPage(page);
      return page;
    });

    const structRoot = dict(src, src.catalog.get(N("StructTreeRoot")));
    if (structRoot) {
      roleMap ??= structRoot.get(N("RoleMap")) && copier.copy(structRoot.get(N("RoleMap"))!);
      const shift = nextKey;
      // Top elements point back (/P) at the part's root: cut that before copying, set it to ours after.
      const k = structRoot.get(N("K"));
      const top = k instanceof PDFRef ? [k] : k instanceof PDFArray ? k.asArray().filter((x): x is PDFRef => x instanceof PDFRef) : [];
      for (const ref of top) dict(src, ref)?.delete(N("P"));
      for (const ref of top) {
        const copied = copier.copy(ref) as PDFRef;
        const elem = context.lookup(copied) as PDFDict;
        elem.set(N("P"), documentRef);
        // One Document element at the root (as PDF/UA asks); each part's own becomes a Part in it.
        if (elem.get(N("S")) === N("Document")) elem.set(N("S"), N("Part"));
        structKids.push(copied);
      }
      const pairs = numberTree(src, dict(src, structRoot.get(N("ParentTree"))));
      for (const [key, value] of pairs) parentTree.push(PDFNumber.of(key + shift), copier.copy(value));
      const declared = structRoot.lookup(N("ParentTreeNextKey"));
      nextKey = shift + Math.max(declared instanceof PDFNumber ? declared.asNumber() : 0, ...pairs.map(([key]) => key + 1));
      for (const page of pages) {
        const sp = page.node.lookup(N("StructParents"));
        if (sp instanceof PDFNumber) page.node.set(N("StructParents"), PDFNumber.of(sp.asNumber() + shift));
        const annots = page.node.lookup(N("Annots"));
        if (annots instanceof PDFArray)
          for (let i = 0; i < annots.size(); i++) {
            const a = dict(out, annots.get(i));
            const p = a?.lookup(N("StructParent"));
            if (a && p instanceof PDFNumber) a.set(N("StructParent"), PDFNumber.of(p.asNumber() + shift));
          }
      }
    } else tagged = false;

    const own = readOutline(src, copier);
    const children = own.length === 1 ? own[0]!.children : own;
    outline.push({ title: part.bookmark, dest: pageRefs[0] && context.obj([pageRefs[0], N("XYZ"), null, null, null]), children });
  }

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
  out.setTitle(meta.title, { showInWindowTitleBar: true });
  out.setAuthor(meta.author);
  out.setSubject(meta.subject);
  out.setKeywords([meta.keywords]);
  out.setCreator(meta.creator);
  out.setProducer("pdf-lib (joining Chromium's PDFs)");
  out.setLanguage(meta.lang);
  return { bytes: await out.save({ useObjectStreams: true }), pages: out.getPageCount(), tagged: tagged && structKids.length > 0 };
}
