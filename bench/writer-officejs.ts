/**
 * Office.js writer benchmark, without Excel: the seed ledger and a generated 5,000-task ledger
 * translated into operations (addin/excel/ops.translate.ts). Round trips are 1 read + the writing
 * requests + 1 finish + 1 print setup; the largest request is the writer's own estimate (the 5 MB limit applies to it).
 */
import { readFileSync } from "node:fs";
import { parsePlan } from "../shared/plan/parse";
import type { Plan } from "../shared/plan/schema";
import { buildLayout } from "../shared/workbook/layout";
import { demoLedger } from "../shared/workbook/demo";
import { translateLayout } from "../addin/excel/ops.translate";
import { measure } from "./measure";
import { generatePlanText } from "./plan-generate";

async function figures(label: string, plan: Plan, out: Record<string, number | string>): Promise<void> {
  const ledger = demoLedger(plan);
  const layout = buildLayout(plan, { settings: ledger.settings, entries: ledger.entries, actuals: ledger.actuals, demo: true });
  let ops = translateLayout(layout, { api19: true });
  const m = await measure(() => (ops = translateLayout(layout, { api19: true })), 3);
  const requests = [...ops.write, ...ops.refer];
  out[`${label}: translate ms`] = m.ms;
  // read, the writing requests, finish, print setup (an update of an existing ledger: one more, to unprotect it)
  out[`${label}: context.sync() calls`] = 3 + requests.length;
  out[`${label}: operations`] = requests.reduce((n, r) => n + r.ops.length, 0) + ops.finish.length + ops.print.length;
  out[`${label}: largest request MB (estimate)`] = Math.round(Math.max(...requests.map((r) => r.bytes)) / 104857.6) / 10;
}

export default async function bench(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const seed = readFileSync(new URL("../seeds/liangping-2023.txt", import.meta.url), "utf8");
  await figures("seed (117 tasks)", parsePlan(seed).plan!, out);
  await figures("5,000 tasks", parsePlan(generatePlanText(5000)).plan!, out);
  return out;
}
