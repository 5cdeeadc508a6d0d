/**
 * The quarterly package, measured against an honest limit in the same run:
 * - the package: model, HTML, fonts, printing every page once, joining the combined PDF, writing;
 * - the limit: Chromium printing the same pages once from pre-built static HTML files (fonts,
 *   stylesheets and scripts inlined; one document per PDF, the same concurrency, nothing else), and
 *   all pages as one single document;
 * - city scale: a generated 5,000-task, 200-unit ledger's package (and 1,000 tasks, to see growth).
 *
 * Wall time depends on what else the machine runs (these 2 cores are shared), so CPU seconds are
 * reported too (Node + every Chromium process, from /proc): CPU s / cores is the best wall time an
 * idle machine of this size could reach.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { Browser } from "puppeteer";
import { buildQuarterReport, type QuarterReport } from "../reports/model/model.report";
import { packageJobs, writeQuarterPackage, type PrintJob } from "../reports/pdf/package";
import { documentTexts, PdfRenderer } from "../reports/pdf/renderer";
import { launchBrowser } from "../reports/pdf/browser";
import { buildFontSet, codePointsOf } from "../reports/pdf/fonts";
import { renderDocument } from "../reports/html/document";
import { summaryDocument } from "../reports/html/page.summary";
import { scorecardsDocument } from "../reports/html/page.scorecard";
import { REPORT_CSS } from "../reports/html/styles";
import { CHART_SCRIPT } from "../reports/html/script.charts";
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
  peakNodeMB: number;
  peakChromiumMB: number;
}

/** Runs `fn` while sampling Node and a browser's process tree (processes that end keep their last CPU figure). */
async function measured<T>(browser: Browser, fn: () => Promise<T>): Promise<[T, Cost]> {
  const root = browser.process()?.pid ?? -1;
  const cpuSeen = new Map<number, number>();
  let peakBrowser = 0;
  let peakNode = 0;
  const sample = () => {
    let rss = 0;
    for (const [pid, i] of processTree(root)) {
      cpuSeen.set(pid, i.cpu);
      rss += i.rss;
    }
    peakBrowser = Math.max(peakBrowser, rss);
    peakNode = Math.max(peakNode, process.memoryUsage().rss);
  };
  const cpu = () => {
    sample();
    const u = process.cpuUsage();
    return [...cpuSeen.values()].reduce((a, b) => a + b, 0) + (u.user + u.system) / 1e6;
  };
  const timer = setInterval(sample, 200);
  const c0 = cpu();
  const t0 = performance.now();
  try {
    const result = await fn();
    const wallS = (performance.now() - t0) / 1000;
    const mb = (b: number) => Math.round(b / 1048576);
    return [result, { wallS, cpuS: cpu() - c0, peakNodeMB: mb(peakNode), peakChromiumMB: mb(peakBrowser) }];
  } finally {
    clearInterval(timer);
  }
}

const require = createRequire(import.meta.url);
const CHART_JS = readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.min.js"), "utf8");

/** A document as one static file: fonts as data: URLs, stylesheets and scripts inline (scripts after the body). */
function staticHtml(doc: ReturnType<typeof renderDocument>, fontCss: string): string {
  const inline = (s: string) => s.replace(/<\/(script|style)/gi, "<\\/$1");
  return doc.files["index.html"].body
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, "")
    .replace(`<link rel="stylesheet" href="/assets/fonts.css">`, `<style>${fontCss}</style>`)
    .replace(`<link rel="stylesheet" href="/assets/report.css">`, `<style>${REPORT_CSS}</style>`)
    .replace(`<link rel="stylesheet" href="page.css" id="page-css">`, `<style>${doc.files["page.css"].body}</style>`)
    .replace(/<script src="[^"]+" defer><\/script>\n/g, "")
    .replace("</body>", `<script>${inline(CHART_JS)}</script>\n<script>${inline(CHART_SCRIPT)}</script>\n</body>`);
}

/** Chromium alone: a pool of `concurrency` pages, each file loaded, waited for, printed, written. */
async function printStatic(browser: Browser, files: string[], outDir: string, concurrency: number): Promise<number> {
  let next = 0;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, files.length) }, async () => {
      const page = await browser.newPage();
      while (next < files.length) {
        const f = files[next++]!;
        await page.goto(pathToFileURL(f).href, { waitUntil: "load", timeout: 300_000 });
        await page.waitForFunction(() => document.documentElement.hasAttribute("data-ready"), { polling: "mutation", timeout: 300_000 });
        const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 300_000 });
        writeFileSync(join(outDir, `${next}.pdf`), pdf);
        bytes += pdf.length;
      }
      await page.close();
    }),
  );
  return bytes;
}

async function dataUrlFontCss(jobs: PrintJob[]): Promise<string> {
  const set = await buildFontSet(codePointsOf(jobs.flatMap((j) => documentTexts(j.doc))));
  return set.css.replace(/url\(\/fonts\/[0-9a-f]+\/([^)]+)\)/g, (_m, name: string) => `url(data:font/ttf;base64,${set.files.get(name)!.toString("base64")})`);
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const MB = (b: number) => r2(b / 1048576);

function report(ledger: ReturnType<typeof seedLedger>): QuarterReport {
  return buildQuarterReport(ledger.ledger, ledger.scores, 2, { workbookSha256: "0".repeat(64), generatedAt: new Date(), lang: "zh" });
}

export default async function bench(): Promise<Record<string, number | string>> {
  const concurrency = Number(process.env.REPORT_CONCURRENCY ?? 4);
  const load = loadavg().map(r1).join(" / ");
  const out = mkdtempSync(join(tmpdir(), "pl-bench-reports-"));
  const figures: Record<string, number | string> = { "load average 1/5/15 min at start (other work on the machine)": load };
  try {
    // The package, as `plan-ledger report` runs it.
    const seed = seedLedger(2);
    let packageCost: Cost;
    const renderer = await PdfRenderer.launch({ concurrency, timeoutMs: 300_000 });
    let seedReport: QuarterReport;
    try {
      const [result, cost] = await measured(renderer.browser, async () => {
        seedReport = report(seed);
        return writeQuarterPackage(seedReport, renderer, { outDir: join(out, "package") });
      });
      const bytes = (k: string) => result.files.filter((f) => f.kind === k).reduce((a, f) => a + f.bytes, 0);
      Object.assign(figures, {
        "seed package: PDFs (summary, combined, per unit)": result.files.length,
        "seed package: MB summary / combined / all units": `${MB(bytes("summary"))} / ${MB(bytes("scorecards"))} / ${MB(bytes("scorecard"))}`,
        "seed package: wall s": r1(cost.wallS),
        "seed package: CPU s (node + chromium)": r1(cost.cpuS),
        [`seed package: CPU s / ${CORES} cores (idle-machine wall, aim ≤ 6)`]: r1(cost.cpuS / CORES),
        "seed package: peak RSS MB node / chromium (aim ≤ 1229)": `${cost.peakNodeMB} / ${cost.peakChromiumMB}`,
      });
      packageCost = cost;
    } finally {
      await renderer.close();
    }

    // The limit: the same pages, pre-built as static files (not timed), printed by Chromium alone.
    const { jobs } = packageJobs(seedReport!);
    const fontCss = await dataUrlFontCss(jobs);
    const staticDir = join(out, "static");
    mkdirSync(staticDir);
    const files = jobs.map((j, i) => {
      const f = join(staticDir, `${i}.html`);
      writeFileSync(f, staticHtml(j.doc, fontCss));
      return f;
    });
    const allDoc = renderDocument(summaryDocument(seedReport!.summary));
    const cards = renderDocument(scorecardsDocument(seedReport!.scorecards));
    const one = join(staticDir, "all.html");
    writeFileSync(
      one,
      staticHtml(
        {
          ...allDoc,
          files: {
            ...allDoc.files,
            "index.html": { ...allDoc.files["index.html"], body: allDoc.files["index.html"].body.replace("</body>", `${cards.body}\n</body>`) },
          },
        },
        fontCss,
      ),
    );
    const browser = await launchBrowser();
    try {
      mkdirSync(join(out, "limit"));
      const [limitBytes, limit] = await measured(browser, () => printStatic(browser, files, join(out, "limit"), concurrency));
      mkdirSync(join(out, "one"));
      const [oneBytes, single] = await measured(browser, () => printStatic(browser, [one], join(out, "one"), 1));
      Object.assign(figures, {
        "limit (static HTML, one document per PDF): wall s / CPU s": `${r1(limit.wallS)} / ${r1(limit.cpuS)}`,
        "limit: MB written, peak RSS MB chromium": `${MB(limitBytes)}, ${limit.peakChromiumMB}`,
        "all pages as one static document: wall s / CPU s / MB": `${r1(single.wallS)} / ${r1(single.cpuS)} / ${MB(oneBytes)}`,
        "package / limit, wall": r2(packageCost!.wallS / limit.wallS),
        "package / limit, CPU (aim ≤ 1.3)": r2(packageCost!.cpuS / limit.cpuS),
      });
    } finally {
      await browser.close();
    }

    // City scale: about 200 units (6 copies of the seed's ranked units), 1,000 and 5,000 tasks.
    for (const tasks of (process.env.BENCH_CITY_TASKS ?? "1000,5000").split(",").map(Number)) {
      const city = seedLedger(2, 2023, generatePlanText(tasks, 6));
      const cityRenderer = await PdfRenderer.launch({ concurrency, timeoutMs: 300_000 });
      try {
        const [result, cost] = await measured(cityRenderer.browser, () =>
          writeQuarterPackage(report(city), cityRenderer, { outDir: join(out, `city-${tasks}`) }),
        );
        const pages = cityRenderer.pagesPrinted;
        const units = result.files.filter((f) => f.kind === "scorecard").length;
        figures[`city ${tasks} tasks, ${units} units: wall s / CPU s / pages / pages per s`] =
          `${r1(cost.wallS)} / ${r1(cost.cpuS)} / ${pages} / ${r1(pages / cost.wallS)}`;
        figures[`city ${tasks} tasks: peak RSS MB node / chromium; MB written`] =
          `${cost.peakNodeMB} / ${cost.peakChromiumMB}; ${MB(result.files.reduce((a, f) => a + f.bytes, 0))}`;
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
