/**
 * The quarterly package on disk: the summary, all scorecards in one PDF (a bookmark per unit) and
 * one PDF per unit. Every page is printed once, and the scorecards in as few documents as memory
 * allows: all units' scorecards are one document (several for a city: batches of about
 * SCORECARD_BATCH_CHARS of HTML), each unit a page group numbering its own pages (第 N 页 / 共 M
 * 页 of that unit), printed once (renderer.renderGrouped). That print is the combined PDF (batches
 * are joined, join.ts); each unit's PDF is cut out of it by page ranges (split.ts), its fonts
 * re-subset to the glyphs its pages draw (pdf-fonts.ts). Each PDF goes to disk as soon as it is
 * made; a batch is held in memory only while it is cut (a city's: while the next one prints, and
 * its summary's pieces are joined while the scorecards print): memory does not grow with the units.
 */
import { mkdir, open, readFile, rm, writeFile, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { QuarterReport, ScorecardModel } from "../model/model.report";
import { renderDocument, type HtmlDocument, type RenderedDocument } from "../html/document";
import { summaryDocument } from "../html/page.summary";
import { scorecardsDocument } from "../html/page.scorecard";
import { uniqueFileNames } from "./file-names";
import { CREATOR, type PdfMetadata } from "./metadata";
import { documentTexts, isLongDocument, type GroupedPdf, type PdfRenderer } from "./renderer";
import { joinPdfs, type JoinMetadata } from "./join";
import { splitPdf } from "./split";
import { subsetEmbeddedFonts } from "./pdf-fonts";

export interface PackageOptions {
  outDir: string;
  /** Unit names to make scorecards for; "all" (default) for every ranked unit. */
  units?: readonly string[] | "all";
  onProgress?: (done: number, total: number, label: string) => void;
  /** HTML characters of scorecards per printed document (default SCORECARD_BATCH_CHARS). */
  batchChars?: number;
}

export interface PackageFile {
  kind: "summary" | "scorecards" | "scorecard";
  path: string;
  unit?: string;
  bytes: number;
}

export interface PackageResult {
  files: PackageFile[];
  /** Requested unit names that have no scorecard. */
  unknownUnits: string[];
}

export interface PrintJob {
  kind: "summary" | "scorecard";
  name: string;
  unit?: string;
  doc: RenderedDocument;
  metadata: PdfMetadata;
}

/** One printed document of several units' scorecards, and the unit PDFs cut out of it. */
export interface ScorecardBatch {
  doc: RenderedDocument;
  metadata: PdfMetadata;
  units: { unit: string; name: string; metadata: PdfMetadata }[];
}

/** What a package makes: the summary, the scorecard batches, the combined PDF's name and metadata. */
export interface PackagePlan {
  summary: PrintJob;
  batches: ScorecardBatch[];
  combined?: { name: string; metadata: PdfMetadata };
  unknown: string[];
}

/**
 * HTML characters of scorecards per printed document (the seed's 42 units are ~0.62 M, 126
 * pages, ~1 GB of Chromium): bounds what one renderer lays out at a time, so a city's 200 units
 * print in several documents and Chromium's memory stays flat.
 */
export const SCORECARD_BATCH_CHARS = 900_000;

export const metadataOf = (doc: HtmlDocument): PdfMetadata => ({
  title: doc.title,
  author: doc.author,
  subject: doc.subject,
  keywords: doc.keywords,
  lang: doc.labels.htmlLang,
});

/** Which scorecards a --units option selects (unknown names are reported, not fatal). */
function selectScorecards(cards: readonly ScorecardModel[], units: readonly string[] | "all" = "all") {
  if (units === "all") return { selected: [...cards], unknown: [] as string[] };
  const byName = new Map(cards.map((c) => [c.unit.name, c]));
  return {
    selected: cards.filter((c) => units.includes(c.unit.name)),
    unknown: units.filter((u) => !byName.has(u)),
  };
}

/** Consecutive runs of items whose sizes add up to at most `budget` (an item larger than it runs alone). */
export function batchesBySize<T>(items: readonly T[], size: (item: T) => number, budget: number): T[][] {
  const out: T[][] = [];
  let run: T[] = [];
  let total = 0;
  for (const item of items) {
    const s = size(item);
    if (run.length > 0 && total + s > budget) {
      out.push(run);
      run = [];
      total = 0;
    }
    run.push(item);
    total += s;
  }
  if (run.length > 0) out.push(run);
  return out;
}

export function packagePlan(report: QuarterReport, units: readonly string[] | "all" = "all", batchChars = SCORECARD_BATCH_CHARS): PackagePlan {
  const { meta } = report.summary;
  const tag = `${meta.year ?? "plan"}-Q${meta.quarter}${meta.lang === "en" ? "-en" : ""}`;
  const { selected, unknown } = selectScorecards(report.scorecards, units);
  const summaryDoc = summaryDocument(report.summary);
  const summary: PrintJob = { kind: "summary", name: `summary-${tag}.pdf`, doc: renderDocument(summaryDoc), metadata: metadataOf(summaryDoc) };
  if (selected.length === 0) return { summary, batches: [], unknown };
  const names = uniqueFileNames(selected.map((c) => c.unit.name));
  const cards = selected.map((card, i) => {
    const own = scorecardsDocument([card]);
    return { card, name: join(`scorecards-${tag}`, names[i]!), metadata: metadataOf(own), chars: own.body.value.length };
  });
  const batches = batchesBySize(cards, (c) => c.chars, batchChars).map((run) => {
    const doc = scorecardsDocument(run.map((c) => c.card));
    return { doc: renderDocument(doc), metadata: metadataOf(doc), units: run.map((c) => ({ unit: c.card.unit.name, name: c.name, metadata: c.metadata })) };
  });
  // The combined PDF's title and the like depend on its first card and on whether there are more.
  const combined = { name: `scorecards-${tag}.pdf`, metadata: metadataOf(scorecardsDocument(selected.slice(0, 2))) };
  return { summary, batches, combined, unknown };
}

const joinMetadata = (m: PdfMetadata): JoinMetadata => ({ ...m, creator: CREATOR });

/** A sink per file, each opened on its first chunk; all closed when `write` is done. */
async function withFiles<T>(paths: readonly string[], write: (sinks: ((chunk: Uint8Array) => Promise<void>)[]) => Promise<T>): Promise<T> {
  const opened: Promise<FileHandle>[] = [];
  const sinks = paths.map((path) => {
    let handle: Promise<FileHandle> | undefined;
    return async (chunk: Uint8Array) => {
      if (!handle) opened.push((handle = open(path, "w")));
      await (await handle).write(chunk);
    };
  });
  try {
    return await write(sinks);
  } finally {
    await Promise.all(opened.map(async (h) => (await h).close()));
  }
}

/** Writes a stream of chunks to a file. */
async function toFile<T>(path: string, write: (sink: (chunk: Uint8Array) => Promise<void>) => Promise<T>): Promise<T> {
  const out = await open(path, "w");
  try {
    return await write(async (chunk) => void (await out.write(chunk)));
  } finally {
    await out.close();
  }
}

export async function writeQuarterPackage(report: QuarterReport, renderer: PdfRenderer, options: PackageOptions): Promise<PackageResult> {
  const plan = packagePlan(report, options.units ?? "all", options.batchChars);
  const { outDir } = options;
  await mkdir(outDir, { recursive: true });
  const unitCount = plan.batches.reduce((n, b) => n + b.units.length, 0);
  if (unitCount > 0) await mkdir(join(outDir, plan.batches[0]!.units[0]!.name, ".."), { recursive: true });
  const total = 1 + unitCount + (plan.combined ? 1 : 0);
  let done = 0;
  options.onProgress?.(0, total, "");
  // One font set for the whole package: every pooled page decodes it once.
  await renderer.prepareFonts([plan.summary.doc, ...plan.batches.map((b) => b.doc)].flatMap((d) => documentTexts(d)));

  const files = new Map<string, PackageFile>();
  /** Prints the summary; `printed` is called as soon as Chromium is done with it (a long one's pieces are then joined). */
  const printSummary = async (printed: () => void = () => {}) => {
    const { doc, metadata, name } = plan.summary;
    const path = join(outDir, name);
    // A city's summary (hundreds of pages) prints in pieces joined into one PDF: Chromium's memory stays flat.
    const bytes = isLongDocument(doc)
      ? (await toFile(path, (sink) => renderer.renderLong(doc, metadata, sink, { onPrinted: printed }))).bytes
      : await renderer.render(doc, metadata).then(async (pdf) => (printed(), await writeFile(path, pdf), pdf.length));
    files.set(name, { kind: "summary", path, bytes });
    options.onProgress?.(++done, total, plan.summary.name);
  };

  // A single batch is the combined PDF itself; several are printed to parts and joined.
  const single = plan.batches.length === 1;
  const partPaths: string[] = [];
  const printBatch = async (batch: ScorecardBatch, index: number): Promise<GroupedPdf> => {
    const printed = await renderer.renderGrouped(batch.doc, single && plan.combined ? plan.combined.metadata : batch.metadata);
    const partPath = single && plan.combined ? join(outDir, plan.combined.name) : join(outDir, `.scorecards-part-${index}.pdf`);
    await writeFile(partPath, printed.pdf);
    partPaths[index] = partPath;
    if (single && plan.combined) files.set(plan.combined.name, { kind: "scorecards", path: partPath, bytes: printed.pdf.length });
    return printed;
  };
  /** Cuts each unit's PDF out of its batch's print. */
  const cutBatch = async (batch: ScorecardBatch, printed: GroupedPdf) => {
    const ends = [...printed.starts.slice(1), printed.pages];
    const results = await withFiles(
      batch.units.map((u) => join(outDir, u.name)),
      (sinks) =>
        splitPdf(
          printed.doc ?? printed.pdf,
          batch.units.map((u, i) => ({ pages: [printed.starts[i]!, ends[i]!] as const, metadata: joinMetadata(u.metadata), sink: sinks[i]! })),
          { beforeWrite: (doc) => void subsetEmbeddedFonts(doc) },
        ),
    );
    batch.units.forEach((u, i) => {
      files.set(u.name, { kind: "scorecard", path: join(outDir, u.name), unit: u.unit, bytes: results[i]!.bytes });
      options.onProgress?.(++done, total, u.unit);
    });
  };
  /**
   * Batches print one after another; a batch is cut while the next one prints (Node's work beside
   * Chromium's), at most one batch being cut at a time (memory: two batches' PDFs at most).
   */
  const printBatches = async () => {
    let cutting: Promise<void> = Promise.resolve();
    for (const [i, batch] of plan.batches.entries()) {
      const printed = await printBatch(batch, i);
      await cutting;
      cutting = cutBatch(batch, printed);
      // Observed now (awaited after the next print): a failed cut must not be an unhandled rejection meanwhile.
      cutting.catch(() => {});
    }
    await cutting;
  };

  // The summary and the scorecards print side by side (a pooled page each), batches one after
  // another. A city's package (a long summary, several batches) prints one document at a time
  // instead: two of its large documents laid out at once would double Chromium's peak memory; the
  // summary's pieces are joined while the scorecards print.
  try {
    if (isLongDocument(plan.summary.doc) || plan.batches.length > 1) {
      let printed!: () => void;
      const chromiumDone = new Promise<void>((resolve) => (printed = resolve));
      const summary = printSummary(printed);
      summary.catch(() => {});
      await Promise.race([chromiumDone, summary]);
      // Both settle before any error is thrown: nothing is still writing when the package returns.
      const settled = await Promise.allSettled([summary, printBatches()]);
      for (const r of settled) if (r.status === "rejected") throw r.reason;
    } else await Promise.all([printSummary(), printBatches()]);

    if (plan.combined && !single) {
      const path = join(outDir, plan.combined.name);
      const joined = await toFile(path, (sink) =>
        joinPdfs(
          partPaths.map((p) => ({ read: () => readFile(p) })),
          joinMetadata(plan.combined!.metadata),
          sink,
        ),
      );
      files.set(plan.combined.name, { kind: "scorecards", path, bytes: joined.bytes });
    }
  } finally {
    // The batches' own PDFs are not part of the package, whether it was made or not.
    if (!single) await Promise.all(partPaths.filter(Boolean).map((p) => rm(p, { force: true })));
  }
  if (plan.combined) options.onProgress?.(++done, total, plan.combined.name);
  // Listed as before: the summary, the combined scorecards, then each unit's.
  const order = [plan.summary.name, ...(plan.combined ? [plan.combined.name] : []), ...plan.batches.flatMap((b) => b.units.map((u) => u.name))];
  return { files: order.map((n) => files.get(n)!), unknownUnits: plan.unknown };
}
