/**
 * "PL Total": the small font the margin boxes draw a page group's total with (共 M 页), so that a
 * document is printed once and M is written into the PDF afterwards (page-totals.ts). Its glyphs are
 * the regular Noto Sans SC digits 0–9 (all one advance: Noto's figures are tabular), mapped from the
 * private-use code points PAGE_TOTAL.first + d: in the PDF the totals are exactly the text shown with
 * this face, and page-totals.ts redraws each run with the regular font's glyphs of the real digits
 * (the same outlines and advance: nothing moves), after which no page uses the face.
 */
import { PAGE_TOTAL } from "../html/document";
import { readGlyphs, sfntTables, writeGlyphSet, type GlyphSet, type Tables } from "./font-merge";

/** The font's PostScript name (Chromium writes it as the PDF font's /BaseFont, after a subset tag). */
export const TOTAL_FONT_NAME = "PLTotal-Regular";

/** Glyph id of digit d in the total font (glyph 0 is .notdef). */
const totalGlyph = (d: number) => 1 + d;

/** A name table (format 0, Windows Unicode English) with the family, subfamily, full and PostScript names. */
function nameTable(names: Record<number, string>): Buffer {
  const entries = Object.entries(names).map(([id, s]) => [Number(id), Buffer.from(s, "utf16le").swap16()] as const);
  const header = Buffer.alloc(6 + 12 * entries.length);
  header.writeUInt16BE(entries.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  entries.forEach(([id, s], i) => {
    const at = 6 + 12 * i;
    header.writeUInt16BE(3, at);
    header.writeUInt16BE(1, at + 2);
    header.writeUInt16BE(0x409, at + 4);
    header.writeUInt16BE(id, at + 6);
    header.writeUInt16BE(s.length, at + 8);
    header.writeUInt16BE(offset, at + 10);
    offset += s.length;
  });
  return Buffer.concat([header, ...entries.map(([, s]) => s)]);
}

/** The regular font as served (a font set's 400 file): its PostScript name and digit glyphs, whose ids Chromium's subset keeps. */
export interface RegularFont {
  /** The /BaseFont Chromium writes after its subset tag ("NotoSansSC-Regular"). */
  postscriptName: string;
  tables: Tables;
  glyphs: GlyphSet;
  /** Glyph id of digit d. */
  digitGlyphs: number[];
  /** Advance of a digit in PDF glyph space (1/1000 em). */
  digitWidth: number;
}

/** A regular-weight TrueType font that maps the ASCII digits (a font set's), read once: the total font copies its digits, page-totals.ts draws with them. */
export function regularFont(served: Buffer, postscriptName: string): RegularFont {
  const tables = sfntTables(served);
  const glyphs = readGlyphs(tables);
  const digitGlyphs = Array.from({ length: 10 }, (_, d) => {
    const gid = glyphs.cmap.get(0x30 + d);
    if (gid === undefined) throw new Error(`the regular font has no digit ${d}`);
    if (glyphs.glyphs[gid]!.length >= 10 && glyphs.glyphs[gid]!.readInt16BE(0) < 0) throw new Error(`digit ${d} is a composite glyph`);
    return gid;
  });
  const advance = glyphs.metrics[digitGlyphs[0]!]![0];
  if (digitGlyphs.some((g) => glyphs.metrics[g]![0] !== advance)) throw new Error("the regular font's digits differ in advance width");
  const unitsPerEm = tables.get("head")!.readUInt16BE(18);
  return { postscriptName, tables, glyphs, digitGlyphs, digitWidth: (advance * 1000) / unitsPerEm };
}

/** The total font: the regular font's digits under the placeholders' code points. */
export function buildTotalFont(regular: RegularFont): Buffer {
  const { glyphs, metrics } = regular.glyphs;
  const set: GlyphSet = {
    glyphs: [glyphs[0]!, ...regular.digitGlyphs.map((g) => glyphs[g]!)],
    metrics: [metrics[0]!, ...regular.digitGlyphs.map((g) => metrics[g]!)],
    cmap: new Map(regular.digitGlyphs.map((_, d) => [PAGE_TOTAL.first + d, totalGlyph(d)])),
  };
  // Its own names: the PDF and pdffonts tell it from Noto Sans SC.
  const base = new Map(regular.tables).set("name", nameTable({ 1: PAGE_TOTAL.family, 2: "Regular", 4: PAGE_TOTAL.family, 6: TOTAL_FONT_NAME }));
  return writeGlyphSet(base, set);
}
