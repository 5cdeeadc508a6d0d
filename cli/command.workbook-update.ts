/**
 * The `--update` branch of `plan-ledger workbook`:
 *   plan-ledger workbook --plan NEW --update FILE.xlsx [--out NEW.xlsx] [--force] [--password P]
 * Without --plan the ledger is rebuilt around its own plan (a repair: formulas, validations and
 * formats restored, every entry kept).
 * Writes the revised plan into a filled ledger, keeping every entry (entries follow their task by
 * number and text; entries of tasks that left the plan go to the 归档 sheet) and prints what
 * changed. Without --out the file is replaced, after copying the original to FILE.bak.xlsx.
 * Exit 0: updated; 1: the plan has errors, or the ledger has unreadable cells (without --force);
 * 2: FILE is not a readable ledger, or bad arguments.
 */
import { copyFile, rename, writeFile } from "node:fs/promises";
import { describeChanges } from "../shared/workbook/update";
import { formatProblem } from "../shared/workbook/check";
import { LedgerReadError } from "../shared/workbook/reader.grid";
import { loadPlanFile } from "./io/plan-file";
import { FileReadError, readBytes } from "./io/read-file";
import { UpdateBlocked, updateWorkbook } from "./io/update.exceljs";
import { parseArgs } from "./args";
import { formatDiagnostic } from "./command.parse";
import type { Plan } from "../shared/plan/schema";

const USAGE = "用法 usage: plan-ledger workbook [--plan NEW.txt] --update FILE.xlsx [--out NEW.xlsx] [--force] [--password P]";

export async function run(args: string[]): Promise<number> {
  let flags;
  try {
    flags = parseArgs(args, { string: ["plan", "update", "out", "password"], boolean: ["force", "demo"] }).flags;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const file = flags.update;
  if (typeof file !== "string" || file === "") {
    process.stderr.write(`缺少 --update FILE.xlsx (missing --update)\n${USAGE}\n`);
    return 2;
  }
  if (flags.demo) {
    process.stderr.write(`--update 不能与 --demo 同用 (--update cannot be combined with --demo)\n${USAGE}\n`);
    return 2;
  }
  // Without --plan: rebuild the ledger around its own plan (restores formulas, validations, formats).
  const planFile = typeof flags.plan === "string" ? flags.plan : undefined;
  let plan: Plan | null = null;
  if (planFile !== undefined) {
    const loaded = await loadPlanFile(planFile);
    const errors = loaded.diagnostics.filter((d) => d.severity === "error");
    if (!loaded.plan || errors.length > 0) {
      for (const d of errors) process.stderr.write(formatDiagnostic(planFile, d) + "\n");
      process.stderr.write(`新方案有错误，未更新台账 (the new plan has errors; the ledger was not changed)\n`);
      return 1;
    }
    plan = loaded.plan;
  }
  let old: Uint8Array;
  try {
    old = await readBytes(file);
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  let outcome;
  try {
    outcome = await updateWorkbook(old, plan, {
      fileName: file,
      force: flags.force === true,
      password: typeof flags.password === "string" ? flags.password : undefined,
    });
  } catch (e) {
    if (e instanceof LedgerReadError) {
      process.stderr.write(`${file}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UpdateBlocked) {
      for (const p of e.problems) process.stderr.write(formatProblem(p) + "\n");
      process.stderr.write(`${file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const out = typeof flags.out === "string" ? flags.out : file;
  if (out === file) {
    const backup = file.replace(/\.xlsx$/i, "") + ".bak.xlsx";
    await copyFile(file, backup);
    process.stderr.write(`原台账已备份到 ${backup} (backup written)\n`);
  }
  const tmp = `${out}.tmp-${process.pid}`;
  await writeFile(tmp, outcome.bytes);
  await rename(tmp, out);
  for (const p of outcome.overridden) process.stderr.write(`已丢弃 dropped (--force): ${formatProblem(p)}\n`);
  if (outcome.oldPassword && typeof flags.password !== "string")
    process.stderr.write(
      `警告 warning: 原台账的工作表设有保护密码，密码无法读出，新台账的工作表保护未设密码；请加 --password 重新设置 (the old sheets had a protection password, which cannot be carried over: pass --password to set it again)\n`,
    );
  process.stdout.write(describeChanges(outcome.changes) + "\n");
  process.stdout.write(
    `已写入 ${out}：任务 ${outcome.ledger.plan.tasks.length} 项，填报 ${outcome.ledger.entries.length} 条，实际值 ${outcome.ledger.actuals.length} 个，归档 ${outcome.archive.length} 行 (written)\n`,
  );
  return 0;
}
