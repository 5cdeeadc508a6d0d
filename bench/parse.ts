/** Parsing benchmark: the seed and a generated 5,000-task plan. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parsePlan } from "../shared/plan/parse";
import { generatePlanText } from "./plan-generate";
import { measure } from "./measure";

export default async function bench(): Promise<Record<string, number | string>> {
  const seed = readFileSync(fileURLToPath(new URL("../seeds/liangping-2023.txt", import.meta.url)), "utf8");
  const big = generatePlanText(5000);
  const s = await measure(() => parsePlan(seed), 20);
  const b = await measure(() => parsePlan(big), 3);
  const tasks = parsePlan(big).plan?.tasks.length ?? 0;
  return {
    "parse seed (117 tasks) ms": s.ms,
    "parse 5,000-task plan ms": b.ms,
    "parse 5,000-task plan tasks": tasks,
    "parse 5,000-task plan peak heap MB": b.peakHeapMB,
  };
}
