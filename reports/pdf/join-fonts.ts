/**
 * One font per weight in a joined PDF (join.ts): Chromium embeds, in each printed part, its own subset
 * of the run's fonts, so 15 pieces of a summary carried 30 fonts. The parts' subsets of one font are
 * all cut from the same font file with glyph ids kept (Skia: Type0 /Identity-H over a CIDFontType2
 * with /CIDToGIDMap /Identity, the FontFile2 a full sfnt whose unused glyphs are empty), so a glyph id
 * means the same glyph in every part: the union of their glyphs, widths and ToUnicode entries is one
 * font that draws every part's pages unchanged. It is gathered part by part (only it stays in memory)
 * and written at the end; the parts' own font objects are never copied. A font of another kind (or
 * whose program or ToUnicode cannot be read) is left to be copied as it is.
 */
import { createHash } from "node:crypto";
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFObject } from "pdf-lib";
import { DRAWING_TABLES, readGlyphs, sfntTables, writeGlyphSet, type GlyphSet, type Tables } from "./font-merge";
import { asBuffer, identityCidFont, readToUnicode, readWidths, streamBytes, writeToUnicode, writeWidths, type ToUnicodeMap } from "./pdf-fonts";
import { flate } from "./pdf-objects";

const N = (s: string) => PDFName.of(s);

/** One font of the joined PDF, as gathered so far. */
interface SharedFont {
  ref: PDFRef;
  /** BaseFont without its subset tag. */
  name: string;
  /** The font-wide tables of the first part's program (copies: the part's bytes are dropped). */
  tables: Tables;
  set: GlyphSet;
  widths: Map<number, number>;
  toUnicode: ToUnicodeMap;
  /** The first part's dictionaries, made direct in the joined PDF's context, without what is rebuilt. */
  type0: PDFDict;
  cidFont: PDFDict;
  descriptor: PDFDict;
}

export interface JoinedFontsSummary {
  /** Fonts written, each shared by every part whose font agrees with it (one per weight when the parts share a font set). */
  fonts: number;
  /** Parts' fonts replaced by a shared one. */
  replaced: number;
  /** Compressed bytes of the shared font programs. */
  programBytes: number;
}

/** `obj` with every reference resolved, as direct objects of `out` (a font's small dictionaries: no streams). */
function direct(src: PDFContext, out: PDFContext, obj: PDFObject | undefined, drop: readonly string[] = []): PDFObject {
  const o = src.lookup(obj);
  if (o instanceof PDFStream) throw new Error("stream in a font dictionary");
  if (o instanceof PDFDict) {
    const d = out.obj({});
    for (const [k, v] of o.entries()) if (!drop.includes(k.asString().slice(1))) d.set(k, direct(src, out, v));
    return d;
  }
  if (o instanceof PDFArray) {
    const a = out.obj([]);
    for (const v of o.asArray()) a.push(direct(src, out, v));
    return a;
  }
  if (o === undefined) throw new Error("dangling reference in a font dictionary");
  return o;
}

/** A six-letter subset tag (ISO 32000-1 §9.6.4) from the glyphs a font holds. */
function subsetTag(program: Uint8Array): string {
  const h = createHash("sha256").update(program).digest();
  return Array.from(h.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join("");
}

/** A glyph's outline without the zero bytes that pad it (subsetters pad to 2 or 4 bytes). */
function outline(g: Buffer): Buffer {
  let end = g.length;
  while (end > 0 && g[end - 1] === 0) end--;
  return g.subarray(0, end);
}

/**
 * Whether a part's font agrees with a shared one wherever both say something: the same outline for a
 * glyph id both draw, the same glyph for a character, the same width for a glyph id. Two
 * subsets of one family cut by different runs (another font set, other glyph ids) disagree on the
 * glyphs they share; where they share none, their union draws both parts' pages as they were.
 */
function fits(shared: SharedFont, set: GlyphSet, widths: ReadonlyMap<number, number>): boolean {
  const glyphs = shared.set.glyphs;
  for (let i = 0; i < Math.min(glyphs.length, set.glyphs.length); i++) {
    const [a, b] = [glyphs[i]!, set.glyphs[i]!];
    if (a.length > 0 && b.length > 0 && !outline(a).equals(outline(b))) return false;
  }
  const agree = <K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>) => [...b].every(([k, v]) => !a.has(k) || a.get(k) === v);
  // Not the ToUnicode texts: a glyph drawn for two characters (space and no-break space) may read as either.
  return agree(shared.set.cmap, set.cmap) && agree(shared.widths, widths);
}

export class JoinedFonts {
  private readonly fonts = new Map<string, SharedFont[]>();
  private replaced = 0;

  constructor(private readonly out: PDFContext) {}

  /**
   * Adds the fonts of one part that fit (glyphs, widths, ToUnicode) to the shared ones; returns, for
   * each, the part's Type0 font reference → the joined PDF's shared font reference.
   */
  take(src: PDFContext): Map<PDFRef, PDFRef> {
    const map = new Map<PDFRef, PDFRef>();
    for (const [ref, obj] of src.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || obj.get(N("Subtype")) !== N("Type0")) continue;
      const shared = this.add(src, obj);
      if (shared) {
        map.set(ref, shared);
        this.replaced++;
      }
    }
    return map;
  }

  private add(src: PDFContext, font: PDFDict): PDFRef | undefined {
    const f = identityCidFont(src, font);
    const baseFont = src.lookup(font.get(N("BaseFont")));
    if (!f || !f.toUnicode || !(baseFont instanceof PDFName)) return undefined;
    const name = baseFont.decodeText().replace(/^[A-Z]{6}\+/, "");
    let tables: Tables;
    let set: GlyphSet;
    try {
      tables = sfntTables(asBuffer(streamBytes(f.program)));
      set = readGlyphs(tables);
    } catch {
      return undefined; // not a TrueType program this code reads: copied as it is
    }
    const toUnicode = readToUnicode(asBuffer(streamBytes(f.toUnicode)).toString("latin1"));
    if (!toUnicode) return undefined;
    // The widths of the glyphs the part draws (an outline or a ToUnicode entry), /DW made explicit: Skia
    // picks each part's most common width as its /DW and writes width 0 for glyphs it left out.
    const w = src.lookup(f.cidFont.get(N("W")));
    const dwObj = src.lookup(f.cidFont.get(N("DW")));
    const dw = dwObj instanceof PDFNumber ? dwObj.asNumber() : 1000;
    const listed = w instanceof PDFArray ? readWidths(src, w) : new Map<number, number>();
    // A width is taken for a glyph the part uses (an outline, or a ToUnicode entry) where it is the glyph's
    // advance in the program: Skia's /W also gives widths (0 or not) to glyphs it left out, /DW is each
    // part's most common width, and a composite's component has an outline without being drawn.
    const upem = tables.get("head")!.readUInt16BE(18);
    const widths = new Map<number, number>();
    const take = (cid: number) => {
      const width = listed.get(cid) ?? dw;
      const advance = set.metrics[cid]?.[0] ?? 0;
      if (advance > 0 && Math.round((advance * 1000) / upem) === width) widths.set(cid, width);
    };
    set.glyphs.forEach((g, cid) => g.length > 0 && take(cid));
    for (const cid of toUnicode.unicode.keys()) take(cid);
    // Same font file: same name, units per em, revision, created and modified dates (not the glyph
    // count: Skia cuts each part's font after its highest glyph id).
    const head = tables.get("head")!;
    const key = [name, head.readUInt16BE(18), head.subarray(4, 8).toString("hex"), head.subarray(20, 36).toString("hex")].join("|");

    const candidates = this.fonts.get(key) ?? [];
    const shared = candidates.find((c) => fits(c, set, widths));
    if (!shared) {
      let dicts: [PDFDict, PDFDict, PDFDict];
      try {
        dicts = [
          direct(src, this.out, font, ["BaseFont", "DescendantFonts", "ToUnicode"]) as PDFDict,
          direct(src, this.out, f.cidFont, ["BaseFont", "FontDescriptor", "W"]) as PDFDict,
          // A CIDSet would list the first part's glyphs only.
          direct(src, this.out, f.descriptor, ["FontName", "FontFile2", "CIDSet"]) as PDFDict,
        ];
      } catch {
        return undefined;
      }
      const copy = (b: Buffer) => Buffer.from(b);
      const empty = Buffer.alloc(0);
      const created: SharedFont = {
        ref: this.out.nextRef(),
        name,
        tables: new Map(["head", "hhea", "maxp", "post", ...DRAWING_TABLES].filter((t) => tables.has(t)).map((t) => [t, copy(tables.get(t)!)])),
        set: { glyphs: set.glyphs.map((g) => (g.length > 0 ? copy(g) : empty)), metrics: set.metrics, cmap: set.cmap },
        widths,
        toUnicode: { head: toUnicode.head, tail: toUnicode.tail, unicode: toUnicode.unicode },
        type0: dicts[0],
        cidFont: dicts[1],
        descriptor: dicts[2],
      };
      this.fonts.set(key, [...candidates, created]);
      return created.ref;
    }
    // Identical ids are identical glyphs: take each outline from the part that has it.
    set.glyphs.forEach((g, i) => {
      if (i >= shared.set.glyphs.length) {
        shared.set.glyphs.push(g.length > 0 ? Buffer.from(g) : Buffer.alloc(0));
        shared.set.metrics.push(set.metrics[i]!);
      } else if (g.length > 0 && shared.set.glyphs[i]!.length === 0) {
        shared.set.glyphs[i] = Buffer.from(g);
        shared.set.metrics[i] = set.metrics[i]!;
      }
    });
    for (const [c, g] of set.cmap) if (!shared.set.cmap.has(c)) shared.set.cmap.set(c, g);
    for (const [c, width] of widths) if (!shared.widths.has(c)) shared.widths.set(c, width);
    for (const [c, u] of toUnicode.unicode) if (!shared.toUnicode.unicode.has(c)) shared.toUnicode.unicode.set(c, u);
    // maxp's limits (points, contours, ...): the largest of the parts'.
    const maxp = shared.tables.get("maxp")!;
    const m = tables.get("maxp")!;
    for (let at = 6; at + 2 <= Math.min(maxp.length, m.length); at += 2) maxp.writeUInt16BE(Math.max(maxp.readUInt16BE(at), m.readUInt16BE(at)), at);
    return shared.ref;
  }

  /** Writes every shared font into the joined PDF's context (at the references `take` handed out). */
  finish(): JoinedFontsSummary {
    const ctx = this.out;
    let programBytes = 0;
    const fonts = [...this.fonts.values()].flat();
    for (const font of fonts) {
      const program = writeGlyphSet(font.tables, font.set);
      const baseFont = N(`${subsetTag(program)}+${font.name}`);
      const compressed = flate(program);
      programBytes += compressed.length;
      const fontFile = ctx.register(PDFRawStream.of(ctx.obj({ Filter: "FlateDecode", Length1: program.length }), compressed));
      const toUnicode = ctx.register(PDFRawStream.of(ctx.obj({ Filter: "FlateDecode" }), flate(Buffer.from(writeToUnicode(font.toUnicode), "latin1"))));
      font.descriptor.set(N("FontName"), baseFont);
      font.descriptor.set(N("FontFile2"), fontFile);
      font.cidFont.set(N("BaseFont"), baseFont);
      font.cidFont.set(N("FontDescriptor"), ctx.register(font.descriptor));
      const dw = font.cidFont.get(N("DW"));
      const dwValue = dw instanceof PDFNumber ? dw.asNumber() : 1000;
      font.cidFont.set(N("W"), writeWidths(ctx, font.widths, new Set([...font.widths].filter(([, w]) => w !== dwValue).map(([c]) => c))));
      font.type0.set(N("BaseFont"), baseFont);
      font.type0.set(N("DescendantFonts"), ctx.obj([ctx.register(font.cidFont)]));
      font.type0.set(N("ToUnicode"), toUnicode);
      ctx.assign(font.ref, font.type0);
    }
    const summary = { fonts: fonts.length, replaced: this.replaced, programBytes };
    this.fonts.clear();
    return summary;
  }
}
