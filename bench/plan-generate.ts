/** A synthetic plan of the genre with N tasks (for benchmarks): the seed's tasks repeated and renumbered. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function generatePlanText(n: number): string {
  const seed = readFileSync(fileURLToPath(new URL("../seeds/liangping-2023.txt", import.meta.url)), "utf8");
  const lines = seed.split("\n");
  const pairs: [string, string][] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    const m = /^(?:\[bookmark: _GoBack\])?\d+[．.](.*)$/.exec(lines[i]);
    if (m && lines[i + 1].startsWith("牵头单位")) pairs.push([m[1], lines[i + 1]]);
  }
  const out = ["2030年某区政府工作报告目标任务分解方案", "一、重点工作"];
  for (let k = 0; k < n; k++) {
    if (k % 100 === 0) out.push(`（${["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(k / 100) % 10]}）第${k / 100 + 1}组任务`);
    const [text, units] = pairs[k % pairs.length];
    out.push(`${k + 1}．${text}`, units);
  }
  return out.join("\n") + "\n";
}
