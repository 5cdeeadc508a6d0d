/**
 * 回收 in the open workbook: the master read through readGrid (with 变更记录 and 回收情况), the
 * returned files merged by the shared merge (shared/collect/merge.ts, the code `plan-ledger merge`
 * runs), and the merged master written by the layout writer: 变更记录 and 回收情况 are created or
 * rewritten in place like every ledger sheet. Preview writes nothing; apply reads the workbook again
 * and writes only when the merge still comes out as previewed (a co-author may have typed since).
 */
import {
  merge,
  type MergeOutcome,
  type ReturnedFile,
} from "../../shared/collect/merge";
import { mergedLayout } from "../../shared/collect/layout";
import { readLedger, type ReadResult } from "../../shared/workbook/reader";
import { quarterInvalid } from "../../shared/workbook/sheet.settings";
import { lossyProblems } from "../../shared/workbook/update";
import { LedgerReadError } from "../../shared/workbook/reader.grid";
import { readGrid } from "./ledger.officejs";
import {
  writeLayout,
  type ExcelRun,
  type WriteOptions,
  type WriteReport,
} from "./writer.officejs";

export interface MergePreview {
  outcome: MergeOutcome;
  /** What apply compares: the merge's decisions without their time. */
  fingerprint: string;
}

/** The master as read, or the reason it cannot take a merge (nothing written). */
function masterOf(read: ReadResult): ReadResult {
  if (read.unit)
    throw new Error(
      `这是“${read.unit.identity.unit}”的单位填报表，不是总台账：请在总台账中回收。`,
    );
  if (quarterInvalid(read))
    throw new Error("设置表的当前季度无效：请先在“当前季度”中选择回收的季度。");
  const lossy = lossyProblems(read, { otherSheets: true });
  if (lossy.length > 0) {
    const cells = lossy
      .slice(0, 5)
      .map((p) => `${p.sheet}!${p.cell}`)
      .join("、");
    throw new LedgerReadError(
      "lossy-cells",
      `台账中有 ${lossy.length} 处内容无法识别或不属于台账（${cells}${lossy.length > 5 ? " 等" : ""}），写回台账会丢失这些内容。请先在“检查填报”中修正后再回收。`,
      lossy[0]!.sheet,
      lossy[0]!.cell,
    );
  }
  return read;
}

function fingerprint(o: MergeOutcome): string {
  return JSON.stringify([
    o.changes.map((r) => ({ ...r, time: "" })),
    o.refusals,
    o.replaced,
    o.alreadyMerged,
  ]);
}

async function mergeNow(
  run: ExcelRun,
  files: readonly ReturnedFile[],
  now: string,
): Promise<{ read: ReadResult; preview: MergePreview }> {
  const read = masterOf(readLedger(await readGrid(run)));
  const outcome = merge(read, files, { now });
  return { read, preview: { outcome, fingerprint: fingerprint(outcome) } };
}

/** What the merge would do to the open workbook; reads only. */
export async function previewMerge(
  run: ExcelRun,
  files: readonly ReturnedFile[],
  now: string,
): Promise<MergePreview> {
  return (await mergeNow(run, files, now)).preview;
}

export type MergeApplied =
  | { ok: true; outcome: MergeOutcome; report: WriteReport | null }
  /** The workbook changed since the preview: nothing written; here is the new preview. */
  | { ok: false; preview: MergePreview };

/**
 * Applies the previewed merge: reads the workbook again, merges, and writes the merged master when the
 * outcome is the previewed one (report null: nothing to change, nothing written).
 */
export async function applyMerge(
  run: ExcelRun,
  files: readonly ReturnedFile[],
  previewed: MergePreview,
  now: string,
  options: WriteOptions = {},
): Promise<MergeApplied> {
  const { read, preview } = await mergeNow(run, files, now);
  if (preview.fingerprint !== previewed.fingerprint)
    return { ok: false, preview };
  const { outcome } = preview;
  if (outcome.changes.length === 0) return { ok: true, outcome, report: null };
  const password = options.password || undefined;
  const layout = mergedLayout(outcome.ledger, read.archive, outcome.changelog, {
    password,
  });
  const report = await writeLayout(run, layout, { ...options, password });
  return { ok: true, outcome, report };
}
