/**
 * The quarterly package, measured against an honest limit in the same run:
 * - the package: model, HTML, fonts, printing every page once (the summary; all scorecards as one
 *   document of page groups printed once, its page totals written in afterwards), cutting each unit's PDF out of it
 *   (pages, structure, bookmarks, fonts re-subset), writing;
 * - the limit: the cheapest way Chromium prints the same pages as separate PDFs: pre-built static
 *   HTML files, one per PDF, loaded from the same in-memory origin, with the fonts, stylesheet and
 *   Chart.js linked as shared resources (each page fetches and decodes them once, the browser's
 *   cache answers after), the same number of pages at a time, each PDF written to disk, nothing else
 *   (no metadata, no join, no font building); and all pages as one single document;
 * - city scale: a generated 5,000-task, 200-unit ledger's package (and 1,000 tasks, to see growth),
 *   with Chromium's RSS at each quarter of the documents (flat memory shows there), and its limit:
 *   the same documents pre-built as static files, printed once each by Chromium alone
 *   (BENCH_CITY_LIMIT=0 leaves it out).
 *
 * Wall time depends on what else the machine runs (these 2 cores are shared), so CPU seconds are
 * reported too (Node + every Chromium process, from /proc): CPU s / cores is the best wall time an
 * idle machine of this size could reach. The sampler's own CPU (reading /proc) is left out.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, HTTPRequest } from "puppeteer";
import { buildQuarterReport, type QuarterReport } from "../reports/model/model.report";
import { packagePlan, writeQuarterPackage } from "../reports/pdf/package";
import { defaultConcurrency, documentTexts, LONG_DOCUMENT_CHARS, PdfRenderer } from "../reports/pdf/renderer";
import { splitBody } from "../reports/html/split";
import { launchBrowser } from "../reports/pdf/browser";
import { AssetStore, ORIGIN } from "../reports/pdf/assets";
import { buildFontSet, codePointsOf } from "../reports/pdf/fonts";
import { renderDocument } from "../reports/html/document";
import { summaryDocument } from "../reports/html/page.summary";
import { scorecardsDocument } from "../reports/html/page.scorecard";
import { seedLedger } from "../test/fixtures/reports/ledger.seed";
import { generatePlanText } from "./plan-generate";

const TICK = 100; // USER_HZ on Linux
const CORES = availableParallelism();

/** CPU (s) and RSS (bytes) of each process under `root`, from /proc. */
function processTree(root: number): Map<number, { cpu: number; rss: number }> {
  const parent = new Map<number, number>();
  const info = new Map<number, { cpu: number; rss: number }>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(d), Number(f[1]));
      info.set(Number(d), { cpu: (Number(f[11]) + Number(f[12])) / TICK, rss: Number(f[21]) * 4096 });
    } catch {
      /* the process ended */
    }
  }
  const tree = new Map<number, { cpu: number; rss: number }>();
  for (const [pid, i] of info) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== root) p = parent.get(p);
    if (p === root) tree.set(pid, i);
  }
  return tree;
}

interface Cost {
  wallS: number;
  cpuS: number;
  /** Node's share of cpuS. */
  nodeCpuS: number;
  peakNodeMB: number;
  peakChromiumMB: number;
}

const mb = (b: number) => Math.round(b / 1048576);

/** Samples Node and a browser's process tree (processes that end keep their last CPU figure). */
class Sampler {
  private readonly cpuSeen = new Map<number, number>();
  peakBrowser = 0;
  peakNode = 0;
  browserRss = 0;
  /** CPU the sampler itself spent reading /proc (left out of the figures). */
  private ownCpu = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly root: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }

  sample(): void {
    const u0 = process.cpuUsage();
    let rss = 0;
    for (const [pid, i] of processTree(this.root)) {
      this.cpuSeen.set(pid, i.cpu);
      rss += i.rss;
    }
    this.browserRss = rss;
    this.peakBrowser = Math.max(this.peakBrowser, rss);
    this.peakNode = Math.max(this.peakNode, process.memoryUsage().rss);
    const u = process.cpuUsage(u0);
    this.ownCpu += (u.user + u.system) / 1e6;
  }

  /** [browser CPU s, Node CPU s without the sampler's]. */
  cpu(): [number, number] {
    this.sample();
    const u = process.cpuUsage();
    return [[...this.cpuSeen.values()].reduce((a, b) => a + b, 0), (u.user + u.system) / 1e6 - this.ownCpu];
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Runs `fn` while sampling Node and a browser's process tree. */
async function measured<T>(browser: Browser, fn: (sampler: Sampler) => Promise<T>): Promise<[T, Cost]> {
  const sampler = new Sampler(browser.process()?.pid ?? -1);
  const [b0, n0] = sampler.cpu();
  const t0 = performance.now();
  try {
    const result = await fn(sampler);
    const wallS = (performance.now() - t0) / 1000;
    const [b1, n1] = sampler.cpu();
    return [result, { wallS, cpuS: b1 - b0 + n1 - n0, nodeCpuS: n1 - n0, peakNodeMB: mb(sampler.peakNode), peakChromiumMB: mb(sampler.peakBrowser) }];
  } finally {
    sampler.stop();
  }
}

/** A document as one pre-built static file: the package's page, its page.css and the font set's faces linked. */
function staticHtml(doc: ReturnType<typeof renderDocument>, facesHref: string): string {
  return doc.files["index.html"].body.replace(
    `<link rel="stylesheet" href="/assets/fonts.css">`,
    `<link rel="stylesheet" href="/assets/fonts.css">\n<link rel="stylesheet" href="${facesHref}">`,
  );
}

/**
 * Chromium alone: `concurrency` pages, each loading the next pre-built file from the in-memory
 * origin (shared assets cached by the browser), waiting for its charts, printing, writing the PDF.
 */
async function printStatic(browser: Browser, assets: AssetStore, ids: string[], outDir: string, concurrency: number): Promise<number> {
  let next = 0;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 794, height: 1123, deviceScaleFactor: 1 });
      await page.setRequestInterception(true);
      page.on("request", (req: HTTPRequest) => {
        const asset = assets.lookup(req.url());
        if (asset) void req.respond({ status: 200, contentType: asset.contentType, body: asset.body, headers: { "cache-control": "max-age=86400" } });
        else void req.abort("blockedbyclient");
      });
      while (next < ids.length) {
        const id = ids[next++]!;
        await page.goto(assets.documentUrl(id), { waitUntil: "load", timeout: 600_000 });
        await page.waitForFunction(() => document.documentElement.hasAttribute("data-ready"), { polling: "mutation", timeout: 600_000 });
        const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 600_000 });
        writeFileSync(join(outDir, `${id}.pdf`), pdf);
        bytes += pdf.length;
      }
      await page.close();
    }),
  );
  return bytes;
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const MB = (b: number) => r2(b / 1048576);

function report(ledger: ReturnType<typeof seedLedger>): QuarterReport {
  return buildQuarterReport(ledger.ledger, ledger.scores, 2, { workbookSha256: "0".repeat(64), generatedAt: new Date(), lang: "zh" });
}

/** The summary's body followed by every scorecard's: all pages in one document. */
function oneDocument(r: QuarterReport): ReturnType<typeof renderDocument> {
  const summary = renderDocument(summaryDocument(r.summary));
  const cards = renderDocument(scorecardsDocument(r.scorecards));
  const index = summary.files["index.html"];
  return { ...summary, files: { ...summary.files, "index.html": { ...index, body: index.body.replace("</body>", `${cards.body}\n</body>`) } } };
}

/**
 * The city's limit: the same pages as the package prints them, one document at a time (the summary
 * in its pieces, the scorecards in their batches), each a pre-built static file printed once by
 * Chromium alone: no page totals written in, no cutting, no joining, no fonts to build.
 */
async function cityLimit(r: QuarterReport, out: string): Promise<[number, Cost]> {
  const plan = packagePlan(r);
  const docs: ReturnType<typeof renderDocument>[] = [];
  const summary = plan.summary.doc;
  for (const piece of splitBody(summary.body, LONG_DOCUMENT_CHARS)) {
    const index = summary.files["index.html"];
    docs.push({ ...summary, body: piece, files: { ...summary.files, "index.html": { ...index, body: index.body.replace(summary.body, () => piece) } } });
  }
  docs.push(...plan.batches.map((b) => b.doc));
  const assets = new AssetStore();
  const set = await buildFontSet(codePointsOf(docs.flatMap((d) => documentTexts(d))));
  assets.putFontSet(set);
  const ids = docs.map((d, i) => {
    assets.putDocument(`c${i}`, { ...d.files, "index.html": { ...d.files["index.html"], body: staticHtml(d, assets.fontFacesHref(set)) } });
    return `c${i}`;
  });
  const browser = await launchBrowser();
  try {
    // One document at a time, as the city's package prints (a fresh page for each: memory stays flat).
    return await measured(browser, async () => {
      let bytes = 0;
      for (const id of ids) bytes += await printStatic(browser, assets, [id], out, 1);
      return bytes;
    });
  } finally {
    await browser.close();
  }
}

export default async function bench(): Promise<Record<string, number | string>> {
  const concurrency = Number(process.env.REPORT_CONCURRENCY ?? defaultConcurrency());
  const load = () => loadavg().map(r1).join(" / ");
  const out = mkdtempSync(join(tmpdir(), "pl-bench-reports-"));
  const figures: Record<string, number | string> = { "load average 1/5/15 min at start (other work on the machine)": load() };
  try {
    // The package, as `plan-ledger report` runs it.
    const seed = seedLedger(2);
    let packageCost: Cost;
    const renderer = await PdfRenderer.launch({ concurrency, timeoutMs: 600_000 });
    let seedReport: QuarterReport;
    try {
      const [result, cost] = await measured(renderer.browser, async () => {
        seedReport = report(seed);
        return writeQuarterPackage(seedReport, renderer, { outDir: join(out, "package") });
      });
      const bytes = (k: string) => result.files.filter((f) => f.kind === k).reduce((a, f) => a + f.bytes, 0);
      Object.assign(figures, {
        "seed package: PDFs (summary, combined, per unit), pages printed": `${result.files.length}, ${renderer.pagesPrinted}`,
        "seed package: documents printed again (a page total's digits mis-guessed)": renderer.totalFallbacks,
        "seed package: MB summary / combined / all units": `${MB(bytes("summary"))} / ${MB(bytes("scorecards"))} / ${MB(bytes("scorecard"))}`,
        "seed package: wall s": r1(cost.wallS),
        "seed package: CPU s (node + chromium), of which node": `${r1(cost.cpuS)}, ${r1(cost.nodeCpuS)}`,
        [`seed package: CPU s / ${CORES} cores (idle-machine wall, aim ≤ 6)`]: r1(cost.cpuS / CORES),
        "seed package: peak RSS MB node / chromium (aim ≤ 1229)": `${cost.peakNodeMB} / ${cost.peakChromiumMB}`,
      });
      packageCost = cost;
    } finally {
      await renderer.close();
    }

    // The limit: the same pages, pre-built as static files served from memory (not timed), printed by Chromium alone.
    // One document per PDF: the summary and each unit's scorecard on its own.
    const docs = [packagePlan(seedReport!).summary.doc, ...seedReport!.scorecards.map((c) => renderDocument(scorecardsDocument([c])))];
    const assets = new AssetStore();
    const one = oneDocument(seedReport!);
    const set = await buildFontSet(codePointsOf([...docs.flatMap((d) => documentTexts(d)), ...documentTexts(one)]));
    assets.putFontSet(set);
    const put = (id: string, doc: ReturnType<typeof renderDocument>) => {
      assets.putDocument(id, { ...doc.files, "index.html": { ...doc.files["index.html"], body: staticHtml(doc, assets.fontFacesHref(set)) } });
      return id;
    };
    const ids = docs.map((d, i) => put(`s${i}`, d));
    const oneId = put("all", one);
    const browser = await launchBrowser();
    try {
      mkdirSync(join(out, "limit"));
      const [limitBytes, limit] = await measured(browser, () => printStatic(browser, assets, ids, join(out, "limit"), concurrency));
      mkdirSync(join(out, "one"));
      const [oneBytes, single] = await measured(browser, () => printStatic(browser, assets, [oneId], join(out, "one"), 1));
      Object.assign(figures, {
        "limit (static HTML, one document per PDF): wall s / CPU s": `${r1(limit.wallS)} / ${r1(limit.cpuS)}`,
        "limit: MB written, peak RSS MB chromium": `${MB(limitBytes)}, ${limit.peakChromiumMB}`,
        "all pages as one static document: wall s / CPU s / MB": `${r1(single.wallS)} / ${r1(single.cpuS)} / ${MB(oneBytes)}`,
        "package / limit, wall": r2(packageCost!.wallS / limit.wallS),
        "package / limit, CPU (aim ≤ 1.3)": r2(packageCost!.cpuS / limit.cpuS),
        "package / one document, CPU": r2(packageCost!.cpuS / single.cpuS),
      });
    } catch (e) {
      figures["limit: error"] = (e as Error).message;
    } finally {
      await browser.close();
    }
    figures["load average after the seed runs"] = load();

    // City scale: 200 units (6 copies of the seed's ranked units), 1,000 and 5,000 tasks.
    for (const tasks of (process.env.BENCH_CITY_TASKS ?? "1000,5000").split(",").filter(Boolean).map(Number)) {
      const city = seedLedger(2, 2023, generatePlanText(tasks, 6));
      const cityRenderer = await PdfRenderer.launch({ concurrency, timeoutMs: 600_000 });
      try {
        // Chromium's RSS when each quarter of the documents is done: flat memory is flat here.
        const quarters: number[] = [];
        const [result, cost] = await measured(cityRenderer.browser, (sampler) =>
          writeQuarterPackage(report(city), cityRenderer, {
            outDir: join(out, `city-${tasks}`),
            onProgress: (done, total) => {
              if (total > 0 && done >= ((quarters.length + 1) * total) / 4) {
                sampler.sample();
                quarters.push(mb(sampler.browserRss));
              }
            },
          }),
        );
        const pages = cityRenderer.pagesPrinted;
        const units = result.files.filter((f) => f.kind === "scorecard").length;
        figures[`city ${tasks} tasks, ${units} units: wall s / CPU s (node) / pages / pages per s`] =
          `${r1(cost.wallS)} / ${r1(cost.cpuS)} (${r1(cost.nodeCpuS)}) / ${pages} / ${r1(pages / cost.wallS)}`;
        figures[`city ${tasks} tasks: CPU ms per page; pages opened (recycled every 40 documents or 100 PDF pages)`] =
          `${Math.round((cost.cpuS * 1000) / pages)}; ${cityRenderer.pagesOpened}`;
        figures[`city ${tasks} tasks: peak RSS MB node / chromium; MB written`] =
          `${cost.peakNodeMB} / ${cost.peakChromiumMB}; ${MB(result.files.reduce((a, f) => a + f.bytes, 0))}`;
        figures[`city ${tasks} tasks: chromium RSS MB at 25/50/75/100 % of documents`] = quarters.join(" / ");
        figures[`city ${tasks} tasks: documents printed again (a page total's digits mis-guessed)`] = cityRenderer.totalFallbacks;
        figures[`city ${tasks} tasks: load average after`] = load();
        if (process.env.BENCH_CITY_LIMIT !== "0") {
          mkdirSync(join(out, `city-${tasks}-limit`));
          const [limitBytes, limit] = await cityLimit(report(city), join(out, `city-${tasks}-limit`));
          figures[`city ${tasks} tasks, limit (static documents as the package prints them, one at a time): wall s / CPU s / MB`] =
            `${r1(limit.wallS)} / ${r1(limit.cpuS)} / ${MB(limitBytes)}`;
          figures[`city ${tasks} tasks: package / limit, CPU; limit CPU s / ${CORES} cores`] = `${r2(cost.cpuS / limit.cpuS)}; ${r1(limit.cpuS / CORES)}`;
          rmSync(join(out, `city-${tasks}-limit`), { recursive: true, force: true });
        }
      } catch (e) {
        // The figures so far stay printed.
        figures[`city ${tasks} tasks: error`] = (e as Error).message;
      } finally {
        await cityRenderer.close();
        rmSync(join(out, `city-${tasks}`), { recursive: true, force: true });
      }
    }
    figures.browser = `${concurrency} pages, ${CORES} cores`;
    return figures;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
