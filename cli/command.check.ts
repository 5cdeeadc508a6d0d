/**
 * `plan-ledger check --workbook FILE [--quarter N] [--json]`: every problem of a filled ledger as
 * `Sheet!Cell: message`. Exit 0: none; 1: problems; 2: not a readable ledger (or bad arguments).
 * The statuses of --quarter, else of 设置's 当前季度, must be filled; when 当前季度 is invalid (a
 * problem naming its cell) and no --quarter is given, no quarter's statuses are required: none is guessed.
 */
import { checkRead, checkedQuarter, formatProblem, problemsByUnit } from "../shared/workbook/check";
import { readWorkbookArgs } from "./workbook-args";

const USAGE = "用法 usage: plan-ledger check --workbook FILE.xlsx [--quarter 1-4] [--json]";

export async function run(args: string[]): Promise<number> {
  const got = await readWorkbookArgs(args, USAGE, ["json"]);
  if (typeof got === "number") return got;
  const { file, quarter, flags, read } = got;
  const q = checkedQuarter(read, quarter);
  const problems = checkRead(read, q);
  const which = q === null ? "未检查季度状态：当前季度无效，可加 --quarter 指定" : `检查第 ${q} 季度`;
  const whichEn = q === null ? "no quarter checked: 当前季度 is invalid, pass --quarter" : `quarter ${q}`;
  if (flags.json) {
    process.stdout.write(JSON.stringify({ quarter: q, problems }, null, 2) + "\n");
  } else {
    for (const p of problems) process.stdout.write(formatProblem(p) + "\n");
    const units = problemsByUnit(problems).length;
    const warnings = problems.filter((p) => p.severity === "warning").length;
    process.stderr.write(
      problems.length === 0
        ? `${file}: 未发现问题（${which}） (no problems, ${whichEn})\n`
        : `${file}: 共 ${problems.length} 个问题${warnings ? `（其中提醒 ${warnings} 个）` : ""}，涉及 ${units} 个单位（${which}） ` +
            `(${problems.length} problems${warnings ? `, ${warnings} of them warnings` : ""}, ${whichEn})\n`,
    );
  }
  return problems.length === 0 ? 0 : 1;
}
