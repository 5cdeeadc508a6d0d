import { describe, expect, it } from "vitest";
import { cellAddress } from "../shared/vocabulary";
import { cellError, cellNumber, cellStatus, cellText, isBlank, labelKey } from "../shared/workbook/reader.cells";

describe("cellText", () => {
  it("joins LibreOffice rich text runs", () => {
    expect(cellText({ richText: [{ text: "新建5G" }, { font: { bold: true }, text: "基站 " }] })).toBe("新建5G基站");
  });
  it("takes a formula's cached result, for plain and shared formulas", () => {
    expect(cellText({ formula: "A1&B1", result: "序时推进" })).toBe("序时推进");
    expect(cellText({ sharedFormula: "C2", result: 3 })).toBe("3");
    expect(cellText({ formula: "A1", result: undefined })).toBe("");
  });
  it("treats blank, empty string and spaces alike and trims trailing spaces of every kind", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
    expect(cellText("")).toBe("");
    expect(isBlank("  \u3000\u00a0")).toBe(true);
    expect(cellText("推进顺利 \u3000")).toBe("推进顺利");
    expect(cellText("第一行\r\n第二行")).toBe("第一行\n第二行");
  });
  it("prints numbers without float noise and reads hyperlinks", () => {
    expect(cellText(0.1 + 0.2)).toBe("0.3");
    expect(cellText({ text: "见附件", hyperlink: "http://x" })).toBe("见附件");
  });
});

describe("cellNumber", () => {
  const ok = (value: number | null) => ({ ok: true, value });
  it("reads numbers, numbers stored as text and blanks", () => {
    expect(cellNumber(12.5)).toEqual(ok(12.5));
    expect(cellNumber(" 12.5 ")).toEqual(ok(12.5));
    expect(cellNumber("")).toEqual(ok(null));
    expect(cellNumber(null)).toEqual(ok(null));
    expect(cellNumber("-3")).toEqual(ok(-3));
  });
  it("reads full-width digits, points and minus signs", () => {
    expect(cellNumber("１２．５")).toEqual(ok(12.5));
    expect(cellNumber("１２.５")).toEqual(ok(12.5));
    expect(cellNumber("－２")).toEqual(ok(-2));
    expect(cellNumber("\u22123.5")).toEqual(ok(-3.5));
  });
  it("removes thousands separators but not decimal commas", () => {
    expect(cellNumber("1,234")).toEqual(ok(1234));
    expect(cellNumber("1，234，567.5")).toEqual(ok(1234567.5));
    expect(cellNumber("12,5")).toMatchObject({ ok: false, reason: "not-a-number" });
  });
  it("reads percent strings as percentage points for % targets and refuses them otherwise", () => {
    expect(cellNumber("12%", { unit: "%" })).toEqual(ok(12));
    expect(cellNumber("１２．５％", { unit: "%" })).toEqual(ok(12.5));
    expect(cellNumber("12%", { unit: "个" })).toMatchObject({ ok: false, reason: "percent-unit" });
    // Excel turns a typed 12.3% into 0.123 with a percent format
    expect(cellNumber(0.123, { unit: "%", numFmt: "0.0%" })).toEqual(ok(12.3));
    expect(cellNumber(0.123, { unit: "亿元", numFmt: "0%" })).toMatchObject({ ok: false, reason: "percent-unit" });
    expect(cellNumber(7, { unit: "%", numFmt: "General" })).toEqual(ok(7));
    expect(cellNumber(7, { unit: "%", numFmt: '0.0"%"' })).toEqual(ok(7));
  });
  it("accepts the target's own unit after the number", () => {
    expect(cellNumber("200个", { unit: "个" })).toEqual(ok(200));
    expect(cellNumber("3.5 亿元", { unit: "亿元" })).toEqual(ok(3.5));
    expect(cellNumber("200个", { unit: "家" })).toMatchObject({ ok: false });
  });
  it("refuses words, dates, booleans and error values", () => {
    expect(cellNumber("约12")).toMatchObject({ ok: false, reason: "not-a-number", text: "约12" });
    expect(cellNumber("已完成")).toMatchObject({ ok: false });
    expect(cellNumber(true)).toMatchObject({ ok: false });
    expect(cellNumber(new Date(2023, 0, 1))).toMatchObject({ ok: false });
    expect(cellNumber({ formula: "1/0", result: { error: "#DIV/0!" } })).toMatchObject({ ok: false, reason: "error-value" });
    expect(cellNumber("#N/A")).toMatchObject({ ok: false, reason: "error-value" });
    expect(cellError({ error: "#REF!" })).toBe("#REF!");
  });
  it("takes the cached result of a formula that a user left in an input cell", () => {
    expect(cellNumber({ formula: "B2*2", result: 40 })).toEqual(ok(40));
  });
});

describe("cellStatus", () => {
  it("matches the vocabulary ignoring stray whitespace", () => {
    expect(cellStatus("已完成")).toEqual({ ok: true, status: "已完成" });
    expect(cellStatus(" 序时推进\u3000")).toEqual({ ok: true, status: "序时推进" });
    expect(cellStatus("滞 后")).toEqual({ ok: true, status: "滞后" });
    expect(cellStatus({ richText: [{ text: "未" }, { text: "启动" }] })).toEqual({ ok: true, status: "未启动" });
  });
  it("reads blank and 未填报 as not reported, and flags unknown words", () => {
    expect(cellStatus("")).toEqual({ ok: true, status: null });
    expect(cellStatus(null)).toEqual({ ok: true, status: null });
    expect(cellStatus("未填报")).toEqual({ ok: true, status: null });
    expect(cellStatus("基本完成")).toEqual({ ok: false, text: "基本完成" });
  });
});

describe("addresses and labels", () => {
  it("names cells in A1 style", () => {
    expect(cellAddress(0, 0)).toBe("A1");
    expect(cellAddress(4, 25)).toBe("Z5");
    expect(cellAddress(9, 26)).toBe("AA10");
    expect(cellAddress(0, 701)).toBe("ZZ1");
    expect(cellAddress(0, 702)).toBe("AAA1");
  });
  it("compares header labels without whitespace, line breaks or bracket width", () => {
    expect(labelKey(" 任务\n内容 ")).toBe("任务内容");
    expect(labelKey("完成率（%）")).toBe("完成率(%)");
  });
});
