/**
 * `plan-ledger export --workbook FILE [--quarter N] --json`: the Ledger read from a filled workbook
 * and its scores, as JSON { ledger, scores }. The output depends only on the workbook's content
 * (and --quarter): no file names, hashes or times; keys in schema order. Without --json, a short
 * summary. Exit 0; 2: not a readable ledger (or bad arguments), or a setting out of range (one line
 * naming its cell: nothing is scored from a guessed setting; an invalid 当前季度 alone is replaced by
 * --quarter). Reading problems go to stderr.
 */
import { Ledger, type Quarter } from "../shared/ledger/schema";
import { scoreLedger, type Locate } from "../shared/scoring/index";
import { LedgerScores } from "../shared/scoring/schema";
import { formatProblem } from "../shared/workbook/check";
import { readWorkbookArgs } from "./workbook-args";
import { refusedForSettings } from "./settings-refusal";

const USAGE = "用法 usage: plan-ledger export --workbook FILE.xlsx [--quarter 1-4] --json";

/** { ledger, scores } for a quarter (default: the workbook's 当前季度), normalised through the schemas. */
export function exportLedger(ledger: Ledger, quarter?: Quarter, locate?: Locate): { ledger: Ledger; scores: LedgerScores } {
  const q = quarter ?? ledger.settings.quarter;
  const l = Ledger.parse({ ...ledger, settings: { ...ledger.settings, quarter: q } });
  return { ledger: l, scores: LedgerScores.parse(scoreLedger(l, q, locate)) };
}

export async function run(args: string[]): Promise<number> {
  const got = await readWorkbookArgs(args, USAGE, ["json"]);
  if (typeof got === "number") return got;
  const { quarter, flags, read } = got;
  if (refusedForSettings(read, quarter !== undefined)) return 2;
  for (const p of read.problems) process.stderr.write(`警告 warning: ${formatProblem(p)}\n`);
  const out = exportLedger(read.ledger, quarter, read.locate);
  if (flags.json) {
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
    return 0;
  }
  const o = out.scores.overall;
  const p = out.ledger.plan;
  process.stdout.write(
    [
      `${p.meta.title ?? "目标任务台账"}${out.ledger.demo ? "（演示数据）" : ""}`,
      `第 ${out.scores.quarter} 季度：任务 ${o.tasks} 项（已完成 ${o.byStatus.已完成}，序时推进 ${o.byStatus.序时推进}，滞后 ${o.byStatus.滞后}，未启动 ${o.byStatus.未启动}，未填报 ${o.byStatus.未填报}）`,
      `指标 ${o.targets} 个（达标 ${o.targetsMet}，序时 ${o.targetsOnPace}，脱幅 ${o.targetsBehind}），完成度 ${(o.completion * 100).toFixed(1)}%`,
      `填报 ${out.ledger.entries.length} 条，实际值 ${out.ledger.actuals.length} 个 (use --json for the full export)`,
    ].join("\n") + "\n",
  );
  return 0;
}
