/**
 * Formula results as a host computed them (the cached values of a file saved by LibreOffice) and
 * their comparison with shared/scoring: the workbook's formulas and the TypeScript rules are a
 * deliberate twin, and these helpers are how the tests hold them together.
 */
import ExcelJS from "exceljs";
import type { LedgerScores } from "../../shared/scoring/schema";

export type Result = number | string | boolean | { error: string } | undefined;

/** Cached result of every formula cell, by "Sheet!A1"; also every error anywhere. */
export async function formulaResults(path: string): Promise<{ results: Map<string, Result>; errors: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const results = new Map<string, Result>();
  const errors: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const m = cell.model as { formula?: string; sharedFormula?: string; result?: Result; value?: unknown };
        const where = `${ws.name}!${cell.address}`;
        const r = m.formula || m.sharedFormula ? m.result : (m.value as Result);
        if (m.formula || m.sharedFormula) results.set(where, r);
        if (r && typeof r === "object" && "error" in r) errors.push(`${where}: ${r.error}`);
        if (typeof r === "string" && /^(#[A-Z/0!?]+|Err:\d+)/.test(r)) errors.push(`${where}: ${r}`);
      }),
    );
  });
  return { results, errors };
}

/**
 * Every formula result that differs from the scores, as "Sheet!A1: want …, got …". `units` false:
 * only the 任务 and 指标 figures (a unit workbook has no 单位 / 汇总 sheets).
 */
export function compareFormulas(scores: LedgerScores, results: Map<string, Result>, options: { units?: boolean } = {}): string[] {
  const bad: string[] = [];
  const num = (ref: string, want: number | null) => {
    const got = results.get(ref);
    if (want === null) {
      if (!(got === undefined || got === "")) bad.push(`${ref}: want blank, got ${JSON.stringify(got)}`);
      return;
    }
    const g = got === undefined ? 0 : got; // exceljs drops a cached 0 of some cells; a missing result reads as 0
    if (typeof g !== "number" || Math.abs(g - want) > 1e-9 * Math.max(1, Math.abs(want))) bad.push(`${ref}: want ${want}, got ${JSON.stringify(got)}`);
  };
  const text = (ref: string, want: string | null) => {
    const got = results.get(ref);
    if ((got ?? "") !== (want ?? "")) bad.push(`${ref}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  for (const t of scores.tasks) {
    text(t.refs.status!, t.status);
    num(t.refs.score!, t.score);
    text(t.refs.warning!, t.warning);
  }
  for (const g of scores.targets) {
    num(g.refs.actual!, g.actual);
    num(g.refs.expected!, g.expected);
    num(g.refs.completion!, g.completion);
    text(g.refs.state!, g.state);
  }
  if (options.units === false) return bad;
  for (const u of scores.units) {
    for (const k of ["lead", "responsible", "completed", "lagging", "unreported", "score", "rank"] as const) num(u.refs[k]!, u[k]);
    if (u.refs.targetRate && results.has(u.refs.targetRate)) num(u.refs.targetRate, u.targetRate);
    else if (u.targetRate !== null) bad.push(`${u.unit}: target rate ${u.targetRate} but no formula`);
  }
  for (const s of [...scores.sections, scores.overall]) {
    num(s.refs.tasks!, s.tasks);
    num(s.refs.completed!, s.byStatus.已完成);
    num(s.refs.onPace!, s.byStatus.序时推进);
    num(s.refs.lagging!, s.byStatus.滞后);
    num(s.refs.notStarted!, s.byStatus.未启动);
    num(s.refs.unreported!, s.byStatus.未填报);
    num(s.refs.targets!, s.targets);
    num(s.refs.targetsMet!, s.targetsMet);
    num(s.refs.targetsOnPace!, s.targetsOnPace);
    num(s.refs.targetsBehind!, s.targetsBehind);
    num(s.refs.completion!, s.completion);
  }
  return bad;
}
