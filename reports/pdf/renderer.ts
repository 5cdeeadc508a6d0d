/**
 * Printing documents to PDF: one browser per run, a bounded pool of pages that are reused and
 * recycled after a number of documents, every request intercepted. Pages are loaded from the fake
 * origin; the in-memory assets answer, and every other request (another origin, file://, an
 * unknown path) is aborted and recorded in `blockedRequests`.
 *
 * Each pooled page keeps a shell document loaded (fonts, stylesheet, Chart.js) and documents are
 * swapped into it ("swap", the default): no navigation, no re-parsing Chart.js, font slices already
 * decoded. "navigate" loads the document's own full HTML instead.
 *
 * Noto Sans SC comes in font sets (fonts.ts): one TrueType file per weight, subset to a set of
 * characters. A package prepares one set for all its documents (`prepareFonts`), so each pooled
 * page decodes it once; a document no set covers gets a set of its own. In "swap" mode the set's
 * @font-face rules are a stylesheet of the shell (one shell per set), so swapping a document in
 * replaces its small page.css and never re-declares the faces; "navigate" puts them first in the
 * document's page.css.
 *
 * A document of page groups (every unit's scorecard in one) prints once with `renderGrouped`: its
 * margin boxes draw placeholder totals, written in afterwards (page-totals.ts) once the print's
 * outline tells where each group starts. A long document (a city's summary) prints with
 * `renderLong`, in pieces each printed once and joined into one PDF.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, CDPSession, Page, Protocol } from "puppeteer";
import { PDFDocument } from "pdf-lib";
import { AssetStore } from "./assets";
import { chooseBrowser, launchBrowser, type BrowserChoice } from "./browser";
import { shellDocument, totalPlaceholder, type DocumentFiles, type RenderedDocument } from "../html/document";
import { CREATOR, setPdfMetadata, type PdfMetadata } from "./metadata";
import { joinPdfs, type JoinResult, type JoinSink } from "./join";
import { splitBody } from "../html/split";
import { cssString } from "../html/safe-html";
import { buildFontSet, codePointsOf, missingFontProblem, type FontSet } from "./fonts";
import { groupStarts } from "./page-groups";
import { digitCount, PageTotalError, placeholderFits, writePageTotals } from "./page-totals";

/**
 * Pages printing at the same time by default: one per core, at most 4. More pages than cores only
 * add memory (a renderer process each) and CPU (contention): on 2 cores, 4 pages cost ~25 CPU-s
 * and 1.4 GB for the seed's package, 2 pages ~20 CPU-s and 0.95 GB.
 */
export function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export interface RendererOptions {
  /** Pages printing at the same time (default: defaultConcurrency()). */
  concurrency?: number;
  /** Documents a page prints before it is closed and replaced (bounds renderer memory). */
  recycleAfter?: number;
  /**
   * PDF pages a page prints before it is replaced: what a renderer keeps grows with the pages it
   * laid out, so one long document (a city's summary, hundreds of pages) recycles its page at once
   * instead of holding its memory for the next `recycleAfter` documents.
   */
  recycleAfterPages?: number;
  /** Per-document timeout (ms). */
  timeoutMs?: number;
  choice?: BrowserChoice;
}

interface PooledPage {
  page: Page;
  uses: number;
  /** PDF pages printed on it. */
  printed: number;
  /** The id of the font set whose shell document is loaded (null after a "navigate" render). */
  shell: string | null;
}

export type RenderMode = "swap" | "navigate";
/** A printed PDF and its page count (counted once, as it is printed). */
interface Printed {
  pdf: Buffer;
  pages: number;
}

/** A document of page groups, printed once. */
export interface GroupedPdf {
  pdf: Buffer;
  /** The print parsed, its page totals written in (not its metadata): to cut without parsing it again. Absent after the fallback. */
  doc?: PDFDocument;
  /** The page index (from 0) where each group starts, in the groups' order. */
  starts: number[];
  pages: number;
}

const PRINT = { format: "A4", preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, displayHeaderFooter: false } as const;

/** Pages of a PDF Skia wrote (each page object uncompressed: /Type /Page, not /Pages). */
function pageCount(pdf: Buffer): number {
  // Scanned in the bytes (a city's PDF is tens of MB: no string copy of it).
  let n = 0;
  for (const mark of PAGE_MARKS)
    for (let at = pdf.indexOf(mark); at >= 0; at = pdf.indexOf(mark, at + mark.length)) {
      const next = pdf[at + mark.length] ?? 0x20;
      if (!((next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a))) n++;
    }
  return n;
}
const PAGE_MARKS = ["/Type /Page", "/Type/Page"].map((m) => Buffer.from(m, "latin1"));

/** What a document may draw: its page (body, title) and its page.css (margin boxes). */
export function documentTexts(doc: RenderedDocument): string[] {
  return [doc.files["index.html"].body, doc.files["page.css"].body];
}

function covers(set: FontSet, codePoints: ReadonlySet<number>): boolean {
  for (const c of codePoints) if (!set.codePoints.has(c)) return false;
  return true;
}
const shellId = (set: FontSet) => `shell-${set.id}`;
/** The PDF with its page totals written, or null where the print is not what the placeholders assumed (then: the fallback). */
function patchedOrNull(write: () => Buffer): Buffer | null {
  try {
    return write();
  } catch (e) {
    if (e instanceof PageTotalError) return null;
    throw e;
  }
}

export class RenderError extends Error {}

/**
 * Body length (characters) above which a document is printed in pieces (renderLong): a city's
 * summary. Printed whole, Chromium's memory grows with every page it lays out and prints (a
 * 5,000-task summary, 522 pages: 5.8 GB); a piece of this size is about 40 pages.
 */
export const LONG_DOCUMENT_CHARS = 300_000;

export function isLongDocument(doc: RenderedDocument, maxChars = LONG_DOCUMENT_CHARS): boolean {
  return doc.body.length > maxChars;
}

export interface LongRenderOptions {
  /** Characters of body per piece (default LONG_DOCUMENT_CHARS). */
  maxPieceChars?: number;
  /** Digits of the total's placeholder (default: from the body's size; tests force the fallback with it). */
  totalDigits?: number;
  /** Called once every piece is printed (before the join): Chromium may take the next document. */
  onPrinted?: () => void;
}

export interface GroupedRenderOptions {
  /** Digits of each group's placeholder (default: from each group's size; tests force the fallback with it). */
  groupDigits?: readonly number[];
}

/**
 * Characters of HTML per printed page, to guess a total's digit count before the print, from above
 * where it matters: a scorecard near ten pages holds 4.5–8.2k a page (seed and a 1,000-task city;
 * short ones as little as 2k, but their totals have one digit either way), a summary 7.7k (seed). A
 * guess too high only centres a shorter total in its placeholder (page-totals.ts: a little more
 * space around it); too low costs a second print (the fallback), never a wrong number.
 */
const GROUP_CHARS_PER_PAGE = 4_000;
const LONG_CHARS_PER_PAGE = 5_000;
const estimatedPages = (chars: number, perPage: number) => Math.max(1, Math.ceil(chars / perPage));

/** Characters of each page group's HTML in a body (from its data-group="i" element to the next group's). */
export function groupSizes(body: string, groups: number): number[] {
  const at = Array.from({ length: groups }, (_, i) => body.indexOf(`data-group="${i}"`));
  return at.map((start, i) => (i + 1 < groups ? at[i + 1]! : body.length) - start);
}

export interface LongRenderResult extends JoinResult {
  /** Documents Chromium printed (each once; twice after the fallback). */
  pieces: number;
}

/**
 * Bookmarks a piece begins with below the chapter level: the headings before its first <h1> at the
 * highest level among them (Chromium puts them at the top of the piece's outline; they belong under
 * the chapter the piece continues).
 */
function leadingSubheadings(body: string): number {
  const first = body.search(/<h1\b/);
  const levels = [...(first < 0 ? body : body.slice(0, first)).matchAll(/<h([2-6])\b/g)].map((m) => Number(m[1]));
  const top = Math.min(...levels);
  return levels.filter((l) => l === top).length;
}

export class PdfRenderer {
  readonly assets = new AssetStore();
  /** URLs aborted by interception, in order. */
  readonly blockedRequests: string[] = [];
  /** Pages opened over the renderer's life (recycling shows here). */
  pagesOpened = 0;
  /** PDF pages printed over the renderer's life (the bench's pages per second). */
  pagesPrinted = 0;
  /** Documents printed twice because a page total had more digits than its placeholder. */
  totalFallbacks = 0;
  private readonly idle: PooledPage[] = [];
  private readonly waiters: ((p: PooledPage) => void)[] = [];
  private live = 0;
  private nextId = 0;
  private closed = false;
  /** Font sets built so far, newest first (a package prepares one; documents outside it add theirs). */
  private readonly fontSets: FontSet[] = [];

  private constructor(
    readonly browser: Browser,
    readonly choice: BrowserChoice,
    private readonly concurrency: number,
    private readonly recycleAfter: number,
    private readonly timeoutMs: number,
    private readonly recycleAfterPages: number,
  ) {}

  static async launch(options: RendererOptions = {}): Promise<PdfRenderer> {
    const choice = options.choice ?? chooseBrowser();
    const browser = await launchBrowser(choice);
    const renderer = new PdfRenderer(
      browser,
      choice,
      Math.max(1, options.concurrency ?? defaultConcurrency()),
      Math.max(1, options.recycleAfter ?? 40),
      options.timeoutMs ?? 60_000,
      Math.max(1, options.recycleAfterPages ?? 100),
    );
    return renderer;
  }

  private async openPage(): Promise<PooledPage> {
    const page = await this.browser.newPage();
    this.pagesOpened++;
    await page.setViewport({ width: 794, height: 1123, deviceScaleFactor: 1 });
    await this.intercept(page);
    return { page, uses: 0, printed: 0, shell: null };
  }

  /**
   * Every request of the page is paused (CDP Fetch, on a session of the page's own) and answered
   * from the assets or aborted. Not page.setRequestInterception: puppeteer base64-encodes a response
   * body again, in JavaScript, for every request (the fonts are MBs); here each asset's encoding is
   * made once (AssetStore.base64). Nothing is read from anywhere else: a page's cache holds only
   * what was answered here.
   */
  private async intercept(page: Page): Promise<void> {
    const cdp = await page.createCDPSession();
    cdp.on("Fetch.requestPaused", (event) => this.answer(cdp, event));
    await cdp.send("Fetch.enable", { patterns: [{ urlPattern: "*", requestStage: "Request" }] });
  }

  private answer(cdp: CDPSession, { requestId, request }: Protocol.Fetch.RequestPausedEvent): void {
    const url = request.url + (request.urlFragment ?? "");
    const asset = url.startsWith("data:") ? null : this.assets.lookup(url);
    if (asset) {
      const headers = { "content-type": asset.contentType, "content-length": String(asset.body.length), "cache-control": "max-age=86400" };
      const responseHeaders = Object.entries(headers).map(([name, value]) => ({ name, value }));
      void cdp.send("Fetch.fulfillRequest", { requestId, responseCode: 200, responseHeaders, body: this.assets.base64(asset) }).catch(() => {});
    } else if (url.startsWith("data:")) {
      void cdp.send("Fetch.continueRequest", { requestId }).catch(() => {});
    } else {
      this.blockedRequests.push(url);
      void cdp.send("Fetch.failRequest", { requestId, errorReason: "BlockedByClient" }).catch(() => {});
    }
  }

  private async acquire(): Promise<PooledPage> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.live < this.concurrency) {
      this.live++;
      try {
        return await this.openPage();
      } catch (e) {
        this.live--;
        throw e;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async release(p: PooledPage, broken: boolean): Promise<void> {
    p.uses++;
    if (broken || p.uses >= this.recycleAfter || p.printed >= this.recycleAfterPages || this.closed) {
      await p.page.close().catch(() => {});
      this.live--;
      const waiter = this.waiters.shift();
      if (waiter && !this.closed) {
        this.live++;
        this.openPage().then(waiter, () => {
          this.live--;
        });
      }
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(p);
    else this.idle.push(p);
  }

  /** Builds (or reuses) one font set covering every text, for the documents of a run. */
  async prepareFonts(texts: Iterable<string>): Promise<FontSet> {
    const codePoints = codePointsOf(texts);
    const found = this.fontSets.find((s) => covers(s, codePoints));
    if (found) return found;
    const set = await buildFontSet(codePoints);
    this.assets.putFontSet(set);
    this.assets.putDocument(shellId(set), shellDocument(this.assets.fontFacesHref(set)));
    this.fontSets.unshift(set);
    return set;
  }

  /** Puts the document into a pooled page (swap, or navigate to it), waits for fonts and charts, prints it. */
  async render(doc: RenderedDocument, metadata: PdfMetadata, mode: RenderMode = "swap"): Promise<Buffer> {
    // A document of page groups knows its margin boxes' totals only after its print.
    if (doc.groups) {
      if (mode !== "swap") throw new RenderError("a document of page groups prints in swap mode (its page.css changes between the passes)");
      return (await this.renderGrouped(doc, metadata)).pdf;
    }
    return this.withDocument(doc, doc.files, mode, async (pooled) => setPdfMetadata((await this.print(pooled)).pdf, metadata));
  }

  /**
   * Prints a document of page groups (each unit's scorecard in one document) once: each group's
   * total is a placeholder of the digits its size suggests (estimatedPages); the print's outline
   * tells where each group starts, and each page's total is written into the PDF (page-totals.ts).
   * A group whose page count has more digits than its placeholder takes the fallback: page.css is replaced by
   * one with the counts (margin-box text only: the layout cannot move) and the document printed
   * again (counted in `totalFallbacks`).
   */
  async renderGrouped(doc: RenderedDocument, metadata: PdfMetadata, options: GroupedRenderOptions = {}): Promise<GroupedPdf> {
    const groups = doc.groups;
    if (!groups) throw new RenderError("renderGrouped: the document has no page groups");
    const fonts = await this.documentFonts(doc);
    const pageCss = doc.files["page.css"];
    const digits = options.groupDigits ?? groupSizes(doc.body, groups.bookmarks.length).map((chars) => digitCount(estimatedPages(chars, GROUP_CHARS_PER_PAGE)));
    const files = { ...doc.files, "page.css": { ...pageCss, body: groups.pageCss(digits.map((d) => ({ digits: d }))) } };
    const printed = await this.withDocument(
      doc,
      files,
      "swap",
      async (pooled) => {
        const { pdf, pages } = await this.print(pooled);
        const source = await PDFDocument.load(pdf, { updateMetadata: false });
        const { starts } = groupStarts(source, groups.bookmarks);
        const counts = starts.map((first, i) => (starts[i + 1] ?? pages) - first);
        if (counts.every((c, i) => placeholderFits(digits[i]!, c))) {
          const totals = counts.flatMap((c, i) => Array.from({ length: c }, () => ({ total: c, slots: digits[i]! })));
          const patched = patchedOrNull(() => writePageTotals(pdf, source, totals, fonts.regular));
          if (patched) return { pdf: patched, starts, pages, doc: source };
        }
        this.totalFallbacks++;
        const id = `d${++this.nextId}`;
        this.assets.putDocument(id, { "page.css": { ...pageCss, body: groups.pageCss(counts) } });
        try {
          await pooled.page.evaluate((docId) => (window as unknown as { __plReport: { restyle(id: string): Promise<void> } }).__plReport.restyle(docId), id);
          const again = await this.print(pooled);
          if (again.pages !== pages) throw new RenderError(`分组打印两次页数不同 (printed ${pages} pages, then ${again.pages})`);
          return { pdf: again.pdf, starts, pages };
        } finally {
          this.assets.dropDocument(id);
        }
      },
      fonts,
    );
    return { ...printed, pdf: setPdfMetadata(printed.pdf, metadata) };
  }

  /** The font set of a document (checked: no character it holds lacks a font on this machine). */
  private async documentFonts(doc: RenderedDocument): Promise<FontSet> {
    const fontProblem = missingFontProblem([doc.body, ...Object.values(doc.files).map((f) => f.body)]);
    if (fontProblem) throw new RenderError(fontProblem);
    return this.prepareFonts(documentTexts(doc));
  }

  /** Loads a document into a pooled page (its files as given), waits for its fonts and charts, runs `fn`. */
  private async withDocument<T>(
    doc: RenderedDocument,
    docFiles: DocumentFiles,
    mode: RenderMode,
    fn: (pooled: PooledPage) => Promise<T>,
    /** The font set, when the caller already checked and prepared it (a long document's pieces). */
    prepared?: FontSet,
  ): Promise<T> {
    if (this.closed) throw new RenderError("renderer closed");
    const fonts = prepared ?? (await this.documentFonts(doc));
    const id = `d${++this.nextId}`;
    const pageCss = docFiles["page.css"];
    const files = mode === "navigate" ? { ...docFiles, "page.css": { ...pageCss, body: fonts.css + pageCss.body } } : docFiles;
    const url = this.assets.putDocument(id, files);
    const pooled = await this.acquire();
    let broken = false;
    try {
      const { page } = pooled;
      if (mode === "navigate") {
        pooled.shell = null;
        await page.goto(url, { waitUntil: "load", timeout: this.timeoutMs });
      } else {
        if (pooled.shell !== fonts.id) {
          await page.goto(this.assets.documentUrl(shellId(fonts)), { waitUntil: "load", timeout: this.timeoutMs });
          pooled.shell = fonts.id;
        }
        await page.evaluate(
          (docId, lang, title, body) =>
            (window as unknown as { __plReport: { swap(...a: string[]): Promise<void> } }).__plReport.swap(docId, lang, title, body),
          id,
          doc.lang,
          doc.title,
          doc.body,
        );
      }
      await page.waitForFunction(() => document.documentElement.hasAttribute("data-ready"), {
        polling: "mutation",
        timeout: this.timeoutMs,
      });
      const state = await page.evaluate(() => [
        document.documentElement.getAttribute("data-ready"),
        document.documentElement.getAttribute("data-ready-message"),
      ]);
      if (state[0] !== "1") throw new RenderError(`图表绘制失败 (chart script failed): ${state[1] ?? "unknown"}`);
      return await fn(pooled);
    } catch (e) {
      broken = true;
      throw e;
    } finally {
      this.assets.dropDocument(id);
      await this.release(pooled, broken);
    }
  }

  /**
   * Prints a long document as ONE PDF, written to `sink`, with Chromium holding one piece at a time:
   * the body is cut into pieces (html/split.ts: between chapters, else between rows or cards), each
   * swapped into a pooled page and printed once, in order, its page.css giving its first page number
   * (`@page :first { counter-increment: page N }`, N from the pieces printed before it) and, in place
   * of counter(pages), a placeholder of the digits the document's size suggests. Once all are
   * printed the total M is written into every piece (page-totals.ts); if M has more digits than it,
   * the fallback prints every piece again with M as text (counted in `totalFallbacks`). The pieces
   * go to a temporary directory and are joined (join.ts) with their own chapter bookmarks, structure
   * trees and the document's metadata.
   */
  async renderLong(doc: RenderedDocument, metadata: PdfMetadata, sink: JoinSink, options: LongRenderOptions = {}): Promise<LongRenderResult> {
    if (this.closed) throw new RenderError("renderer closed");
    const fonts = await this.documentFonts(doc);
    const pieces = splitBody(doc.body, options.maxPieceChars ?? LONG_DOCUMENT_CHARS);
    const pageCss = doc.files["page.css"].body;
    const digits = options.totalDigits ?? digitCount(estimatedPages(doc.body.length, LONG_CHARS_PER_PAGE));
    const pieceCss = (total: string, before: number) =>
      pageCss.replaceAll("counter(pages)", cssString(total)) + `\n@page :first { counter-increment: page ${before + 1}; }\n`;
    const dir = await mkdtemp(join(tmpdir(), "pl-long-"));
    try {
      const paths = pieces.map((_, i) => join(dir, `${i}.pdf`));
      const counts: number[] = [];
      let before = 0;
      for (const [i, body] of pieces.entries()) {
        const { pdf, pages } = await this.printPiece(fonts, doc, body, pieceCss(totalPlaceholder(digits), before));
        await writeFile(paths[i]!, pdf);
        counts.push(pages);
        before += pages;
      }
      const total = before;
      let patched = placeholderFits(digits, total);
      for (const [i, path] of paths.entries()) {
        if (!patched) break;
        const pdf = await readFile(path);
        const source = await PDFDocument.load(pdf, { updateMetadata: false });
        const written = patchedOrNull(() =>
          writePageTotals(
            pdf,
            source,
            Array.from({ length: counts[i]! }, () => ({ total, slots: digits })),
            fonts.regular,
          ),
        );
        if (written) await writeFile(path, written);
        else patched = false;
      }
      if (!patched) {
        this.totalFallbacks++;
        before = 0;
        for (const [i, body] of pieces.entries()) {
          const { pdf, pages } = await this.printPiece(fonts, doc, body, pieceCss(String(total), before));
          if (pages !== counts[i]) throw new RenderError(`长文档第 ${i + 1} 段两次打印页数不同 (piece ${i + 1}: ${counts[i]} pages, then ${pages})`);
          await writeFile(paths[i]!, pdf);
          before += pages;
        }
      }
      options.onPrinted?.();
      const joined = await joinPdfs(
        paths.map((path, i) => ({ read: () => readFile(path), continuesOutline: leadingSubheadings(pieces[i]!) })),
        { ...metadata, creator: CREATOR },
        sink,
      );
      return { ...joined, pieces: pieces.length };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** One piece of a long document swapped into a pooled page and printed. */
  private printPiece(fonts: FontSet, doc: RenderedDocument, body: string, css: string): Promise<Printed> {
    const files = { ...doc.files, "page.css": { ...doc.files["page.css"], body: css } };
    return this.withDocument({ ...doc, body }, files, "swap", (pooled) => this.print(pooled), fonts);
  }

  /** Prints the loaded document: tagged, with its outline, backgrounds and the @page size. */
  private async print(pooled: PooledPage): Promise<Printed> {
    const bytes = Buffer.from(await pooled.page.pdf({ ...PRINT, timeout: this.timeoutMs }));
    const pages = pageCount(bytes);
    pooled.printed += pages;
    this.pagesPrinted += pages;
    return { pdf: bytes, pages };
  }

  /** For tests: runs a function in a pooled page that has a document loaded. */
  async withPage<T>(files: DocumentFiles, fn: (page: Page) => Promise<T>): Promise<T> {
    const id = `d${++this.nextId}`;
    const url = this.assets.putDocument(id, files);
    const pooled = await this.acquire();
    try {
      pooled.shell = null;
      await pooled.page.goto(url, { waitUntil: "load", timeout: this.timeoutMs });
      return await fn(pooled.page);
    } finally {
      this.assets.dropDocument(id);
      await this.release(pooled, true);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.browser.close().catch(() => {});
  }
}
