/**
 * Split benchmark (plan-ledger split): the seed ledger into every unit's workbook, and a generated
 * 5,000-task plan with 200 named units likewise. Each run reads the master .xlsx as the CLI
 * does, lays out and writes one file at a time to a temp dir; wall time and peak RSS.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePlan } from "../shared/plan/parse";
import type { Ledger } from "../shared/ledger/schema";
import { buildLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { DeflateReuse } from "../shared/workbook/writer.bulk";
import { demoLedger } from "../shared/workbook/demo";
import { readLedger } from "../shared/workbook/reader";
import { splitBase, unitWorkbookLayout } from "../shared/workbook/unit-workbook";
import { unitsToSplit } from "../shared/collect/scope";
import { unitFileNames } from "../shared/collect/file-name";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { loadPlanFile } from "../cli/io/plan-file";
import { measure } from "./measure";
import { generatePlanText } from "./plan-generate";

/** Read the master file and write every unit's workbook, one at a time (what `split` does). */
async function split(master: Uint8Array, dir: string): Promise<number> {
  const read = readLedger(await loadWorkbookGrid(master, "master.xlsx"));
  const base = splitBase(read.ledger, { quarter: 2, deadline: "2030-07-10", splitAt: new Date().toISOString() });
  const units = unitsToSplit(read.ledger.plan);
  const names = unitFileNames(units, read.ledger.plan.meta.year, 2);
  const reuse = new DeflateReuse();
  for (const [i, unit] of units.entries()) writeFileSync(join(dir, names[i]!), await writeWorkbook(unitWorkbookLayout(base, unit).layout, { reuse }));
  return units.length;
}

async function masterBytes(ledger: Ledger): Promise<Uint8Array> {
  return writeWorkbook(buildLayout(ledger.plan, { settings: ledger.settings, entries: ledger.entries, actuals: ledger.actuals, demo: true }));
}

export default async function bench(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const dir = mkdtempSync(join(tmpdir(), "plan-ledger-split-"));
  // CPU time beside wall time: on a shared, loaded machine the wall time says more about the neighbours
  const run = async (name: string, master: Uint8Array, runs: number) => {
    let n = 0;
    const cpu = process.cpuUsage();
    const m = await measure(async () => (n = await split(master, dir)), runs);
    const used = process.cpuUsage(cpu);
    out[`${name} split: unit workbooks`] = n;
    out[`${name} split (read master + write all) ms`] = m.ms;
    out[`${name} split CPU ms`] = Math.round((used.user + used.system) / 1000 / runs);
    out[`${name} split peak RSS MB`] = m.peakRssMB;
  };
  try {
    await run("seed", await masterBytes(demoLedger((await loadPlanFile()).plan!, 2023, 1)), 3);
    // 200 unit workbooks: every lead or responsible unit of the seed in six copies (plan-generate.ts)
    await run("5,000-task", await masterBytes(demoLedger(parsePlan(generatePlanText(5000, 6)).plan!, 2030, 1)), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
