/**
 * `plan-ledger check --workbook FILE [--quarter N] [--json]`: every problem of a filled ledger as
 * `Sheet!Cell: message`. Exit 0: none; 1: problems; 2: not a readable ledger (or bad arguments).
 */
import { checkRead, formatProblem, problemsByUnit } from "../../shared/workbook/check";
import { LedgerReadError } from "../../shared/workbook/reader.grid";
import type { Quarter } from "../../shared/ledger/schema";
import { readLedgerFile } from "../workbook/reader.exceljs";
import { parseArgs } from "./args";

const USAGE = "用法 usage: plan-ledger check --workbook FILE.xlsx [--quarter 1-4] [--json]";

/** --quarter N → 1..4, or an error message. */
export function parseQuarter(v: string | boolean | undefined): Quarter | undefined | string {
  if (v === undefined) return undefined;
  const n = Number(v);
  return n === 1 || n === 2 || n === 3 || n === 4 ? (n as Quarter) : `--quarter 应为 1–4 (must be 1-4): ${String(v)}`;
}

export async function run(args: string[]): Promise<number> {
  let flags;
  try {
    flags = parseArgs(args, { string: ["workbook", "quarter"], boolean: ["json"] }).flags;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const file = flags.workbook;
  const quarter = parseQuarter(flags.quarter);
  if (typeof file !== "string" || typeof quarter === "string") {
    process.stderr.write(`${typeof quarter === "string" ? quarter : "缺少 --workbook (missing --workbook)"}\n${USAGE}\n`);
    return 2;
  }
  let read;
  try {
    read = await readLedgerFile(file);
  } catch (e) {
    if (e instanceof LedgerReadError) {
      process.stderr.write(`${file}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const q = quarter ?? read.ledger.settings.quarter;
  const problems = checkRead(read, q);
  if (flags.json) {
    process.stdout.write(JSON.stringify({ quarter: q, problems }, null, 2) + "\n");
  } else {
    for (const p of problems) process.stdout.write(formatProblem(p) + "\n");
    const units = problemsByUnit(problems).length;
    const warnings = problems.filter((p) => p.severity === "warning").length;
    process.stderr.write(
      problems.length === 0
        ? `${file}: 未发现问题（检查第 ${q} 季度） (no problems, quarter ${q})\n`
        : `${file}: 共 ${problems.length} 个问题${warnings ? `（其中提醒 ${warnings} 个）` : ""}，涉及 ${units} 个单位（检查第 ${q} 季度） ` +
            `(${problems.length} problems${warnings ? `, ${warnings} of them warnings` : ""}, quarter ${q})\n`,
    );
  }
  return problems.length === 0 ? 0 : 1;
}
