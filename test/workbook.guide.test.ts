/** The 说明 sheet tells staff the truth about the workbook it is in. */
import { describe, expect, it } from "vitest";
import { buildLayout } from "../shared/workbook/layout";
import { smallPlan } from "./fixtures/ledger/plans";

const guideText = (password?: string) =>
  buildLayout(smallPlan(), { settings: { quarter: 1 }, password })
    .sheets.find((s) => s.key === "guide")!
    .rows.flatMap((r) => r.cells.map((c) => String(c?.value ?? "")))
    .join("\n");

describe("说明 sheet", () => {
  it("says the sheets are protected without a password only when there is none", () => {
    expect(guideText()).toContain("表格已保护但未设密码");
    const withPassword = guideText("督查办2023");
    expect(withPassword).not.toContain("未设密码");
    expect(withPassword).toContain("表格已设密码保护");
    expect(withPassword).not.toContain("督查办2023");
  });
  it("says how an implausible actual is treated and how to confirm a real outlier", () => {
    const text = guideText();
    expect(text).toContain("按未填计、不参与达标评价");
    expect(text).toContain("在本行最后的“核实”列选“已核实”");
    expect(text).toContain("超过目标 100 倍");
  });
});
