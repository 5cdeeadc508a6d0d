import { describe, expect, it } from "vitest";
import type { Ledger } from "../shared/ledger/schema";
import { checkLedger, formatProblem, problemsByUnit } from "../shared/workbook/check";
import { readLedger } from "../shared/workbook/reader";
import { LedgerReadError, type WorkbookGrid } from "../shared/workbook/reader.grid";
import { ledgerToGrid, setCell } from "./fixtures/ledger/grid";
import { smallLedger } from "./fixtures/ledger/plans";

/**
 * The Ledger the reader can give back: target texts are rebuilt from the row; leaders and subsection
 * titles are not in the workbook.
 */
function readable(l: Ledger): Ledger {
  const words: Record<string, string> = { ">=": "不低于", "<=": "不高于" };
  return {
    ...l,
    plan: {
      ...l.plan,
      sections: l.plan.sections.map((s) => ({ ...s, subsections: s.subsections.map((x) => ({ ...x, title: "" })) })),
      tasks: l.plan.tasks.map((t) => ({
        ...t,
        leaders: [],
        targets: t.targets.map((g) => ({ ...g, text: `${g.name}${words[g.comparator]}${g.value}${g.unit}` })),
      })),
    },
  };
}

function moveColumn(grid: WorkbookGrid, sheet: string, from: number, to: number): void {
  for (const row of grid.sheets.find((s) => s.name === sheet)!.values) {
    while (row.length <= Math.max(from, to)) row.push(null);
    const [v] = row.splice(from, 1);
    row.splice(to, 0, v);
  }
}

describe("readLedger on a plain grid", () => {
  it("gives back exactly the filled ledger, plan included (from the plan record)", () => {
    const l = smallLedger();
    const { ledger, problems } = readLedger(ledgerToGrid(l));
    expect(problems).toEqual([]);
    expect(ledger).toEqual(l);
  });

  it("without a plan record (an older workbook): the plan from the cells, and one warning at 任务!A1", () => {
    const l = smallLedger();
    const { ledger, problems } = readLedger(ledgerToGrid(l, { record: false }));
    expect(problems.map(formatProblem)).toEqual([
      "任务!A1: 无方案记录，按表内内容读取（任务、单位、指标被改动时无法发现）；用 plan-ledger workbook --update 本文件 补上",
    ]);
    expect(problems[0]).toMatchObject({ code: "plan-record-missing", severity: "warning" });
    expect(ledger).toEqual(readable(l));
  });

  it("finds columns by label when they are reordered and extra rows and columns are added", () => {
    const l = smallLedger();
    const grid = ledgerToGrid(l);
    moveColumn(grid, "任务", 3, 20); // 任务内容 to the far right
    moveColumn(grid, "任务", 6, 0); // 一季度状态 first
    moveColumn(grid, "指标", 8, 1); // 二季度实际值 second
    for (const s of grid.sheets)
      if (s.name === "任务" || s.name === "指标") {
        s.values.splice(1, 0, ["填报单位：", "（自行插入的说明行）"]); // a row above the header
        s.values.push([], ["备注", "本表由区政府督查办汇总"]); // notes below
        for (const row of s.values) row.push("自加列");
      }
    const { ledger } = readLedger(grid);
    expect(ledger).toEqual(l);
  });

  it("reads messy cells: rich text, numbers as text, full-width digits, percents, thousands, trailing spaces, cached formula results", () => {
    const grid = ledgerToGrid(smallLedger());
    setCell(grid, "任务", "G3", " 序时推进\u3000"); // status with stray whitespace
    setCell(grid, "任务", "H3", { richText: [{ text: "GDP " }, { text: "增长6.8%", font: { name: "宋体" } }] });
    setCell(grid, "任务", "J3", { formula: '"稳"&"投资"', result: "稳投资 " });
    setCell(grid, "指标", "H3", "６．８"); // full-width, 1.1 is a % target
    setCell(grid, "指标", "I3", "7.1%");
    setCell(grid, "指标", "I4", { sharedFormula: "I3", result: 5.2 });
    setCell(grid, "指标", "H5", "30个");
    setCell(grid, "指标", "I7", "1,250");
    const { ledger, problems } = readLedger(grid);
    // read as meant; where the workbook's own formulas would see something else, a warning says so
    expect(problems.map((p) => [p.severity, p.code, p.cell])).toEqual([
      ["warning", "status-not-exact", "G3"],
      ["warning", "actual-text", "H3"],
      ["warning", "actual-text", "I3"],
      ["warning", "actual-text", "H5"],
      ["warning", "actual-text", "I7"],
    ]);
    expect(problems[0]!.message).toContain("已按“序时推进”读取");
    expect(problems[1]!.message).toBe("一季度实际值“６．８”是文字，已按 6.8 读取，但表内公式只认数字，请重新输入为数字");
    const base = readable(smallLedger());
    expect(ledger.actuals).toEqual(base.actuals);
    expect(ledger.entries[0]).toEqual({ ...base.entries[0], progress: "GDP 增长6.8%" });
  });

  it("reads a typed 12.3% that Excel stored as 0.123 with a percent format", () => {
    const grid = ledgerToGrid(smallLedger());
    setCell(grid, "指标", "J3", 0.123);
    const t = grid.sheets.find((s) => s.name === "指标")!;
    t.numFmts = [];
    t.numFmts[2] = [];
    t.numFmts[2]![9] = "0.0%";
    const { ledger, problems } = readLedger(grid);
    expect(ledger.actuals).toContainEqual({ targetId: "1.1", quarter: 3, value: 12.3 });
    expect(problems).toMatchObject([{ code: "actual-percent-format", cell: "J3", severity: "warning" }]);
  });

  it("applies an origin offset (Office.js used ranges need not start at A1)", () => {
    const grid = ledgerToGrid(smallLedger());
    const s = grid.sheets.find((x) => x.name === "任务")!;
    s.values = s.values.slice(1); // the used range starts at row 2
    s.origin = { row: 1, col: 0 };
    setCell(grid, "指标", "H5", "三十");
    const r = checkLedger(grid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.problems.find((p) => p.code === "status-missing" && p.taskId === 1)?.cell).toBe("O3");
  });

  it("detects the demo mark", () => {
    expect(readLedger(ledgerToGrid({ ...smallLedger(), demo: true })).ledger.demo).toBe(true);
  });
});

describe("not a ledger", () => {
  const fail = (grid: WorkbookGrid) => {
    try {
      readLedger(grid);
    } catch (e) {
      expect(e).toBeInstanceOf(LedgerReadError);
      return e as LedgerReadError;
    }
    throw new Error("read did not fail");
  };
  it("names a missing sheet", () => {
    const grid = ledgerToGrid(smallLedger());
    grid.sheets = grid.sheets.filter((s) => s.name !== "指标");
    const e = fail(grid);
    expect(e.code).toBe("missing-sheet");
    expect(e.message).toContain("缺少工作表“指标”");
  });
  it("names a renamed header", () => {
    const grid = ledgerToGrid(smallLedger());
    setCell(grid, "任务", "J2", "一季度下一步打算");
    const e = fail(grid);
    expect(e.code).toBe("missing-column");
    expect(e.message).toContain("一季度下步打算");
    expect(e.message).toContain("“任务”");
  });
  it("refuses a workbook without sheets and one whose settings lost a row", () => {
    expect(fail({ sheets: [] }).code).toBe("missing-sheet");
    const grid = ledgerToGrid(smallLedger());
    setCell(grid, "设置", "A6", "");
    expect(fail(grid).code).toBe("missing-setting");
  });
});

describe("checkLedger", () => {
  it("lists every problem at its cell with task, quarter and units", () => {
    const grid = ledgerToGrid(smallLedger());
    setCell(grid, "任务", "K4", "基本完成"); // task 2 Q2: unknown word
    setCell(grid, "任务", "O5", "滞后"); // task 3 Q3: lagging without problems
    setCell(grid, "指标", "J5", "约50"); // 3.1 Q3: not a number
    setCell(grid, "指标", "J6", -3); // 3.2 Q3: negative cumulative
    setCell(grid, "指标", "J3", "-0.5"); // 1.1 Q3: rate may fall, but task 1 has no Q3 status
    setCell(grid, "指标", "J7", "12%"); // 5.1 Q3: percent for 户
    const r = checkLedger(grid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.quarter).toBe(3);
    const lines = r.problems.map(formatProblem);
    expect(lines).toEqual([
      "任务!O3: 任务 1 未填报三季度状态",
      "任务!K4: 二季度状态“基本完成”不是规定的状态（已完成、序时推进、滞后、未启动），按未填报处理",
      "任务!O4: 任务 2 未填报三季度状态",
      "任务!Q5: 任务 3 三季度状态为滞后，但未填写存在问题",
      "任务!O6: 任务 4 未填报三季度状态",
      "任务!O7: 任务 5 未填报三季度状态",
      "任务!G8: 任务 6 已填一季度进展，但未填该季度状态",
      "任务!O8: 任务 6 未填报三季度状态",
      "指标!J3: 三季度实际值“-0.5”是文字，已按 -0.5 读取，但表内公式只认数字，请重新输入为数字",
      "指标!J3: 指标 1.1 已填三季度实际值，但任务 1 未填该季度状态",
      "指标!J5: 三季度实际值“约50”不是数字（请只填数字，单位为个）",
      "指标!I6: 指标 3.2 已填二季度实际值，但任务 3 未填该季度状态",
      "指标!J6: 指标 3.2（新增规上工业企业）是累计指标，三季度实际值 -3 不能为负数",
      "指标!J7: 三季度实际值“12%”是百分数，但指标单位是“户”，请填写不带单位的数字",
    ]);
    const neg = r.problems.find((p) => p.code === "actual-negative")!;
    expect(neg).toMatchObject({ sheet: "指标", row: 5, col: 9, taskId: 3, targetId: "3.2", quarter: 3, units: ["区经济信息委", "区政府各部门", "区统计局"] });
    const byUnit = problemsByUnit(r.problems);
    expect(byUnit.find((g) => g.unit === "区人力社保局")!.problems.map((p) => p.cell)).toEqual(["K4", "O4"]);
  });

  it("warns of a cumulative actual that shrinks and of a quarter filled ahead of time", () => {
    const grid = ledgerToGrid({ ...smallLedger(), settings: { ...smallLedger().settings, quarter: 2 } });
    setCell(grid, "指标", "I5", 20); // 3.1: Q1 30 → Q2 20
    setCell(grid, "任务", "S7", "已完成"); // task 5, Q4 status while the ledger is at Q2
    const r = checkLedger(grid);
    if (!r.ok) throw new Error("not ok");
    const warnings = r.problems.filter((p) => p.severity === "warning").map(formatProblem);
    expect(warnings).toEqual([
      "任务!S7: 已填四季度内容，但当前是第 2 季度（填错季度了？）",
      "指标!I5: 指标 3.1（新建5G基站）是累计指标，二季度实际值 20 小于一季度的 30（应填年初至季度末的累计数）",
    ]);
    // a rate may fall: no warning for 1.1 going down
    setCell(grid, "指标", "I3", 6.5);
    const again = checkLedger(grid);
    if (!again.ok) throw new Error("not ok");
    expect(again.problems.filter((p) => p.code === "actual-decreasing")).toHaveLength(1);
  });

  it("reports rows it cannot read instead of dropping them silently", () => {
    const grid = ledgerToGrid(smallLedger());
    setCell(grid, "任务", "A4", "二"); // 序号 not a number
    setCell(grid, "任务", "A6", 3); // duplicate of task 3
    setCell(grid, "任务", "D8", ""); // task 6 lost its text, but has a Q1 entry
    setCell(grid, "任务", "A20", "备注：本表由督查办汇总"); // a note row: ignored
    const r = checkLedger(grid);
    if (!r.ok) throw new Error("not ok");
    expect(r.problems.filter((p) => p.code.startsWith("task-")).map(formatProblem)).toEqual([
      "任务!A4: 序号“二”不是正整数，本行未读取",
      "任务!A6: 序号 3 重复（已在第 5 行），本行未读取",
      "任务!D8: 序号 6 的任务内容为空，本行填报未读取",
    ]);
    // the plan comes from the record: the tasks whose rows could not be read are still in it, unreported, each a problem
    expect(r.read.ledger.plan.tasks.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.problems.filter((p) => p.code === "plan-row-missing").map((p) => [p.taskId, p.cell])).toEqual([
      [2, "A4"],
      [4, "A6"],
      [6, "A8"],
    ]);
    expect(r.read.ledger.entries.filter((e) => [2, 4, 6].includes(e.taskId))).toEqual([]);
    // the targets of a task whose row is broken are still read (task 2's actual)
    expect(r.read.ledger.actuals).toContainEqual({ targetId: "2.1", quarter: 2, value: 5.2 });
    expect(r.problems.filter((p) => p.code === "target-task-unknown")).toEqual([]);
  });

  it("checks the quarter asked for", () => {
    const r = checkLedger(ledgerToGrid(smallLedger()), { quarter: 1 });
    if (!r.ok) throw new Error("not ok");
    expect(r.problems.filter((p) => p.code === "status-missing").map((p) => p.taskId)).toEqual([2, 4, 5, 6]);
  });

  it("returns a fatal error as data for a non-ledger", () => {
    const r = checkLedger({ sheets: [{ name: "Sheet1", values: [["hello"]] }] });
    expect(r).toMatchObject({ ok: false, error: { code: "missing-sheet" } });
  });

  it("reports an invalid setting and still checks the rest", () => {
    const grid = ledgerToGrid(smallLedger());
    setCell(grid, "设置", "B3", "第三季度");
    const r = checkLedger(grid, { quarter: 2 });
    if (!r.ok) throw new Error("not ok");
    expect(r.problems.map(formatProblem)[0]).toBe("设置!B3: 当前季度“第三季度”无效：应为 1、2、3 或 4，各表和评分都按这个季度计算，请改正");
  });
});
