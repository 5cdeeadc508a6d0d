import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { buildLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import type { SheetLayout, WorkbookLayout } from "../shared/workbook/layout.types";
import { DEMO_MARK, HEADER_ROW, NAMES, SHEETS, TARGET_COLUMNS, TASK_COLUMNS, UNIT_COLUMNS, SUMMARY_COLUMNS, quarterLabels } from "../shared/workbook/labels";
import { COMPARATOR } from "../shared/vocabulary";
import { smallPlan } from "./helpers/small-plan";

const sheet = (l: WorkbookLayout, key: SheetLayout["key"]) => l.sheets.find((s) => s.key === key)!;
const headers = (s: SheetLayout) => s.rows[HEADER_ROW - 1]!.cells.map((c) => c?.value);
const formulas = (l: WorkbookLayout) => l.sheets.flatMap((s) => s.rows.flatMap((r) => r.cells.flatMap((c) => (c?.formula ? [c.formula] : []))));
const rowsOf = (range: string) => [...range.matchAll(/[A-Z]+(\d+)/g)].map((m) => Number(m[1]));

// Functions Excel 2016, WPS and LibreOffice 7.4 all compute.
const ALLOWED = new Set([
  "CHOOSE",
  "INDEX",
  "MATCH",
  "IF",
  "IFERROR",
  "AND",
  "OR",
  "ABS",
  "COUNTIF",
  "COUNTIFS",
  "SUMIF",
  "SUMPRODUCT",
  "ISNUMBER",
  "FIND",
  "RANK",
  "SUM",
  "TRIM",
  "LEN",
]);

describe("buildLayout", () => {
  const plan = smallPlan();
  const layout = buildLayout(plan, { settings: { quarter: 2 } });

  it("lays out the eight sheets in order (the plan record last, very hidden), with the labels readers look for", () => {
    expect(layout.sheets.map((s) => s.name)).toEqual(["说明", "任务", "指标", "单位", "汇总", "设置", "归档", "方案记录"]);
    expect(layout.sheets.map((s) => s.visibility ?? "visible")).toEqual([...Array(7).fill("visible"), "veryHidden"]);
    const q1 = quarterLabels(1);
    expect(headers(sheet(layout, "tasks")).slice(0, 10)).toEqual([
      TASK_COLUMNS.id,
      TASK_COLUMNS.section,
      TASK_COLUMNS.subsection,
      TASK_COLUMNS.text,
      TASK_COLUMNS.lead,
      TASK_COLUMNS.responsible,
      "一季度状态",
      "一季度进展情况",
      "一季度存在问题",
      "一季度下步打算",
    ]);
    expect(q1).toEqual({ status: "一季度状态", progress: "一季度进展情况", problems: "一季度存在问题", nextSteps: "一季度下步打算", actual: "一季度实际值" });
    expect(headers(sheet(layout, "tasks")).slice(-3)).toEqual([TASK_COLUMNS.currentStatus, TASK_COLUMNS.completion, TASK_COLUMNS.warning]);
    expect(headers(sheet(layout, "targets"))).toContain(quarterLabels(4).actual);
    expect(headers(sheet(layout, "targets"))).toContain(TARGET_COLUMNS.state);
    expect(headers(sheet(layout, "units"))).toEqual(Object.values(UNIT_COLUMNS));
    expect(headers(sheet(layout, "summary"))).toEqual(Object.values(SUMMARY_COLUMNS));
  });

  it("has one row per task, per target and per unit, and a summary row per section plus the total", () => {
    expect(sheet(layout, "tasks").rows.length).toBe(HEADER_ROW + plan.tasks.length);
    expect(sheet(layout, "targets").rows.length).toBe(HEADER_ROW + 4);
    expect(sheet(layout, "units").rows.length).toBe(HEADER_ROW + plan.units.length);
    expect(
      sheet(layout, "summary")
        .rows.map((r) => r.cells[0]?.value)
        .slice(HEADER_ROW),
    ).toEqual(["一", "二", "全部"]);
  });

  it("stores comparators as words, never as operators", () => {
    const t = sheet(layout, "targets");
    const col = headers(t).indexOf(TARGET_COLUMNS.comparator);
    const words = t.rows.slice(HEADER_ROW).map((r) => r.cells[col]?.value);
    expect(words).toEqual([COMPARATOR[">="].word, COMPARATOR["<="].word, COMPARATOR[">="].word, COMPARATOR["~"].word]);
    expect(words.some((w) => /[<>=~]/.test(String(w)))).toBe(false);
  });

  it("uses only functions every target engine computes and reads settings only through names", () => {
    const fs = formulas(layout);
    expect(fs.length).toBeGreaterThan(50);
    const used = new Set(fs.flatMap((f) => [...f.replace(/"[^"]*"/g, "").matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1]!)));
    expect([...used].filter((f) => !ALLOWED.has(f))).toEqual([]);
    expect(fs.filter((f) => f.includes(SHEETS.settings))).toEqual([]);
    for (const n of Object.values(NAMES))
      expect(
        fs.some((f) => f.includes(n)),
        n,
      ).toBe(true);
  });

  it("names point at the 设置 cells holding the settings", () => {
    const s = sheet(layout, "settings");
    const value = (a1: string) => {
      const m = /^\$?([A-Z])\$?(\d+)/.exec(a1)!;
      return s.rows[Number(m[2]) - 1]!.cells[m[1]!.charCodeAt(0) - 65]?.value;
    };
    const byName = Object.fromEntries(layout.names.map((n) => [n.name, n]));
    expect(value(byName[NAMES.quarter]!.range)).toBe(2);
    expect(value(byName[NAMES.leadWeight]!.range)).toBe(1);
    expect(value(byName[NAMES.statusList]!.range)).toBe("已完成");
    expect(byName[NAMES.pace]!.refersTo).toBe("'设置'!$B$15:$B$18");
  });

  it("validates only used rows, prompts the target and unit, and limits text", () => {
    for (const s of layout.sheets) {
      for (const v of s.validations) {
        expect(v.range).toMatch(/^[A-Z]+\d+(:[A-Z]+\d+)?$/);
        if (s.data) for (const r of rowsOf(v.range)) expect(r).toBeLessThanOrEqual(Math.max(s.data.lastRow, 18));
      }
      for (const cf of s.conditionalFormats)
        if (s.data)
          for (const r of rowsOf(cf.range)) {
            expect(r).toBeGreaterThanOrEqual(s.data.firstRow);
            expect(r).toBeLessThanOrEqual(s.data.lastRow);
          }
    }
    const t = sheet(layout, "targets");
    expect(t.validations[0]).toMatchObject({ range: "K3:N3", type: "decimal", prompt: { text: expect.stringContaining("不低于7%") } });
    expect(t.validations[0]!.min).toBeLessThan(0); // a rate may fall
    expect(t.validations[2]).toMatchObject({ operator: "greaterThanOrEqual", min: 0, prompt: { text: expect.stringContaining("200个") } });
    const tasks = sheet(layout, "tasks");
    expect(tasks.validations.filter((v) => v.type === "list").map((v) => v.list)).toEqual(Array(4).fill(["已完成", "序时推进", "滞后", "未启动"]));
    expect(tasks.validations.find((v) => v.type === "textLength")).toMatchObject({
      operator: "lessThanOrEqual",
      error: { text: expect.stringMatching(/字以内/) },
    });
  });

  it("unlocks exactly the input columns; formula and plan cells stay locked", () => {
    for (const key of ["tasks", "targets"] as const) {
      const s = sheet(layout, key);
      for (const c of s.columns) {
        const locked = layout.styles[c.style]!.locked !== false;
        expect(locked, `${s.name} ${c.label}`).toBe(!c.input);
      }
      expect(s.protection).toMatchObject({ password: null, allow: { autoFilter: true, selectUnlockedCells: true } });
    }
    expect(buildLayout(plan, { password: "x" }).sheets.every((s) => s.protection?.password === "x")).toBe(true);
  });

  it("states row heights that show wrapped text, and prints the wide task sheet across pages with titles", () => {
    const tasks = sheet(layout, "tasks");
    const heights = tasks.rows.slice(HEADER_ROW).map((r) => r.height!);
    expect(heights.every((h) => h >= 18)).toBe(true);
    const long = buildLayout({ ...plan, tasks: [{ ...plan.tasks[0]!, text: "推进".repeat(200) }] });
    expect(sheet(long, "tasks").rows[HEADER_ROW]!.height).toBeGreaterThan(heights[0]! * 5);
    expect(tasks.print).toMatchObject({ paper: "A4", orientation: "landscape", fitToWidth: false, titleRows: "1:2", titleColumns: "A:D" });
    expect(sheet(layout, "targets").print).toMatchObject({ fitToWidth: true, titleRows: "1:2" });
  });

  it("marks every sheet 演示数据 when asked, and none otherwise", () => {
    const demo = buildLayout(plan, { demo: true });
    for (const s of demo.sheets) expect(String(s.rows[0]!.cells[0]!.value), s.name).toContain(DEMO_MARK);
    for (const s of layout.sheets) expect(JSON.stringify(s.rows.slice(0, 3))).not.toContain(DEMO_MARK);
    expect(demo.metadata.demo).toBe(true);
  });

  it("is pure data: no layout module imports exceljs or Office.js", () => {
    const files = readdirSync(new URL("../shared/workbook/", import.meta.url)).filter(
      (f) => f.startsWith("layout") || f.startsWith("sheet.") || f === "labels.ts",
    );
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const src = readFileSync(new URL(`../shared/workbook/${f}`, import.meta.url), "utf8");
      expect(src, f).not.toMatch(/from "exceljs"|from "@microsoft|Excel\.run|Office\.context/);
    }
    expect(JSON.parse(JSON.stringify(layout))).toEqual(layout);
  });
});

describe("the exceljs writer", () => {
  it("renders names, validations, protection, frozen panes, filters and print titles", async () => {
    const layout = buildLayout(smallPlan(), {
      settings: { quarter: 2 },
      entries: [{ taskId: 1, quarter: 2, status: "滞后", progress: "进展", problems: "", nextSteps: "" }],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook(layout)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(layout.sheets.map((s) => s.name));
    const ws = wb.getWorksheet("任务")!;
    expect(ws.getCell("K3").value).toBe("滞后");
    expect(ws.getCell("W3").value).toMatchObject({ formula: expect.stringContaining("CHOOSE(CurrentQuarter") });
    expect((ws.getCell("W3").value as { result?: unknown }).result).toBeUndefined();
    expect(ws.getCell("K3").protection?.locked).toBe(false);
    expect(ws.getCell("D3").protection?.locked).not.toBe(false); // locked is the default
    expect(ws.getCell("G3").dataValidation).toMatchObject({ type: "list", formulae: ['"已完成,序时推进,滞后,未启动"'] });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 4 });
    expect(ws.autoFilter).toBe("A2:Y6");
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, printTitlesRow: "1:2" });
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(wb.definedNames.getRanges("CurrentQuarter").ranges).toEqual(["'设置'!$B$3"]);
    expect(wb.getWorksheet("设置")!.getCell("B3").value).toBe(2);
  });
});
