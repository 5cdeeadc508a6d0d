/** A long document printed in pieces (renderLong) is one PDF like the document printed whole: the seed's summary with small pieces. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildQuarterReport } from "../reports/model/model.report";
import { PdfRenderer, type LongRenderResult } from "../reports/pdf/renderer";
import type { PdfMetadata } from "../reports/pdf/metadata";
import { renderDocument, type RenderedDocument } from "../reports/html/document";
import { summaryDocument } from "../reports/html/page.summary";
import { splitBody } from "../reports/html/split";
import { seedLedger } from "./fixtures/reports/ledger.seed";
import { pdfFonts, pdfInfo, pdfOutline, pdfPages, pdfText } from "./fixtures/reports/pdf-tools";

let renderer: PdfRenderer;
let dir: string;
let doc: RenderedDocument;
let metadata: PdfMetadata;
let single: string;

async function printLong(name: string, maxPieceChars: number): Promise<[string, LongRenderResult]> {
  const path = join(dir, name);
  const out = await open(path, "w");
  try {
    return [path, await renderer.renderLong(doc, metadata, async (chunk) => void (await out.write(chunk)), { maxPieceChars })];
  } finally {
    await out.close();
  }
}

const PAGE_NUMBER = /第\s*(\d+)\s*页\s*\/\s*共\s*(\d+)\s*页/;
/** The page numbers printed on each page (null where none: the cover). */
const pageNumbers = (f: string) => pdfPages(f).map((p) => PAGE_NUMBER.exec(p)?.slice(1).map(Number) ?? null);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-long-test-"));
  const seed = seedLedger(2);
  const report = buildQuarterReport(seed.ledger, seed.scores, 2, {
    workbookSha256: "0".repeat(64),
    generatedAt: new Date(Date.UTC(2023, 6, 5, 2, 30)),
    lang: "zh",
  });
  const html = summaryDocument(report.summary);
  doc = renderDocument(html);
  metadata = { title: html.title, author: html.author, subject: html.subject, keywords: html.keywords, lang: html.labels.htmlLang };
  renderer = await PdfRenderer.launch({ concurrency: 1 });
  single = join(dir, "single.pdf");
  writeFileSync(single, await renderer.render(doc, metadata));
});

afterAll(async () => {
  await renderer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("splitBody", () => {
  const body = `<section class="chapter"><h1>A</h1><p>${"a".repeat(50)}</p></section><section class="chapter"><h1>B</h1><table><thead><tr><th>H</th></tr></thead><tbody>${Array.from({ length: 8 }, (_, i) => `<tr><td>r${i}<svg><rect width="1"/></svg></td></tr>`).join("")}</tbody></table><h2>C</h2><p>${"c".repeat(40)}</p></section>`;

  it("keeps a short body whole and cuts a long one between chapters, then rows, reopening the table with its header", () => {
    expect(splitBody(body, body.length)).toEqual([body]);
    const pieces = splitBody(body, 150);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces[0]).toBe(`<section class="chapter"><h1>A</h1><p>${"a".repeat(50)}</p></section>`);
    // Every row once, in order; every piece well-formed; a continued table starts with its header.
    expect(pieces.join("").match(/r\d/g)).toEqual(Array.from({ length: 8 }, (_, i) => `r${i}`));
    for (const p of pieces.slice(1)) {
      expect(p.match(/<(section|table|tbody|tr)\b/g)?.length).toBe(p.match(/<\/(section|table|tbody|tr)>/g)?.length);
      if (p.includes("<td>")) expect(p).toMatch(/^<section class="chapter">(<h1>B<\/h1>)?<table><thead><tr><th>H<\/th><\/tr><\/thead><tbody>/);
    }
    // A heading is never a piece's last element: it goes with what follows it.
    for (const p of pieces) expect(p).not.toMatch(/<\/h[12]>(<\/[a-z]+>)*$/);
    expect(pieces.some((p) => p.startsWith(`<section class="chapter"><h2>C</h2>`))).toBe(true);
  });
});

describe("renderLong on the seed's summary", () => {
  it("cut between chapters: the same pages as one print, word for word, page numbers included; tagged, bookmarks, metadata", async () => {
    const max = 85_000;
    const pieces = splitBody(doc.body, max);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.trimStart()).toMatch(/^<section class="(cover|chapter)">/);
    const [f, result] = await printLong("chapters.pdf", max);
    expect(result.pieces).toBe(pieces.length);
    expect(result.tagged).toBe(true);
    expect(pdfPages(f)).toEqual(pdfPages(single));
    const info = pdfInfo(f);
    expect(info.Tagged).toBe("yes");
    expect(info.Title).toBe(metadata.title);
    expect(info.Author).toBe(metadata.author);
    expect(info.Keywords).toContain("台账");
    const [a, b] = [await pdfOutline(f), await pdfOutline(single)];
    expect(a.lang).toBe("zh-CN");
    expect(a.outline).toEqual(b.outline);
    expect(a.outline.length).toBeGreaterThan(5);
    for (const font of pdfFonts(f)) expect([font.type, font.embedded, font.unicode]).toEqual(["CID TrueType", true, true]);
  });

  it("cut between rows: every character of the one print, page numbers 第 N 页 / 共 M 页 continuous, the same bookmarks", async () => {
    const max = 12_000;
    const pieces = splitBody(doc.body, max);
    expect(pieces.some((p) => /^<section class="chapter">\s*<table>/.test(p))).toBe(true); // a table continued
    const [f, result] = await printLong("rows.pdf", max);
    expect(result.pieces).toBe(pieces.length);
    const m = Number(pdfInfo(f).Pages);
    expect(result.pages).toBe(m);
    expect(pageNumbers(f)).toEqual([null, ...Array.from({ length: m - 1 }, (_, i) => [i + 2, m])]);
    // Every character of the one print is in the pieces' (which add repeated headers, running titles and part-filled
    // pages), page numbers aside. Not compared in order: a table's columns are as wide as its piece's rows need, so
    // cells may wrap elsewhere and poppler reads the cells of a row in another order.
    const chars = (file: string) => {
      const n = new Map<string, number>();
      for (const c of pdfText(file).replace(new RegExp(PAGE_NUMBER.source, "g"), "").replace(/\s+/g, "")) n.set(c, (n.get(c) ?? 0) + 1);
      return n;
    };
    const [one, pieced] = [chars(single), chars(f)];
    const missing = [...one].filter(([c, n]) => (pieced.get(c) ?? 0) < n).map(([c, n]) => `${c}×${n - (pieced.get(c) ?? 0)}`);
    expect(missing).toEqual([]);
    expect(m).toBeGreaterThanOrEqual(Number(pdfInfo(single).Pages));
    expect((await pdfOutline(f)).outline).toEqual((await pdfOutline(single)).outline);
    expect(pdfInfo(f).Tagged).toBe("yes");
  });
});
