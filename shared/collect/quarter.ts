/**
 * Which quarter a split distributes and a merge collects, decided once for both commands (and the
 * add-in): staff split at the start of a quarter and merge what comes back, often without saying the
 * quarter again, and the master's 当前季度 may still be the last one.
 * - split: --quarter when given, else the master's 当前季度.
 * - merge: --quarter when given; else the quarter the returned files were split for (each carries
 *   it): when they agree, that one; when they do not, the quarter most of them have (ties: the later
 *   one), and the others are refused as another quarter; with no readable file, the master's 当前季度.
 * Pure.
 */
import type { Quarter } from "../ledger/schema";

/** Where the quarter came from: the command line, the returned files, or the master's 当前季度. */
export type QuarterSource = "option" | "files" | "master";

export interface ChosenQuarter {
  quarter: Quarter;
  from: QuarterSource;
  /** True when the files were split for different quarters (only with from = "files"). */
  mixed: boolean;
}

export function splitQuarter(asked: Quarter | undefined, current: Quarter): ChosenQuarter {
  return asked !== undefined ? { quarter: asked, from: "option", mixed: false } : { quarter: current, from: "master", mixed: false };
}

export function collectionQuarter(asked: Quarter | undefined, fileQuarters: readonly Quarter[], current: Quarter): ChosenQuarter {
  if (asked !== undefined) return { quarter: asked, from: "option", mixed: false };
  if (fileQuarters.length === 0) return { quarter: current, from: "master", mixed: false };
  const count = new Map<Quarter, number>();
  for (const q of fileQuarters) count.set(q, (count.get(q) ?? 0) + 1);
  const [quarter] = [...count].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && b[0] > a[0]) ? b : a));
  return { quarter, from: "files", mixed: count.size > 1 };
}

/** One zh-CN line saying which quarter and why (for the command's output). */
export function quarterNote(c: ChosenQuarter, current: Quarter, verb: "分发" | "回收"): string {
  const why =
    c.from === "option"
      ? "--quarter 指定"
      : c.from === "master"
        ? "总台账“设置”的当前季度"
        : c.mixed
          ? "多数交回文件的填报季度；其他季度的文件未合并，可另加 --quarter 单独回收"
          : "交回文件的填报季度";
  const hint = c.quarter !== current ? `；总台账“设置”的当前季度是第 ${current} 季度，报告请加 --quarter ${c.quarter}，或在“设置”中改为 ${c.quarter}` : "";
  return `${verb}第 ${c.quarter} 季度（${why}）${hint} (quarter ${c.quarter}, from ${c.from === "option" ? "--quarter" : c.from === "master" ? "the master's 当前季度" : "the returned files"})`;
}
