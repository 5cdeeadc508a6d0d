/**
 * TrueType tables: read (WOFF 1.0, sfnt), written back (writeSfnt), and two operations on glyphs.
 *
 * Joining the unicode-range slices of one web font (one family, one weight: the same units per em,
 * the same metrics) back into one TrueType font, so that a PDF embeds one font per weight instead of
 * one per slice. Only what TrueType outlines need is joined: glyf/loca, hmtx, cmap, maxp; the first
 * font's glyph ids are kept as they are, so its layout tables (GSUB, GPOS, GDEF: Latin kerning,
 * tabular figures) stay valid; the other slices' layout tables (vertical forms, proportional CJK
 * punctuation, features a horizontal report never turns on) are dropped, as are vertical metrics.
 * Subsetting is left to harfbuzz (subset-font), which rebuilds every table it keeps.
 *
 * Cutting a font embedded in a PDF down to the glyphs its pages draw (keepGlyphs, for pdf-fonts.ts):
 * glyph ids are kept, since the PDF's content streams name glyphs by id.
 */
import { inflateSync } from "node:zlib";

export type Tables = Map<string, Buffer>;

/** The tables of a WOFF 1.0 file (zlib per table, no wasm needed). */
export function woffTables(woff: Buffer): Tables {
  if (woff.toString("latin1", 0, 4) !== "wOFF") throw new Error("not a WOFF 1.0 file");
  const tables: Tables = new Map();
  const count = woff.readUInt16BE(12);
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20;
    const tag = woff.toString("latin1", at, at + 4);
    const offset = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compressed);
    tables.set(tag, compressed < length ? inflateSync(raw) : Buffer.from(raw));
  }
  return tables;
}

/** The tables of an sfnt (TrueType outlines) file, as subarrays of `font`. */
export function sfntTables(font: Buffer): Tables {
  const version = font.readUInt32BE(0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new Error("not a TrueType (glyf) sfnt");
  const tables: Tables = new Map();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const offset = font.readUInt32BE(at + 8);
    tables.set(font.toString("latin1", at, at + 4), font.subarray(offset, offset + font.readUInt32BE(at + 12)));
  }
  return tables;
}

function checksum(b: Buffer): number {
  let sum = 0;
  const padded = b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** An sfnt (TrueType) file from its tables, with table checksums and head.checkSumAdjustment. */
export function writeSfnt(tables: Tables): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(Math.log2(pow), 8);
  header.writeUInt16BE(n * 16 - pow * 16, 10);
  const head = tables.get("head");
  if (head) head.writeUInt32BE(0, 8);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const rec = 12 + i * 16;
    header.write(tag, rec, "latin1");
    header.writeUInt32BE(checksum(data), rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(data.length, rec + 12);
    const pad = (4 - (data.length % 4)) % 4;
    parts.push(data, Buffer.alloc(pad));
    offset += data.length + pad;
  });
  const out = Buffer.concat(parts);
  if (head) {
    const headAt = header.readUInt32BE(12 + tags.indexOf("head") * 16 + 8);
    out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headAt + 8);
  }
  return out;
}

/** code point → glyph id from the best Unicode cmap subtable (format 12, else format 4). */
export function readCmap(cmap: Buffer): Map<number, number> {
  const map = new Map<number, number>();
  const count = cmap.readUInt16BE(2);
  const subtables: { format: number; offset: number }[] = [];
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) subtables.push({ format: cmap.readUInt16BE(offset), offset });
  }
  const best = subtables.find((s) => s.format === 12) ?? subtables.find((s) => s.format === 4);
  if (!best) return map;
  const o = best.offset;
  if (best.format === 12) {
    const groups = cmap.readUInt32BE(o + 12);
    for (let g = 0; g < groups; g++) {
      const at = o + 16 + g * 12;
      const start = cmap.readUInt32BE(at);
      const end = cmap.readUInt32BE(at + 4);
      const gid = cmap.readUInt32BE(at + 8);
      for (let c = start; c <= end; c++) map.set(c, gid + c - start);
    }
    return map;
  }
  const segs = cmap.readUInt16BE(o + 6) / 2;
  const ends = o + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const ranges = deltas + segs * 2;
  for (let s = 0; s < segs; s++) {
    const end = cmap.readUInt16BE(ends + s * 2);
    const start = cmap.readUInt16BE(starts + s * 2);
    const delta = cmap.readInt16BE(deltas + s * 2);
    const rangeOffset = cmap.readUInt16BE(ranges + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let gid: number;
      if (rangeOffset === 0) gid = (c + delta) & 0xffff;
      else {
        const g = cmap.readUInt16BE(ranges + s * 2 + rangeOffset + (c - start) * 2);
        gid = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (gid !== 0) map.set(c, gid);
    }
  }
  return map;
}

/** A cmap with one format 12 subtable (3,10): harfbuzz writes the compact formats when it subsets. */
function writeCmap(map: Map<number, number>): Buffer {
  const codes = [...map.keys()].sort((a, b) => a - b);
  const groups: [number, number, number][] = [];
  for (const c of codes) {
    const g = map.get(c)!;
    const last = groups.at(-1);
    if (last && c === last[1] + 1 && g === last[2] + (c - last[0])) last[1] = c;
    else groups.push([c, c, g]);
  }
  const sub = Buffer.alloc(16 + groups.length * 12);
  sub.writeUInt16BE(12, 0);
  sub.writeUInt32BE(sub.length, 4);
  sub.writeUInt32BE(groups.length, 12);
  groups.forEach(([s, e, g], i) => {
    sub.writeUInt32BE(s, 16 + i * 12);
    sub.writeUInt32BE(e, 20 + i * 12);
    sub.writeUInt32BE(g, 24 + i * 12);
  });
  const head = Buffer.alloc(12);
  head.writeUInt16BE(1, 2);
  head.writeUInt16BE(3, 4);
  head.writeUInt16BE(10, 6);
  head.writeUInt32BE(12, 8);
  return Buffer.concat([head, sub]);
}

/** A TrueType font's glyphs by id: outline (glyf bytes, empty for none), horizontal metrics, and the cmap. */
export interface GlyphSet {
  glyphs: Buffer[];
  metrics: [advance: number, lsb: number][];
  cmap: Map<number, number>;
}

/** The glyphs of a TrueType font (subarrays of its tables). */
export function readGlyphs(t: Tables): GlyphSet {
  const need = (tag: string) => {
    const b = t.get(tag);
    if (!b) throw new Error(`font without a ${tag} table`);
    return b;
  };
  const [head, maxp, loca, glyf, hhea, hmtx] = ["head", "maxp", "loca", "glyf", "hhea", "hmtx"].map(need) as Buffer[];
  const numGlyphs = maxp!.readUInt16BE(4);
  const long = head!.readInt16BE(50) === 1;
  const off = (i: number) => (long ? loca!.readUInt32BE(i * 4) : loca!.readUInt16BE(i * 2) * 2);
  const glyphs: Buffer[] = [];
  for (let i = 0; i < numGlyphs; i++) glyphs.push(glyf!.subarray(off(i), off(i + 1)));
  const hMetrics = hhea!.readUInt16BE(34);
  const metrics: [number, number][] = [];
  for (let i = 0; i < numGlyphs; i++) {
    const advance = hmtx!.readUInt16BE(Math.min(i, hMetrics - 1) * 4);
    const lsb = i < hMetrics ? hmtx!.readInt16BE(i * 4 + 2) : hmtx!.readInt16BE(hMetrics * 4 + (i - hMetrics) * 2);
    metrics.push([advance, lsb]);
  }
  return { glyphs, metrics, cmap: readCmap(need("cmap")) };
}

/** The glyphs of `wanted` and, through composite glyphs, their components (ids ascending). */
function glyphClosure(glyphs: readonly Buffer[], wanted: Iterable<number>): number[] {
  const seen = new Set<number>();
  const todo = [...wanted];
  while (todo.length > 0) {
    const gid = todo.pop()!;
    if (seen.has(gid) || gid >= glyphs.length) continue;
    seen.add(gid);
    const g = glyphs[gid]!;
    if (g.length < 10 || g.readInt16BE(0) >= 0) continue;
    let at = 10;
    for (;;) {
      const flags = g.readUInt16BE(at);
      todo.push(g.readUInt16BE(at + 2));
      at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      if (!(flags & 0x0020)) break;
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/** A composite glyph's component ids mapped through `map` (a copy; simple glyphs are returned as they are). */
function remapComponents(glyph: Buffer, map: Map<number, number>): Buffer {
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return glyph;
  const g = Buffer.from(glyph);
  let at = 10;
  for (;;) {
    const flags = g.readUInt16BE(at);
    g.writeUInt16BE(map.get(g.readUInt16BE(at + 2)) ?? 0, at + 2);
    at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
    if (!(flags & 0x0020)) break;
  }
  return g;
}

/** glyf and a long-format loca for glyphs by id (each padded to 4 bytes). */
function glyfLoca(glyphs: readonly Buffer[]): { glyf: Buffer; loca: Buffer } {
  const loca = Buffer.alloc((glyphs.length + 1) * 4);
  const padded: Buffer[] = [];
  const zeros = Buffer.alloc(3);
  let offset = 0;
  glyphs.forEach((g, i) => {
    loca.writeUInt32BE(offset, i * 4);
    const pad = (4 - (g.length % 4)) % 4;
    padded.push(g, zeros.subarray(0, pad));
    offset += g.length + pad;
  });
  loca.writeUInt32BE(offset, glyphs.length * 4);
  return { glyf: Buffer.concat(padded), loca };
}

/** hmtx with one long metric per glyph (numberOfHMetrics = numGlyphs). */
function longHmtx(metrics: readonly [number, number][]): Buffer {
  const hmtx = Buffer.alloc(metrics.length * 4);
  metrics.forEach(([a, l], i) => {
    hmtx.writeUInt16BE(a, i * 4);
    hmtx.writeInt16BE(l, i * 4 + 2);
  });
  return hmtx;
}

/**
 * One TrueType font from slices of one font. The first keeps all its glyphs and their ids and gives
 * the font-wide tables (head, hhea, OS/2, name, post, gasp and its layout tables); of the others only
 * the glyphs that draw `codePoints` are taken (with their components: a cheap cut before harfbuzz
 * subsets the result). A code point mapped by several slices takes the first one's glyph.
 */
export function mergeTrueType(fonts: readonly Tables[], codePoints?: ReadonlySet<number>): Buffer {
  if (fonts.length === 0) throw new Error("mergeTrueType: no fonts");
  const base = fonts[0]!;
  const glyphs: Buffer[] = [];
  const metrics: [number, number][] = [];
  const cmap = new Map<number, number>();
  fonts.forEach((t, i) => {
    const p = readGlyphs(t);
    const mapped = [...p.cmap].filter(([c]) => !cmap.has(c) && (i === 0 || !codePoints || codePoints.has(c)));
    const keep =
      i === 0 || !codePoints
        ? p.glyphs.map((_, g) => g)
        : glyphClosure(
            p.glyphs,
            mapped.map(([, g]) => g),
          );
    const ids = new Map(keep.map((g, k) => [g, glyphs.length + k]));
    for (const g of keep) {
      glyphs.push(remapComponents(p.glyphs[g]!, ids));
      metrics.push(p.metrics[g]!);
    }
    for (const [c, g] of mapped) cmap.set(c, ids.get(g) ?? 0);
  });
  if (glyphs.length > 0xffff) throw new Error(`mergeTrueType: ${glyphs.length} glyphs, more than a font holds`);

  const { glyf, loca } = glyfLoca(glyphs);
  const hmtx = longHmtx(metrics);
  const maxAdvance = Math.max(0, ...metrics.map(([a]) => a));

  const head = Buffer.from(base.get("head")!);
  const heads = fonts.map((t) => t.get("head")!);
  head.writeInt16BE(Math.min(...heads.map((h) => h.readInt16BE(36))), 36);
  head.writeInt16BE(Math.min(...heads.map((h) => h.readInt16BE(38))), 38);
  head.writeInt16BE(Math.max(...heads.map((h) => h.readInt16BE(40))), 40);
  head.writeInt16BE(Math.max(...heads.map((h) => h.readInt16BE(42))), 42);
  head.writeInt16BE(1, 50);

  const hhea = Buffer.from(base.get("hhea")!);
  hhea.writeUInt16BE(maxAdvance, 10);
  hhea.writeUInt16BE(metrics.length, 34);

  // maxp 1.0: every limit is the largest of the slices' (the glyphs are the slices' own).
  const maxp = Buffer.from(base.get("maxp")!);
  for (const t of fonts) {
    const m = t.get("maxp")!;
    for (let at = 6; at + 2 <= Math.min(maxp.length, m.length); at += 2) maxp.writeUInt16BE(Math.max(maxp.readUInt16BE(at), m.readUInt16BE(at)), at);
  }
  maxp.writeUInt16BE(glyphs.length, 4);

  // The served font keeps the layout tables (Latin kerning, tabular figures).
  return assembleSfnt(base, { head, hhea, maxp, hmtx, loca, glyf, cmap: writeCmap(cmap) }, ["OS/2", "name", "gasp", "GDEF", "GSUB", "GPOS"]);
}

/** An sfnt of the rebuilt tables, a format-3 post (no glyph names) and the tables of `base` named in `copied`. */
function assembleSfnt(base: Tables, rebuilt: Record<"head" | "hhea" | "maxp" | "hmtx" | "loca" | "glyf" | "cmap", Buffer>, copied: readonly string[]): Buffer {
  const post = Buffer.from(base.get("post")!.subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0);
  const out: Tables = new Map([...Object.entries(rebuilt), ["post", post]]);
  for (const tag of copied) {
    const b = base.get(tag);
    if (b) out.set(tag, b);
  }
  return writeSfnt(out);
}

/** Tables a PDF viewer draws TrueType glyphs with (hinting included); layout tables (GSUB, GPOS, GDEF, ...) and vertical metrics are not read for positioned glyphs. */
export const DRAWING_TABLES = ["OS/2", "name", "cvt ", "fpgm", "prep", "gasp"];

/**
 * A font's glyphs read once per tables object: every unit cut from one print keeps glyphs of the same
 * font programs (pdf-fonts.ts decodes each once), so each is read once, not once per unit. Read only.
 */
const readOnce = new WeakMap<Tables, GlyphSet>();
function glyphsOf(t: Tables): GlyphSet {
  let set = readOnce.get(t);
  if (!set) readOnce.set(t, (set = readGlyphs(t)));
  return set;
}

/**
 * The font with the outlines of `wanted`, their composite components and glyph 0 only; every other
 * glyph id stays, empty, so ids do not move. cmap maps only to kept glyphs; the left side bearings of
 * emptied glyphs are zeroed (they compress better).
 */
export function keepGlyphs(t: Tables, wanted: Iterable<number>): Buffer {
  const { glyphs, metrics, cmap } = glyphsOf(t);
  const kept = new Set(glyphClosure(glyphs, [0, ...wanted]));
  const empty = Buffer.alloc(0);
  return writeGlyphSet(t, {
    glyphs: glyphs.map((g, i) => (kept.has(i) ? g : empty)),
    metrics: metrics.map(([a, l], i) => [a, kept.has(i) ? l : 0]),
    cmap: new Map([...cmap].filter(([, g]) => kept.has(g))),
  });
}

/**
 * A TrueType font for a PDF viewer from a glyph set whose ids are those of `base` (glyf, loca, hmtx,
 * cmap, maxp's glyph count from the set; head, hhea and the drawing tables from `base`). post loses
 * its glyph names (format 3).
 */
export function writeGlyphSet(base: Tables, set: GlyphSet): Buffer {
  const { glyf, loca } = glyfLoca(set.glyphs);
  const head = Buffer.from(base.get("head")!);
  head.writeInt16BE(1, 50);
  const hhea = Buffer.from(base.get("hhea")!);
  hhea.writeUInt16BE(set.metrics.length, 34);
  const maxp = Buffer.from(base.get("maxp")!);
  maxp.writeUInt16BE(set.glyphs.length, 4);
  return assembleSfnt(base, { head, hhea, maxp, hmtx: longHmtx(set.metrics), loca, glyf, cmap: writeCmap(set.cmap) }, DRAWING_TABLES);
}
