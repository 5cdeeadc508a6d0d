/**
 * A unit's pages cut from Chromium's combined scorecards PDF carry only the glyphs they draw: read back
 * with poppler (pdffonts, pdftotext, pdftoppm) and pdf.js against the same pages of the combined PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib";
import { buildQuarterReport } from "../reports/model/model.report";
import { scorecardsDocument } from "../reports/html/page.scorecard";
import { renderDocument } from "../reports/html/document";
import { PdfRenderer } from "../reports/pdf/renderer";
import { readCmap, sfntTables, writeSfnt, type Tables } from "../reports/pdf/font-merge";
import { subsetEmbeddedFonts, trimToUnicode, type FontSubsetResult } from "../reports/pdf/pdf-fonts";
import { seedLedger } from "./fixtures/reports/ledger.seed";
import { SMALL_AT, SMALL_SHA } from "./fixtures/reports/ledger.small";
import { pageImage, pdfFonts, pdfText } from "./fixtures/reports/pdf-tools";
import { requireProgram } from "./helpers/programs";

const name = (s: string) => PDFName.of(s);

/** pdftotext of pages first..last (1-based) of `file`. */
function pagesText(file: string, first: number, last: number): string {
  return execFileSync(requireProgram("pdftotext"), ["-f", String(first), "-l", String(last), "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

/** Each top-level bookmark's first page (0-based): Chromium writes one per unit's <h1>. */
function bookmarkPages(doc: PDFDocument): number[] {
  const ctx = doc.context;
  const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const starts: number[] = [];
  let item = ctx.lookup((ctx.lookup(doc.catalog.get(name("Outlines"))) as PDFDict).get(name("First"))) as PDFDict | undefined;
  while (item) {
    const dest = ctx.lookup(item.get(name("Dest"))) ?? ctx.lookup((ctx.lookup(item.get(name("A"))) as PDFDict).get(name("D")));
    starts.push(index.get(((dest as PDFArray).get(0) as PDFRef).toString())!);
    item = ctx.lookup(item.get(name("Next"))) as PDFDict | undefined;
  }
  return starts;
}

/** Pages [from, to) of `src` in a new document (what splitting does before fonts are cut). */
async function copyOut(src: PDFDocument, from: number, to: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const p of await doc.copyPages(
    src,
    Array.from({ length: to - from }, (_, k) => from + k),
  ))
    doc.addPage(p);
  return doc;
}

/** The first page's fonts: BaseFont → FontFile2 stream (and the descriptor holding it). */
function fontPrograms(doc: PDFDocument): Map<string, { descriptor: PDFDict; program: PDFRawStream; toUnicode: PDFRawStream }> {
  const ctx = doc.context;
  const fonts = ctx.lookup(doc.getPage(0).node.Resources()!.get(name("Font"))) as PDFDict;
  const out = new Map<string, { descriptor: PDFDict; program: PDFRawStream; toUnicode: PDFRawStream }>();
  for (const ref of fonts.values()) {
    const font = ctx.lookup(ref) as PDFDict;
    const cid = ctx.lookup((ctx.lookup(font.get(name("DescendantFonts"))) as PDFArray).get(0)) as PDFDict;
    const descriptor = ctx.lookup(cid.get(name("FontDescriptor"))) as PDFDict;
    const base = (font.get(name("BaseFont")) as PDFName).decodeText();
    out.set(base.replace(/^[A-Z]{6}\+/, ""), {
      descriptor,
      program: ctx.lookup(descriptor.get(name("FontFile2"))) as PDFRawStream,
      toUnicode: ctx.lookup(font.get(name("ToUnicode"))) as PDFRawStream,
    });
  }
  return out;
}

const tablesOf = (program: PDFRawStream): Tables => sfntTables(inflateSync(program.contents));

/** Each glyph's glyf bytes (loca, short or long). */
function glyphs(t: Tables): Buffer[] {
  const long = t.get("head")!.readInt16BE(50) === 1;
  const loca = t.get("loca")!;
  const off = (i: number) => (long ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2);
  return Array.from({ length: t.get("maxp")!.readUInt16BE(4) }, (_, g) => t.get("glyf")!.subarray(off(g), off(g + 1)));
}

/** The font with glyph `gid` replaced by `data` (glyf and a long loca rebuilt). */
function withGlyph(t: Tables, gid: number, data: Buffer): Buffer {
  const all = glyphs(t);
  all[gid] = data;
  const loca = Buffer.alloc((all.length + 1) * 4);
  let offset = 0;
  const parts = all.map((g, i) => {
    loca.writeUInt32BE(offset, i * 4);
    const padded = Buffer.concat([g, Buffer.alloc((4 - (g.length % 4)) % 4)]);
    offset += padded.length;
    return padded;
  });
  loca.writeUInt32BE(offset, all.length * 4);
  const head = Buffer.from(t.get("head")!);
  head.writeInt16BE(1, 50);
  // maxp 1.0 limits for composites: points, contours, component elements, depth.
  const maxp = Buffer.from(t.get("maxp")!);
  for (const [at, v] of [
    [10, 4000],
    [12, 400],
    [28, 2],
    [30, 1],
  ] as const)
    maxp.writeUInt16BE(v, at);
  return writeSfnt(new Map([...t, ["glyf", Buffer.concat(parts)], ["loca", loca], ["head", head], ["maxp", maxp]]));
}

/** A composite glyph: `a` as it is, `b` shifted right by `dx` units. */
function compositeGlyph(a: number, b: number, dx: number, bbox: Buffer): Buffer {
  const g = Buffer.alloc(10 + 8 + 8);
  g.writeInt16BE(-1, 0);
  bbox.copy(g, 2, 2, 10);
  // flags: ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES (| MORE_COMPONENTS on the first)
  g.writeUInt16BE(0x0001 | 0x0002 | 0x0020, 10);
  g.writeUInt16BE(a, 12);
  g.writeUInt16BE(0x0001 | 0x0002, 18);
  g.writeUInt16BE(b, 20);
  g.writeInt16BE(dx, 22);
  return g;
}

let dir: string;
let combined: string;
let src: PDFDocument;
/** The unit cut out: its first page (0-based), page count, the subset copy and its result. */
let from: number;
let count: number;
let cut: string;
let cutDoc: PDFDocument;
let result: FontSubsetResult;
let plainDoc: PDFDocument;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-pdf-fonts-"));
  const { ledger, scores } = seedLedger(2);
  const report = buildQuarterReport(ledger, scores, 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
  const doc = scorecardsDocument(report.scorecards);
  const renderer = await PdfRenderer.launch({ concurrency: 1 });
  let bytes: Buffer;
  try {
    bytes = await renderer.render(renderDocument(doc), { title: doc.title, author: doc.author, subject: doc.subject, keywords: doc.keywords, lang: "zh-CN" });
  } finally {
    await renderer.close();
  }
  combined = join(dir, "combined.pdf");
  writeFileSync(combined, bytes);
  src = await PDFDocument.load(bytes, { updateMetadata: false });
  const starts = bookmarkPages(src);
  expect(starts).toHaveLength(report.scorecards.length);
  // A unit of the median page count (more than one: its fonts are shared by several pages).
  const ranges = starts.map((s, i) => [s, (starts[i + 1] ?? src.getPageCount()) - s] as const);
  const median = [...ranges].sort((a, b) => a[1] - b[1])[ranges.length >> 1]![1];
  [from, count] = ranges.find((r) => r[1] === Math.max(2, median))!;
  cutDoc = await copyOut(src, from, from + count);
  result = subsetEmbeddedFonts(cutDoc);
  cut = join(dir, "unit.pdf");
  writeFileSync(cut, await cutDoc.save());
  plainDoc = await copyOut(src, from, from + count);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("re-subsetting a unit's fonts", () => {
  it("embeds one subset CID TrueType Noto Sans SC per weight, each program rewritten once", async () => {
    expect(result.fonts).toBe(2);
    expect(result.skipped).toBe(0);
    const rows = pdfFonts(cut);
    expect(rows.map((r) => r.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["NotoSansSC-Bold", "NotoSansSC-Regular"]);
    for (const r of rows) expect(r).toMatchObject({ type: "CID TrueType", embedded: true, subset: true, unicode: true });
    // Every page still draws with the same two font objects.
    const saved = await PDFDocument.load(await cutDoc.save());
    const fontRefs = saved
      .getPages()
      .map((p) => [...(saved.context.lookup(p.node.Resources()!.get(name("Font"))) as PDFDict).values()].map(String).sort().join());
    expect(new Set(fontRefs).size).toBe(1);
  });

  it("extracts the same text as the same pages of the combined PDF (poppler and pdf.js)", async () => {
    const text = pdfText(cut);
    expect(text).toContain("单位评分卡");
    expect(text).toBe(pagesText(combined, from + 1, from + count));
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const strings = async (bytes: Uint8Array) => {
      const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
      try {
        const out: string[] = [];
        for (let p = 1; p <= doc.numPages; p++)
          out.push(((await (await doc.getPage(p)).getTextContent()).items as { str: string }[]).map((i) => i.str).join(""));
        return out;
      } finally {
        await doc.destroy();
      }
    };
    expect(await strings(await cutDoc.save())).toEqual(await strings(await plainDoc.save()));
  });

  it("renders every page to the same pixels as the combined PDF", () => {
    for (let k = 0; k < count; k++) {
      const a = pageImage(cut, k + 1, 100);
      const b = pageImage(combined, from + k + 1, 100);
      expect(a.width).toBe(b.width);
      expect(Buffer.from(a.data).equals(Buffer.from(b.data)), `page ${k + 1}`).toBe(true);
    }
  });

  it("keeps the outlines of the characters on the pages only", () => {
    expect(result.bytesBefore).toBeGreaterThan(result.bytesAfter * 2);
    const onPages = new Set(pdfText(cut));
    const han = (text: string) => [...new Set(text)].filter((c) => /\p{Script=Han}/u.test(c));
    const elsewhere = han(pdfText(combined)).filter((c) => !onPages.has(c));
    expect(elsewhere.length).toBeGreaterThan(50);
    const drawnIn = new Map<string, number>();
    for (const weight of ["NotoSansSC-Regular", "NotoSansSC-Bold"]) {
      const [full, trimmed] = [tablesOf(fontPrograms(plainDoc).get(weight)!.program), tablesOf(fontPrograms(cutDoc).get(weight)!.program)];
      const cmap = readCmap(full.get("cmap")!);
      const [fullGlyphs, keptGlyphs] = [glyphs(full), glyphs(trimmed)];
      expect(keptGlyphs).toHaveLength(fullGlyphs.length); // glyph ids kept
      for (const c of elsewhere.filter((c) => cmap.has(c.codePointAt(0)!))) {
        const gid = cmap.get(c.codePointAt(0)!)!;
        expect(fullGlyphs[gid]!.length, c).toBeGreaterThan(0);
        expect(keptGlyphs[gid]!.length, c).toBe(0);
      }
      for (const c of han(pdfText(cut))) if ((keptGlyphs[cmap.get(c.codePointAt(0)!) ?? 0]?.length ?? 0) > 0) drawnIn.set(c, (drawnIn.get(c) ?? 0) + 1);
      // Layout tables are gone; what a viewer draws with stays.
      expect([...trimmed.keys()]).toEqual(expect.arrayContaining(["cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"]));
      for (const tag of ["GSUB", "GPOS", "GDEF"]) expect(trimmed.has(tag), tag).toBe(false);
    }
    // Every character on the pages keeps its outline in one weight at least.
    expect(han(pdfText(cut)).filter((c) => !drawnIn.has(c))).toEqual([]);
  });

  it("keeps the components of a composite glyph drawn on the pages", async () => {
    // Noto Sans SC has no composite glyphs: make a drawn glyph (区) a composite of two glyphs the unit never draws.
    const doc = await copyOut(src, from, from + count);
    const { descriptor, program } = fontPrograms(doc).get("NotoSansSC-Regular")!;
    const t = tablesOf(program);
    const cmap = readCmap(t.get("cmap")!);
    const all = glyphs(t);
    const onPages = new Set(pdfText(cut));
    const [a, b] = [...new Set(pdfText(combined))].filter((c) => /\p{Script=Han}/u.test(c) && !onPages.has(c)).map((c) => cmap.get(c.codePointAt(0)!)!);
    const drawn = cmap.get("区".codePointAt(0)!)!;
    expect(onPages.has("区")).toBe(true);
    const font = withGlyph(t, drawn, compositeGlyph(a!, b!, 500, all[drawn]!));
    doc.context.assign(descriptor.get(name("FontFile2")) as PDFRef, doc.context.flateStream(font, { Length1: font.length }));
    const composite = join(dir, "composite.pdf");
    writeFileSync(composite, await doc.save());

    const r = subsetEmbeddedFonts(doc);
    expect(r.fonts).toBe(2);
    const subset = join(dir, "composite-subset.pdf");
    writeFileSync(subset, await doc.save());
    const kept = glyphs(tablesOf(fontPrograms(doc).get("NotoSansSC-Regular")!.program));
    expect(kept[drawn]!.readInt16BE(0)).toBe(-1);
    expect(kept[a!]!.length).toBeGreaterThan(0);
    expect(kept[b!]!.length).toBeGreaterThan(0);
    // The composite is drawn (the page changed) and draws the same after subsetting.
    const page = pageImage(subset, 1, 100);
    expect(Buffer.from(page.data).equals(Buffer.from(pageImage(composite, 1, 100).data))).toBe(true);
    expect(Buffer.from(page.data).equals(Buffer.from(pageImage(combined, from + 1, 100).data))).toBe(false);
  });
});

describe("trimToUnicode", () => {
  const cmap = (body: string) =>
    `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;

  it("keeps the kept codes of bfchar and both bfrange forms as bfchar entries", () => {
    const text = cmap(
      "2 beginbfchar\n<0003> <0041>\n<0009> <D840DC00>\nendbfchar\n2 beginbfrange\n<0010> <0014> <4E00>\n<0020> <0022> [<0061> <00620063> <0064>]\nendbfrange\n",
    );
    const out = trimToUnicode(text, new Set([3, 9, 0x12, 0x21, 0x30]))!;
    expect(out).toBe(cmap("4 beginbfchar\n<0003> <0041>\n<0009> <D840DC00>\n<0012> <4E02>\n<0021> <00620063>\nendbfchar\n"));
    expect(trimToUnicode(out, new Set([3, 9, 0x12, 0x21]))).toBe(out);
  });

  it("writes at most 100 entries a block and leaves a CMap it does not read alone", () => {
    const out = trimToUnicode(cmap("1 beginbfrange\n<0000> <00FF> <4E00>\nendbfrange\n"), new Set(Array.from({ length: 256 }, (_, i) => i)))!;
    expect(out.match(/(\d+) beginbfchar/g)).toEqual(["100 beginbfchar", "100 beginbfchar", "56 beginbfchar"]);
    expect(trimToUnicode(cmap("/Foo usecmap\n"), new Set([1]))).toBeUndefined();
  });
});
