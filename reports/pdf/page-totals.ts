/**
 * Page totals written into a printed PDF. A document of page groups (every unit's scorecard) or a
 * long document's piece is printed once with each margin box's total drawn as placeholder glyphs of
 * the "PL Total" face (total-font.ts: one digit per glyph, all one advance). Once the print has
 * counted the pages, each page's placeholder glyphs are replaced by the glyphs of its total's digits
 * (same byte length, same advance: nothing moves), and the face's embedded program, /W and
 * /ToUnicode by the full 10-digit ones (extracted text reads 共 3 页). The changes are an incremental
 * update (incremental.ts): only the pages' content streams and the face's objects are written.
 *
 * A total whose digit count is not the placeholder's cannot be written without moving the centred
 * text: `placeholderFits` tells, and the caller prints again with the numbers (the fallback).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream, type PDFContext, type PDFObject } from "pdf-lib";
import { appendUpdate, readTrailer, type UpdatedObject } from "./incremental";
import { Name, scanContent } from "./pdf-content";
import { asBuffer, flateStream, readToUnicode, readWidths, streamBytes, writeToUnicode } from "./pdf-fonts";
import { TOTAL_FONT_NAME, totalGlyph } from "./total-font";

export class PageTotalError extends Error {}

const N = {
  Font: PDFName.of("Font"),
  BaseFont: PDFName.of("BaseFont"),
  Contents: PDFName.of("Contents"),
  DescendantFonts: PDFName.of("DescendantFonts"),
  FontDescriptor: PDFName.of("FontDescriptor"),
  FontFile2: PDFName.of("FontFile2"),
  ToUnicode: PDFName.of("ToUnicode"),
  W: PDFName.of("W"),
  DW: PDFName.of("DW"),
};

/** Digits of a page total. */
export const digitCount = (total: number) => String(total).length;

/** Whether a placeholder of `digits` digits can take `total`. */
export const placeholderFits = (digits: number, total: number) => digitCount(total) === digits;

/** A BaseFont of the total face: Chromium writes it after a subset tag ("BAAAAA+PLTotal-Regular"). */
const isTotalFont = (ctx: PDFContext, font: PDFObject | undefined) => {
  const f = ctx.lookup(font);
  const name = f instanceof PDFDict ? f.get(N.BaseFont) : undefined;
  return name instanceof PDFName && name.decodeText().replace(/^[A-Z]{6}\+/, "") === TOTAL_FONT_NAME;
};

/** A content stream with the total face's glyphs replaced in order by `digits`' (cycled: one total per margin box). */
function patchContent(data: Uint8Array, faceNames: ReadonlySet<string>, digits: string, state: { drawn: number }): Uint8Array | null {
  const spans = new WeakMap<Uint8Array, readonly [number, number]>();
  const edits: [number, number, string][] = [];
  let font: string | undefined;
  const saved: (string | undefined)[] = [];
  const show = (s: unknown) => {
    if (!(s instanceof Uint8Array) || font === undefined || !faceNames.has(font)) return;
    let hex = "";
    for (let k = 0; k + 1 < s.length; k += 2)
      hex += totalGlyph(Number(digits[state.drawn++ % digits.length]))
        .toString(16)
        .padStart(4, "0");
    edits.push([...spans.get(s)!, `<${hex}>`]);
  };
  scanContent(
    data,
    (op, args) => {
      if (op === "q") saved.push(font);
      else if (op === "Q") font = saved.length > 0 ? saved.pop() : font;
      else if (op === "Tf") font = args[0] instanceof Name ? args[0].value : undefined;
      else if (op === "Tj" || op === "'" || op === '"') show(args[args.length - 1]);
      else if (op === "TJ" && Array.isArray(args[0])) args[0].forEach(show);
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

/**
 * Writes `totals[i]` into page i's placeholders of `pdf` (parsed as `doc`) and installs `font` (the
 * served total face) as the face's program. Every page must draw exactly one total of its digit
 * count (else PageTotalError: the print is not what the placeholders assumed).
 */
export function writePageTotals(pdf: Buffer, doc: PDFDocument, totals: readonly number[], font: Buffer): Buffer {
  const ctx = doc.context;
  const trailer = readTrailer(pdf);
  if (!trailer) throw new PageTotalError("页码总数：PDF 没有可追加的 trailer (no classic trailer)");
  const changed = new Map<PDFRef, PDFObject>();
  const faces = new Set<PDFRef>();
  doc.getPages().forEach((page, i) => {
    const total = totals[i];
    if (total === undefined) throw new PageTotalError(`页码总数：第 ${i + 1} 页没有总数 (no total for page ${i + 1})`);
    const fonts = ctx.lookup(page.node.Resources()?.get(N.Font));
    const names = new Set<string>();
    if (fonts instanceof PDFDict)
      for (const [name, ref] of fonts.entries())
        if (isTotalFont(ctx, ref)) {
          names.add(name.decodeText());
          if (ref instanceof PDFRef) faces.add(ref);
        }
    const contents = page.node.get(N.Contents);
    const refs = contents instanceof PDFRef && ctx.lookup(contents) instanceof PDFArray ? (ctx.lookup(contents) as PDFArray).asArray() : [contents];
    const state = { drawn: 0 };
    for (const ref of refs) {
      const stream = ctx.lookup(ref);
      if (!(ref instanceof PDFRef) || !(stream instanceof PDFStream)) throw new PageTotalError(`页码总数：第 ${i + 1} 页的内容流不是间接对象`);
      const patched = names.size > 0 ? patchContent(streamBytes(stream), names, String(total), state) : null;
      if (patched) changed.set(ref, flateStream(ctx, stream, patched));
    }
    if (state.drawn !== digitCount(total))
      throw new PageTotalError(
        `页码总数：第 ${i + 1} 页有 ${state.drawn} 个占位数字，总数 ${total} (page ${i + 1}: ${state.drawn} placeholder digits for ${total})`,
      );
  });
  for (const faceRef of faces) installFace(ctx, faceRef, font, changed);
  const objects: UpdatedObject[] = [...changed].map(([ref, obj]) => ({ num: ref.objectNumber, gen: ref.generationNumber, body: objectBytes(obj) }));
  return appendUpdate(pdf, trailer, objects);
}

/** The face's program becomes the full 10-digit font, /W gives the ten digits' width, /ToUnicode maps them to 0–9. */
function installFace(ctx: PDFContext, faceRef: PDFRef, font: Buffer, changed: Map<PDFRef, PDFObject>): void {
  const face = ctx.lookup(faceRef, PDFDict);
  const descendants = ctx.lookup(face.get(N.DescendantFonts), PDFArray);
  const cidRef = descendants.get(0);
  const cidFont = ctx.lookup(cidRef, PDFDict);
  const descriptorRef = cidFont.get(N.FontDescriptor);
  const descriptor = ctx.lookup(descriptorRef, PDFDict);
  const programRef = descriptor.get(N.FontFile2);
  const toUnicodeRef = face.get(N.ToUnicode);
  if (!(cidRef instanceof PDFRef) || !(programRef instanceof PDFRef) || !(toUnicodeRef instanceof PDFRef))
    throw new PageTotalError("页码总数：字体对象不是间接对象 (the total face's objects are not indirect)");
  const program = ctx.lookup(programRef, PDFStream);
  changed.set(programRef, flateStream(ctx, program, font, { Length1: font.length }));
  // Every digit has the placeholder's advance (the face is built so).
  const w = ctx.lookup(cidFont.get(N.W));
  const dw = ctx.lookup(cidFont.get(N.DW));
  const width = (w instanceof PDFArray ? readWidths(ctx, w).get(totalGlyph(0)) : undefined) ?? (dw instanceof PDFNumber ? dw.asNumber() : 1000);
  const digits = Array.from({ length: 10 }, (_, d) => d);
  cidFont.set(N.W, ctx.obj([totalGlyph(0), digits.map(() => width)]));
  changed.set(cidRef, cidFont);
  const toUnicode = ctx.lookup(toUnicodeRef, PDFStream);
  const map = readToUnicode(asBuffer(streamBytes(toUnicode)).toString("latin1"));
  if (!map) throw new PageTotalError("页码总数：无法读取 ToUnicode (unreadable ToUnicode CMap)");
  map.unicode = new Map(digits.map((d) => [totalGlyph(d), (0x30 + d).toString(16).toUpperCase().padStart(4, "0")]));
  changed.set(toUnicodeRef, flateStream(ctx, toUnicode, Buffer.from(writeToUnicode(map), "latin1")));
  void descriptorRef;
}
