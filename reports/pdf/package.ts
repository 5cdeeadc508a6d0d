/**
 * The quarterly package on disk: the summary, all scorecards in one PDF (a bookmark per unit) and
 * one PDF per unit, printed through one renderer with its bounded page pool.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { QuarterReport, ScorecardModel } from "../model/model.report";
import { renderDocument, type HtmlDocument, type RenderedDocument } from "../html/document";
import { summaryDocument } from "../html/page.summary";
import { scorecardsDocument } from "../html/page.scorecard";
import { uniqueFileNames } from "./file-names";
import type { PdfMetadata } from "./metadata";
import type { PdfRenderer } from "./renderer";

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
  kind: PackageFile["kind"];
  name: string;
  unit?: string;
  doc: RenderedDocument;
  metadata: PdfMetadata;
}

function job(kind: PrintJob["kind"], name: string, doc: HtmlDocument, unit?: string): PrintJob {
  return {
    kind,
    name,
    unit,
    doc: renderDocument(doc),
    metadata: { title: doc.title, author: doc.author, subject: doc.subject, keywords: doc.keywords, lang: doc.labels.htmlLang },
  };
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

/** The HTML documents of a package, before printing (the bench prints these as its baseline). */
export function packageJobs(report: QuarterReport, units: readonly string[] | "all" = "all"): { jobs: PrintJob[]; unknown: string[] } {
  const { meta } = report.summary;
  const tag = `${meta.year ?? "plan"}-Q${meta.quarter}${meta.lang === "en" ? "-en" : ""}`;
  const { selected, unknown } = selectScorecards(report.scorecards, units);
  const jobs: PrintJob[] = [job("summary", `summary-${tag}.pdf`, summaryDocument(report.summary))];
  if (selected.length > 0) {
    jobs.push(job("scorecards", `scorecards-${tag}.pdf`, scorecardsDocument(selected)));
    const names = uniqueFileNames(selected.map((c) => c.unit.name));
    selected.forEach((c, i) => jobs.push(job("scorecard", join(`scorecards-${tag}`, names[i]!), scorecardsDocument([c]), c.unit.name)));
  }
  return { jobs, unknown };
}

export async function writeQuarterPackage(report: QuarterReport, renderer: PdfRenderer, options: PackageOptions): Promise<PackageResult> {
  const { jobs, unknown } = packageJobs(report, options.units ?? "all");
  await mkdir(options.outDir, { recursive: true });
  if (jobs.some((j) => j.kind === "scorecard")) await mkdir(join(options.outDir, jobs.find((j) => j.kind === "scorecard")!.name, ".."), { recursive: true });
  let done = 0;
  options.onProgress?.(0, jobs.length, "");
  // The big combined document first, so the pool's other pages work on single scorecards meanwhile.
  const order = [...jobs].sort((a, b) => rank(a) - rank(b));
  const files = await Promise.all(
    order.map(async (j): Promise<PackageFile> => {
      const pdf = await renderer.render(j.doc, j.metadata);
      const path = join(options.outDir, j.name);
      await writeFile(path, pdf);
      options.onProgress?.(++done, jobs.length, j.unit ?? j.name);
      return { kind: j.kind, path, unit: j.unit, bytes: pdf.length };
    }),
  );
  files.sort((a, b) => jobs.findIndex((j) => join(options.outDir, j.name) === a.path) - jobs.findIndex((j) => join(options.outDir, j.name) === b.path));
  return { files, unknownUnits: unknown };
}

function rank(j: PrintJob): number {
  return j.kind === "scorecards" ? 0 : j.kind === "summary" ? 1 : 2;
}
