import { describe, expect, it } from "vitest";
import {
  cellAddress,
  colLetter,
  colNumber,
  comparatorFromCell,
  leadingNumeral,
  parseCellAddress,
  parseChineseNumeral,
  parseChineseYear,
  parseQuarter,
  toAsciiDigits,
  toChineseNumeral,
  unitKindFromWord,
  UNIT_KINDS,
  UNIT_KIND_WORDS,
  COMPARATORS,
  COMPARATOR,
} from "../shared/vocabulary";

describe("Chinese numerals", () => {
  it("reads headings, quantities and plain digits", () => {
    expect(["一", "十", "十二", "二十", "二十三", "两", "一百二十", "九十九", "12"].map(parseChineseNumeral)).toEqual([1, 10, 12, 20, 23, 2, 120, 99, 12]);
  });
  it("refuses lists and other text", () => {
    expect(["一二", "", "十a", "第三"].map(parseChineseNumeral)).toEqual([null, null, null, null]);
  });
  it("reads years digit by digit", () => {
    expect(parseChineseYear("二〇二三")).toBe(2023);
    expect(parseChineseYear("二零二四")).toBe(2024);
    expect(parseChineseYear("二十")).toBeNull();
  });
  it("writes what it reads, 1 to 99", () => {
    for (let n = 1; n <= 99; n++) expect(parseChineseNumeral(toChineseNumeral(n))).toBe(n);
    expect([1, 10, 11, 20, 21].map(toChineseNumeral)).toEqual(["一", "十", "十一", "二十", "二十一"]);
  });
  it("finds the numeral a heading starts with", () => {
    expect(leadingNumeral("二、重点工作")).toBe("二");
    expect(leadingNumeral("（三）")).toBe("三");
    expect(leadingNumeral("(十一)稳增长")).toBe("十一");
    expect(leadingNumeral("重点工作")).toBeNull();
  });
});

describe("full-width digits", () => {
  it("maps ０–９ and nothing else, keeping the length", () => {
    expect(toAsciiDigits("１２．５％")).toBe("12．5％");
    expect(toAsciiDigits("第１０条").length).toBe(4);
  });
});

describe("cell addresses", () => {
  it("codes every column Excel has, both ways", () => {
    for (const n of [1, 26, 27, 52, 53, 702, 703, 16384]) expect(colNumber(colLetter(n))).toBe(n);
    expect([1, 26, 27, 702, 703, 16384].map(colLetter)).toEqual(["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
  });
  it("0-based positions ↔ A1", () => {
    expect(cellAddress(6, 27)).toBe("AB7");
    expect(parseCellAddress("$AB$7")).toEqual({ row: 6, col: 27 });
    expect(parseCellAddress("7AB")).toBeNull();
  });
});

describe("words", () => {
  it("reads back every comparator by its word and its symbol", () => {
    for (const c of COMPARATORS) {
      expect(comparatorFromCell(COMPARATOR[c].word)).toBe(c);
      expect(comparatorFromCell(` ${COMPARATOR[c].symbol} `)).toBe(c);
    }
    expect(comparatorFromCell("大约")).toBeNull();
  });
  it("reads back every unit kind by its word", () => {
    for (const k of UNIT_KINDS) expect(unitKindFromWord(UNIT_KIND_WORDS[k])).toBe(k);
    expect(unitKindFromWord("国有企业")).toBeNull();
  });
  it("reads a quarter as people write it", () => {
    expect([3, "3", "３", "Q3", "q3", "三季度", "第三季度", "三"].map(parseQuarter)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
    expect([0, 5, 2.5, "", "Q5", "五季度", null].map(parseQuarter)).toEqual([null, null, null, null, null, null, null]);
  });
});
