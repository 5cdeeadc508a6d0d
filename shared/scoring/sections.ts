/** Which sections a ledger is summarised by (汇总 rows, the reports' sections), in order. */
import type { Plan } from "../plan/schema";

export interface SectionRow {
  id: string;
  title: string;
}

/** Sections in plan order, plus any section a task names that the plan's list lacks. */
export function sectionList(plan: Plan): SectionRow[] {
  const out: SectionRow[] = plan.sections.map((s) => ({ id: s.id, title: s.title }));
  for (const t of plan.tasks) if (!out.some((s) => s.id === t.section)) out.push({ id: t.section, title: "" });
  return out;
}
