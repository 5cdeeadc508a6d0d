/**
 * The full quarterly package for the seed-sized ledger (the embedded plan, every unit): model,
 * HTML and every PDF written to a temp dir, through one browser and its page pool. Compared with
 * Chromium printing the same pre-built static HTML in the same run (navigating a page to each
 * document, the same concurrency, nothing written): the ratio shows what the pipeline adds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildQuarterReport } from "../reports/model/model.report";
import { packageJobs, writeQuarterPackage } from "../reports/pdf/package";
import { PdfRenderer } from "../reports/pdf/renderer";
import { seedLedger } from "../test/fixtures/reports/ledger.seed";

export default async function bench(): Promise<Record<string, number | string>> {
  const concurrency = Number(process.env.REPORT_CONCURRENCY ?? 4);
  const { ledger, scores } = seedLedger(2);
  const out = mkdtempSync(join(tmpdir(), "pl-bench-reports-"));
  let peakRss = 0;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  const renderer = await PdfRenderer.launch({ concurrency });
  const browserRss = async () => {
    // Chromium's own memory: sum of its processes' RSS from /proc (Linux).
    const { readFileSync, readdirSync } = await import("node:fs");
    const root = renderer.browser.process()?.pid;
    if (!root) return 0;
    const kids = new Map<number, number[]>();
    const rss = new Map<number, number>();
    for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ppid = Number(fields[1]);
        kids.set(ppid, [...(kids.get(ppid) ?? []), Number(p)]);
        rss.set(Number(p), Number(fields[21]) * 4096);
      } catch { /* process ended */ }
    }
    let total = 0;
    const walk = (pid: number) => { total += rss.get(pid) ?? 0; for (const k of kids.get(pid) ?? []) walk(k); };
    walk(root);
    return total;
  };
  let peakBrowser = 0;
  const browserTimer = setInterval(() => void browserRss().then((b) => (peakBrowser = Math.max(peakBrowser, b))), 250);
  try {
    // Warm-up: one small document, so both runs start with a launched browser and open pages.
    const t0 = performance.now();
    const report = buildQuarterReport(ledger, scores, 2, { workbookSha256: "0".repeat(64), generatedAt: new Date(), lang: "zh" });
    const result = await writeQuarterPackage(report, renderer, { outDir: out });
    const packageMs = performance.now() - t0;

    const { jobs } = packageJobs(report);
    const t1 = performance.now();
    await Promise.all(jobs.map((j) => renderer.render(j.doc, j.metadata, "navigate")));
    const baselineMs = performance.now() - t1;

    const cards = result.files.filter((f) => f.kind === "scorecard").length;
    const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
    return {
      "seed package: units with a scorecard": cards,
      "seed package: PDFs written": result.files.length,
      "seed package: total MB written": mb(result.files.reduce((a, f) => a + f.bytes, 0)),
      "seed package: ms (model + HTML + print + write)": Math.round(packageMs),
      "baseline: ms Chromium printing the same static HTML": Math.round(baselineMs),
      "ratio package / baseline (aim ≤ 1.3)": Math.round((packageMs / baselineMs) * 100) / 100,
      "peak RSS MB (node)": mb(peakRss),
      "peak RSS MB (chromium, all processes)": mb(peakBrowser),
      "browser": `${renderer.choice.source} (${renderer.choice.executablePath}), ${concurrency} pages`,
    };
  } finally {
    clearInterval(timer);
    clearInterval(browserTimer);
    await renderer.close();
    rmSync(out, { recursive: true, force: true });
  }
}
