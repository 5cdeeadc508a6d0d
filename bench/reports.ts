/**
 * The full quarterly package for the seed-sized ledger (the embedded plan, every unit): model,
 * HTML and every PDF written to a temp dir, through one browser and its page pool. Compared with
 * Chromium printing the same pre-built static HTML in the same run (navigating a page to each
 * document, the same concurrency, nothing written): the ratio shows what the pipeline adds.
 *
 * Wall time depends on what else the machine runs (these 2 cores are shared), so CPU seconds are
 * reported too (Node + every Chromium process, from /proc): CPU s / cores is the best wall time
 * an idle machine of this size could reach.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildQuarterReport } from "../reports/model/model.report";
import { packageJobs, writeQuarterPackage } from "../reports/pdf/package";
import { PdfRenderer } from "../reports/pdf/renderer";
import { seedLedger } from "../test/fixtures/reports/ledger.seed";

const TICK = 100; // USER_HZ on Linux

/** Per-process CPU (s) and RSS (bytes) of a process tree, from /proc. */
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

export default async function bench(): Promise<Record<string, number | string>> {
  const concurrency = Number(process.env.REPORT_CONCURRENCY ?? 4);
  const { ledger, scores } = seedLedger(2);
  const out = mkdtempSync(join(tmpdir(), "pl-bench-reports-"));
  const renderer = await PdfRenderer.launch({ concurrency });
  const root = renderer.browser.process()?.pid ?? -1;
  // Last CPU seen per Chromium process (processes of recycled pages end: keep their last figure).
  const cpuSeen = new Map<number, number>();
  let peakBrowserRss = 0;
  let peakNodeRss = 0;
  const sample = () => {
    const tree = processTree(root);
    let rss = 0;
    for (const [pid, i] of tree) {
      cpuSeen.set(pid, i.cpu);
      rss += i.rss;
    }
    peakBrowserRss = Math.max(peakBrowserRss, rss);
    peakNodeRss = Math.max(peakNodeRss, process.memoryUsage().rss);
  };
  const browserCpu = () => {
    sample();
    return [...cpuSeen.values()].reduce((a, b) => a + b, 0);
  };
  const nodeCpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const timer = setInterval(sample, 200);
  const load = loadavg()[0]!;
  try {
    const c0 = browserCpu(),
      n0 = nodeCpu(),
      t0 = performance.now();
    const report = buildQuarterReport(ledger, scores, 2, { workbookSha256: "0".repeat(64), generatedAt: new Date(), lang: "zh" });
    const result = await writeQuarterPackage(report, renderer, { outDir: out });
    const packageMs = performance.now() - t0;
    const c1 = browserCpu(),
      n1 = nodeCpu();

    const { jobs } = packageJobs(report);
    const t1 = performance.now();
    await Promise.all(jobs.map((j) => renderer.render(j.doc, j.metadata, "navigate")));
    const baselineMs = performance.now() - t1;
    const c2 = browserCpu(),
      n2 = nodeCpu();

    const cards = result.files.filter((f) => f.kind === "scorecard").length;
    const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
    const s1 = (x: number) => Math.round(x * 10) / 10;
    const pkgCpu = c1 - c0 + (n1 - n0);
    const baseCpu = c2 - c1 + (n2 - n1);
    return {
      "seed package: units with a scorecard": cards,
      "seed package: PDFs written (summary, combined, per unit)": result.files.length,
      "seed package: total MB written": mb(result.files.reduce((a, f) => a + f.bytes, 0)),
      "seed package: wall ms (model + HTML + print + write)": Math.round(packageMs),
      "baseline: wall ms Chromium printing the same static HTML": Math.round(baselineMs),
      "ratio package / baseline, wall (aim ≤ 1.3)": Math.round((packageMs / baselineMs) * 100) / 100,
      "seed package: CPU s (node + chromium)": s1(pkgCpu),
      "baseline: CPU s (node + chromium)": s1(baseCpu),
      "ratio package / baseline, CPU": Math.round((pkgCpu / baseCpu) * 100) / 100,
      [`seed package: CPU s / ${availableParallelism()} cores (idle-machine wall estimate, aim ≤ 12)`]: s1(pkgCpu / availableParallelism()),
      "peak RSS MB (node)": mb(peakNodeRss),
      "peak RSS MB (chromium, all processes)": mb(peakBrowserRss),
      "load average at start (other work on the machine)": Math.round(load * 10) / 10,
      browser: `${renderer.choice.source} (${renderer.choice.executablePath}), ${concurrency} pages`,
    };
  } finally {
    clearInterval(timer);
    await renderer.close();
    rmSync(out, { recursive: true, force: true });
  }
}
