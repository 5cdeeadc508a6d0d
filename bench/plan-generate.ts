/** A synthetic plan of the genre with N tasks (for benchmarks): the seed's tasks repeated and renumbered. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { toChineseNumeral } from "../shared/vocabulary";

/** `unitCopies` > 1: every lead or responsible unit also exists as 二组…, 三组… (a city's many units); task k goes to copy k mod unitCopies. */
export function generatePlanText(n: number, unitCopies = 1): string {
  const seed = readFileSync(fileURLToPath(new URL("../seeds/liangping-2023.txt", import.meta.url)), "utf8");
  const lines = seed.split("\n");
  const pairs: [string, string][] = [];
  for (const [i, line] of lines.entries()) {
    const [, text] = /^(?:\[bookmark: _GoBack\])?\d+[．.](.*)$/.exec(line) ?? [];
    const units = lines[i + 1];
    if (text !== undefined && units?.startsWith("牵头单位")) pairs.push([text, units]);
  }
  const out = ["2030年某区政府工作报告目标任务分解方案", "一、重点工作"];
  for (let k = 0; k < n; k++) {
    if (k % 100 === 0) out.push(`（${toChineseNumeral(((k / 100) % 10) + 1)}）第${k / 100 + 1}组任务`);
    const pair = pairs[k % pairs.length];
    if (!pair) throw new Error("plan-generate: no task line followed by 牵头单位 in the seed");
    const [text, units] = pair;
    const copy = k % unitCopies;
    const prefix = copy === 0 ? "" : `${toChineseNumeral(copy + 1)}组`;
    out.push(`${k + 1}．${text}`, prefix ? units.replace(/(：|、)(?!各|有关|区政府各|区属)/g, `$1${prefix}`) : units);
  }
  return out.join("\n") + "\n";
}
