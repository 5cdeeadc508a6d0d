/** `plan-ledger parse [FILE] [--json]`: reads a plan and prints a summary or the Plan as JSON. */
import { relative } from "node:path";
import { EMBEDDED_PLAN_PATH, loadPlanFile } from "./io/plan-file";
import { EMPTY_PLAN, type Diagnostic, type Plan, type PlanWithDiagnostics } from "../shared/plan/schema";
import { parseArgs } from "./args";

/** `FILE:LINE: message` (or `FILE: message` without a line), as compilers print them. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.line ? `${file}:${d.line}` : file;
  const label = d.severity === "error" ? "错误 error" : "警告 warning";
  // Messages already name the line for users ("第N行："); the location prefix is for tools.
  return `${where}: ${label}: ${d.message.replace(/^第\d+行：/, "")}`;
}

/** The Plan JSON `parse --json` prints: the plan read (or an empty one) with its diagnostics. */
function planWithDiagnostics(plan: Plan | null, diagnostics: Diagnostic[]): PlanWithDiagnostics {
  return { ...(plan ?? EMPTY_PLAN), diagnostics: diagnostics.map(({ severity, line, message, code }) => ({ severity, line, message, code })) };
}

function summarize(plan: Plan, warnings: number): string {
  const out: string[] = [];
  const m = plan.meta;
  out.push(`计划 Plan: ${m.title ?? "（无标题）"}`);
  const facts = [m.issuer, m.documentNumber, m.date].filter(Boolean);
  if (facts.length) out.push(`  ${facts.join("  ")}`);
  const targets = plan.tasks.reduce((n, t) => n + t.targets.length, 0);
  out.push(`任务 ${plan.tasks.length} 条，指标 ${targets} 个，单位 ${plan.units.length} 个，警告 ${warnings} 条`);
  out.push(`(${plan.tasks.length} tasks, ${targets} targets, ${plan.units.length} units, ${warnings} warnings)`);
  out.push("");
  out.push("板块 Sections:");
  for (const s of plan.sections) {
    const n = plan.tasks.filter((t) => t.section === s.id).length;
    out.push(`  ${s.id}、${s.title}  —  ${n} 条任务`);
    for (const sub of s.subsections) {
      const k = plan.tasks.filter((t) => t.section === s.id && t.subsection === sub.id).length;
      out.push(`    （${sub.id}）${sub.title}  —  ${k} 条`);
    }
  }
  out.push("");
  out.push("单位 Units (牵头 lead / 责任 shared):");
  const rows = plan.units.map((u) => ({
    u,
    lead: plan.tasks.filter((t) => t.lead.includes(u.name)).length,
    shared: plan.tasks.filter((t) => t.responsible.includes(u.name)).length,
  }));
  rows.sort((a, b) => b.lead - a.lead || b.shared - a.shared);
  const width = Math.max(...rows.map((r) => r.u.name.length));
  for (const r of rows) out.push(`  ${r.u.name.padEnd(width, "　")}  ${String(r.lead).padStart(3)} / ${String(r.shared).padStart(3)}  ${r.u.kind}`);
  out.push("");
  out.push("指标 Targets:");
  for (const t of plan.tasks) {
    for (const g of t.targets) out.push(`  ${g.id.padEnd(6)} ${g.name} ${g.comparator} ${g.value}${g.unit}  (${g.kind})`);
  }
  return out.join("\n") + "\n";
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { boolean: ["json"] });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n用法 usage: plan-ledger parse [FILE] [--json]\n`);
    return 1;
  }
  const { positional, flags } = parsed;
  if (positional.length > 1) {
    process.stderr.write("用法 usage: plan-ledger parse [FILE] [--json]\n");
    return 1;
  }
  const file = positional[0];
  const shown = file ?? relative(process.cwd(), EMBEDDED_PLAN_PATH);
  const loaded = await loadPlanFile(file);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  const warnings = loaded.diagnostics.filter((d) => d.severity === "warning");
  for (const d of [...errors, ...warnings]) process.stderr.write(formatDiagnostic(shown, d) + "\n");
  // With --json, stdout always holds the plan as far as it was read, its diagnostics inside (an
  // empty plan when none could be read); the exit code says whether there were errors.
  if (flags.json) process.stdout.write(JSON.stringify(planWithDiagnostics(loaded.plan, loaded.diagnostics), null, 2) + "\n");
  else if (loaded.plan) process.stdout.write(summarize(loaded.plan, warnings.length));
  if (errors.length > 0 || !loaded.plan) {
    process.stderr.write(`${shown}: 共 ${errors.length} 个错误 (${errors.length} errors)\n`);
    return 1;
  }
  return 0;
}
