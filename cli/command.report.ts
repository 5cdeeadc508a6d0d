/**
 * `plan-ledger report --workbook FILE.xlsx --quarter N --out DIR [--units all|NAME,...] [--lang zh|en]`
 * The quarterly summary, all scorecards in one PDF and one PDF per unit, from a filled ledger.
 * Exit 0: written; 2: bad arguments, not a readable ledger, or a setting out of range (one line naming
 * its cell; an invalid 当前季度 alone is replaced by --quarter); 3: no Chromium; 1: printing failed.
 */
import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import type { Quarter } from "../shared/ledger/schema";
import { scoreLedger } from "../shared/scoring/index";
import { formatProblem } from "../shared/workbook/check";
import { readLedger } from "../shared/workbook/reader";
import { LedgerReadError } from "../shared/workbook/reader.grid";
import { buildQuarterReport, type Lang } from "../reports/model/model.report";
import { BrowserNotFoundError } from "../reports/pdf/browser";
import { writeQuarterPackage } from "../reports/pdf/package";
import { defaultConcurrency, PdfRenderer } from "../reports/pdf/renderer";
import { FileReadError, readBytes } from "./io/read-file";
import { loadWorkbookGrid } from "./io/workbook.exceljs";
import { parseArgs, quarterOption, unitsOption } from "./args";
import { refusedForSettings } from "./settings-refusal";

const USAGE = "用法 usage: plan-ledger report --workbook FILE.xlsx --quarter 1-4 --out DIR [--units all|单位,单位…] [--lang zh|en] [--concurrency N]";

interface ReportOptions {
  workbook: string;
  quarter: Quarter | undefined;
  out: string;
  units: readonly string[] | "all";
  lang: Lang;
  concurrency: number;
}

/** Parses the command line; a string is a usage error message. */
export function reportOptions(args: string[]): ReportOptions | string {
  let flags;
  let quarter;
  try {
    flags = parseArgs(args, { string: ["workbook", "quarter", "out", "units", "lang", "concurrency"] }).flags;
    quarter = quarterOption(flags.quarter);
  } catch (e) {
    return (e as Error).message;
  }
  if (typeof flags.workbook !== "string" || flags.workbook === "") return "缺少 --workbook (missing --workbook)";
  if (typeof flags.out !== "string" || flags.out === "") return "缺少 --out 输出目录 (missing --out DIR)";
  const lang = flags.lang ?? "zh";
  if (lang !== "zh" && lang !== "en") return `--lang 应为 zh 或 en (must be zh or en): ${String(lang)}`;
  const units = unitsOption(flags.units);
  const concurrency = flags.concurrency === undefined ? defaultConcurrency() : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) return `--concurrency 应为 1–16 (must be 1-16): ${String(flags.concurrency)}`;
  return { workbook: flags.workbook, quarter, out: flags.out, units, lang, concurrency };
}

/** Now, or SOURCE_DATE_EPOCH (seconds) when set, for reproducible reports. */
export function generatedAt(env: Record<string, string | undefined> = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
}

/** A progress bar on a terminal, plain lines otherwise (logs, CI). */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  let last = "";
  return {
    update(done: number, total: number, label: string) {
      if (tty) {
        const width = 28;
        const filled = Math.round((done / Math.max(1, total)) * width);
        const line = `\r生成报告 [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total} ${label}`.slice(0, (stream.columns ?? 100) - 1);
        stream.write(line.padEnd(last.length));
        last = line;
      } else if (done > 0) {
        stream.write(`生成报告 report ${done}/${total}: ${label}\n`);
      }
    },
    end() {
      if (tty && last) stream.write("\n");
    },
  };
}

export async function run(args: string[]): Promise<number> {
  const opts = reportOptions(args);
  if (typeof opts === "string") {
    process.stderr.write(`${opts}\n${USAGE}\n`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(opts.workbook);
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let read;
  try {
    read = readLedger(await loadWorkbookGrid(bytes, opts.workbook));
  } catch (e) {
    if (e instanceof LedgerReadError) {
      process.stderr.write(`${opts.workbook}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (refusedForSettings(read, opts.quarter !== undefined)) return 2;
  for (const p of read.problems) process.stderr.write(`警告 warning: ${formatProblem(p)}\n`);
  const quarter = opts.quarter ?? read.ledger.settings.quarter;
  const ledger = { ...read.ledger, settings: { ...read.ledger.settings, quarter } };
  const scores = ([1, 2, 3, 4] as Quarter[]).filter((q) => q <= quarter).map((q) => scoreLedger(ledger, q, read.locate));
  const report = buildQuarterReport(ledger, scores, quarter, {
    workbookSha256: sha256,
    generatedAt: generatedAt(),
    lang: opts.lang,
    collection: read.collection,
  });

  try {
    await mkdir(opts.out, { recursive: true });
  } catch (e) {
    process.stderr.write(`无法创建输出目录 ${opts.out} (cannot create the output directory: ${(e as NodeJS.ErrnoException).code ?? "error"})\n`);
    return 2;
  }
  let renderer: PdfRenderer;
  try {
    renderer = await PdfRenderer.launch({ concurrency: opts.concurrency });
  } catch (e) {
    if (e instanceof BrowserNotFoundError) {
      process.stderr.write(`${e.message}\n`);
      return 3;
    }
    process.stderr.write(`无法启动 Chromium (cannot launch Chromium): ${(e as Error).message}\n`);
    return 3;
  }
  const progress = progressReporter();
  try {
    const t0 = Date.now();
    const result = await writeQuarterPackage(report, renderer, { outDir: opts.out, units: opts.units, onProgress: progress.update });
    progress.end();
    for (const u of result.unknownUnits)
      process.stderr.write(
        `警告 warning: 没有单位“${u}”的评分卡：台账中无此单位，或为统称单位 (no scorecard for this unit: not in the ledger, or a collective designation)\n`,
      );
    const cards = result.files.filter((f) => f.kind === "scorecard").length;
    process.stdout.write(
      `已生成 ${result.files.length} 个 PDF（季度报告 1 份，评分卡 ${cards} 份）于 ${opts.out}，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒 ` +
        `(wrote ${result.files.length} PDFs to ${opts.out})\n`,
    );
    for (const f of result.files.filter((x) => x.kind !== "scorecard")) process.stdout.write(`  ${f.path}\n`);
    return opts.units !== "all" && cards === 0 ? 2 : 0;
  } catch (e) {
    progress.end();
    process.stderr.write(`生成 PDF 失败 (printing failed): ${(e as Error).message}\n`);
    return 1;
  } finally {
    await renderer.close();
  }
}
