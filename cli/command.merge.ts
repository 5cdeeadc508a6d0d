/**
 * plan-ledger merge --workbook MASTER.xlsx FILE... [--quarter N] [--dry-run] [--out NEW.xlsx] [--password P] [--force]
 *
 * 回收汇总: merges returned unit workbooks into the master (shared/collect/merge.ts) and writes the
 * master with its 变更记录 and 回收情况 sheets. Lists every refusal, conflict and value not applied
 * (file, Sheet!Cell, values) on stderr and the summary on stdout. Without --out the master is
 * replaced after a copy to MASTER.bak.xlsx; --dry-run writes nothing.
 * Exit 0: everything merged; 1: conflicts, refused files or values not applied (listed), or a master
 * whose rewrite would lose cells (without --force); 2: the master is not a readable ledger, bad arguments.
 * Without --quarter the quarter collected is the one the returned files were split for (shared/collect/quarter.ts).
 */
import { copyFile, rename, writeFile } from "node:fs/promises";
import { merge } from "../shared/collect/merge";
import { describeMerge } from "../shared/collect/describe";
import { mergedLayout } from "../shared/collect/layout";
import { readLedger, type ReadResult } from "../shared/workbook/reader";
import { LedgerReadError, formatProblem } from "../shared/workbook/reader.grid";
import { lossyProblems } from "../shared/workbook/update";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { FileReadError, readBytes } from "./io/read-file";
import { loadWorkbookGrid } from "./io/workbook.exceljs";
import { readReturnedFile } from "./io/returned-file";
import { parseArgs, quarterOption } from "./args";
import { quarterNote } from "../shared/collect/quarter";

const USAGE = "用法 usage: plan-ledger merge --workbook MASTER.xlsx FILE... [--quarter N] [--dry-run] [--out NEW.xlsx] [--password P] [--force]";

export function mergeCommand(now: () => Date = () => new Date()): (args: string[]) => Promise<number> {
  return async (args) => {
    let parsed;
    let quarter;
    try {
      parsed = parseArgs(args, { string: ["workbook", "out", "quarter", "password"], boolean: ["dry-run", "force"] });
      quarter = quarterOption(parsed.flags.quarter);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    const { flags, positional: files } = parsed;
    const master = flags.workbook;
    if (typeof master !== "string" || master === "" || files.length === 0) {
      process.stderr.write(`缺少 --workbook MASTER.xlsx 或回收的文件 (missing --workbook or returned files)\n${USAGE}\n`);
      return 2;
    }
    let read: ReadResult;
    try {
      read = readLedger(await loadWorkbookGrid(await readBytes(master), master));
    } catch (e) {
      if (e instanceof LedgerReadError || e instanceof FileReadError) {
        process.stderr.write(`${master}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    const lossy = lossyProblems(read, { otherSheets: true });
    if (lossy.length > 0 && flags.force !== true) {
      for (const p of lossy) process.stderr.write(formatProblem(p) + "\n");
      process.stderr.write(
        `${master}: 台账中有 ${lossy.length} 处内容无法读取或不属于台账，写回台账会丢失这些内容；请先改正（plan-ledger check），或加 --force (the master has cells a rewrite would lose)\n`,
      );
      return 1;
    }
    const returned = [];
    for (const f of files) returned.push(await readReturnedFile(f));
    const outcome = merge(read, returned, { now: now().toISOString(), quarter });
    const text = describeMerge(outcome);
    process.stdout.write(quarterNote(outcome.quarter, read.ledger.settings.quarter, "回收") + "\n");
    for (const line of text.problems) process.stderr.write(line + "\n");
    for (const line of text.notes) process.stdout.write(line + "\n");
    process.stdout.write(text.summary + "\n");
    if (flags["dry-run"] === true) {
      process.stdout.write(`试运行，未写入 (dry run: nothing written)\n`);
    } else if (outcome.changes.length > 0 || (typeof flags.out === "string" && flags.out !== master)) {
      // nothing changed: the master stays as it is, unless a copy was asked for (--out)
      const out = typeof flags.out === "string" ? flags.out : master;
      if (out === master) {
        const backup = master.replace(/\.xlsx$/i, "") + ".bak.xlsx";
        await copyFile(master, backup);
        process.stderr.write(`原台账已备份到 ${backup} (backup written)\n`);
      }
      const password = typeof flags.password === "string" ? flags.password : undefined;
      const bytes = await writeWorkbook(mergedLayout(outcome.ledger, read.archive, outcome.changelog, { password }));
      const tmp = `${out}.tmp-${process.pid}`;
      await writeFile(tmp, bytes);
      await rename(tmp, out);
      process.stdout.write(`已写入 ${out}：变更记录 ${outcome.changelog.length} 行 (written)\n`);
    }
    return text.problems.length > 0 ? 1 : 0;
  };
}

export const run = mergeCommand();
