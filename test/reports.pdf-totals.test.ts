/**
 * Page totals written into the PDF (issue 12, one print per document): a document of page groups and
 * a long document's pieces are printed once with placeholder totals, then the totals are patched in.
 * Real Chromium, poppler's pdftotext / pdftoppm / pdffonts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildQuarterReport } from "../reports/model/model.report";
import { PdfRenderer } from "../reports/pdf/renderer";
import type { PdfMetadata } from "../reports/pdf/metadata";
import { renderDocument, type RenderedDocument } from "../reports/html/document";
import { scorecardsDocument } from "../reports/html/page.scorecard";
import { summaryDocument } from "../reports/html/page.summary";
import { splitPdf } from "../reports/pdf/split";
import { subsetEmbeddedFonts } from "../reports/pdf/pdf-fonts";
import { seedLedger } from "./fixtures/reports/ledger.seed";
import { pageImage, pdfFonts, pdfPages } from "./fixtures/reports/pdf-tools";

const META: PdfMetadata = { title: "评分卡", author: "a", subject: "s", keywords: "k", lang: "zh-CN" };
const PAGE_NUMBER = /第\s*(\d+)\s*页\s*\/\s*共\s*(\d+)\s*页/;
/** The page numbers printed on each page (null where none). */
const pageNumbers = (f: string) => pdfPages(f).map((p) => PAGE_NUMBER.exec(p)?.slice(1).map(Number) ?? null);
/** Embedded fonts without their subset tags, sorted. */
const fontNames = (f: string) =>
  pdfFonts(f)
    .map((x) => x.name.replace(/^[A-Z]{6}\+/, ""))
    .sort();

let renderer: PdfRenderer;
let dir: string;
let grouped: RenderedDocument;
/** The same units, the second one's name holding a BMP private-use character (as text converted from GB18030 may). */
let privateUse: RenderedDocument;
let summary: RenderedDocument;
let summaryMeta: PdfMetadata;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-totals-test-"));
  const seed = seedLedger(2);
  const report = buildQuarterReport(seed.ledger, seed.scores, 2, { workbookSha256: "0".repeat(64), generatedAt: new Date(Date.UTC(2023, 6, 5)), lang: "zh" });
  // Units of 1, 3, 2 and 5 pages (seed): groups of different sizes in one document.
  grouped = renderDocument(scorecardsDocument(report.scorecards.slice(8, 12)));
  const cards = report.scorecards.slice(8, 12);
  privateUse = renderDocument(scorecardsDocument(cards.map((c, i) => (i === 1 ? { ...c, unit: { ...c.unit, name: `${c.unit.name}\u{E001}` } } : c))));
  const html = summaryDocument(report.summary);
  summary = renderDocument(html);
  summaryMeta = { title: html.title, author: html.author, subject: html.subject, keywords: html.keywords, lang: html.labels.htmlLang };
  renderer = await PdfRenderer.launch({ concurrency: 1 });
});

afterAll(async () => {
  await renderer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The grouped document printed the old way: its page.css with the real counts, one plain print. */
async function printedWithNumbers(counts: readonly number[], path: string): Promise<void> {
  const css = grouped.groups!.pageCss(counts);
  const plain: RenderedDocument = { ...grouped, groups: undefined, files: { ...grouped.files, "page.css": { ...grouped.files["page.css"], body: css } } };
  writeFileSync(path, await renderer.render(plain, META));
}

function expectSamePixels(a: string, b: string, pages: number): void {
  for (let p = 1; p <= pages; p++) expect(Buffer.from(pageImage(a, p, 100).data).equals(Buffer.from(pageImage(b, p, 100).data)), `page ${p}`).toBe(true);
}

/** The bottom margin box's words 共, the total and 页 on a page (pdftotext -bbox: each word's box in points). */
function totalBoxes(file: string, page: number): { gong: number[]; total: number[]; ye: number[] } {
  const xml = execFileSync("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });
  const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    box: m.slice(1, 5).map(Number),
    text: m[5]!,
  }));
  const bottom = Math.max(...words.map((w) => w.box[1]!));
  const line = words.filter((w) => Math.abs(w.box[1]! - bottom) < 1);
  const at = line.findIndex((w) => w.text === "共");
  expect(at, `page ${page}: 共 in the bottom line`).toBeGreaterThanOrEqual(0);
  return { gong: line[at]!.box, total: line[at + 1]!.box, ye: line[at + 2]!.box };
}

/**
 * Prints the grouped document once (options as given), checks how many fallbacks it took, that every
 * page reads 第 N 页 / 共 M 页 of its group, one font per weight, and the same pixels as the old print
 * with the numbers. Returns the PDF's path, the group starts and counts.
 */
async function printGroupedChecked(name: string, fallbacks: number, groupDigits?: readonly number[], pixels = true) {
  const before = renderer.totalFallbacks;
  const printed = await renderer.renderGrouped(grouped, META, { groupDigits });
  expect(renderer.totalFallbacks - before).toBe(fallbacks);
  const counts = printed.starts.map((s, i) => (printed.starts[i + 1] ?? printed.pages) - s);
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, printed.pdf);
  expect(pageNumbers(path)).toEqual(counts.flatMap((c) => Array.from({ length: c }, (_, i) => [i + 1, c])));
  expect(fontNames(path)).toEqual(["NotoSansSC-Bold", "NotoSansSC-Regular"]);
  const old = join(dir, `${name}-old.pdf`);
  await printedWithNumbers(counts, old);
  if (pixels) expectSamePixels(path, old, printed.pages);
  // The patched streams replace the printed ones (no dead copies): about the size of the print with the numbers.
  expect(printed.pdf.length / readFileSync(old).length).toBeLessThan(1.02);
  return { printed, counts, path, old };
}

describe("a document of page groups printed once", () => {
  it("writes each group's total into the PDF: the unit PDFs cut from it read 第 N 页 / 共 M 页, render like the old print, embed one font per weight", async () => {
    const { printed, counts } = await printGroupedChecked("once", 0);
    expect(new Set(counts).size).toBeGreaterThan(2);

    const paths = counts.map((_, i) => join(dir, `unit-${i}.pdf`));
    const outs = await Promise.all(paths.map((p) => open(p, "w")));
    try {
      await splitPdf(
        printed.pdf,
        counts.map((c, i) => ({
          pages: [printed.starts[i]!, printed.starts[i]! + c] as const,
          metadata: { ...META, creator: "t" },
          sink: async (chunk: Uint8Array) => void (await outs[i]!.write(chunk)),
        })),
        { beforeWrite: (d) => void subsetEmbeddedFonts(d) },
      );
    } finally {
      await Promise.all(outs.map((o) => o.close()));
    }
    counts.forEach((c, i) => {
      expect(pageNumbers(paths[i]!), `unit ${i}`).toEqual(Array.from({ length: c }, (_, k) => [k + 1, c]));
      expect(fontNames(paths[i]!)).toEqual(["NotoSansSC-Bold", "NotoSansSC-Regular"]);
    });
  });

  it("centres a total of fewer digits than its placeholder, nothing else moving: no second print", async () => {
    // Two digits for groups of fewer than ten pages.
    const { printed, path, old } = await printGroupedChecked(
      "centred",
      0,
      grouped.groups!.bookmarks.map(() => 2),
      false,
    );
    for (let p = 1; p <= printed.pages; p++) {
      const padded = totalBoxes(path, p);
      const plain = totalBoxes(old, p);
      const digit = plain.total[2]! - plain.total[0]!;
      const left = padded.total[0]! - padded.gong[2]!;
      const right = padded.ye[0]! - padded.total[2]!;
      // Centred: as much space on either side, half a digit more than printed with the number.
      expect(Math.abs(left - right), `page ${p}`).toBeLessThan(0.2);
      expect(left - (plain.total[0]! - plain.gong[2]!)).toBeCloseTo(digit / 2, 0);
      // The line is one digit wider than the plain print's, centred where it was.
      expect(padded.ye[2]! - padded.gong[0]! - (plain.ye[2]! - plain.gong[0]!)).toBeCloseTo(digit, 0);
    }
  });

  it("takes the fallback when a group's total has more digits than its placeholder, and is still right", async () => {
    // Placeholders of no digits: no total fits, the document is printed again with the numbers.
    await printGroupedChecked(
      "fallback",
      1,
      grouped.groups!.bookmarks.map(() => 0),
    );
  });
});

describe("a unit name with a private-use character", () => {
  it("is not taken for a placeholder: the totals are written in, no second print", async () => {
    const before = renderer.totalFallbacks;
    const printed = await renderer.renderGrouped(privateUse, META);
    expect(renderer.totalFallbacks - before).toBe(0);
    const path = join(dir, "private-use.pdf");
    writeFileSync(path, printed.pdf);
    const counts = printed.starts.map((s, i) => (printed.starts[i + 1] ?? printed.pages) - s);
    expect(pageNumbers(path)).toEqual(counts.flatMap((c) => Array.from({ length: c }, (_, i) => [i + 1, c])));
  });
});

describe("a long document printed in pieces, each once", () => {
  async function printLong(name: string, totalDigits?: number): Promise<string> {
    const path = join(dir, name);
    const out = await open(path, "w");
    try {
      await renderer.renderLong(summary, summaryMeta, async (chunk) => void (await out.write(chunk)), { maxPieceChars: 40_000, totalDigits });
    } finally {
      await out.close();
    }
    return path;
  }

  it("writes the total into every piece (pieces of different page counts), or prints them again when its digits were mis-estimated", async () => {
    const whole = join(dir, "summary.pdf");
    writeFileSync(whole, await renderer.render(summary, summaryMeta));
    const expected = pageNumbers(whole);
    const total = expected.length;
    expect(total).toBeGreaterThan(9);

    let before = renderer.totalFallbacks;
    const once = await printLong("long-once.pdf");
    expect(renderer.totalFallbacks - before).toBe(0);
    const numbers = pageNumbers(once);
    expect(numbers.filter(Boolean)).toEqual(numbers.flatMap((_, i) => (numbers[i] ? [[i + 1, numbers.length]] : [])));
    expect(numbers.length).toBeGreaterThanOrEqual(total);
    expect(fontNames(once)).toEqual(["NotoSansSC-Bold", "NotoSansSC-Regular"]);

    before = renderer.totalFallbacks;
    const again = await printLong("long-fallback.pdf", 1);
    expect(renderer.totalFallbacks - before).toBe(1);
    expect(pageNumbers(again)).toEqual(numbers);
    expectSamePixels(once, again, numbers.length);
  });
});
