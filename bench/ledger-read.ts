/**
 * Ledger reading benchmark: the seed ledger (117 tasks) and a generated 5,000-task ledger, both
 * filled for Q1–Q3, read from .xlsx bytes (exceljs load → grids → readLedger), then checked.
 * Also the pure part alone (grids → Ledger) and mergeLedger of a revised 5,000-task plan.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Actual, Ledger, Quarter, Status, TaskEntry } from "../shared/ledger/schema";
import { parsePlan } from "../shared/plan/parse";
import type { Plan } from "../shared/plan/schema";
import { checkRead } from "../shared/workbook/check";
import { buildLayout } from "../shared/workbook/layout";
import { readLedger } from "../shared/workbook/reader";
import { mergeLedger } from "../shared/workbook/update.merge";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { measure } from "./measure";
import { generatePlanText } from "./plan-generate";

function fill(plan: Plan): { entries: TaskEntry[]; actuals: Actual[] } {
  const words: Status[] = ["已完成", "序时推进", "滞后", "未启动"];
  const entries: TaskEntry[] = [];
  const actuals: Actual[] = [];
  for (const t of plan.tasks) {
    for (const q of [1, 2, 3] as Quarter[]) {
      const status = words[(t.id + q) % 4]!;
      entries.push({
        taskId: t.id,
        quarter: q,
        status,
        progress: `第${q}季度推进情况：完成阶段任务（${t.id}）`,
        problems: status === "滞后" ? "资金未到位" : "",
        nextSteps: "加快推进",
      });
      for (const g of t.targets) actuals.push({ targetId: g.id, quarter: q, value: g.value * 0.25 * q });
    }
  }
  return { entries, actuals };
}

async function filledBytes(plan: Plan): Promise<Uint8Array> {
  return writeWorkbook(buildLayout(plan, { settings: { quarter: 3 }, ...fill(plan) }));
}

export default async function bench(): Promise<Record<string, number | string>> {
  const seedText = readFileSync(fileURLToPath(new URL("../seeds/liangping-2023.txt", import.meta.url)), "utf8");
  const seed = parsePlan(seedText).plan!;
  const seedBytes = await filledBytes(seed);
  // the seed first, so its peak heap is not inflated by the big ledger's data
  const s = await measure(async () => checkRead(readLedger(await loadWorkbookGrid(seedBytes)), 3), 5);
  const big = parsePlan(generatePlanText(5000)).plan!;
  const bigBytes = await filledBytes(big);
  const b = await measure(async () => checkRead(readLedger(await loadWorkbookGrid(bigBytes)), 3), 2);
  const bigGrid = await loadWorkbookGrid(bigBytes);
  const pure = await measure(() => readLedger(bigGrid), 3);
  const ledger: Ledger = readLedger(bigGrid).ledger;
  // a revision: every 50th task dropped, every 40th reworded, renumbered
  const revisedTasks = big.tasks
    .filter((t) => t.id % 50 !== 0)
    .map((t, i) => ({
      ...t,
      id: i + 1,
      text: t.id % 40 === 0 ? t.text.replace(/。$/, "，确保按期完成。") : t.text,
      targets: t.targets.map((g, j) => ({ ...g, id: `${i + 1}.${j + 1}` })),
    }));
  const merge = await measure(() => mergeLedger(ledger, { ...big, tasks: revisedTasks }), 2);
  return {
    "seed ledger (117 tasks) xlsx KB": Math.round(seedBytes.length / 1024),
    "seed ledger read+check ms": s.ms,
    "seed ledger read peak heap MB": s.peakHeapMB,
    "5,000-task ledger xlsx KB": Math.round(bigBytes.length / 1024),
    "5,000-task ledger read+check ms": b.ms,
    "5,000-task ledger read peak heap MB": b.peakHeapMB,
    "5,000-task ledger read peak RSS MB": b.peakRssMB,
    "5,000-task grids → Ledger (pure) ms": pure.ms,
    "5,000-task mergeLedger (revised plan) ms": merge.ms,
  };
}
