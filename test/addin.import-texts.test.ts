/** 写入台账's words (addin/taskpane/import-texts.ts): the question before a rewrite, the status after a write. */
import { describe, expect, it } from "vitest";
import type { ImportResult } from "../addin/excel/ledger.officejs";
import { importSummary, rewriteQuestion } from "../addin/taskpane/import-texts";
import { SHEETS, SHEET_ORDER } from "../shared/workbook/labels";

const all = SHEET_ORDER.map((k) => SHEETS[k]);
const result = (warnings: string[], kept: ImportResult["kept"] = null): ImportResult => ({
  report: { syncs: 5, requestBytes: [], sheets: all, removedBlank: null, replaced: [], warnings, attempts: 1 } as unknown as ImportResult["report"],
  changes: null,
  changesText: null,
  kept,
});

describe("rewriteQuestion", () => {
  it("asks nothing when no ledger sheet is there", () => {
    expect(rewriteQuestion({ sheets: [], filled: false, protected: false })).toBeNull();
  });
  it("says what an update does: entries follow their task, removed tasks go to 归档, the password", () => {
    const q = rewriteQuestion({ sheets: all, filled: true, protected: true })!;
    expect(q).toMatch(/^本工作簿已有台账（任务、指标等 8 张工作表）/);
    expect(q).toMatch(/跟随各自的任务保留/);
    expect(q).toContain(`移入“${SHEETS.archive}”表`);
    expect(q).toMatch(/原密码/);
    expect(q).toMatch(/是否继续？$/);
    expect(rewriteQuestion({ sheets: all, filled: true, protected: false })).not.toMatch(/密码/);
  });
  it("sheets without tasks: their contents are replaced, nothing goes to 归档", () => {
    const q = rewriteQuestion({ sheets: [SHEETS.tasks], filled: false, protected: false })!;
    expect(q).toMatch(/（任务），其中还没有任务。写入会改写这些工作表的内容/);
    expect(q).not.toContain(SHEETS.archive);
  });
});

describe("importSummary", () => {
  it("a clean write is ok; the writer's warnings follow, each on a line, and make it a warning", () => {
    expect(importSummary(result([]), 117)).toEqual({ text: `已写入 8 张工作表（${all.join("、")}），117 项任务。`, kind: "ok" });
    const w = importSummary(result(["打印设置未能全部完成（参数无效）：台账已写入并受保护。"], { entries: 3, actuals: 2, archived: 1 }), 117);
    expect(w.kind).toBe("warn");
    expect(w.text.split("\n")).toEqual([
      `已写入 8 张工作表（${all.join("、")}），117 项任务。`,
      "已更新现有台账：保留填报 3 条、实际值 2 个；归档 1 行。变化见下方。",
      "注意：打印设置未能全部完成（参数无效）：台账已写入并受保护。",
    ]);
  });
});
