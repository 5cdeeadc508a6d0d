/**
 * 回收汇总 benchmark: every unit's returned workbook (generated at model level: each unit fills all
 * its inputs of Q3) merged into the master, for the seed and for a generated 5,000-task plan. Shows
 * the pure merge (shared/collect/merge.ts) and the whole master written with its 变更记录 and
 * 回收情况 (exceljs) and read back. Reading the unit files themselves is the split's reader: not here.
 * The generated 5,000-task plan has 200 units with a unit workbook (the seed's in six copies,
 * plan-generate.ts), 164 of which report tasks and return a filled file. CPU time beside wall time:
 * the machine is shared, and wall time says as much about the neighbours.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Ledger } from "../shared/ledger/schema";
import { parsePlan } from "../shared/plan/parse";
import type { Plan } from "../shared/plan/schema";
import { demoLedger } from "../shared/workbook/demo";
import { inputKeyId, type InputValue } from "../shared/collect/identity";
import { merge } from "../shared/collect/merge";
import { mergedLayout } from "../shared/collect/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger } from "../shared/workbook/reader";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { returnedFile, splitIdentity, unitsWithFiles } from "../test/fixtures/collect/returned";
import { measure } from "./measure";
import { generatePlanText } from "./plan-generate";

function returnedFiles(master: Ledger) {
  return unitsWithFiles(master).map((unit, i) => {
    const id = splitIdentity(master, unit, 3);
    const fill = new Map<string, InputValue>();
    for (const b of id.base) {
      if (!b.editable) continue;
      const k = b.key;
      if (k.kind === "actual") fill.set(inputKeyId(k), k.targetId.length * 3);
      else if (k.kind === "entry")
        fill.set(inputKeyId(k), k.field === "status" ? (["已完成", "序时推进", "滞后"] as const)[i % 3]! : `${unit}三季度${k.field}`);
    }
    return returnedFile(master, id, fill);
  });
}

async function run(plan: Plan, label: string, runs: number): Promise<Record<string, number | string>> {
  const master: Ledger = { ...demoLedger(plan, 2023, 2), settings: { ...demoLedger(plan, 2023, 2).settings, quarter: 3 } };
  const files = returnedFiles(master);
  const state = { ledger: master, changelog: [] };
  const cpu = async (fn: () => unknown, runs: number) => {
    const c0 = process.cpuUsage();
    const m = await measure(fn, runs);
    const c = process.cpuUsage(c0);
    return { ...m, cpuMs: Math.round((c.user + c.system) / 1000 / runs) };
  };
  const pure = await cpu(() => merge(state, files, { now: "2023-10-10T09:00:00.000Z" }), runs);
  const out = merge(state, files, { now: "2023-10-10T09:00:00.000Z" });
  let bytes: Uint8Array = new Uint8Array();
  const write = await cpu(async () => (bytes = await writeWorkbook(mergedLayout(out.ledger, [], out.changelog))), 1);
  const read = await cpu(async () => readLedger(await loadWorkbookGrid(bytes)), 1);
  return {
    [`${label}: units with a file`]: files.length,
    [`${label}: 变更记录 rows`]: out.changelog.length,
    [`${label}: merge all returned files (pure) ms`]: pure.ms,
    [`${label}: merge CPU ms`]: pure.cpuMs,
    [`${label}: merge peak RSS MB`]: pure.peakRssMB,
    [`${label}: write merged master ms`]: write.ms,
    [`${label}: write merged master CPU ms`]: write.cpuMs,
    [`${label}: merged master MB`]: Math.round(bytes.length / 104857.6) / 10,
    [`${label}: read merged master back ms`]: read.ms,
    [`${label}: read merged master back CPU ms`]: read.cpuMs,
    [`${label}: peak RSS MB`]: Math.max(pure.peakRssMB, write.peakRssMB, read.peakRssMB),
  };
}

export default async function bench(): Promise<Record<string, number | string>> {
  const seed = parsePlan(readFileSync(fileURLToPath(new URL("../seeds/liangping-2023.txt", import.meta.url)), "utf8")).plan!;
  const big = parsePlan(generatePlanText(5000, 6)).plan!;
  return { ...(await run(seed, "seed", 3)), ...(await run(big, "5,000 tasks", 1)) };
}
