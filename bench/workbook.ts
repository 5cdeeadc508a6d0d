/**
 * Workbook writing benchmark: the seed ledger (117 tasks, demo fill) and a generated 5,000-task
 * ledger (demo fill): buildLayout + exceljs write, median time and peak memory; scoreLedger on the
 * 5,000-task ledger; and, when LibreOffice is installed, one headless recalculation of the seed ledger.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePlan } from "../shared/plan/parse";
import { buildLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { demoLedger } from "../shared/workbook/demo";
import { scoreLedger } from "../shared/scoring/index";
import type { Ledger } from "../shared/ledger/schema";
import { loadPlanFile } from "../cli/io/plan-file";
import { recalc, sofficeAvailable } from "../test/helpers/libreoffice";
import { measure } from "./measure";
import { generatePlanText } from "./plan-generate";

async function write(ledger: Ledger): Promise<Uint8Array> {
  return writeWorkbook(buildLayout(ledger.plan, { settings: ledger.settings, entries: ledger.entries, actuals: ledger.actuals, demo: true }));
}

export default async function bench(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const seedPlan = (await loadPlanFile()).plan!;
  const seed = demoLedger(seedPlan);
  let bytes: Uint8Array = new Uint8Array();
  const s = await measure(async () => (bytes = await write(seed)), 5);
  out["seed ledger (117 tasks) write ms"] = s.ms;
  out["seed ledger write peak RSS MB"] = s.peakRssMB;
  out["seed ledger size KB"] = Math.round(bytes.length / 1024);

  const big = parsePlan(generatePlanText(5000)).plan!;
  const bigLedger = demoLedger(big);
  out["5,000-task ledger targets"] = big.tasks.reduce((n, t) => n + t.targets.length, 0);
  const b = await measure(async () => (bytes = await write(bigLedger)), 1);
  out["5,000-task ledger write ms"] = b.ms;
  out["5,000-task ledger write peak heap MB"] = b.peakHeapMB;
  out["5,000-task ledger write peak RSS MB"] = b.peakRssMB;
  out["5,000-task ledger size KB"] = Math.round(bytes.length / 1024);
  const sc = await measure(() => scoreLedger(bigLedger), 3);
  out["5,000-task scoreLedger ms"] = sc.ms;

  if (sofficeAvailable()) {
    const dir = mkdtempSync(join(tmpdir(), "plan-ledger-bench-"));
    const file = join(dir, "seed.xlsx");
    writeFileSync(file, await write(seed));
    const t0 = performance.now();
    await recalc(file);
    out["seed ledger LibreOffice recalc ms"] = Math.round(performance.now() - t0);
  }
  return out;
}
