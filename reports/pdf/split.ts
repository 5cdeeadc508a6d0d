/**
 * Cutting one printed PDF (the combined scorecards, one Chromium document) into parts by page
 * ranges (each unit's own PDF), keeping what Chromium gave each page: its content, fonts, images,
 * form XObjects, the structure tree restricted to those pages (tagged PDF), the outline entries that
 * point into them, and the document's language; each part gets its own Info metadata.
 *
 * The source is loaded once. Each part is a fresh document filled by a copier of our own rather
 * than pdf-lib's PDFObjectCopier: that one follows every reference, and a structure element's /P
 * (its parent) and /Pg (its page) lead to the whole tree and to every other part's pages. Here
 * page objects outside the part become null, structure elements are copied only by the pruning
 * traversal, and a stream's bytes are shared with the source (never cloned).
 *
 * Structure: each element with marked content on the part's pages is copied with only the kids on
 * them (an element spanning two parts gets a pruned copy in each), /P, /Pg and /K rewritten; the
 * ParentTree is rebuilt from 0 in the order pages and their form XObjects are copied, and their
 * /StructParents renumbered to match.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFPageLeaf,
  PDFPageTree,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import { setDocumentInfo, StreamingWriter, type JoinMetadata, type JoinResult, type JoinSink } from "./join";
import { pageIndexes, readOutline, writeOutline, type OutlineEntry } from "./outline";
import { lookupDict, numberTree } from "./pdf-objects";

export interface SplitPart {
  /** Page indexes [first, endExclusive) of the source. */
  pages: readonly [number, number];
  metadata: JoinMetadata;
  sink: JoinSink;
}

export interface SplitOptions {
  /** Called with each part's document just before it is written (e.g. to re-subset its fonts). */
  beforeWrite?: (doc: PDFDocument) => void | Promise<void>;
}

const N = (s: string) => PDFName.of(s);
const STRUCT_PARENTS = N("StructParents");
const STRUCT_PARENT = N("StructParent");
const PARENT = N("Parent");
const K = N("K");
const PG = N("Pg");
const P = N("P");
const TYPE = N("Type");

/** The page range [min, max] an element's marked content lies on (empty: min > max). */
type Span = readonly [number, number];
const EMPTY: Span = [Infinity, -Infinity];

/** What is read from the source once and shared by every part. */
interface Source {
  doc: PDFDocument;
  pageRefs: PDFRef[];
  pageIndex: Map<PDFRef, number>;
  /** The structure elements (by reference or, for direct kids, by dictionary) and their page spans. */
  spans: Map<PDFObject, Span>;
  /** Top elements of the structure tree (the StructTreeRoot's /K). */
  top: PDFObject[];
  structRoot: PDFDict | undefined;
  parentTree: Map<number, PDFObject>;
  outline: OutlineEntry[];
}

function kidsOf(elem: PDFDict): PDFObject[] {
  const k = elem.get(K);
  return k instanceof PDFArray ? k.asArray() : k ? [k] : [];
}

const isStructElem = (d: PDFDict): boolean => d.get(TYPE) === N("StructElem") || (!d.has(TYPE) && d.has(N("S")));

function readSource(doc: PDFDocument): Source {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const pageIndex = pageIndexes(doc);
  const spans = new Map<PDFObject, Span>();
  const structRoot = lookupDict(doc, doc.catalog.get(N("StructTreeRoot")));
  const top = structRoot ? kidsOf(structRoot) : [];
  const onPage = (pg: PDFObject | undefined): number | undefined => (pg instanceof PDFRef ? pageIndex.get(pg) : undefined);
  // Post-order, iterative on the stack of the JS engine is fine: Chromium's trees are a few dozen deep.
  const span = (key: PDFObject, inherited: number | undefined): Span => {
    const known = spans.get(key);
    if (known) return known;
    const elem = lookupDict(doc, key);
    if (!elem || !isStructElem(elem)) return EMPTY;
    spans.set(key, EMPTY); // a cycle stops here
    const own = onPage(elem.get(PG)) ?? inherited;
    let [min, max] = EMPTY;
    const add = (page: number | undefined) => {
      if (page === undefined) return;
      if (page < min) min = page;
      if (page > max) max = page;
    };
    for (const kid of kidsOf(elem)) {
      if (kid instanceof PDFNumber) add(own);
      else {
        const d = lookupDict(doc, kid);
        if (!d) continue;
        if (isStructElem(d)) {
          const [a, b] = span(kid, own);
          add(a === Infinity ? undefined : a);
          add(b === -Infinity ? undefined : b);
        } else add(onPage(d.get(PG)) ?? own); // MCR or OBJR
      }
    }
    const result: Span = [min, max];
    spans.set(key, result);
    return result;
  };
  for (const t of top) span(t, undefined);
  return {
    doc,
    pageRefs,
    pageIndex,
    spans,
    top,
    structRoot,
    parentTree: numberTree(doc, lookupDict(doc, structRoot?.get(N("ParentTree")))),
    outline: readOutline(doc, pageIndex),
  };
}

/** One part's copy of the source objects it needs. */
class PartCopier {
  private readonly refs = new Map<PDFRef, PDFRef>();
  /** Objects carrying a (source) structure-parent key, in the order they were copied. */
  readonly keyed: { target: PDFDict; key: PDFName; source: number }[] = [];
  /** Source structure element → its copy in this part. */
  readonly elems = new Map<PDFObject, PDFRef>();

  constructor(
    private readonly src: Source,
    private readonly out: PDFDocument,
    /** Source page → this part's page (only the part's pages). */
    private readonly pages: ReadonlyMap<PDFRef, PDFRef>,
  ) {}

  get context() {
    return this.out.context;
  }

  copy(o: PDFObject): PDFObject {
    if (o instanceof PDFRef) return this.copyRef(o);
    if (o instanceof PDFDict) return this.copyDict(o);
    if (o instanceof PDFArray) {
      const a = PDFArray.withContext(this.context);
      for (const v of o.asArray()) a.push(this.copy(v));
      return a;
    }
    if (o instanceof PDFStream) return this.copyStream(o);
    return o; // names, numbers, strings, booleans, null: immutable values
  }

  private copyRef(ref: PDFRef): PDFObject {
    const page = this.pages.get(ref);
    if (page) return page;
    if (this.src.pageIndex.has(ref)) return PDFNull; // another part's page (a link or /P into it)
    const done = this.refs.get(ref) ?? this.elems.get(ref);
    if (done) return done;
    const target = this.src.doc.context.lookup(ref);
    if (target === undefined) return PDFNull;
    // Structure is copied by the pruning traversal only; whatever else points into it gets null.
    if (target instanceof PDFDict && (this.src.spans.has(ref) || target.get(TYPE) === N("StructTreeRoot"))) return PDFNull;
    const mine = this.context.nextRef();
    this.refs.set(ref, mine);
    this.context.assign(mine, this.copy(target));
    return mine;
  }

  copyDict<T extends PDFDict = PDFDict>(d: PDFDict, skip?: ReadonlySet<PDFName>, into?: T): T {
    const out = into ?? (PDFDict.withContext(this.context) as T);
    for (const [key, value] of d.entries()) {
      if (skip?.has(key)) continue;
      if ((key === STRUCT_PARENTS || key === STRUCT_PARENT) && value instanceof PDFNumber) {
        this.keyed.push({ target: out, key, source: value.asNumber() });
        out.set(key, value); // renumbered when the ParentTree is written
        continue;
      }
      out.set(key, this.copy(value));
    }
    return out;
  }

  private copyStream(s: PDFStream): PDFStream {
    const dict = this.copyDict(s.dict);
    if (s instanceof PDFRawStream) return PDFRawStream.of(dict, s.contents); // the bytes are shared, never cloned
    return PDFRawStream.of(dict, s.getContents());
  }

  /** A page: its own entries plus those it inherits from the source's page tree, under our Pages. */
  copyPage(leaf: PDFPageLeaf, ref: PDFRef, parent: PDFRef): void {
    const out = this.copyDict(leaf, new Set([PARENT]), PDFPageLeaf.fromMapWithContext(new Map(), this.context, false));
    for (const name of PDFPageLeaf.InheritableEntries) {
      const key = N(name);
      if (!out.has(key)) {
        const inherited = leaf.getInheritableAttribute(key);
        if (inherited) out.set(key, this.copy(inherited));
      }
    }
    out.set(PARENT, parent);
    this.context.assign(ref, out);
  }

  /**
   * A pruned copy of a structure element: only the kids with content on [first, end); undefined if
   * none. `parent` is the copy's /P; `page` the source page its integer kids (MCIDs) are on.
   */
  copyElem(key: PDFObject, parent: PDFRef, first: number, end: number, inheritedPage: PDFRef | undefined): PDFRef | undefined {
    const [min, max] = this.src.spans.get(key) ?? EMPTY;
    if (max < first || min >= end) return undefined;
    const elem = lookupDict(this.src.doc, key)!;
    const pg = elem.get(PG);
    const page = pg instanceof PDFRef ? pg : inheritedPage;
    const inPart = (p: PDFObject | undefined) => p instanceof PDFRef && this.pages.has(p);
    const ref = this.context.nextRef();
    this.elems.set(key, ref);
    const kids: PDFObject[] = [];
    for (const kid of kidsOf(elem)) {
      if (kid instanceof PDFNumber) {
        if (inPart(page)) kids.push(kid);
        continue;
      }
      const d = lookupDict(this.src.doc, kid);
      if (!d) continue;
      if (isStructElem(d)) {
        const copied = this.copyElem(kid, ref, first, end, page);
        if (copied) kids.push(copied);
      } else if (inPart(d.get(PG) ?? page)) {
        // A marked-content reference (MCR: /Stm, /MCID) or an object reference (OBJR: /Obj, an annotation).
        const c = this.copyDict(d);
        kids.push(kid instanceof PDFRef ? this.context.register(c) : c);
      }
    }
    if (kids.length === 0) {
      this.elems.delete(key);
      return undefined;
    }
    const out = this.copyDict(elem, new Set([K, P, PG]));
    out.set(P, parent);
    if (inPart(pg)) out.set(PG, this.pages.get(pg as PDFRef)!);
    out.set(K, kids.length === 1 ? kids[0]! : this.context.obj(kids));
    this.context.assign(ref, out);
    return ref;
  }

  /** The ParentTree value for a source key: each element reference mapped to its copy here. */
  parentValue(value: PDFObject | undefined): PDFObject {
    const map = (v: PDFObject): PDFObject => (v instanceof PDFRef ? (this.elems.get(v) ?? PDFNull) : PDFNull);
    const v = value instanceof PDFRef && !this.src.spans.has(value) ? this.src.doc.context.lookup(value) : value;
    if (v instanceof PDFArray) {
      const a = PDFArray.withContext(this.context);
      for (const x of v.asArray()) a.push(map(x));
      return this.context.register(a);
    }
    return v ? map(v) : PDFNull;
  }
}

/** Outline entries whose destination is in [first, end), re-pointed at the part's pages; others dropped, their children kept. */
function partOutline(entries: readonly OutlineEntry[], first: number, end: number, copier: PartCopier): OutlineEntry[] {
  return entries.flatMap((e): OutlineEntry[] => {
    const children = partOutline(e.children, first, end, copier);
    if (e.pageIndex === undefined || e.pageIndex < first || e.pageIndex >= end) return children;
    return [{ title: e.title, pageIndex: e.pageIndex - first, dest: e.dest && copier.copy(e.dest), children }];
  });
}

async function writePart(src: Source, part: SplitPart, options: SplitOptions): Promise<JoinResult> {
  const [first, end] = part.pages;
  if (!(Number.isInteger(first) && Number.isInteger(end) && 0 <= first && first < end && end <= src.pageRefs.length))
    throw new RangeError(`page range [${first}, ${end}) is not within the document's ${src.pageRefs.length} pages`);
  const out = await PDFDocument.create({ updateMetadata: false });
  const { context } = out;
  const catalogRef = context.trailerInfo.Root as PDFRef;
  const pagesRef = out.catalog.get(N("Pages")) as PDFRef;
  const mine = src.pageRefs.slice(first, end).map(() => context.nextRef());
  const copier = new PartCopier(src, out, new Map(src.pageRefs.slice(first, end).map((r, i) => [r, mine[i]!])));
  for (let i = first; i < end; i++) copier.copyPage(src.doc.context.lookup(src.pageRefs[i]!) as PDFPageLeaf, mine[i - first]!, pagesRef);
  const tree = new Map<PDFName, PDFObject>([
    [TYPE, N("Pages")],
    [N("Kids"), context.obj(mine)],
    [N("Count"), PDFNumber.of(mine.length)],
  ]);
  context.assign(pagesRef, PDFPageTree.fromMapWithContext(tree, context));

  let tagged = false;
  if (src.structRoot) {
    const rootRef = context.nextRef();
    const top = src.top.map((t) => copier.copyElem(t, rootRef, first, end, undefined)).filter((r): r is PDFRef => r !== undefined);
    tagged = top.length > 0;
    if (tagged) {
      const root = copier.copyDict(src.structRoot, new Set([K, N("ParentTree"), N("ParentTreeNextKey"), N("IDTree")]));
      root.set(K, top.length === 1 ? top[0]! : context.obj(top));
      // Keys from 0, in the order pages and their form XObjects were copied.
      const nums: PDFObject[] = [];
      copier.keyed.forEach(({ target, key, source }, i) => {
        target.set(key, PDFNumber.of(i));
        nums.push(PDFNumber.of(i), copier.parentValue(src.parentTree.get(source)));
      });
      root.set(N("ParentTree"), context.register(context.obj({ Nums: nums })));
      root.set(N("ParentTreeNextKey"), PDFNumber.of(nums.length / 2));
      const ids = idTree(src, copier);
      if (ids) root.set(N("IDTree"), context.register(ids));
      context.assign(rootRef, root);
      out.catalog.set(N("StructTreeRoot"), rootRef);
      out.catalog.set(N("MarkInfo"), context.obj({ Marked: true }));
    }
  }
  const outline = partOutline(src.outline, first, end, copier);
  writeOutline(out, outline);
  setDocumentInfo(out, part.metadata, "pdf-lib (splitting Chromium's PDF)");
  await options.beforeWrite?.(out);
  // join.ts's writer: as small as pdf-lib's save with object streams, and faster (measured on the seed's 42 units).
  const writer = new StreamingWriter(context, part.sink);
  await writer.header();
  const bytes = await writer.finish(catalogRef, context.trailerInfo.Info as PDFRef);
  return { bytes, pages: mine.length, tagged };
}

/** The part's elements that have an /ID, as a flat name tree (table headers refer to cells by ID). */
function idTree(src: Source, copier: PartCopier): PDFDict | undefined {
  const pairs: [string, PDFObject, PDFRef][] = [];
  for (const [key, ref] of copier.elems) {
    const id = lookupDict(src.doc, key)?.get(N("ID"));
    if (id instanceof PDFString || id instanceof PDFHexString) pairs.push([id.asString(), id, ref]);
  }
  if (pairs.length === 0) return undefined;
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return copier.context.obj({ Names: pairs.flatMap(([, id, ref]) => [id, ref]) });
}

/**
 * Cuts `src` into parts by page ranges, each written to its own sink; the source is loaded once
 * (or given parsed: it is only read).
 * Parts may overlap or leave pages out; each is a complete PDF of its own.
 */
export async function splitPdf(src: Uint8Array | PDFDocument, parts: readonly SplitPart[], options: SplitOptions = {}): Promise<JoinResult[]> {
  const source = readSource(src instanceof PDFDocument ? src : await PDFDocument.load(src, { updateMetadata: false }));
  const results: JoinResult[] = [];
  for (const part of parts) results.push(await writePart(source, part, options));
  return results;
}
