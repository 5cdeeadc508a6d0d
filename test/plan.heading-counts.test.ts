/**
 * Headings that state how many tasks they hold ("二、县经开区管委会牵头工作（12项）"): a count that
 * differs from the tasks read under the heading is a warning naming the heading's line, both counts
 * and the tasks read; the count is kept on the section (statedTasks) without touching other plans.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadPlanFile } from "../cli/io/plan-file";
import { statedCount } from "../shared/plan/heading-counts";
import { parsePlan } from "../shared/plan/parse";
import { planRecord, readPlanRecord } from "../shared/plan/record";
import type { Diagnostic } from "../shared/plan/schema";
import { textToDocx } from "./helpers/libreoffice";

const root = join(__dirname, "..");
const LONGSHAN = readFileSync(join(root, "test/fixtures/genre/longshan-2024-heading-leads.txt"), "utf8");
const SEED = readFileSync(join(root, "seeds/liangping-2023.txt"), "utf8");

/** The text with one exact passage replaced (fails when the passage is not there: the variant would be the original). */
function variant(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

const countWarnings = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === "heading-count");
const parsed = (text: string) => {
  const r = parsePlan(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r;
};

/** Task 3 of the first section, the last under a heading: numbering restarts per section, so only the count shows it is gone. */
const TASK_3 = "3．推进县城北部新区建设，年底前完成规划编制。\n";
const withoutTask3 = () => variant(LONGSHAN, TASK_3, "");

describe("the count a heading states", () => {
  it("is read in its written forms, at the end of the title only", () => {
    expect(statedCount("县经开区管委会牵头工作（12项）")).toBe(12);
    expect(statedCount("稳定经济增长（12 项）")).toBe(12);
    expect(statedCount("稳定经济增长(12项)")).toBe(12);
    expect(statedCount("稳定经济增长（１２项）")).toBe(12);
    expect(statedCount("稳定经济增长（十二项）")).toBe(12);
    expect(statedCount("稳定经济增长（共8项）")).toBe(8);
    expect(statedCount("县经开区管委会牵头工作，共12项")).toBe(12);
    expect(statedCount("重点工作任务共二十项：")).toBe(20);
    expect(statedCount("稳定经济增长")).toBeNull();
    expect(statedCount("实施重点项目12项")).toBeNull();
    expect(statedCount("（12项）重点工作之外")).toBeNull();
  });
});

describe("headings whose stated count is checked against the tasks read", () => {
  it("the longshan fixture, whose counts are right: no warning, the counts kept on the sections, titles as written", () => {
    const { plan, diagnostics } = parsed(LONGSHAN);
    expect(countWarnings(diagnostics)).toEqual([]);
    expect(plan!.sections.map((s) => [s.title, s.statedTasks])).toEqual([
      ["县发展改革委牵头工作（3项）", 3],
      ["县经开区管委会牵头工作（2项）", 2],
      ["县教委、县卫生健康委牵头工作（1项）", 1],
    ]);
  });

  it("a task lost at the end of a section (numbering restarts, so nothing else notices): the heading's line, both counts, the tasks read", () => {
    const { plan, diagnostics } = parsed(withoutTask3());
    expect(plan!.tasks).toHaveLength(5);
    expect(countWarnings(diagnostics)).toEqual([
      { severity: "warning", line: 2, code: "heading-count", message: "标题“一、县发展改革委牵头工作（3项）”写明 3 项，读到 2 项（任务 1–2）" },
    ]);
  });

  it("a task split by a stray number in its text: one task too many under its heading", () => {
    const split = variant(LONGSHAN, "3．推进县城北部新区建设，年底前完成规划编制。", "3．推进县城北部新区建设，\n4．年底前完成规划编制。");
    const { plan, diagnostics } = parsed(split);
    expect(plan!.tasks).toHaveLength(7);
    expect(countWarnings(diagnostics)).toEqual([
      { severity: "warning", line: 2, code: "heading-count", message: "标题“一、县发展改革委牵头工作（3项）”写明 3 项，读到 4 项（任务 1–4）" },
    ]);
  });

  it("a count in Chinese numerals (（三项）), with full-width digits or spaces: read the same", () => {
    const numerals = variant(variant(withoutTask3(), "（3项）", "（三项）"), "（2项）", "（２ 项）");
    const { plan, diagnostics } = parsed(numerals);
    expect(plan!.sections.map((s) => s.statedTasks)).toEqual([3, 2, 1]);
    expect(countWarnings(diagnostics).map((d) => d.message)).toEqual(["标题“一、县发展改革委牵头工作（三项）”写明 3 项，读到 2 项（任务 1–2）"]);
    // A task moved to the second section: its count is now wrong too, the first's right.
    const moved = variant(variant(LONGSHAN, TASK_3, ""), "配合单位：县经济信息委、县税务局\n", `配合单位：县经济信息委、县税务局\n${TASK_3}`);
    expect(countWarnings(parsed(moved).diagnostics).map((d) => d.message)).toEqual([
      "标题“一、县发展改革委牵头工作（3项）”写明 3 项，读到 2 项（任务 1–2）",
      "标题“二、县经开区管委会牵头工作（2项）”写明 2 项，读到 3 项（任务 3–5）",
    ]);
  });

  const SUBSECTIONS = [
    "某区2024年重点工作任务分解方案",
    "一、主要预期目标（共3项）",
    "（一）稳定经济增长（2项）",
    "1．地区生产总值增长6%。",
    "牵头单位：区发展改革委",
    "2．规上工业增加值增长8%。",
    "牵头单位：区经济信息委",
    "（二）扩大有效投资（1项）",
    "3．固定资产投资增长8%。",
    "牵头单位：区发展改革委",
    "二、民生保障（1项）",
    "4．新增城镇就业1.5万人。",
    "牵头单位：区人力社保局",
    "",
  ].join("\n");

  it("counts on subsections: each subsection's own tasks, the section's all of its subsections' tasks", () => {
    const { plan, diagnostics } = parsed(SUBSECTIONS);
    expect(countWarnings(diagnostics)).toEqual([]);
    expect(plan!.sections.map((s) => [s.statedTasks, s.subsections.map((sub) => sub.statedTasks)])).toEqual([
      [3, [2, 1]],
      [1, []],
    ]);
    // Task 2 lost (also a numbering error): its subsection and its section say so (ids first–last); the others do not.
    const lost = variant(SUBSECTIONS, "2．规上工业增加值增长8%。\n牵头单位：区经济信息委\n", "");
    expect(countWarnings(parsePlan(lost).diagnostics).map((d) => d.message)).toEqual([
      "标题“一、主要预期目标（共3项）”写明 3 项，读到 2 项（任务 1–3）",
      "标题“（一）稳定经济增长（2项）”写明 2 项，读到 1 项（任务 1）",
    ]);
    // A subsection's count wrong while its section's is right (a typing slip in the plan): only the subsection.
    const slip = variant(SUBSECTIONS, "（二）扩大有效投资（1项）", "（二）扩大有效投资（2项）");
    expect(countWarnings(parsePlan(slip).diagnostics).map((d) => d.message)).toEqual(["标题“（二）扩大有效投资（2项）”写明 2 项，读到 1 项（任务 3）"]);
  });

  it("a table (tab-separated rows) with counts on its section rows: checked the same", () => {
    const table = [
      "某区2024年重点工作任务分解方案",
      "序号\t工作任务\t牵头单位\t责任单位",
      "一、稳定经济增长（2项）",
      "1\t地区生产总值增长6%。\t区发展改革委\t区统计局",
      "2\t规上工业增加值增长8%。\t区经济信息委\t区统计局",
      "二、扩大有效投资（共3项）",
      "1\t固定资产投资增长8%。\t区发展改革委\t区财政局",
      "2\t新开工项目50个。\t区发展改革委\t区住房城乡建委",
      "",
    ].join("\n");
    expect(countWarnings(parsePlan(table).diagnostics)).toEqual([
      { severity: "warning", line: 6, code: "heading-count", message: "标题“二、扩大有效投资（共3项）”写明 3 项，读到 2 项（任务 3–4）" },
    ]);
  });

  it("a count after a comma (…牵头工作，共2项) still lets the heading name the lead", () => {
    const comma = variant(LONGSHAN, "二、县经开区管委会牵头工作（2项）", "二、县经开区管委会牵头工作，共2项");
    const { plan, diagnostics } = parsed(comma);
    expect(countWarnings(diagnostics)).toEqual([]);
    expect(plan!.tasks.filter((t) => t.section === "二").map((t) => t.lead)).toEqual([["县经开区管委会"], ["县经开区管委会"]]);
  });

  it("the seed plan, whose headings state no count: no new warning, its record holds no statedTasks", () => {
    const { plan, diagnostics } = parsePlan(SEED);
    expect(countWarnings(diagnostics)).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(["units-run-together"]);
    expect(planRecord(plan!).json).not.toContain("statedTasks");
  });

  it("a record written before counts were kept reads back to the same hash (merge and split judge plans by it)", () => {
    const plan = parsed(LONGSHAN).plan!;
    const old = { ...plan, sections: plan.sections.map(({ statedTasks: _s, ...s }) => s) };
    const r = planRecord(old);
    expect(r.json).not.toContain("statedTasks");
    const back = readPlanRecord(r.json, r.sha256);
    expect(back.ok && planRecord(back.plan).sha256).toBe(r.sha256);
    expect(planRecord(plan).json).toContain('"statedTasks":3');
  });
});

describe("heading counts at the edges", () => {
  it("parse --json prints the warning inside the plan (exit 0: a warning)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "heading-counts-"));
    const file = join(dir, "lost.txt");
    writeFileSync(file, withoutTask3());
    const { stdout } = await promisify(execFile)("node", [join(root, "bin/plan-ledger.js"), "parse", file, "--json"], {
      env: { ...process.env, PLAN_LEDGER_SKIP_SETUP: "1" },
    });
    const out = JSON.parse(stdout) as { sections: { statedTasks?: number }[]; diagnostics: Diagnostic[] };
    expect(countWarnings(out.diagnostics)).toEqual([
      { severity: "warning", line: 2, code: "heading-count", message: "标题“一、县发展改革委牵头工作（3项）”写明 3 项，读到 2 项（任务 1–2）" },
    ]);
    expect(out.sections.map((s) => s.statedTasks)).toEqual([3, 2, 1]);
  });

  it("a .docx of the plan (LibreOffice): the same warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "heading-counts-"));
    const txt = join(dir, "lost.txt");
    writeFileSync(txt, withoutTask3());
    const loaded = await loadPlanFile(await textToDocx(txt));
    expect(countWarnings(loaded.diagnostics).map((d) => d.message)).toEqual(["标题“一、县发展改革委牵头工作（3项）”写明 3 项，读到 2 项（任务 1–2）"]);
  }, 120_000);
});
