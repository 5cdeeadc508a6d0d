/**
 * `plan-ledger split --workbook MASTER.xlsx [--quarter N] --out DIR [--units all|NAME,...]
 * [--deadline YYYY-MM-DD] [--send-to TEXT]`: one unit workbook (单位填报表) per unit, named
 * `<year>-Q<N>-<unit>.xlsx`, written one at a time (memory stays flat for 200 units). Without --quarter:
 * the master's 当前季度 (shared/collect/quarter.ts), which the command names.
 * Exit 0: all written; 1: a file could not be written; 2: bad arguments, an unknown unit, or a master
 * that cannot be split (not a readable ledger, a unit workbook, no valid plan record, bad settings).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Quarter } from "../shared/ledger/schema";
import type { Plan } from "../shared/plan/schema";
import { collectivesNote, splitGaps, unfiledNote, unitsToSplit } from "../shared/collect/scope";
import { unitFileNames } from "../shared/collect/file-name";
import { closeNames } from "../shared/collect/unit-match";
import { splitBase, unitWorkbookLayout } from "../shared/workbook/unit-workbook";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { DeflateReuse } from "../shared/workbook/writer.bulk";
import { LedgerReadError } from "../shared/workbook/reader.grid";
import { readLedgerFile } from "./io/workbook.exceljs";
import { parseArgs, quarterOption, unitsOption } from "./args";
import { refusedForSettings } from "./settings-refusal";
import { quarterNote, splitQuarter } from "../shared/collect/quarter";

const USAGE =
  "用法 usage: plan-ledger split --workbook MASTER.xlsx [--quarter 1-4] --out DIR [--units all|单位,单位…] [--deadline YYYY-MM-DD] [--send-to 报送说明]";

interface Options {
  workbook: string;
  /** --quarter; absent: the master's 当前季度 (shared/collect/quarter.ts). */
  quarter: Quarter | undefined;
  out: string;
  units: readonly string[] | "all";
  deadline: string | null;
  sendTo: string | null;
}

function options(args: string[]): Options | string {
  let flags;
  let quarter;
  try {
    flags = parseArgs(args, { string: ["workbook", "quarter", "out", "units", "deadline", "send-to"] }).flags;
    quarter = quarterOption(flags.quarter);
  } catch (e) {
    return (e as Error).message;
  }
  if (typeof flags.workbook !== "string" || flags.workbook === "") return "缺少 --workbook 总台账 (missing --workbook)";
  if (typeof flags.out !== "string" || flags.out === "") return "缺少 --out 输出目录 (missing --out DIR)";
  const deadline = typeof flags.deadline === "string" ? flags.deadline.trim() : null;
  if (deadline !== null && !validDate(deadline)) return `--deadline 应为日期 YYYY-MM-DD（如 2024-07-10），“${deadline}”无效 (--deadline must be YYYY-MM-DD)`;
  const units = unitsOption(flags.units);
  const sendTo = typeof flags["send-to"] === "string" && flags["send-to"].trim() !== "" ? flags["send-to"].trim() : null;
  return { workbook: flags.workbook, quarter, out: flags.out, units, deadline, sendTo };
}

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The units asked for, or the message refusing them (unknown names with close matches, collectives). */
function chosenUnits(plan: Plan, asked: Options["units"]): string[] | string {
  const all = unitsToSplit(plan);
  if (asked === "all") return all;
  const collective = new Set(plan.units.filter((u) => u.kind === "collective").map((u) => u.name));
  const lines: string[] = [];
  for (const name of asked) {
    if (all.includes(name)) continue;
    if (collective.has(name)) {
      lines.push(`“${name}”是统称，不单独分发填报表：它参与的任务由具名的牵头单位填报，只由统称填报的任务请在总台账中直接填写 (a collective gets no file)`);
      continue;
    }
    const close = closeNames(name, all);
    lines.push(
      `方案中没有单位“${name}”` + (close.length ? `，是否是：${close.join("、")}？` : `（可用 --units all 分发全部 ${all.length} 个单位）`) + " (unknown unit)",
    );
  }
  return lines.length ? lines.join("\n") : [...new Set(asked)];
}

export async function run(args: string[]): Promise<number> {
  const opts = options(args);
  if (typeof opts === "string") {
    process.stderr.write(`${opts}\n${USAGE}\n`);
    return 2;
  }
  let read;
  try {
    read = await readLedgerFile(opts.workbook);
  } catch (e) {
    if (e instanceof LedgerReadError) {
      process.stderr.write(`${opts.workbook}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (read.unit) {
    process.stderr.write(`${opts.workbook}: 这是“${read.unit.identity.unit}”的单位填报表，不是总台账；请对总台账分发 (a unit workbook cannot be split)\n`);
    return 2;
  }
  const record = read.problems.find((p) => p.code === "plan-record-missing" || p.code === "plan-record-invalid");
  if (record) {
    process.stderr.write(
      `${opts.workbook}: 总台账没有可用的方案记录（${record.message.replace(/[，；].*$/, "")}），回收时无法核对，未分发；请先用 plan-ledger workbook --plan 原方案 --update 本文件 补上 (no valid plan record)\n`,
    );
    return 2;
  }
  if (refusedForSettings(read, opts.quarter !== undefined)) return 2;
  const chosen = splitQuarter(opts.quarter, read.ledger.settings.quarter);
  const quarter = chosen.quarter;
  const plan = read.ledger.plan;
  const units = chosenUnits(plan, opts.units);
  if (typeof units === "string") {
    process.stderr.write(`${units}\n`);
    return 2;
  }
  const errors = read.problems.filter((p) => p.severity === "error").length;
  if (errors > 0) process.stderr.write(`提示：总台账有 ${errors} 个问题（plan-ledger check 可查看），已按读取到的内容分发 (the master has problems)\n`);

  const dir = resolve(opts.out);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    process.stderr.write(`无法创建目录 ${opts.out}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (cannot create the directory)\n`);
    return 1;
  }
  process.stderr.write(quarterNote(chosen, read.ledger.settings.quarter, "分发") + "\n");
  const base = splitBase(read.ledger, { quarter, deadline: opts.deadline, splitAt: new Date().toISOString(), sendTo: opts.sendTo });
  const names = unitFileNames(units, plan.meta.year, quarter);
  let written = 0;
  let failed = 0;
  const reuse = new DeflateReuse(); // what the files share is deflated once
  for (const [i, unit] of units.entries()) {
    const { layout, scope } = unitWorkbookLayout(base, unit);
    const path = join(dir, names[i]!);
    try {
      await writeFile(path, await writeWorkbook(layout, { reuse }));
    } catch (e) {
      failed++;
      process.stderr.write(`无法写入 ${path}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (cannot write the file)\n`);
      continue;
    }
    written++;
    const targets = plan.tasks.filter((t) => scope.reports.has(t.id)).reduce((n, t) => n + t.targets.length, 0);
    process.stdout.write(`${join(opts.out, names[i]!)}\t${unit}：填报任务 ${scope.reports.size} 项、指标 ${targets} 个，参阅任务 ${scope.shares.size} 项\n`);
  }
  const gaps = splitGaps(plan);
  const unfiled = unfiledNote(gaps);
  if (opts.units === "all" && unfiled) process.stderr.write(`${unfiled}\n`);
  const skipped = collectivesNote(gaps);
  process.stderr.write(
    `已分发 ${written} 个单位填报表到 ${opts.out}（第 ${quarter} 季度${opts.deadline ? `，截止 ${opts.deadline}` : ""}）` +
      (opts.units === "all" && skipped ? `；${skipped}` : "") +
      (failed ? `；${failed} 个写入失败` : "") +
      ` (wrote ${written} unit workbooks${failed ? `, ${failed} failed` : ""})\n`,
  );
  return failed ? 1 : 0;
}
