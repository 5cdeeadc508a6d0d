/**
 * The common front of commands that read a filled ledger (`check`, `export`): parses
 * `--workbook FILE [--quarter N]` (+ the command's booleans) and reads the workbook. Returns an exit
 * code (2) after printing the message, or what was read.
 */
import type { Quarter } from "../shared/ledger/schema";
import { LedgerReadError } from "../shared/workbook/reader.grid";
import { readLedgerFile } from "./io/workbook.exceljs";
import { parseArgs } from "./args";

/** --quarter N → 1..4, or an error message. */
export function parseQuarter(v: string | boolean | undefined): Quarter | undefined | string {
  if (v === undefined) return undefined;
  const n = Number(v);
  return n === 1 || n === 2 || n === 3 || n === 4 ? (n as Quarter) : `--quarter 应为 1–4 (must be 1-4): ${String(v)}`;
}

export interface WorkbookArgs {
  file: string;
  quarter: Quarter | undefined;
  flags: Record<string, string | boolean | undefined>;
  read: Awaited<ReturnType<typeof readLedgerFile>>;
}

export async function readWorkbookArgs(args: string[], usage: string, booleans: string[]): Promise<WorkbookArgs | number> {
  let flags;
  try {
    flags = parseArgs(args, { string: ["workbook", "quarter"], boolean: booleans }).flags;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  const file = flags.workbook;
  const quarter = parseQuarter(flags.quarter);
  if (typeof file !== "string" || typeof quarter === "string") {
    process.stderr.write(`${typeof quarter === "string" ? quarter : "缺少 --workbook (missing --workbook)"}\n${usage}\n`);
    return 2;
  }
  try {
    return { file, quarter, flags, read: await readLedgerFile(file) };
  } catch (e) {
    if (e instanceof LedgerReadError) {
      process.stderr.write(`${file}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
