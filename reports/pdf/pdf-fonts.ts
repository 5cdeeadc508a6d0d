/**
 * Re-subsetting the fonts of a PDF cut from a larger one (a unit's pages out of the combined
 * scorecards): Chromium (Skia) embeds the fonts of the whole printed document, so a unit's pages
 * would carry every unit's glyphs. The glyphs the pages draw are gathered from their content streams
 * (and the Form XObjects, tiling patterns, soft masks and annotation appearances they use), then each
 * Type0 font with an Identity-mapped CIDFontType2 descendant (what Skia writes for TrueType) is cut to
 * them: its font program (glyph ids kept, so no content stream changes), its /W widths and its
 * /ToUnicode CMap. Other fonts (Type 3, Type 1, simple TrueType) are left as they are.
 */
import { inflateSync } from "node:zlib";
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFDocument } from "pdf-lib";
import { keepGlyphs, sfntTables, type Tables } from "./font-merge";
import { Name, scanContent, type Operand } from "./pdf-content";
import { flate } from "./pdf-objects";

export interface FontSubsetResult {
  /** Font programs rewritten (a program shared by several pages or fonts counts once). */
  fonts: number;
  /** Fonts drawn with that are not Identity CIDFontType2 (Type 3, Type 1, simple TrueType): left alone. */
  skipped: number;
  /** Stored (compressed) bytes of the rewritten font programs before and after. */
  bytesBefore: number;
  bytesAfter: number;
}

const N = {
  Resources: PDFName.of("Resources"),
  Font: PDFName.of("Font"),
  XObject: PDFName.of("XObject"),
  ExtGState: PDFName.of("ExtGState"),
  Pattern: PDFName.of("Pattern"),
  SMask: PDFName.of("SMask"),
  G: PDFName.of("G"),
  Subtype: PDFName.of("Subtype"),
  Form: PDFName.of("Form"),
  PatternType: PDFName.of("PatternType"),
  AP: PDFName.of("AP"),
  N: PDFName.of("N"),
  Type0: PDFName.of("Type0"),
  Encoding: PDFName.of("Encoding"),
  IdentityH: PDFName.of("Identity-H"),
  DescendantFonts: PDFName.of("DescendantFonts"),
  CIDFontType2: PDFName.of("CIDFontType2"),
  CIDToGIDMap: PDFName.of("CIDToGIDMap"),
  Identity: PDFName.of("Identity"),
  FontDescriptor: PDFName.of("FontDescriptor"),
  FontFile2: PDFName.of("FontFile2"),
  ToUnicode: PDFName.of("ToUnicode"),
  W: PDFName.of("W"),
  Filter: PDFName.of("Filter"),
  FlateDecode: PDFName.of("FlateDecode"),
  DecodeParms: PDFName.of("DecodeParms"),
  Length: PDFName.of("Length"),
};

/**
 * A font program's tables, decoded once per stored bytes: every unit cut from one print shares its
 * font programs' bytes (split.ts never clones a stream), so each is inflated and parsed once.
 */
const decodedPrograms = new WeakMap<Uint8Array, Tables>();
function programTables(program: PDFStream): Tables {
  if (!(program instanceof PDFRawStream)) return sfntTables(asBuffer(streamBytes(program)));
  let t = decodedPrograms.get(program.contents);
  if (!t) decodedPrograms.set(program.contents, (t = sfntTables(asBuffer(streamBytes(program)))));
  return t;
}

/** A ToUnicode CMap read once per stored bytes (shared by every unit, as the font programs are); undefined: not read. */
const readCMaps = new WeakMap<Uint8Array, ToUnicodeMap | undefined>();
function toUnicodeMap(cmap: PDFStream): ToUnicodeMap | undefined {
  const read = () => readToUnicode(asBuffer(streamBytes(cmap)).toString("latin1"));
  if (!(cmap instanceof PDFRawStream)) return read();
  if (!readCMaps.has(cmap.contents)) readCMaps.set(cmap.contents, read());
  return readCMaps.get(cmap.contents);
}

/** A stream's decoded bytes (Flate through zlib: pdf-lib's pure-JS inflate is several times slower). */
export function streamBytes(s: PDFStream): Uint8Array {
  if (!(s instanceof PDFRawStream)) return s.getContents();
  const filter = s.dict.get(N.Filter);
  if (filter === undefined) return s.contents;
  if (filter === N.FlateDecode && !s.dict.has(N.DecodeParms)) return inflateSync(s.contents);
  return decodePDFRawStream(s).decode();
}

export const asBuffer = (b: Uint8Array) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.length));

/** A Flate stream replacing `old` (its other entries kept), with `extra` entries set. */
export function flateStream(ctx: PDFContext, old: PDFStream, bytes: Uint8Array, extra: Record<string, number> = {}): PDFRawStream {
  const dict = old.dict.clone(ctx);
  for (const k of [N.Filter, N.DecodeParms, N.Length]) dict.delete(k);
  dict.set(N.Filter, N.FlateDecode);
  for (const [k, v] of Object.entries(extra)) dict.set(PDFName.of(k), PDFNumber.of(v));
  return PDFRawStream.of(dict, flate(bytes));
}

/** Replaces the object `holder[key]` refers to (or holds directly). */
function replace(ctx: PDFContext, holder: PDFDict, key: PDFName, value: PDFRawStream | PDFArray): void {
  const raw = holder.get(key);
  if (raw instanceof PDFRef) ctx.assign(raw, value);
  else holder.set(key, value);
}

// --- Which glyphs the pages draw ---

/** Glyph codes drawn per font dictionary: two bytes each, as Identity-H reads them. */
type Drawn = Map<PDFDict, Set<number>>;

function addCodes(drawn: Drawn, font: PDFDict | undefined, s: Operand | undefined): void {
  if (!font || !(s instanceof Uint8Array)) return;
  let codes = drawn.get(font);
  if (!codes) drawn.set(font, (codes = new Set()));
  for (let k = 0; k + 1 < s.length; k += 2) codes.add((s[k]! << 8) | s[k + 1]!);
}

class GlyphWalk {
  readonly drawn: Drawn = new Map();
  /** Content streams walked, with the font they were entered with (a form may draw with its caller's font). */
  private readonly walked = new Map<PDFStream, Set<PDFDict | undefined>>();

  constructor(private readonly ctx: PDFContext) {}

  private resource(res: PDFDict | undefined, kind: PDFName, name: Operand | undefined) {
    if (!res || !(name instanceof Name)) return undefined;
    const group = this.ctx.lookup(res.get(kind));
    return group instanceof PDFDict ? this.ctx.lookup(group.get(PDFName.of(name.value))) : undefined;
  }

  /** A Form XObject, tiling pattern or soft-mask group: its own content with its own resources (else its caller's). */
  stream(s: unknown, callerRes: PDFDict | undefined, font: PDFDict | undefined): void {
    if (!(s instanceof PDFStream)) return;
    let fonts = this.walked.get(s);
    if (fonts?.has(font)) return;
    if (!fonts) this.walked.set(s, (fonts = new Set()));
    fonts.add(font);
    const res = this.ctx.lookup(s.dict.get(N.Resources));
    this.content(streamBytes(s), res instanceof PDFDict ? res : callerRes, font);
  }

  content(data: Uint8Array, res: PDFDict | undefined, entryFont?: PDFDict): void {
    let font = entryFont;
    const saved: (PDFDict | undefined)[] = [];
    scanContent(data, (op, args) => {
      switch (op) {
        case "q":
          saved.push(font);
          break;
        case "Q":
          if (saved.length > 0) font = saved.pop();
          break;
        case "Tf": {
          const f = this.resource(res, N.Font, args[0]);
          font = f instanceof PDFDict ? f : undefined;
          break;
        }
        case "Tj":
        case "'":
        case '"':
          addCodes(this.drawn, font, args[args.length - 1]);
          break;
        case "TJ":
          if (Array.isArray(args[0])) for (const s of args[0]) addCodes(this.drawn, font, s);
          break;
        case "Do": {
          const x = this.resource(res, N.XObject, args[0]);
          if (x instanceof PDFStream && x.dict.get(N.Subtype) === N.Form) this.stream(x, res, font);
          break;
        }
        case "gs": {
          const gs = this.resource(res, N.ExtGState, args[0]);
          const mask = gs instanceof PDFDict ? this.ctx.lookup(gs.get(N.SMask)) : undefined;
          if (mask instanceof PDFDict) this.stream(this.ctx.lookup(mask.get(N.G)), res, undefined);
          break;
        }
        case "scn":
        case "SCN": {
          const p = this.resource(res, N.Pattern, args[args.length - 1]);
          if (p instanceof PDFStream && this.ctx.lookup(p.dict.get(N.PatternType)) instanceof PDFNumber) this.stream(p, res, undefined);
          break;
        }
      }
    });
  }
}

function drawnGlyphs(doc: PDFDocument): Drawn {
  const ctx = doc.context;
  const walk = new GlyphWalk(ctx);
  for (const page of doc.getPages()) {
    const res = page.node.Resources();
    const contents = ctx.lookup(page.node.get(PDFName.of("Contents")));
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => ctx.lookup(r)) : [contents];
    // The page's content streams form one stream (they may split an operator's operands).
    const parts = streams.filter((s): s is PDFStream => s instanceof PDFStream).map(streamBytes);
    if (parts.length === 1)
      walk.content(parts[0]!, res); // Chromium writes one: no copy
    else {
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
      parts.reduce((at, p) => (joined.set(p, at), (joined[at + p.length] = 0x0a), at + p.length + 1), 0);
      walk.content(joined, res);
    }
    for (const a of page.node.Annots()?.asArray() ?? []) {
      const annot = ctx.lookup(a);
      const ap = annot instanceof PDFDict ? ctx.lookup(annot.get(N.AP)) : undefined;
      const normal = ap instanceof PDFDict ? ctx.lookup(ap.get(N.N)) : undefined;
      if (normal instanceof PDFStream) walk.stream(normal, res, undefined);
      else if (normal instanceof PDFDict) for (const v of normal.values()) walk.stream(ctx.lookup(v), res, undefined);
    }
  }
  return walk.drawn;
}

// --- What is rewritten ---

export interface IdentityCidFont {
  cidFont: PDFDict;
  descriptor: PDFDict;
  program: PDFStream;
  toUnicode: PDFStream | undefined;
}

/** A Type0 font over a CIDFontType2 whose CIDs are its glyph ids (Identity-H, CIDToGIDMap Identity), with its program. */
export function identityCidFont(ctx: PDFContext, font: PDFDict): IdentityCidFont | undefined {
  if (font.get(N.Subtype) !== N.Type0 || ctx.lookup(font.get(N.Encoding)) !== N.IdentityH) return undefined;
  const descendants = ctx.lookup(font.get(N.DescendantFonts));
  const cidFont = descendants instanceof PDFArray && descendants.size() === 1 ? ctx.lookup(descendants.get(0)) : undefined;
  if (!(cidFont instanceof PDFDict) || cidFont.get(N.Subtype) !== N.CIDFontType2) return undefined;
  const map = ctx.lookup(cidFont.get(N.CIDToGIDMap));
  if (map !== undefined && map !== N.Identity) return undefined;
  const descriptor = ctx.lookup(cidFont.get(N.FontDescriptor));
  const program = descriptor instanceof PDFDict ? ctx.lookup(descriptor.get(N.FontFile2)) : undefined;
  if (!(descriptor instanceof PDFDict) || !(program instanceof PDFStream)) return undefined;
  const toUnicode = ctx.lookup(font.get(N.ToUnicode));
  return { cidFont, descriptor, program, toUnicode: toUnicode instanceof PDFStream ? toUnicode : undefined };
}

/** Adds `codes` to the set kept for `key`. */
function gather<K>(into: Map<K, Set<number>>, key: K, codes: ReadonlySet<number>): void {
  const set = into.get(key);
  if (set) for (const c of codes) set.add(c);
  else into.set(key, new Set(codes));
}

/** The /W array's widths by CID (`c [w1 w2 …]` and `c1 c2 w` entries). */
export function readWidths(ctx: PDFContext, w: PDFArray): Map<number, number> {
  const widths = new Map<number, number>();
  const num = (i: number) => (ctx.lookup(w.get(i)) as PDFNumber).asNumber();
  for (let i = 0; i < w.size();) {
    const first = num(i);
    const next = ctx.lookup(w.get(i + 1));
    if (next instanceof PDFArray) {
      next.asArray().forEach((x, k) => widths.set(first + k, (ctx.lookup(x) as PDFNumber).asNumber()));
      i += 2;
    } else {
      const [last, width] = [num(i + 1), num(i + 2)];
      for (let c = first; c <= last; c++) widths.set(c, width);
      i += 3;
    }
  }
  return widths;
}

/** A /W array for the CIDs of `kept` that have a width (the others keep /DW): runs of consecutive CIDs. */
export function writeWidths(ctx: PDFContext, widths: ReadonlyMap<number, number>, kept: ReadonlySet<number>): PDFArray {
  const out = PDFArray.withContext(ctx);
  let run: number[] = [];
  let start = -2;
  const flush = () => {
    if (run.length === 0) return;
    out.push(PDFNumber.of(start));
    out.push(ctx.obj(run));
  };
  for (const cid of [...kept].sort((a, b) => a - b)) {
    const width = widths.get(cid);
    if (width === undefined) continue;
    if (cid !== start + run.length) {
      flush();
      start = cid;
      run = [];
    }
    run.push(width);
  }
  flush();
  return out;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");

/** A ToUnicode CMap read: code → UTF-16BE hex, and its text before the mappings (code space) and from endcmap on. */
export interface ToUnicodeMap {
  head: string;
  tail: string;
  unicode: Map<number, string>;
}

/**
 * Reads bfchar and both bfrange forms as Skia writes them; a CMap using another (usecmap, cidrange)
 * is not read (undefined).
 */
export function readToUnicode(cmap: string): ToUnicodeMap | undefined {
  const head = cmap.indexOf("endcodespacerange");
  const tail = cmap.lastIndexOf("endcmap");
  if (head < 0 || tail < 0 || /usecmap|begincidrange|beginnotdefrange/.test(cmap)) return undefined;
  const unicode = new Map<number, string>();
  const units = (hex: string) => hex.match(/.{1,4}/g)!.map((u) => parseInt(u, 16));
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of body!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) unicode.set(parseInt(src!, 16), dst!.toUpperCase());
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst, list] of body!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])/g)) {
      const [from, to] = [parseInt(lo!, 16), parseInt(hi!, 16)];
      if (list !== undefined) {
        [...list.matchAll(/<([0-9A-Fa-f]*)>/g)].forEach(([, d], k) => from + k <= to && unicode.set(from + k, d!.toUpperCase()));
      } else {
        // The last UTF-16 unit counts up along the range (as poppler and pdf.js read it).
        const u = units(dst!);
        for (let c = from; c <= to; c++) unicode.set(c, [...u.slice(0, -1), u.at(-1)! + c - from].map(hex4).join(""));
      }
    }
  }
  return { head: cmap.slice(0, head + "endcodespacerange".length), tail: cmap.slice(tail), unicode };
}

/** The CMap with the codes of `kept` (all without), as bfchar entries, 100 a block (the CMap limit). */
export function writeToUnicode(map: ToUnicodeMap, kept?: ReadonlySet<number>): string {
  const entries = [...map.unicode].filter(([c]) => !kept || kept.has(c)).sort(([a], [b]) => a - b);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.map(([c, d]) => `<${hex4(c)}> <${d}>`).join("\n")}\nendbfchar\n`);
  }
  return `${map.head}\n${blocks.join("")}${map.tail}`;
}

/** The ToUnicode CMap with only the codes of `kept`; undefined (left unchanged) where readToUnicode cannot read it. */
export function trimToUnicode(cmap: string, kept: ReadonlySet<number>): string | undefined {
  const map = readToUnicode(cmap);
  return map && writeToUnicode(map, kept);
}

/**
 * Cuts every Identity CIDFontType2 font the pages of `doc` draw with to the glyphs they draw (glyph ids,
 * and so the content streams, unchanged): the font program keeps those outlines (with composite
 * glyphs' components and glyph 0), the /W array and the /ToUnicode CMap those CIDs. Each font object
 * is rewritten once however many pages or fonts share it. Works in place on `doc`.
 */
export function subsetEmbeddedFonts(doc: PDFDocument): FontSubsetResult {
  const ctx = doc.context;
  // Codes drawn per object to rewrite (each once, whatever shares it) and the dictionary that refers to it.
  const programs = new Map<PDFStream, Set<number>>();
  const cidFonts = new Map<PDFDict, Set<number>>();
  const toUnicodes = new Map<PDFStream, Set<number>>();
  const holders = new Map<PDFStream, PDFDict>();
  let skipped = 0;
  for (const [font, codes] of drawnGlyphs(doc)) {
    const f = identityCidFont(ctx, font);
    if (!f) {
      skipped++;
      continue;
    }
    gather(programs, f.program, codes);
    holders.set(f.program, f.descriptor);
    gather(cidFonts, f.cidFont, codes);
    if (f.toUnicode) {
      gather(toUnicodes, f.toUnicode, codes);
      holders.set(f.toUnicode, font);
    }
  }

  let bytesBefore = 0;
  let bytesAfter = 0;
  for (const [program, codes] of programs) {
    const font = keepGlyphs(programTables(program), codes);
    const stream = flateStream(ctx, program, font, { Length1: font.length });
    bytesBefore += program instanceof PDFRawStream ? program.contents.length : program.getContentsSize();
    bytesAfter += stream.contents.length;
    replace(ctx, holders.get(program)!, N.FontFile2, stream);
  }
  for (const [cidFont, codes] of cidFonts) {
    const w = ctx.lookup(cidFont.get(N.W));
    if (w instanceof PDFArray) replace(ctx, cidFont, N.W, writeWidths(ctx, readWidths(ctx, w), codes));
  }
  for (const [toUnicode, codes] of toUnicodes) {
    const map = toUnicodeMap(toUnicode);
    const trimmed = map && writeToUnicode(map, codes);
    if (trimmed !== undefined) replace(ctx, holders.get(toUnicode)!, N.ToUnicode, flateStream(ctx, toUnicode, Buffer.from(trimmed, "latin1")));
  }
  return { fonts: programs.size, skipped, bytesBefore, bytesAfter };
}
