/**
 * The quarterly package on disk: the summary, one PDF per unit, and all scorecards in one PDF (a
 * bookmark per unit), printed through one renderer with its bounded page pool. Every page is printed
 * once: the combined PDF is joined from the per-unit PDFs (join.ts), so each unit's section counts
 * its own pages (第 N 页 / 共 M 页 of that unit, its bookmark on its first page). Each PDF goes to
 * disk as soon as it is printed and the join reads them back one at a time: memory does not grow
 * with the number of units.
 */
import { mkdir, open, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { QuarterReport, ScorecardModel } from "../model/model.report";
import { renderDocument, type HtmlDocument, type RenderedDocument } from "../html/document";
import { summaryDocument } from "../html/page.summary";
import { scorecardsDocument } from "../html/page.scorecard";
import { uniqueFileNames } from "./file-names";
import { CREATOR, type PdfMetadata } from "./metadata";
import { documentTexts, type PdfRenderer } from "./renderer";
import { joinPdfs } from "./join";

export interface PackageOptions {
  outDir: string;
  /** Unit names to make scorecards for; "all" (default) for every ranked unit. */
  units?: readonly string[] | "all";
  onProgress?: (done: number, total: number, label: string) => void;
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

/** The combined scorecards: never printed, joined from the units' PDFs under this name and metadata. */
export interface JoinJob {
  name: string;
  metadata: PdfMetadata;
}

const metadataOf = (doc: HtmlDocument): PdfMetadata => ({
  title: doc.title,
  author: doc.author,
  subject: doc.subject,
  keywords: doc.keywords,
  lang: doc.labels.htmlLang,
});

function job(kind: PrintJob["kind"], name: string, doc: HtmlDocument, unit?: string): PrintJob {
  return { kind, name, unit, doc: renderDocument(doc), metadata: metadataOf(doc) };
}

/** Which scorecards a --units option selects (unknown names are reported, not fatal). */
function selectScorecards(cards: readonly ScorecardModel[], units: readonly string[] | "all" = "all") {
  if (units === "all") return { selected: [...cards], unknown: [] as string[] };
  const byName = new Map(cards.map((c) => [c.unit.name, c]));
  return {
    selected: cards.filter((c) => units.includes(c.unit.name)),
    unknown: units.filter((u) => !byName.has(u)),
  };
}

/** The documents a package prints (the bench prints them again as its limit), and the combined PDF joined from them. */
export function packageJobs(report: QuarterReport, units: readonly string[] | "all" = "all"): { jobs: PrintJob[]; combined?: JoinJob; unknown: string[] } {
  const { meta } = report.summary;
  const tag = `${meta.year ?? "plan"}-Q${meta.quarter}${meta.lang === "en" ? "-en" : ""}`;
  const { selected, unknown } = selectScorecards(report.scorecards, units);
  const jobs: PrintJob[] = [job("summary", `summary-${tag}.pdf`, summaryDocument(report.summary))];
  if (selected.length === 0) return { jobs, unknown };
  const names = uniqueFileNames(selected.map((c) => c.unit.name));
  selected.forEach((c, i) => jobs.push(job("scorecard", join(`scorecards-${tag}`, names[i]!), scorecardsDocument([c]), c.unit.name)));
  // The all-units document's title and the like depend on its first card and on whether there are more (its body is never laid out).
  const combined = { name: `scorecards-${tag}.pdf`, metadata: metadataOf(scorecardsDocument(selected.slice(0, 2))) };
  return { jobs, combined, unknown };
}

export async function writeQuarterPackage(report: QuarterReport, renderer: PdfRenderer, options: PackageOptions): Promise<PackageResult> {
  const { jobs: printed, combined, unknown } = packageJobs(report, options.units ?? "all");
  await mkdir(options.outDir, { recursive: true });
  const firstCard = printed.find((j) => j.kind === "scorecard");
  if (firstCard) await mkdir(join(options.outDir, firstCard.name, ".."), { recursive: true });
  const total = printed.length + (combined ? 1 : 0);
  let done = 0;
  options.onProgress?.(0, total, "");
  // One font set for the whole package: every pooled page decodes it once.
  await renderer.prepareFonts(printed.flatMap((j) => documentTexts(j.doc)));
  const files = new Map<PrintJob | JoinJob, PackageFile>();
  await Promise.all(
    printed.map(async (j) => {
      const pdf = await renderer.render(j.doc, j.metadata);
      const path = join(options.outDir, j.name);
      await writeFile(path, pdf);
      files.set(j, { kind: j.kind, path, unit: j.unit, bytes: pdf.length });
      options.onProgress?.(++done, total, j.unit ?? j.name);
    }),
  );
  if (combined) {
    const cards = printed.filter((j) => j.kind === "scorecard");
    const path = join(options.outDir, combined.name);
    const out = await open(path, "w");
    try {
      const joined = await joinPdfs(
        cards.map((j) => ({ bookmark: j.unit!, read: () => readFile(files.get(j)!.path) })),
        { ...combined.metadata, creator: CREATOR },
        async (chunk) => void (await out.write(chunk)),
      );
      files.set(combined, { kind: "scorecards", path, bytes: joined.bytes });
    } finally {
      await out.close();
    }
    options.onProgress?.(++done, total, combined.name);
  }
  // Listed as before: the summary, the combined scorecards, then each unit's.
  const order = [printed[0]!, ...(combined ? [combined] : []), ...printed.slice(1)];
  return { files: order.map((j) => files.get(j)!), unknownUnits: unknown };
}
