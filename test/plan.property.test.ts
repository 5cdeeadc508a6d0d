import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { docxHtmlToText } from "../shared/plan/docx-html";
import { parsePlan } from "../shared/plan/parse";

const seedLines = readFileSync(new URL("../seeds/liangping-2023.txt", import.meta.url), "utf8").split("\n");
const SEED_TASKS = 117;

/** One random edit of the seed's lines, as a careless copy-paste or a bad export would make it. */
const edit = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.string({ unit: fc.constantFrom(..."一二三、．.1234567890（）()：:；;牵头单位责任区局委等 \t。abc") }),
  }),
  fc.record({ op: fc.constant("blank" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("mangle" as const), at: fc.nat(), cut: fc.nat() }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(lines: string[], e: Edit): string[] {
  const out = [...lines];
  const i = e.at % out.length;
  const line = out[i]; // undefined only once every line is deleted
  switch (e.op) {
    case "delete":
      out.splice(i, 1);
      break;
    case "duplicate":
      if (line !== undefined) out.splice(i, 0, line);
      break;
    case "insert":
      out.splice(i, 0, e.text);
      break;
    case "blank":
      out.splice(i, 0, "", "   ");
      break;
    case "mangle":
      if (line !== undefined) out[i] = line.slice(0, e.cut % (line.length + 1));
      break;
  }
  return out;
}

describe("random edits of the seed", () => {
  it("never crash the parser and never lose a task silently", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const lines = edits.reduce(apply, seedLines);
        const r = parsePlan(lines.join("\n"));
        const tasks = r.plan?.tasks.length ?? 0;
        // Fewer tasks than the seed has must always come with a diagnostic that says so.
        if (tasks < SEED_TASKS) expect(r.diagnostics.length).toBeGreaterThan(0);
        // Every task that is reported has a lead unit or an error naming its line.
        for (const t of r.plan?.tasks ?? []) {
          if (t.lead.length === 0) expect(r.diagnostics.some((d) => d.severity === "error" && d.line !== null)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 20230301 },
    );
  });

  it("a document cut anywhere keeps every complete task and warns about an incomplete one", () => {
    const text = seedLines.join("\n");
    fc.assert(
      fc.property(fc.integer({ min: text.indexOf("1．地区"), max: text.length }), (cut) => {
        const part = text.slice(0, cut);
        const r = parsePlan(part);
        // Tasks whose unit line is complete in the cut text (it ends with 。 and a newline follows).
        const complete = (part.match(/\n牵头单位：[^\n]*。(?=\n)/g) ?? []).length;
        const tasks = r.plan?.tasks.length ?? 0;
        expect(tasks).toBeGreaterThanOrEqual(complete);
        const started = (part.match(/\n(\[bookmark: _GoBack\])?\d+[．.]/g) ?? []).length;
        if (tasks < started) expect(r.diagnostics.some((d) => d.code === "truncated" || d.code === "not-a-plan")).toBe(true);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe("any input", () => {
  const piece = fc.constantFrom(
    "一、",
    "（一）",
    "1．",
    "2.",
    "（1）",
    "序号",
    "工作任务",
    "牵头单位",
    "责任单位",
    "\t",
    "\n",
    "、",
    "；",
    "：",
    "（",
    "）",
    "区发展改革委",
    "各乡镇（街道）",
    "增长7%以上",
    "5.5%以内",
    "牵头",
    "配合",
    "负责",
    "等",
    "第一部分",
    "附件：",
    "2023年3月1日",
    "<table><tr><td>",
    "</td><td>",
    "</td></tr></table>",
    '<td rowspan="2">',
    '<td colspan="3">',
    "<h1>",
    "</h1>",
    "<p>",
    "</p>",
    "<ol><li>",
    "</li></ol>",
  );
  const doc = fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 120 }).map((xs) => xs.join(""));

  it("parses without throwing, as text or as .docx HTML, and every task it reports is valid", () => {
    fc.assert(
      fc.property(doc, (s) => {
        for (const text of [s, docxHtmlToText(s)]) {
          const r = parsePlan(text);
          for (const t of r.plan?.tasks ?? []) expect(t.id).toBeGreaterThan(0);
          if (!r.plan) expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
        }
      }),
      { numRuns: 400, seed: 42 },
    );
  });
});

/**
 * Sections written in the genre's shapes, old and new (issue 13), mixed at random in one document:
 * each shape writes `count` tasks, numbered on in document order, with units it knows.
 */
describe("any mix of the genre's shapes", () => {
  const UNITS = ["区发展改革委", "区财政局", "区民政局", "区交通局", "各乡镇（街道）"];
  type Shape = (first: number, count: number, section: string) => string[];
  const unitsOf = (n: number) => [UNITS[n % UNITS.length]!, UNITS[(n + 2) % UNITS.length]!];
  const tasks = (first: number, count: number, unitLines: (n: number) => string[], numbering = (n: number) => `${n}．`) =>
    Array.from({ length: count }, (_, i) => first + i).flatMap((n) => [`${numbering(n)}新建项目${n}个，投资增长${n}%。`, ...unitLines(n)]);
  const shapes: Record<string, Shape> = {
    "lead and responsible lines": (f, c, s) => [`${s}、重点工作`, ...tasks(f, c, (n) => [`牵头单位：${unitsOf(n)[0]}`, `责任单位：${unitsOf(n)[1]}。`])],
    "responsible only": (f, c, s) => [`${s}、稳增长`, ...tasks(f, c, (n) => [`责任单位：${unitsOf(n).join("、")}`])],
    "the first-listed note": (f, c, s) => [
      `${s}、惠民生`,
      ...tasks(f, c, (n) => [`责任单位：${unitsOf(n).join("、")}${n === f ? "（列第一位者为牵头单位，下同）" : ""}`]),
    ],
    "ASCII brackets": (f, c, s) => [`${s}、改革`, ...tasks(f, c, (n) => [`[牵头单位:${unitsOf(n)[0]};责任单位:${unitsOf(n)[1]}]`])],
    "inline block": (f, c, s) => [`${s}、开放`, ...tasks(f, c, () => []).map((l) => `${l}（牵头单位：区财政局；配合单位：区 交通局）`)],
    "lead in the heading": (f, c, s) => [`${s}、区发展改革委牵头工作（${c}项）`, ...tasks(f, c, () => [])],
    "（1） sub-items inside a task": (f, c, s) => [
      `${s}、城建`,
      ...tasks(f, c, (n) => ["（1）新建道路3公里；", "（2）改造管网5公里。", `牵头单位：${unitsOf(n)[0]}`]),
    ],
  };
  const NUMERALS = "一二三四五六七八九十";
  const section = fc.record({ shape: fc.constantFrom(...Object.keys(shapes)), count: fc.integer({ min: 1, max: 4 }) });
  const mix = fc.record({ numeralTasks: fc.integer({ min: 0, max: 3 }), sections: fc.array(section, { minLength: 1, maxLength: 6 }) });

  it("parses without throwing and keeps every numbered task", () => {
    fc.assert(
      fc.property(mix, ({ numeralTasks, sections }) => {
        const lines: string[] = ["某区2024年政府工作报告目标任务分解方案"];
        let s = 0;
        // 主要预期目标 as tasks numbered （一）（二）… under the first heading
        if (numeralTasks > 0) {
          lines.push(`${NUMERALS[s++]}、主要预期目标`);
          for (let i = 0; i < numeralTasks; i++) lines.push(`（${NUMERALS[i]}）地区生产总值增长${6 + i}%左右。`, "责任单位：区发展改革委、区统计局");
        }
        let next = 1;
        for (const { shape, count } of sections) {
          lines.push(...shapes[shape]!(next, count, NUMERALS[s++]!));
          next += count;
        }
        const written = numeralTasks + next - 1;
        const r = parsePlan(lines.join("\n"));
        expect(r.plan, JSON.stringify(r.diagnostics)).not.toBeNull();
        const got = r.plan!.tasks;
        expect(got.length, JSON.stringify(r.diagnostics)).toBe(written);
        expect(new Set(got.map((t) => t.id)).size).toBe(written);
        for (const t of got) expect(t.lead.length + t.responsible.length, `task ${t.id}`).toBeGreaterThan(0);
        for (const u of r.plan!.units) expect(u.name).not.toMatch(/[\s:：;；\[\]]|第一位/);
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
