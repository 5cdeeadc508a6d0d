/**
 * 回收's preview and result as HTML: the shared merge's outcome (shared/collect/merge.ts) with the
 * summary the CLI prints (describeMerge), then what will change, the conflicts (the returned file's
 * Sheet!Cell, the master's value and the unit's), refused files with their reasons and values not
 * applied. Pure; every string escaped.
 */
import { describeMerge } from "../../shared/collect/describe";
import { formatValue } from "../../shared/collect/describe.value";
import type { MergeOutcome } from "../../shared/collect/merge.types";
import type { ChangeRow } from "../../shared/workbook/sheet.changelog";
import { chineseOnly, escapeHtml } from "./text";

/** Rows listed per group; the rest are counted (变更记录 has them all). */
const SHOWN = 200;

function where(r: ChangeRow): string {
  return `<span class="cell">${escapeHtml(`${r.fileName} ${r.cell}`.trim())}</span>${r.item ? `（${escapeHtml(r.item)}）` : ""}`;
}

function group(
  kind: string,
  title: string,
  rows: readonly string[],
  open = true,
): string {
  if (rows.length === 0) return "";
  const more =
    rows.length > SHOWN
      ? `<li class="muted">另有 ${rows.length - SHOWN} 条，见“变更记录”表。</li>`
      : "";
  return `<details class="merge-group" data-group="${kind}"${open ? " open" : ""}><summary>${escapeHtml(title)}（${rows.length}）</summary><ul>${rows
    .slice(0, SHOWN)
    .map((r) => `<li>${r}</li>`)
    .join("")}${more}</ul></details>`;
}

export interface CollectView {
  summary: string;
  kind: "ok" | "error" | "info";
  html: string;
  /** Anything to write (else 应用 has nothing to do). */
  changes: number;
}

export function collectView(o: MergeOutcome): CollectView {
  const text = describeMerge(o);
  const updates = o.changes.filter((r) => r.how === "merged" && r.key !== "");
  const html = [
    group(
      "refused",
      "拒收的文件",
      o.refusals.map((r) => escapeHtml(chineseOnly(r.message))),
    ),
    group(
      "conflict",
      "冲突：台账保留原值，两个值都记入“变更记录”",
      o.conflicts.map(
        (r) =>
          `${where(r)}：台账“${escapeHtml(formatValue(r.old))}”，${escapeHtml(r.unit)}填“${escapeHtml(formatValue(r.new))}”${r.note ? `；${escapeHtml(chineseOnly(r.note))}` : ""}`,
      ),
    ),
    group(
      "not-applied",
      "未应用：请与该单位核对",
      o.notApplied.map(
        (r) =>
          `${where(r)}${r.key ? `：“${escapeHtml(formatValue(r.new))}”` : ""}${r.note ? `；${escapeHtml(chineseOnly(r.note))}` : ""}`,
      ),
    ),
    group(
      "notes",
      "说明",
      text.notes.map((n) => escapeHtml(chineseOnly(n))),
    ),
    group(
      "update",
      "将更新的单元格",
      updates.map(
        (r) =>
          `${where(r)}：“${escapeHtml(formatValue(r.old))}” → “${escapeHtml(formatValue(r.new))}”（${escapeHtml(r.unit)}）`,
      ),
      updates.length <= 30,
    ),
  ].join("");
  return {
    summary: chineseOnly(text.summary),
    kind: text.problems.length > 0 ? "error" : "ok",
    html,
    changes: o.changes.length,
  };
}
