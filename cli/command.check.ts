/**
 * `plan-ledger check --workbook FILE [--quarter N] [--json]`: every problem of a filled ledger as
 * `Sheet!Cell: message`. Exit 0: none; 1: problems; 2: not a readable ledger (or bad arguments).
 * The statuses of --quarter, else of 设置's 当前季度, must be filled; when 当前季度 is invalid (a
 * problem naming its cell) and no --quarter is given, no quarter's statuses are required: none is guessed.
 * The tasks not reported yet (未填报) are summed up per unit on stderr, grouped as the task pane groups
 * them (problemsByUnit: every unit a task names); --json adds the same groups as `units`.
 */
import type { Quarter } from "../shared/ledger/schema";
import { QUARTER_NAMES } from "../shared/vocabulary";
import { checkRead, checkedQuarter, formatProblem, isUnreported, problemsByUnit, type UnitProblems } from "../shared/workbook/check";
import type { LedgerProblem } from "../shared/workbook/reader.grid";
import { readWorkbookArgs } from "./workbook-args";

const USAGE = "用法 usage: plan-ledger check --workbook FILE.xlsx [--quarter 1-4] [--json]";

/** One unit's group for --json: how many problems name it, and the tasks it has not reported (未填报). */
function unitJson(g: UnitProblems): { unit: string; problems: number; unreported: number[] } {
  return { unit: g.unit, problems: g.problems.length, unreported: taskIds(g.unreported) };
}

const taskIds = (ps: readonly LedgerProblem[]): number[] => [...new Set(ps.flatMap((p) => (p.taskId === undefined ? [] : [p.taskId])))];

/** The 未填报 lines: a total, then each unit with a count and its task numbers (none: no lines). */
export function unreportedLines(problems: readonly LedgerProblem[], groups: readonly UnitProblems[], quarter: Quarter | null): string[] {
  const tasks = taskIds(problems.filter((p) => isUnreported(p, quarter)));
  if (quarter === null || tasks.length === 0) return [];
  const units = groups.filter((g) => g.unreported.length > 0);
  return [
    `未填报${QUARTER_NAMES[quarter]}状态：${tasks.length} 项任务，涉及 ${units.length} 个单位 (not reported for quarter ${quarter}: ${tasks.length} tasks, ${units.length} units)`,
    ...units.map((g) => `  ${g.unit}：${taskIds(g.unreported).length} 项（任务 ${taskIds(g.unreported).join("、")}）`),
  ];
}

export async function run(args: string[]): Promise<number> {
  const got = await readWorkbookArgs(args, USAGE, ["json"]);
  if (typeof got === "number") return got;
  const { file, quarter, flags, read } = got;
  const q = checkedQuarter(read, quarter);
  const problems = checkRead(read, q);
  const groups = problemsByUnit(problems, { quarter: q });
  const which = q === null ? "未检查季度状态：当前季度无效，可加 --quarter 指定" : `检查第 ${q} 季度`;
  const whichEn = q === null ? "no quarter checked: 当前季度 is invalid, pass --quarter" : `quarter ${q}`;
  if (flags.json) {
    process.stdout.write(JSON.stringify({ quarter: q, problems, units: groups.map(unitJson) }, null, 2) + "\n");
  } else {
    for (const p of problems) process.stdout.write(formatProblem(p) + "\n");
    const warnings = problems.filter((p) => p.severity === "warning").length;
    process.stderr.write(
      problems.length === 0
        ? `${file}: 未发现问题（${which}） (no problems, ${whichEn})\n`
        : `${file}: 共 ${problems.length} 个问题${warnings ? `（其中提醒 ${warnings} 个）` : ""}，涉及 ${groups.length} 个单位（${which}） ` +
            `(${problems.length} problems${warnings ? `, ${warnings} of them warnings` : ""}, ${whichEn})\n`,
    );
    for (const line of unreportedLines(problems, groups, q)) process.stderr.write(line + "\n");
  }
  return problems.length === 0 ? 0 : 1;
}
