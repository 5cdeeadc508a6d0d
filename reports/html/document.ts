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
    /** page.css with each group's page count, or a placeholder of that many digits for it. */
    pageCss: (totals: readonly PageTotal[]) => string;
  };
}

/**
 * A page group's total in its margin boxes: the number, or a placeholder of `digits` digits that is
 * replaced in the PDF once the print has counted the group's pages (reports/pdf/page-totals.ts).
 */
export type PageTotal = number | { digits: number };

/**
 * Placeholders for page totals: private-use code points `first + d` that only the "PL Total" face
 * draws (as digit d; reports/pdf/total-font.ts), first in the margin boxes' font stack. In plane 15
 * (Supplementary Private Use Area-A), not the BMP's: text converted from GBK/GB18030 puts rare
 * characters at U+E000–U+F8FF, and a unit name holding one would be drawn, and patched, as a digit.
 */
export const PAGE_TOTAL = { family: "PL Total", first: 0xf0000 } as const;

/** The placeholder text of a total of `digits` digits. */
export const totalPlaceholder = (digits: number) => String.fromCodePoint(PAGE_TOTAL.first).repeat(digits);

/** Nothing but our own origin, no inline script or style, no frames, no forms, no connections. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self'; " +
  "connect-src 'none'; frame-src 'none'; child-src 'none'; object-src 'none'; media-src 'none'; " +
  "worker-src 'none'; base-uri 'none'; form-action 'none'";

const MARGIN_BOX = `font-family: "${PAGE_TOTAL.family}", ${FONT_STACK}; font-size: 7.5pt; color: #5b6475;`;

function pageCss(doc: Pick<HtmlDocument, "runningTitle" | "runningRight" | "labels" | "groups">, totals: readonly PageTotal[] = []): string {
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
  // and a named page's counter-increment leaves the page counter counting). Its total is known only
  // after the print: a placeholder then, written into the PDF (or, a fallback, printed again).
  const groups = (doc.groups ?? []).map((g, i) => {
    const name = `g${i}`;
    const t = totals[i];
    const total = t === undefined ? "?" : typeof t === "number" ? String(t) : totalPlaceholder(t.digits);
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
  if (doc.groups) rendered.groups = { bookmarks: doc.groups.map((g) => g.bookmark), pageCss: (totals) => pageCss(doc, totals) };
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
