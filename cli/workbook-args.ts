/**
 * The common front of commands that read a filled ledger (`check`, `export`): parses
 * `--workbook FILE [--quarter N]` (+ the command's booleans) and reads the workbook. Returns an exit
 * code (2) after printing the message, or what was read.
 */
import type { Quarter } from "../shared/ledger/schema";
import { LedgerReadError } from "../shared/workbook/reader.grid";
import { readLedgerFile } from "./io/workbook.exceljs";
import { parseArgs, quarterOption } from "./args";

interface WorkbookArgs {
  file: string;
  quarter: Quarter | undefined;
  flags: Record<string, string | boolean | undefined>;
  read: Awaited<ReturnType<typeof readLedgerFile>>;
}

export async function readWorkbookArgs(args: string[], usage: string, booleans: string[]): Promise<WorkbookArgs | number> {
  let flags;
  let quarter;
  try {
    flags = parseArgs(args, { string: ["workbook", "quarter"], boolean: booleans }).flags;
    quarter = quarterOption(flags.quarter);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  const file = flags.workbook;
  if (typeof file !== "string") {
    process.stderr.write(`缺少 --workbook (missing --workbook)\n${usage}\n`);
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
