/**
 * A printable HTML document: the <head> every report page shares (CSP, fonts, stylesheet, chart
 * scripts) and the per-document page.css that puts the title and page numbers into the @page
 * margin boxes. The document is served from the fake origin, so all urls are origin-relative.
 */
import { cssString, html, type SafeHtml } from "./safe-html";
import type { Labels } from "./labels";
import { FONT_STACK } from "./styles";

export interface HtmlDocument {
  /** <title>: puppeteer writes it as the PDF's Title. */
  title: string;
  /** Text of the top-left margin box. */
  runningTitle: string;
  /** Text of the top-right margin box. */
  runningRight: string;
  author: string;
  subject: string;
  keywords: string;
  labels: Labels;
  body: SafeHtml;
  /**
   * Parts that number their own pages (each unit's scorecard in the one document of all units):
   * the i-th is the body's element with data-group="i". Absent: the document numbers its pages.
   */
  groups?: readonly PageGroup[];
}

/**
 * A part of a document with pages of its own: a CSS named page and a page-context counter, so its
 * margin boxes say 第 N 页 / 共 M 页 of the part (M known once the document is laid out).
 */
export interface PageGroup {
  /** The outline title of the part's first heading (its <h1>): where the part starts. */
  bookmark: string;
  /** Text of the top-right margin box on the part's pages. */
  runningRight: string;
}

/** Files of a rendered document, served under /doc/<id>/. */
export type DocumentFiles = {
  "index.html": { body: string; contentType: string };
  "page.css": { body: string; contentType: string };
};

/** A document ready to print: its files (for a fresh page) and its parts (to swap into a loaded page). */
export interface RenderedDocument {
  files: DocumentFiles;
  title: string;
  lang: string;
  /** The <body> content only. */
  body: string;
  /** A document of page groups: their bookmarks and the page.css once their page counts are known. */
  groups?: {
    bookmarks: string[];
    /** page.css with each group's page count (null: not known yet, the layout pass). */
    pageCss: (counts: readonly number[] | null) => string;
  };
}

/**
 * Added to page.css for the layout pass: the same layout (visibility never moves a box), nothing
 * painted but the <h1> headings whose bookmarks tell where each page group starts.
 */
export const LAYOUT_PASS_CSS = "body * { visibility: hidden !important; } h1, h1 * { visibility: visible !important; }\n";

/** Nothing but our own origin, no inline script or style, no frames, no forms, no connections. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self'; " +
  "connect-src 'none'; frame-src 'none'; child-src 'none'; object-src 'none'; media-src 'none'; " +
  "worker-src 'none'; base-uri 'none'; form-action 'none'";

const MARGIN_BOX = `font-family: ${FONT_STACK}; font-size: 7.5pt; color: #5b6475;`;

function pageCss(doc: Pick<HtmlDocument, "runningTitle" | "runningRight" | "labels" | "groups">, counts: readonly number[] | null = null): string {
  const [a, b, c] = doc.labels.pageNumber;
  const box = MARGIN_BOX;
  const css = `@page {
  @top-left { content: ${cssString(doc.runningTitle)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(doc.runningRight)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-center { content: ${cssString(a)} counter(page) ${cssString(b)} counter(pages) ${cssString(c)}; ${box} vertical-align: top; padding-top: 3mm; }
}
@page cover { @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }
`;
  // Each group: its own named page and counter (page-context counters carry on from page to page,
  // and a named page's counter-increment leaves the page counter counting). Its total is written
  // in once the layout pass has counted its pages.
  const groups = (doc.groups ?? []).map((g, i) => {
    const name = `g${i}`;
    const total = counts?.[i] === undefined ? "?" : String(counts[i]);
    return `[data-group="${i}"] { page: ${name}; }
@page ${name} { counter-increment: ${name};
  @top-right { content: ${cssString(g.runningRight)}; }
  @bottom-center { content: ${cssString(a)} counter(${name}) ${cssString(b + total + c)}; }
}
`;
  });
  return css + groups.join("");
}

/**
 * The page every pooled tab keeps loaded: fonts, stylesheet and Chart.js, an empty body.
 * `fontFacesHref`: a stylesheet of @font-face rules that stays loaded while documents are swapped in
 * (their page.css is replaced, the faces are not re-declared).
 */
export function shellDocument(fontFacesHref?: string): DocumentFiles {
  const page = html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title></title>
<link rel="stylesheet" href="/assets/fonts.css">
${fontFacesHref === undefined ? "" : html`<link rel="stylesheet" href="${fontFacesHref}">`}
<link rel="stylesheet" href="/assets/report.css">
<link rel="stylesheet" href="page.css" id="page-css">
<script src="/assets/chart.umd.js" defer></script>
<script src="/assets/report-charts.js" defer></script>
</head>
<body></body>
</html>
`;
  return {
    "index.html": { body: page.value, contentType: "text/html; charset=utf-8" },
    "page.css": { body: "", contentType: "text/css; charset=utf-8" },
  };
}

export function renderDocument(doc: HtmlDocument): RenderedDocument {
  const rendered: RenderedDocument = { files: documentFiles(doc), title: doc.title, lang: doc.labels.htmlLang, body: doc.body.value };
  if (doc.groups) rendered.groups = { bookmarks: doc.groups.map((g) => g.bookmark), pageCss: (counts) => pageCss(doc, counts) };
  return rendered;
}

function documentFiles(doc: HtmlDocument): DocumentFiles {
  const page = html`<!DOCTYPE html>
<html lang="${doc.labels.htmlLang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${doc.title}</title>
<meta name="author" content="${doc.author}">
<meta name="description" content="${doc.subject}">
<meta name="keywords" content="${doc.keywords}">
<link rel="stylesheet" href="/assets/fonts.css">
<link rel="stylesheet" href="/assets/report.css">
<link rel="stylesheet" href="page.css" id="page-css">
<script src="/assets/chart.umd.js" defer></script>
<script src="/assets/report-charts.js" defer></script>
</head>
<body>
${doc.body}
</body>
</html>
`;
  return {
    "index.html": { body: page.value, contentType: "text/html; charset=utf-8" },
    "page.css": { body: pageCss(doc), contentType: "text/css; charset=utf-8" },
  };
}
