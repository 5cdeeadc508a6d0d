/** Templates escape by construction; documents carry CSP, lang and JSON chart data that cannot break out. */
import { describe, expect, it } from "vitest";
import { cssString, html, jsonScript, join } from "../reports/html/safe-html";
import { CONTENT_SECURITY_POLICY, renderDocument } from "../reports/html/document";
import { summaryDocument } from "../reports/html/page.summary";
import { scorecardsDocument } from "../reports/html/page.scorecard";
import { buildQuarterReport } from "../reports/model/model.report";
import { chooseBrowser, BrowserNotFoundError } from "../reports/pdf/browser";
import { safeFileStem, uniqueFileNames } from "../reports/pdf/file-names";
import { fontFaceCss } from "../reports/pdf/fonts";
import { setPdfMetadata, pdfTextString } from "../reports/pdf/metadata";
import { HOSTILE, SMALL_AT, SMALL_SHA, smallLedger, smallScoresQ1, smallScoresQ2 } from "./fixtures/reports/ledger.small";

describe("html tagged template", () => {
  it("escapes every interpolated string and keeps nested templates", () => {
    const evil = `<img src=x onerror="alert(1)">&'`;
    const out = html`<p title="${evil}">${evil}${html`<b>${"<i>"}</b>`}${[1, "<", null, false]}</p>`.value;
    expect(out).toBe(
      `<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;<b>&lt;i&gt;</b>1&lt;</p>`,
    );
    expect(join(["<a>", html`<br>`], ", ").value).toBe("&lt;a&gt;, <br>");
  });

  it("puts JSON in a script element that no string can close", () => {
    const out = jsonScript("chart-x", { label: "</script><script>alert(1)</script><!--", amp: "&" }).value;
    expect(out.match(/<\/script>/g)).toHaveLength(1);
    expect(out).not.toContain("<!--");
    expect(JSON.parse(out.slice(out.indexOf(">") + 1, out.lastIndexOf("<")))).toEqual({ label: "</script><script>alert(1)</script><!--", amp: "&" });
  });

  it("writes CSS strings that cannot end the string or the stylesheet", () => {
    const s = cssString(`a"b\\c</style>\n`);
    expect(s).not.toMatch(/[<>\n]/);
    expect(s.slice(1, -1)).not.toMatch(/(^|[^\\])"/);
  });
});

describe("report documents", () => {
  const report = buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
  const summary = renderDocument(summaryDocument(report.summary)).files;

  it("has the CSP, zh-CN language and no inline script or style", () => {
    const page = summary["index.html"].body;
    expect(page).toContain(`<html lang="zh-CN">`);
    expect(page).toContain(`content="${CONTENT_SECURITY_POLICY.replace(/'/g, "&#39;")}"`);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(page).not.toMatch(/<style|style="/);
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    for (const attrs of scripts) expect(attrs).toMatch(/type="application\/json"|src="\/assets\//);
  });

  it("escapes a hostile narrative", () => {
    const page = summary["index.html"].body;
    expect(page).not.toContain(HOSTILE);
    expect(page).toContain("&lt;iframe src=&quot;file:///etc/hostname&quot;&gt;&lt;/iframe&gt;");
    expect(page.match(/<iframe/g)).toBeNull();
  });

  it("puts the title and page numbers in @page margin boxes with their own font", () => {
    const css = summary["page.css"].body;
    // The page-total face first (it draws only the placeholders of renderGrouped and renderLong), then Noto Sans SC.
    expect(css).toMatch(/@top-left \{ content: "[^"]*"; font-family: "PL Total", "Noto Sans SC"/);
    expect(css).toContain(`counter(page)`);
    expect(css).toContain(`counter(pages)`);
  });

  it("renders the English labels from the same model", () => {
    const en = buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "en" });
    const page = renderDocument(scorecardsDocument(en.scorecards)).files["index.html"].body;
    expect(page).toContain(`<html lang="en">`);
    expect(page).toContain("Tasks led");
    expect(page).not.toContain("牵头任务");
  });

  it("renders a card in a batch as it renders alone, but for its index (rendered once per model)", () => {
    const cards = report.scorecards;
    expect(cards.length).toBeGreaterThan(2);
    const alone = cards.map((c) => scorecardsDocument([c]).body.value);
    const batch = scorecardsDocument(cards).body.value;
    const sections = batch.split(/(?=<section class="scorecard")/);
    expect(sections).toHaveLength(cards.length);
    sections.forEach((s, i) => expect(s.trimEnd()).toBe(alone[i]!.replace(`data-group="0"`, `data-group="${i}"`).replaceAll("unit-0", `unit-${i}`)));
    // Two models never share a rendering, even a copy of one with another unit.
    const other = { ...cards[0]!, unit: { ...cards[0]!.unit, name: "另一单位" } };
    const otherBody = scorecardsDocument([other]).body.value;
    expect(otherBody).toContain("<h1>另一单位</h1>");
    expect(otherBody).not.toContain(`<h1>${cards[0]!.unit.name}</h1>`);
  });
});

describe("fonts", () => {
  it("serves the Noto Emoji slices from our origin as woff2 only, HanaMinA/B as TrueType (Noto Sans SC comes per font set)", () => {
    const css = fontFaceCss();
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(urls.filter((u) => u.startsWith("/fonts/noto-sans-sc-"))).toEqual([]);
    expect(urls.filter((u) => u.startsWith("/fonts/noto-emoji-")).length).toBe(22);
    for (const u of urls) expect(u).toMatch(/^\/fonts\/(?:noto-emoji-\d+-(400|700)-normal\.woff2|HanaMin[AB]\.ttf)$/);
    expect(css).not.toContain(".woff)");
    expect(css).toMatch(/url\(\/fonts\/HanaMinA\.ttf\) format\('truetype'\);\s*unicode-range: U\+3400-4DBF, U\+4E00-9FFF, U\+F900-FAFF;/);
    expect(css).toMatch(/url\(\/fonts\/HanaMinB\.ttf\) format\('truetype'\);\s*unicode-range: U\+20000-2FFFF;/);
  });
});

describe("browser discovery", () => {
  const exists = (paths: string[]) => (p: string) => paths.includes(p);
  it("prefers PUPPETEER_EXECUTABLE_PATH, then chromium-headless-shell, then chromium", () => {
    expect(chooseBrowser({ PUPPETEER_EXECUTABLE_PATH: "/opt/c/chrome" }, exists(["/opt/c/chrome", "/usr/bin/chromium"]))).toMatchObject({
      executablePath: "/opt/c/chrome",
      headless: true,
      source: "env",
    });
    expect(chooseBrowser({}, exists(["/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium"]))).toMatchObject({
      headless: "shell",
      source: "headless-shell",
    });
    expect(chooseBrowser({}, exists(["/usr/bin/chromium"]))).toMatchObject({ executablePath: "/usr/bin/chromium", headless: true });
  });
  it("names the package to install when there is none", () => {
    expect(() => chooseBrowser({}, () => false)).toThrow(BrowserNotFoundError);
    expect(() => chooseBrowser({}, () => false)).toThrow(/chromium-headless-shell/);
    expect(() => chooseBrowser({ PUPPETEER_EXECUTABLE_PATH: "/nope" }, () => false)).toThrow(/PUPPETEER_EXECUTABLE_PATH/);
  });
});

describe("file names", () => {
  it("makes unit names safe and unique", () => {
    expect(safeFileStem("区发展改革委")).toBe("区发展改革委");
    expect(safeFileStem("../../etc/passwd")).toBe("etc_passwd");
    expect(safeFileStem('a/b\\c:d*e?f"g<h>i|j')).toBe("a_b_c_d_e_f_g_h_i_j");
    expect(safeFileStem("CON")).toBe("unit_CON");
    expect(safeFileStem("各乡镇（街道）")).toBe("各乡镇（街道）");
    expect(uniqueFileNames(["区A/局", "区A\\局", "区A:局", ""])).toEqual(["区A_局.pdf", "区A_局-2.pdf", "区A_局-3.pdf", "unit.pdf"]);
  });
});

describe("PDF metadata", () => {
  it("appends an Info dictionary by incremental update", () => {
    // Full Chromium writes a Creator with escaped parentheses: it must not end the string early.
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj\n<</Title (x)\n/Creator (Mozilla/5.0 \\(X11; Linux\\) HeadlessChrome)\n/Producer (Skia/PDF m156)>>\nendobj\n2 0 obj\n<</Type /Catalog>>\nendobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000060 00000 n \ntrailer\n<</Size 3\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n92\n%%EOF\n",
      "latin1",
    );
    const out = setPdfMetadata(pdf, { title: "报告", author: "区政府", subject: "s", keywords: "k", lang: "zh-CN" }).toString("latin1");
    expect(out.startsWith(pdf.toString("latin1"))).toBe(true);
    const update = out.slice(pdf.length);
    expect(update).toContain(`/Title ${pdfTextString("报告")}`);
    expect(update).toContain(`/Author ${pdfTextString("区政府")}`);
    expect(update).toContain("/Producer (Skia/PDF m156)");
    expect(update).not.toContain("Mozilla");
    // Every literal string in the update is balanced.
    expect(update.replace(/\\[()\\]/g, "").split("(").length).toBe(update.replace(/\\[()\\]/g, "").split(")").length);
    expect(update).toMatch(/\/Prev 92>>/);
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(update)![1]);
    expect(out.slice(xrefAt, xrefAt + 4)).toBe("xref");
    const objAt = Number(/1 1\n(\d{10}) 00000 n/.exec(update)![1]);
    expect(out.slice(objAt, objAt + 7)).toBe("1 0 obj");
  });
});
