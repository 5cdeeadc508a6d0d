/**
 * `plan-ledger workbook [--plan FILE] --out FILE.xlsx [--demo [--seed N]] [--quarter N] [--password P]`
 * writes a new ledger workbook for a plan (default: the embedded plan). `--demo` fills Q1–Q3 with
 * simulated progress, marked 演示数据. `--update FILE.xlsx` (revise a filled ledger) is handled by
 * workbook.update.ts.
 * A plan with errors (a skipped number, a task without its lead…) is refused unless `--force`: the
 * ledger would carry the plan as read, errors and all.
 * Exit 0: written; 1: the plan cannot be read or has errors (without --force), or the file cannot be written; 2: bad arguments.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { loadPlanFile } from "./io/plan-file";
import { buildLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { demoFill } from "../shared/workbook/demo";
import { parseArgs, quarterOption } from "./args";
import { formatDiagnostic } from "./command.parse";

const USAGE = `用法 usage: plan-ledger workbook [--plan FILE] --out FILE.xlsx [--demo [--seed N]] [--quarter 1-4] [--password P] [--force]
       plan-ledger workbook --plan NEW --update FILE.xlsx [--out NEW.xlsx] [--force]`;

function fail(code: number, message: string): number {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return code;
}

export async function run(args: string[]): Promise<number> {
  if (args.some((a) => a === "--update" || a.startsWith("--update="))) return (await import("./command.workbook-update")).run(args);
  let flags;
  let quarter;
  try {
    flags = parseArgs(args, { string: ["plan", "out", "seed", "quarter", "password"], boolean: ["demo", "force"] }).flags;
    quarter = quarterOption(flags.quarter);
  } catch (e) {
    return fail(2, (e as Error).message);
  }
  const out = flags.out;
  if (typeof out !== "string" || out === "") return fail(2, "缺少 --out FILE.xlsx (missing --out)");
  if (!/\.xlsx$/i.test(out)) return fail(2, `输出文件须以 .xlsx 结尾：${out} (--out must end in .xlsx)`);
  let seed = 2023;
  if (flags.seed !== undefined) {
    seed = Number(flags.seed);
    if (!Number.isInteger(seed)) return fail(2, `--seed 须为整数：${String(flags.seed)} (seed must be an integer)`);
    if (!flags.demo) return fail(2, "--seed 只能与 --demo 同用 (--seed needs --demo)");
  }

  const planFile = typeof flags.plan === "string" ? flags.plan : undefined;
  const loaded = await loadPlanFile(planFile);
  const shown = planFile ?? "（内置方案 embedded plan）";
  for (const d of loaded.diagnostics) if (d.severity === "error") process.stderr.write(formatDiagnostic(shown, d) + "\n");
  if (!loaded.plan || loaded.plan.tasks.length === 0) {
    process.stderr.write(`无法读取方案，未写入台账 (no plan could be read; no workbook written): ${shown}\n`);
    return 1;
  }
  const errors = loaded.diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0 && flags.force !== true) {
    process.stderr.write(
      `方案有 ${errors} 个错误，未写入台账；改正后重试，或加 --force 按读到的内容写入 (the plan has errors; no workbook written; --force writes it as read): ${shown}\n`,
    );
    return 1;
  }
  const plan = loaded.plan;

  const demo = flags.demo === true ? demoFill(plan, seed) : null;
  const settings = { ...(demo?.settings ?? {}), ...(quarter ? { quarter } : {}) };
  const layout = buildLayout(plan, {
    settings,
    password: typeof flags.password === "string" && flags.password !== "" ? flags.password : undefined,
    entries: demo?.entries,
    actuals: demo?.actuals,
    demo: demo !== null,
  });
  const bytes = await writeWorkbook(layout);
  const path = resolve(out);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  } catch (e) {
    process.stderr.write(`无法写入 ${out}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (cannot write the file)\n`);
    return 1;
  }
  const targets = plan.tasks.reduce((n, t) => n + t.targets.length, 0);
  process.stdout.write(
    `已写入台账 ${out}${demo ? "（演示数据）" : ""}：任务 ${plan.tasks.length} 条，指标 ${targets} 个，单位 ${plan.units.length} 个\n` +
      `(wrote ${out}${demo ? " with demo data" : ""}: ${plan.tasks.length} tasks, ${targets} targets, ${plan.units.length} units)\n`,
  );
  return 0;
}
