/** The import preview: what a parsed plan holds, as data and as (escaped) HTML. Pure. */
import type { Diagnostic, Plan } from "../../shared/plan/schema";
import type { PlanSource } from "./plan-input";
import { chineseOnly, escapeHtml } from "./text";

export interface Preview {
  ok: boolean;
  label: string;
  title: string;
  sections: { id: string; title: string; tasks: number }[];
  tasks: number;
  units: number;
  targets: number;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export function preview(src: PlanSource): Preview {
  const plan: Plan | null = src.plan;
  const errors = src.diagnostics.filter((d) => d.severity === "error");
  const warnings = src.diagnostics.filter((d) => d.severity === "warning");
  return {
    ok: plan !== null && plan.tasks.length > 0 && errors.length === 0,
    label: src.label,
    title: plan?.meta.title ?? "（未识别标题）",
    sections: (plan?.sections ?? []).map((s) => ({
      id: s.id,
      title: s.title,
      tasks: plan!.tasks.filter((t) => t.section === s.id).length,
    })),
    tasks: plan?.tasks.length ?? 0,
    units: plan?.units.length ?? 0,
    targets: plan?.tasks.reduce((n, t) => n + t.targets.length, 0) ?? 0,
    errors,
    warnings,
  };
}

function diagnosticItem(d: Diagnostic): string {
  // The parser's messages mostly name their line already ("第118行：…"): never say it twice.
  const text = chineseOnly(d.message);
  const where =
    d.line !== null && !/^第\s*\d+\s*行/.test(text) ? `第 ${d.line} 行：` : "";
  return `<li class="diag diag-${d.severity}">${escapeHtml(where + text)}</li>`;
}

export function previewHtml(p: Preview): string {
  const stats = [
    ["板块", p.sections.length],
    ["任务", p.tasks],
    ["单位", p.units],
    ["指标", p.targets],
  ]
    .map(
      ([k, v]) =>
        `<div class="stat"><span class="stat-value" data-stat="${k}">${v}</span><span class="stat-label">${k}</span></div>`,
    )
    .join("");
  const sections = p.sections
    .map(
      (s) =>
        `<li>${escapeHtml(`${s.id}、${s.title}`)}<span class="count">${s.tasks} 项</span></li>`,
    )
    .join("");
  const diags = [...p.errors, ...p.warnings];
  return (
    `<h3 class="preview-title">${escapeHtml(p.title)}</h3>` +
    `<p class="muted">来源：${escapeHtml(p.label)}</p>` +
    `<div class="stats">${stats}</div>` +
    (sections ? `<ul class="sections">${sections}</ul>` : "") +
    (diags.length
      ? `<details class="diags" ${p.errors.length ? "open" : ""}><summary>${p.errors.length ? `错误 ${p.errors.length} 个，` : ""}提示 ${p.warnings.length} 个</summary><ul>${diags.map(diagnosticItem).join("")}</ul></details>`
      : `<p class="ok">未发现问题。</p>`)
  );
}
