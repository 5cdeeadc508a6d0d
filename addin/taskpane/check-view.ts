/**
 * 检查填报 as HTML: the problems of each unit a task names (shared/workbook/check.ts problemsByUnit,
 * the grouping the CLI counts with), 我的单位 first; the tasks not reported for the checked quarter
 * (未填报) as one count and a list per unit, not one red error each. Pure; the pane wires the clicks.
 */
import type { Quarter } from "../../shared/ledger/schema";
import {
  isUnreported,
  problemsByUnit,
  type UnitProblems,
} from "../../shared/workbook/check";
import type { LedgerProblem } from "../../shared/workbook/reader.grid";
import { QUARTER_NAMES } from "../../shared/vocabulary";
import { chineseOnly, escapeHtml } from "./text";

export interface CheckView {
  /** The status line. */
  summary: string;
  /** "error" when something is filled wrongly; "info" when only reports are missing; "ok" when nothing. */
  kind: "ok" | "info" | "error";
  html: string;
}

/** A button that selects the problem's cell (data-* read by the pane's click handler). */
function link(p: LedgerProblem, label: string, cls: string): string {
  const data = `data-sheet="${escapeHtml(p.sheet)}" data-cell="${escapeHtml(p.cell)}" data-row="${p.row}" data-col="${p.col}" data-message="${escapeHtml(chineseOnly(p.message))}"`;
  return `<button class="${cls}" ${data}>${label}</button>`;
}

function groupHtml(
  g: UnitProblems,
  quarter: Quarter | null,
  mine: boolean,
): string {
  const others = g.problems.filter((p) => !isUnreported(p, quarter));
  const head =
    `<h3><span class="unit">${escapeHtml(g.unit)}</span>` +
    (mine ? `<span class="tag">我的单位</span>` : "") +
    `<span class="count">${g.problems.length} 个</span></h3>`;
  const unreported = g.unreported.length
    ? `<details class="unreported"${mine ? " open" : ""}><summary>未填报${QUARTER_NAMES[quarter!]}状态：${g.unreported.length} 项任务</summary>` +
      `<p class="task-list">${g.unreported.map((p) => link(p, `任务 ${p.taskId ?? p.cell}`, "task-link")).join("")}</p></details>`
    : "";
  const list = others.length
    ? `<ul>${others
        .map(
          (p) =>
            `<li>${link(p, `<span class="cell">${escapeHtml(`${p.sheet}!${p.cell}`)}</span>${escapeHtml(chineseOnly(p.message))}`, `problem-link ${p.severity}`)}</li>`,
        )
        .join("")}</ul>`
    : "";
  return `<section class="unit-group${mine ? " mine" : ""}" data-unit="${escapeHtml(g.unit)}">${head}${unreported}${list}</section>`;
}

export function checkView(
  problems: readonly LedgerProblem[],
  quarter: Quarter | null,
  mine: string | null,
): CheckView {
  const qName =
    quarter === null
      ? "（当前季度无效，未检查季度状态）"
      : QUARTER_NAMES[quarter];
  if (problems.length === 0)
    return { summary: `${qName}填报没有发现问题。`, kind: "ok", html: "" };
  const groups = problemsByUnit(problems, { first: mine, quarter });
  const unreported = problems.filter((p) => isUnreported(p, quarter)).length;
  const wrong = problems.length - unreported;
  const parts = [
    unreported ? `${unreported} 项任务未填报` : "",
    wrong ? `${wrong} 个填报问题` : "",
  ].filter(Boolean);
  const own = mine ? groups.find((g) => g.unit === mine) : undefined;
  const ownText = mine
    ? own
      ? `我的单位“${mine}”：${own.problems.length} 个（列在最前）。`
      : `我的单位“${mine}”没有问题。`
    : "";
  return {
    summary: `${qName}：${parts.join("，")}，涉及 ${groups.length} 个单位。${ownText}点击可定位单元格。`,
    kind: problems.some(
      (p) => p.severity === "error" && !isUnreported(p, quarter),
    )
      ? "error"
      : "info",
    html: groups.map((g) => groupHtml(g, quarter, g.unit === mine)).join(""),
  };
}
