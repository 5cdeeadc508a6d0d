/**
 * Joined PDFs embed one font per weight: the seed's summary printed in pieces (renderLong) and two
 * halves of the seed's scorecards joined (joinPdfs) carry one NotoSansSC-Regular and one -Bold, the
 * union of the parts' subsets, and read (poppler) and draw (pdftoppm, pixel for pixel) as the parts do.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { inflateSync } from "node:zlib";
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { buildQuarterReport } from "../reports/model/model.report";
import { renderDocument } from "../reports/html/document";
import { summaryDocument } from "../reports/html/page.summary";
import { scorecardsDocument } from "../reports/html/page.scorecard";
import { PdfRenderer } from "../reports/pdf/renderer";
import { joinPdfs, type JoinedPdf } from "../reports/pdf/join";
import { readGlyphs, sfntTables } from "../reports/pdf/font-merge";
import { seedLedger } from "./fixtures/reports/ledger.seed";
import { SMALL_AT, SMALL_SHA } from "./fixtures/reports/ledger.small";
import { pageImage, pdfFonts, pdfPages, pdfText } from "./fixtures/reports/pdf-tools";

// renderLong joins its pieces through joinPdfs: the pieces are kept here to compare the joined PDF with.
const captured = vi.hoisted(() => ({ parts: [] as Uint8Array[] }));
vi.mock("../reports/pdf/join", async (importOriginal) => {
  const real = await importOriginal<typeof import("../reports/pdf/join")>();
  return {
    ...real,
    joinPdfs: async (...args: Parameters<typeof real.joinPdfs>) => {
      captured.parts = await Promise.all(args[0].map((p) => p.read()));
      return real.joinPdfs(...args);
    },
  };
});

let dir: string;
let renderer: PdfRenderer;
const META = { author: "a", subject: "s", keywords: "台账", lang: "zh-CN" };

/** Each embedded font program (FontFile2), by BaseFont: its stored bytes and its sfnt. */
async function programs(bytes: Uint8Array): Promise<{ name: string; stored: number; font: Buffer }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: { name: string; stored: number; font: Buffer }[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of("Type")) !== PDFName.of("FontDescriptor")) continue;
    const program = doc.context.lookup(obj.get(PDFName.of("FontFile2"))) as PDFRawStream;
    out.push({ name: (obj.get(PDFName.of("FontName")) as PDFName).decodeText(), stored: program.contents.length, font: inflateSync(program.contents) });
  }
  return out;
}

/** The glyph ids with an outline in a font program. */
const drawnGlyphs = (font: Buffer) => new Set(readGlyphs(sfntTables(font)).glyphs.flatMap((g, i) => (g.length > 0 ? [i] : [])));

/** Checks the joined PDF against its parts: fonts, text, pixels of each part's first and last page. */
/** `perWeight`: how many fonts of each weight the joined PDF has. */
async function expectJoinedLikeParts(joined: string, parts: Uint8Array[], perWeight = 1): Promise<void> {
  const fonts = pdfFonts(joined);
  const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, "")).sort();
  expect(names).toEqual([...Array(perWeight).fill("NotoSansSC-Bold"), ...Array(perWeight).fill("NotoSansSC-Regular")]);
  for (const f of fonts) expect([f.type, f.embedded, f.subset, f.unicode]).toEqual(["CID TrueType", true, true, true]);

  const files = parts.map((b, i) => {
    const f = joined.replace(/\.pdf$/, `-part${i}.pdf`);
    writeFileSync(f, b);
    return f;
  });
  // Before: every part embeds its own subset of each weight.
  expect(files.flatMap((f) => pdfFonts(f)).length).toBe(2 * parts.length);
  expect(pdfPages(joined)).toEqual(files.flatMap((f) => pdfPages(f)));

  // The shared font holds every glyph any part's font held.
  const [after, before] = [await programs(await readBytes(joined)), (await Promise.all(parts.map(programs))).flat()];
  for (const weight of perWeight === 1 ? ["Regular", "Bold"] : []) {
    const union = new Set(before.filter((p) => p.name.endsWith(weight)).flatMap((p) => [...drawnGlyphs(p.font)]));
    const shared = after.filter((p) => p.name.endsWith(weight));
    expect(shared).toHaveLength(1);
    expect([...drawnGlyphs(shared[0]!.font)].sort((a, b) => a - b)).toEqual([...union].sort((a, b) => a - b));
  }

  let at = 0;
  for (const f of files) {
    const n = pdfPages(f).length;
    for (const page of new Set([1, n])) {
      const [a, b] = [pageImage(joined, at + page, 60), pageImage(f, page, 60)];
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      expect(Buffer.compare(Buffer.from(a.data), Buffer.from(b.data)), `page ${at + page}`).toBe(0);
    }
    at += n;
  }
  const stored = (ps: { stored: number }[]) => ps.reduce((s, p) => s + p.stored, 0);
  console.log(
    `${basename(joined)}: ${parts.length} parts, font programs ${stored(before)} bytes in ${before.length} fonts → ${stored(after)} bytes in ${after.length}`,
  );
}

async function readBytes(file: string): Promise<Uint8Array> {
  const h = await open(file);
  try {
    return new Uint8Array(await h.readFile());
  } finally {
    await h.close();
  }
}

const seed = seedLedger(2);
const report = buildQuarterReport(seed.ledger, seed.scores, 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-join-fonts-"));
  renderer = await PdfRenderer.launch({ concurrency: 1 });
});

afterAll(async () => {
  await renderer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("one font per weight in a joined PDF", () => {
  /** The seed's summary printed in pieces of at most `max` characters; the pieces kept. */
  async function summaryInPieces(max: number): Promise<{ joined: string; single: string; result: JoinedPdf; pieces: Uint8Array[] }> {
    const html = summaryDocument(report.summary);
    const doc = renderDocument(html);
    const metadata = { ...META, title: html.title, lang: html.labels.htmlLang };
    const single = join(dir, "single.pdf");
    writeFileSync(single, await renderer.render(doc, metadata));
    const joined = join(dir, `summary-${max}.pdf`);
    const out = await open(joined, "w");
    try {
      const result = (await renderer.renderLong(doc, metadata, async (chunk) => void (await out.write(chunk)), { maxPieceChars: max })) as unknown as JoinedPdf;
      return { joined, single, result, pieces: captured.parts };
    } finally {
      await out.close();
    }
  }

  it("the seed's summary printed in pieces cut between chapters: the one print's text, one Regular, one Bold", async () => {
    const { joined, single, result, pieces } = await summaryInPieces(85_000);
    expect(pieces.length).toBeGreaterThan(1);
    expect(result.fonts).toMatchObject({ fonts: 2, replaced: 2 * pieces.length });
    await expectJoinedLikeParts(joined, pieces);
    expect(pdfText(joined)).toBe(pdfText(single));
  }, 240_000);

  it("the seed's summary printed in many small pieces: one Regular, one Bold; the pieces' text and pixels", async () => {
    const { joined, result, pieces } = await summaryInPieces(12_000);
    expect(pieces.length).toBeGreaterThan(5);
    expect(result.fonts).toMatchObject({ fonts: 2, replaced: 2 * pieces.length });
    await expectJoinedLikeParts(joined, pieces);
  }, 240_000);

  it("two halves of the seed's scorecards joined: one Regular, one Bold; the halves' text and pixels", async () => {
    const cards = report.scorecards;
    const halves = [cards.slice(0, cards.length >> 1), cards.slice(cards.length >> 1)];
    // One font set for the run, as the package prints with: the halves' fonts are subsets of the same font.
    const whole = renderDocument(scorecardsDocument(cards));
    await renderer.prepareFonts([whole.body, ...Object.values(whole.files).map((f) => f.body)]);
    const parts: Uint8Array[] = [];
    for (const half of halves) {
      const doc = scorecardsDocument(half);
      parts.push(new Uint8Array((await renderer.renderGrouped(renderDocument(doc), { ...META, title: doc.title })).pdf));
    }
    const joined = join(dir, "scorecards.pdf");
    const out = await open(joined, "w");
    try {
      const result = await joinPdfs(
        parts.map((b, i) => ({ read: async () => b, bookmark: `half ${i + 1}` })),
        { ...META, title: "scorecards", creator: "test" },
        async (chunk) => void (await out.write(chunk)),
      );
      expect(result.fonts).toMatchObject({ fonts: 2, replaced: 4 });
    } finally {
      await out.close();
    }
    await expectJoinedLikeParts(joined, parts);
  }, 240_000);

  it("scorecards printed with different font sets (other glyph ids) are not merged: each part's fonts kept, text and pixels as printed", async () => {
    const own = await PdfRenderer.launch({ concurrency: 1 });
    const cards = report.scorecards;
    const parts: Uint8Array[] = [];
    try {
      // No run-wide font set: each half is printed with a font set cut to its own characters.
      for (const half of [cards.slice(0, 3), cards.slice(-3)]) {
        const doc = scorecardsDocument(half);
        parts.push(new Uint8Array((await own.renderGrouped(renderDocument(doc), { ...META, title: doc.title })).pdf));
      }
    } finally {
      await own.close();
    }
    const joined = join(dir, "other-sets.pdf");
    const out = await open(joined, "w");
    try {
      const result = await joinPdfs(
        parts.map((b) => ({ read: async () => b })),
        { ...META, title: "scorecards", creator: "test" },
        async (chunk) => void (await out.write(chunk)),
      );
      expect(result.fonts).toMatchObject({ fonts: 4, replaced: 4 });
    } finally {
      await out.close();
    }
    await expectJoinedLikeParts(joined, parts, 2);
  }, 240_000);
});
