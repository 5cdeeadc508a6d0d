/**
 * 写入台账's words: the question asked before an existing ledger is rewritten, and the status line after
 * a write (with the writer's warnings). Pure; the pane shows them.
 */
import { SHEETS } from "../../shared/workbook/labels";
import type { ExistingLedger, ImportResult } from "../excel/ledger.officejs";

/** What rewriting the workbook's ledger does, as the in-pane question says it; null: nothing to ask (no ledger sheet yet). */
export function rewriteQuestion(e: ExistingLedger): string | null {
  if (e.sheets.length === 0) return null;
  const named =
    e.sheets.length <= 3
      ? e.sheets.join("、")
      : `${e.sheets
          .filter((n) => n !== SHEETS.guide)
          .slice(0, 2)
          .join("、")}等 ${e.sheets.length} 张工作表`;
  const lines = e.filled
    ? [
        `本工作簿已有台账（${named}）。写入会按新方案更新这些工作表：`,
        "· 已填报的状态、进展和实际值跟随各自的任务保留（任务改了编号或文字也一样）；",
        `· 新方案中没有的任务，连同其填报移入“${SHEETS.archive}”表；`,
        "· 其他工作表和其中对台账的引用不受影响。",
      ]
    : [
        `本工作簿已有台账的工作表（${named}），其中还没有任务。写入会改写这些工作表的内容；其他工作表不受影响。`,
      ];
  if (e.protected)
    lines.push(
      "台账受工作表保护：如果设置过保护密码，请先在“保护密码”中填写原密码，更新后仍用原密码保护。",
    );
  lines.push("是否继续？");
  return lines.join("\n");
}

/** The status after a write: what was written or kept, then the writer's warnings (already Chinese). */
export function importSummary(
  r: ImportResult,
  tasks: number,
): { text: string; kind: "ok" | "warn" } {
  const lines = [
    `已写入 ${r.report.sheets.length} 张工作表（${r.report.sheets.join("、")}），${tasks} 项任务。`,
  ];
  if (r.kept)
    lines.push(
      `已更新现有台账：保留填报 ${r.kept.entries} 条、实际值 ${r.kept.actuals} 个；归档 ${r.kept.archived} 行。变化见下方。`,
    );
  for (const w of r.report.warnings) lines.push(`注意：${w}`);
  return {
    text: lines.join("\n"),
    kind: r.report.warnings.length > 0 ? "warn" : "ok",
  };
}
