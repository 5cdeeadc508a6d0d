/**
 * `plan-ledger check --workbook FILE [--quarter N] [--json]`: every problem of a filled ledger as
 * `Sheet!Cell: message`. Exit 0: none; 1: problems; 2: not a readable ledger (or bad arguments).
 */
import { checkRead, formatProblem, problemsByUnit } from "../shared/workbook/check";
import { readWorkbookArgs } from "./workbook-args";

const USAGE = "用法 usage: plan-ledger check --workbook FILE.xlsx [--quarter 1-4] [--json]";

export async function run(args: string[]): Promise<number> {
  const got = await readWorkbookArgs(args, USAGE, ["json"]);
  if (typeof got === "number") return got;
  const { file, quarter, flags, read } = got;
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
