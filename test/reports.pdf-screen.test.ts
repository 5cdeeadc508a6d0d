/**
 * Documents swapped into a pooled page are printed, never shown: no screen layout (styles.ts), so no
 * layout loads their fonts. The chart script must load them before data-ready: puppeteer's page.pdf
 * waits for document.fonts.ready, i.e. only for loads already started, and a face the print itself
 * fetched would be missing from the print. Real Chromium, real swaps, the PDF read back with poppler.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "puppeteer";
import { buildQuarterReport } from "../reports/model/model.report";
import { documentTexts, PdfRenderer } from "../reports/pdf/renderer";
import { renderDocument, shellDocument, type RenderedDocument } from "../reports/html/document";
import { summaryDocument } from "../reports/html/page.summary";
import { labelsFor } from "../reports/html/labels";
import { html } from "../reports/html/safe-html";
import type { ChartSpec } from "../reports/html/script.charts";
import { SMALL_AT, SMALL_SHA, smallLedger, smallScoresQ1, smallScoresQ2 } from "./fixtures/reports/ledger.small";
import { pdfFonts, pdfText } from "./fixtures/reports/pdf-tools";

const flat = (s: string) => s.replace(/\s+/g, "");
/**
 * Emoji in different Noto Emoji slices: one in the body, two only in a margin box (laid out by the
 * print alone). Noto Sans SC has no 🚧 or 🎉; it has ⭐, yet Chromium takes ⭐ from the emoji font.
 */
const IN_BODY = "🚧";
const IN_MARGIN = "🎉⭐";

let renderer: PdfRenderer;
let dir: string;
let summary: RenderedDocument;
let rare: RenderedDocument;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-screen-"));
  renderer = await PdfRenderer.launch({ concurrency: 1, timeoutMs: 300_000 });
  const report = buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
  summary = renderDocument(summaryDocument(report.summary));
  const labels = labelsFor("zh");
  rare = renderDocument({
    title: "施工进度",
    runningTitle: "施工进度",
    runningRight: `重点项目${IN_MARGIN}`,
    author: "区政府办公室",
    subject: "施工进度",
    keywords: "台账",
    labels,
    body: html`<h1>施工进度</h1><p>新建就业服务站${IN_BODY}三处。</p>`,
  });
}, 120_000);

afterAll(async () => {
  await renderer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Report = { __plReport: { swap(...a: string[]): Promise<void> } };

/** Swaps a document into the shell as the renderer does, and waits for data-ready. */
async function swapIn(page: Page, id: string, doc: RenderedDocument): Promise<void> {
  renderer.assets.putDocument(id, { "page.css": doc.files["page.css"] });
  await page.evaluate((...a: string[]) => (window as unknown as Report).__plReport.swap(...a), id, doc.lang, doc.title, doc.body);
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-ready"), { polling: "mutation", timeout: 300_000 });
  expect(await page.evaluate(() => document.documentElement.getAttribute("data-ready"))).toBe("1");
}

describe("documents swapped into the shell", () => {
  it("are not laid out for the screen; their charts are drawn at their size, at devicePixelRatio 2", async () => {
    const set = await renderer.prepareFonts([...documentTexts(summary), ...documentTexts(rare)]);
    const found = await renderer.withPage(shellDocument(renderer.assets.fontFacesHref(set)), async (page) => {
      await page.waitForFunction(() => document.documentElement.hasAttribute("data-ready"), { polling: "mutation", timeout: 300_000 });
      await swapIn(page, "screen-summary", summary);
      return page.evaluate(() => ({
        body: document.body.getClientRects().length,
        canvases: Array.from(document.querySelectorAll("canvas[data-chart]"), (c) => {
          const canvas = c as HTMLCanvasElement;
          const spec = JSON.parse(document.getElementById("chart-" + canvas.getAttribute("data-chart"))!.textContent!) as ChartSpec;
          return { spec: [spec.width, spec.height], backing: [canvas.width, canvas.height], css: [canvas.style.width, canvas.style.height] };
        }),
      }));
    });
    expect(found.body).toBe(0);
    expect(found.canvases.length).toBeGreaterThan(1);
    for (const c of found.canvases) {
      const [w, h] = c.spec as [number, number];
      expect(c.backing).toEqual([w * 2, h * 2]);
      expect(c.css).toEqual([`${w}px`, `${h}px`]);
    }
  });

  it("have every font face they draw with loaded before the print: the print fetches none", async () => {
    const set = await renderer.prepareFonts([...documentTexts(summary), ...documentTexts(rare)]);
    const path = join(dir, "rare.pdf");
    const { before, during } = await renderer.withPage(shellDocument(renderer.assets.fontFacesHref(set)), async (page) => {
      const fonts: string[] = [];
      page.on("request", (req) => {
        if (new URL(req.url()).pathname.startsWith("/fonts/")) fonts.push(new URL(req.url()).pathname);
      });
      await page.waitForFunction(() => document.documentElement.hasAttribute("data-ready"), { polling: "mutation", timeout: 300_000 });
      // An ordinary document first (as in a package): the emoji faces are still not loaded after it.
      await swapIn(page, "screen-a", summary);
      await swapIn(page, "screen-b", rare);
      const before = fonts.splice(0);
      writeFileSync(path, await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 300_000 }));
      return { before, during: fonts };
    });
    expect(during).toEqual([]);
    expect(before.filter((f) => f.includes("noto-emoji-")).length).toBeGreaterThanOrEqual(2);
    const text = flat(pdfText(path));
    expect(text).toContain(flat(`新建就业服务站${IN_BODY}三处。`));
    expect(text).toContain(flat(`重点项目${IN_MARGIN}`));
    const names = pdfFonts(path).map((f) => f.name.replace(/^[A-Z]{6}\+/, ""));
    expect(names.filter((n) => /^NotoEmoji/.test(n)).length, names.join()).toBeGreaterThanOrEqual(1);
    for (const f of pdfFonts(path)) expect(f.embedded && f.subset && f.type !== "Type 3", f.name).toBe(true);
  });
});
