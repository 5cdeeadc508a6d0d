/**
 * The merge's outcome as zh-CN lines for people (the CLI; the add-in can show the same): one line per
 * refusal, conflict, value not applied, replacement and file already merged, each naming the file and
 * the Sheet!Cell of the returned file, then a summary. Pure.
 */
import type { ChangeRow } from "../workbook/sheet.changelog";
import { formatValue } from "./describe.value";
import type { MergeOutcome } from "./merge.types";

function where(r: ChangeRow): string {
  const item = r.item ? `（${r.item}）` : "";
  return `${r.fileName} ${r.cell || ""}${item}`.replace(/\s+/g, " ").trim();
}

export function describeMerge(o: MergeOutcome): { problems: string[]; notes: string[]; summary: string } {
  const problems: string[] = [];
  const notes: string[] = [];
  for (const r of o.refusals) problems.push(`拒收 refused: ${r.message}`);
  for (const r of o.conflicts) problems.push(`冲突 conflict: ${where(r)}：台账“${formatValue(r.old)}”，${r.unit}填“${formatValue(r.new)}”；${r.note}`);
  for (const r of o.notApplied) problems.push(`未应用 not applied: ${where(r)}${r.key ? `：“${formatValue(r.new)}”` : ""}；${r.note}`);
  for (const r of o.replaced) notes.push(`${r.fileName}：替换${r.unit}先前回收的文件 ${r.earlier.join("、")} (replaces the unit's earlier file)`);
  for (const r of o.alreadyMerged) notes.push(`${r.fileName}：已合并过（SHA-256 相同），未重复合并 (already merged)`);
  const merged = o.changes.filter((r) => r.how === "merged" && r.key !== "").length;
  const files = o.changes.filter((r) => r.how === "merged" && r.key === "" && r.cell === "").length;
  const summary =
    `合并文件 ${files} 个，更新单元格 ${merged} 个，冲突 ${o.conflicts.length} 个，未应用 ${o.notApplied.length} 个，拒收文件 ${o.refusals.length} 个` +
    ` (files merged ${files}, cells updated ${merged}, conflicts ${o.conflicts.length}, not applied ${o.notApplied.length}, refused ${o.refusals.length})`;
  return { problems, notes, summary };
}
