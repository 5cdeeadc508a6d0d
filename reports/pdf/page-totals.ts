/**
 * Page totals written into a printed PDF. A document of page groups (every unit's scorecard) or a
 * long document's piece is printed once with each margin box's total drawn as placeholder glyphs of
 * the "PL Total" face (total-font.ts: private-use code points, one digit each, all one advance), so
 * that in the PDF the totals are exactly the text shown with that face. Once the print has counted
 * the pages, each placeholder run is redrawn with the regular Noto Sans SC font the rest of the
 * margin box uses: its font operand becomes the regular font's, its glyphs the regular font's glyphs
 * of the total's digits (same byte length, same advance: nothing moves), and the face leaves the
 * pages' resources. The PDF then embeds one font per weight, as a document printed with the numbers
 * would; the regular font's program, /W and /ToUnicode gain a digit only if the document drew none.
 * The changed objects (the patched content streams, the pages' font resources and, rarely, the
 * regular font's objects) replace the old ones in a copy of the file (incremental.ts replaceObjects:
 * the rest copied byte for byte; an incremental update only where the file is not as Skia writes it).
 *
 * A total of fewer digits than its placeholder is drawn centred in the placeholder's width: each of
 * its digits moved right by half the missing digits' advance (a TJ displacement), the unused slots
 * drawing nothing; the text around it does not move (Chromium places every glyph with its own Td),
 * so "共 7 页" gets a little more space around the 7. A total of more digits cannot be written
 * without moving the centred text: `placeholderFits` tells, and the caller prints again with the
 * numbers (the fallback). So the caller's guess leans high.
 */
import { PDFArray, PDFDict, PDFName, PDFNull, PDFRef, PDFStream, type PDFContext, type PDFDocument, type PDFObject } from "pdf-lib";
import { readGlyphs, sfntTables, writeGlyphSet } from "./font-merge";
import { appendUpdate, readTrailer, replaceObjects, type UpdatedObject } from "./incremental";
import { Name, scanContent } from "./pdf-content";
import { asBuffer, flateStream, identityCidFont, readToUnicode, readWidths, streamBytes, writeToUnicode, writeWidths } from "./pdf-fonts";
import { TOTAL_FONT_NAME, type RegularFont } from "./total-font";

export class PageTotalError extends Error {}

/** Digits of a page total. */
export const digitCount = (total: number) => String(total).length;

/** Whether a placeholder of `digits` digits can take `total` (fewer digits are centred in it). */
export const placeholderFits = (digits: number, total: number) => digitCount(total) <= digits;

/** A number as a content-stream operand (no exponent, at most 3 decimals). */
const operand = (x: number) => String(Math.round(x * 1000) / 1000);

const FONT = PDFName.of("Font");
const CONTENTS = PDFName.of("Contents");
const RESOURCES = PDFName.of("Resources");
const BASE_FONT = PDFName.of("BaseFont");
const W = PDFName.of("W");

/** A font resource's BaseFont without its subset tag. */
function baseFont(ctx: PDFContext, font: PDFObject | undefined): string | undefined {
  const f = ctx.lookup(font);
  const name = f instanceof PDFDict ? f.get(BASE_FONT) : undefined;
  return name instanceof PDFName ? name.decodeText().replace(/^[A-Z]{6}\+/, "") : undefined;
}

/** What the placeholders of a page become: the total's digits, in `slots` placeholder glyphs of `width` (1/1000 em) each. */
interface TotalText {
  digits: string;
  slots: number;
  width: number;
}

/**
 * A content stream with the total face's runs redrawn with the regular font (resource `regular`):
 * its glyphs replaced in order by the total's digits (cycled: one total per margin box, `slots`
 * glyphs each; a shorter total centred, see above). Null: nothing drawn with the face.
 */
function patchContent(
  data: Uint8Array,
  faceNames: ReadonlySet<string>,
  regular: string,
  digitGlyph: (d: number) => number,
  total: TotalText,
  state: { drawn: number },
): Uint8Array | null {
  const spans = new WeakMap<Uint8Array | Name, readonly [number, number]>();
  const edits: [number, number, string][] = [];
  let face = false;
  const saved: boolean[] = [];
  const { digits, slots } = total;
  const shift = ((slots - digits.length) * total.width) / 2;
  const show = (s: unknown, op: string) => {
    if (!(s instanceof Uint8Array) || !face) return;
    let hex = "";
    let first = true;
    let shifted = false;
    for (let k = 0; k + 1 < s.length; k += 2) {
      const slot = state.drawn++ % slots;
      if (first) shifted = slot < digits.length;
      first = false;
      if (slot < digits.length) hex += digitGlyph(Number(digits[slot])).toString(16).padStart(4, "0");
    }
    if (shift === 0) return void edits.push([...spans.get(s)!, `<${hex}>`]);
    // A centred shorter total: only a string shown by Tj (as Chromium draws every glyph) can be moved
    // without moving what follows it: `[-shift <digits>] TJ` then the original Tj shows an empty string.
    if (op !== "Tj") throw new PageTotalError(`页码总数：占位数字不是用 Tj 绘制的 (placeholder shown by ${op})`);
    edits.push([...spans.get(s)!, shifted && hex ? `[${operand(-shift)} <${hex}>] TJ <>` : "<>"]);
  };
  scanContent(
    data,
    (op, args) => {
      if (op === "q") saved.push(face);
      else if (op === "Q") face = saved.pop() ?? face;
      else if (op === "Tf") {
        face = args[0] instanceof Name && faceNames.has(args[0].value);
        if (face) edits.push([...spans.get(args[0] as Name)!, `/${regular}`]);
      } else if (op === "Tj" || op === "'" || op === '"') show(args[args.length - 1], op);
      else if (op === "TJ" && Array.isArray(args[0])) args[0].forEach((s) => show(s, op));
    },
    spans,
  );
  if (edits.length === 0) return null;
  const parts: Buffer[] = [];
  let at = 0;
  for (const [start, end, text] of edits) {
    parts.push(asBuffer(data.subarray(at, start)), Buffer.from(text, "latin1"));
    at = end;
  }
  parts.push(asBuffer(data.subarray(at)));
  return Buffer.concat(parts);
}

/** The bytes of an object as written in a file (between "obj" and "endobj"). */
function objectBytes(obj: PDFObject): Buffer {
  const out = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(out, 0);
  return Buffer.from(out.buffer, out.byteOffset, out.length);
}

/** A page's total and the digits of the placeholder it was printed with. */
export interface PageTotal {
  total: number;
  slots: number;
}

/**
 * Writes `totals[i]` into page i's placeholders of `pdf` (parsed as `doc`, which gets the same
 * changes: after a PageTotalError it is half-changed, and not to be used). A page draws one
 * placeholder of `slots` digits, or none (a cover page without margin boxes); anything else, or a
 * total of more digits than its slots, is a PageTotalError (the print is not what the placeholders
 * assumed: the caller prints again with the numbers).
 */
export function writePageTotals(pdf: Buffer, doc: PDFDocument, totals: readonly PageTotal[], regular: RegularFont): Buffer {
  const ctx = doc.context;
  const trailer = readTrailer(pdf);
  if (!trailer) throw new PageTotalError("页码总数：PDF 没有可追加的 trailer (no classic trailer)");
  const changed = new Map<PDFRef, PDFObject>();
  /** Regular font resources drawn with, and the digits they now draw. */
  const regularFonts = new Map<PDFDict, Set<number>>();
  const faceRefs = new Set<PDFRef>();
  doc.getPages().forEach((page, i) => {
    const pageTotal = totals[i];
    if (pageTotal === undefined) throw new PageTotalError(`页码总数：第 ${i + 1} 页没有总数 (no total for page ${i + 1})`);
    const resRef = page.node.get(RESOURCES);
    const res = ctx.lookup(resRef);
    const fontsRef = res instanceof PDFDict ? res.get(FONT) : undefined;
    const fonts = ctx.lookup(fontsRef);
    if (!(fonts instanceof PDFDict)) return;
    const faces = new Set<string>();
    let regularName: string | undefined;
    for (const [name, ref] of fonts.entries()) {
      const base = baseFont(ctx, ref);
      if (base === TOTAL_FONT_NAME) {
        faces.add(name.decodeText());
        if (ref instanceof PDFRef) faceRefs.add(ref);
      } else if (base === regular.postscriptName) regularName = name.decodeText();
    }
    if (faces.size === 0) return;
    if (regularName === undefined)
      throw new PageTotalError(`页码总数：第 ${i + 1} 页没有 ${regular.postscriptName} 字体 (page ${i + 1} draws no regular text)`);
    const contents = ctx.lookup(page.node.get(CONTENTS));
    const refs = contents instanceof PDFArray ? contents.asArray() : [page.node.get(CONTENTS)];
    const { total, slots } = pageTotal;
    if (!placeholderFits(slots, total)) throw new PageTotalError(`页码总数：${total} 多于占位的 ${slots} 位 (${total} has more digits than its placeholder)`);
    const text: TotalText = { digits: String(total), slots, width: regular.digitWidth };
    const state = { drawn: 0 };
    for (const ref of refs) {
      const stream = ctx.lookup(ref);
      if (!(ref instanceof PDFRef) || !(stream instanceof PDFStream)) throw new PageTotalError(`页码总数：第 ${i + 1} 页的内容流不是间接对象`);
      const patched = patchContent(streamBytes(stream), faces, regularName, (d) => regular.digitGlyphs[d]!, text, state);
      if (patched) changed.set(ref, flateStream(ctx, stream, patched));
    }
    if (state.drawn !== 0 && state.drawn !== slots)
      throw new PageTotalError(
        `页码总数：第 ${i + 1} 页有 ${state.drawn} 个占位数字，总数 ${total} (page ${i + 1}: ${state.drawn} placeholder digits for ${total})`,
      );
    // The face leaves the page: the PDF embeds Noto Sans SC alone (pdffonts lists a page's font resources).
    for (const name of faces) fonts.delete(PDFName.of(name));
    const holder = fontsRef instanceof PDFRef ? fontsRef : resRef instanceof PDFRef ? resRef : page.ref;
    changed.set(holder, ctx.lookup(holder)!);
    const font = ctx.lookup(fonts.get(PDFName.of(regularName)), PDFDict);
    const used = regularFonts.get(font) ?? new Set<number>();
    for (const d of String(total)) used.add(regular.digitGlyphs[Number(d)]!);
    regularFonts.set(font, used);
  });
  for (const [font, used] of regularFonts) addDigits(ctx, font, used, regular, changed);
  // The face's objects, now drawn by no page, become null: a reader enumerating the file's fonts (join-fonts.ts) no longer finds them.
  for (const ref of faceRefs) for (const r of faceObjects(ctx, ref)) changed.set(r, PDFNull);
  const objects: UpdatedObject[] = [...changed].map(([ref, obj]) => ({ num: ref.objectNumber, gen: ref.generationNumber, body: objectBytes(obj) }));
  // The parsed document gets the same objects: a caller cuts it without parsing the new file again.
  for (const [ref, obj] of changed) ctx.assign(ref, obj);
  // Written again rather than appended: every page's content stream changed (appended, the old ones would stay as dead bytes).
  return replaceObjects(pdf, trailer, objects) ?? appendUpdate(pdf, trailer, objects);
}

/** The indirect objects of a Type0 font: itself, its CIDFont, descriptor, program and ToUnicode. */
function faceObjects(ctx: PDFContext, ref: PDFRef): PDFRef[] {
  const refs = [ref];
  const font = ctx.lookup(ref);
  const f = font instanceof PDFDict ? identityCidFont(ctx, font) : undefined;
  const descendants = font instanceof PDFDict ? ctx.lookup(font.get(PDFName.of("DescendantFonts"))) : undefined;
  const held = [
    font instanceof PDFDict ? font.get(PDFName.of("ToUnicode")) : undefined,
    descendants instanceof PDFArray ? descendants.get(0) : undefined,
    f?.cidFont.get(PDFName.of("FontDescriptor")),
    f?.descriptor.get(PDFName.of("FontFile2")),
  ];
  for (const r of held) if (r instanceof PDFRef) refs.push(r);
  return refs;
}

/** The regular font's program, /W and /ToUnicode gain the digit glyphs `used` that its subset lacks (the document drew no such digit). */
function addDigits(ctx: PDFContext, font: PDFDict, used: ReadonlySet<number>, regular: RegularFont, changed: Map<PDFRef, PDFObject>): void {
  const f = identityCidFont(ctx, font);
  if (!f) throw new PageTotalError(`页码总数：${regular.postscriptName} 不是 Identity CIDFontType2 字体`);
  const mustRef = (holder: PDFDict, key: string) => {
    const ref = holder.get(PDFName.of(key));
    if (!(ref instanceof PDFRef)) throw new PageTotalError(`页码总数：${key} 不是间接对象`);
    return ref;
  };
  const tables = sfntTables(asBuffer(streamBytes(f.program)));
  const embedded = readGlyphs(tables);
  const missing = [...used].filter((g) => g >= embedded.glyphs.length || (embedded.glyphs[g]!.length === 0 && regular.glyphs.glyphs[g]!.length > 0));
  if (missing.length > 0) {
    for (const g of missing) {
      while (embedded.glyphs.length <= g) (embedded.glyphs.push(Buffer.alloc(0)), embedded.metrics.push([0, 0]));
      embedded.glyphs[g] = regular.glyphs.glyphs[g]!;
      embedded.metrics[g] = regular.glyphs.metrics[g]!;
    }
    const program = writeGlyphSet(tables, embedded);
    changed.set(mustRef(f.descriptor, "FontFile2"), flateStream(ctx, f.program, program, { Length1: program.length }));
  }
  const w = ctx.lookup(f.cidFont.get(W));
  const widths = w instanceof PDFArray ? readWidths(ctx, w) : new Map<number, number>();
  if ([...used].some((g) => widths.get(g) !== regular.digitWidth)) {
    for (const g of used) widths.set(g, regular.digitWidth);
    const array = writeWidths(ctx, widths, new Set(widths.keys()));
    const wRef = f.cidFont.get(W);
    if (wRef instanceof PDFRef) changed.set(wRef, array);
    else {
      f.cidFont.set(W, array);
      const descendants = ctx.lookup(font.get(PDFName.of("DescendantFonts")), PDFArray);
      const cidRef = descendants.get(0);
      if (!(cidRef instanceof PDFRef)) throw new PageTotalError("页码总数：CIDFont 不是间接对象");
      changed.set(cidRef, f.cidFont);
    }
  }
  const map = f.toUnicode && readToUnicode(asBuffer(streamBytes(f.toUnicode)).toString("latin1"));
  if (!map) throw new PageTotalError(`页码总数：无法读取 ${regular.postscriptName} 的 ToUnicode`);
  const unicodeOf = (g: number) => (0x30 + regular.digitGlyphs.indexOf(g)).toString(16).toUpperCase().padStart(4, "0");
  if ([...used].some((g) => map.unicode.get(g) !== unicodeOf(g))) {
    for (const g of used) map.unicode.set(g, unicodeOf(g));
    changed.set(mustRef(font, "ToUnicode"), flateStream(ctx, f.toUnicode!, Buffer.from(writeToUnicode(map), "latin1")));
  }
}
