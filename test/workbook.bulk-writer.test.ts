/**
 * The writer's bulk rows (writer.bulk.ts): 变更记录's rows and 方案记录 written as sheet XML after
 * exceljs. What they hold reads back as written (texts XML must escape, numbers, empty cells), with
 * the column's style (text cells stay text), and a plan's 方案记录 is the same bytes in two files
 * whose other sheets differ (so a split deflates it once).
 */
import { describe, expect, it } from "vitest";
import { inflateSync, strFromU8, strToU8, unzipSync } from "fflate";
import { mergedLayout } from "../shared/collect/layout";
import type { ChangeRow } from "../shared/workbook/sheet.changelog";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { DeflateReuse } from "../shared/workbook/writer.bulk";
import { splitBase, unitWorkbookLayout } from "../shared/workbook/unit-workbook";
import { unitsToSplit } from "../shared/collect/scope";
import { readLedger } from "../shared/workbook/reader";
import { SHEETS } from "../shared/workbook/labels";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { smallLedger } from "./fixtures/ledger/plans";

const TRICKY = ["a & b < c > d", "=SUM(A1)", "-5", "0012", "  两端空格  ", "引号\"'", "行一\n行二", "控制\u0001字符"];

function rows(n: number): ChangeRow[] {
  return Array.from({ length: n }, (_, i) => ({
    time: "2023-10-10T09:00:00.000Z",
    unit: i % 2 ? "区发展改革委" : "区经济信息委",
    quarter: 3,
    fileName: `2023-Q3-单位${i % 3}.xlsx`,
    sha256: "ab".repeat(32),
    cell: `任务!G${i + 3}`,
    item: `任务 ${i + 1} 三季度进展情况`,
    key: `entry|${(i % 5) + 1}|3|progress`,
    old: i % 4 === 0 ? null : TRICKY[i % TRICKY.length]!,
    new: TRICKY[(i + 1) % TRICKY.length]!,
    how: "merged",
    note: i % 7 === 0 ? "" : `第 ${i} 行`,
  }));
}

describe("bulk rows of the exceljs writer", () => {
  it("变更记录 written as XML reads back row for row, texts as written (XML's forbidden characters dropped)", async () => {
    const ledger = smallLedger();
    const log = rows(40);
    const bytes = await writeWorkbook(mergedLayout(ledger, [], log));
    const read = readLedger(await loadWorkbookGrid(bytes));
    expect(read.changelog.length).toBe(log.length);
    read.changelog.forEach((r, i) => {
      const want = log[i]!;
      const clean = (v: unknown) => (typeof v === "string" ? v.replace("\u0001", "") : v);
      expect({ ...r, old: r.old === "" ? null : r.old }); // a text input read back empty is "".toEqual({ ...want, old: clean(want.old), new: clean(want.new) });
    });
    // the rows below the sampled first one are in the sheet XML as shared strings, with the column's style
    const files = unzipSync(bytes);
    const at = mergedLayout(ledger, [], log).sheets.findIndex((s) => s.name === SHEETS.changelog);
    const xml = strFromU8(files[`xl/worksheets/sheet${at + 1}.xml`]!);
    const styleOf = (cell: string) => new RegExp(`<c r="${cell}" s="(\\d+)"`).exec(xml)?.[1];
    expect(styleOf("A42")).toBeDefined();
    expect(styleOf("A42")).toBe(styleOf("A3"));
    expect(xml).toContain('<dimension ref="A1:L42"/>');
  });

  it("a plan's 方案记录 is the same bytes in files whose other sheets differ", async () => {
    const ledger = smallLedger();
    const a = unzipSync(await writeWorkbook(mergedLayout(ledger, [], rows(10))));
    const b = unzipSync(await writeWorkbook(mergedLayout(ledger, [], rows(30))));
    const layout = mergedLayout(ledger, [], rows(10));
    const at = layout.sheets.findIndex((s) => s.key === "record");
    const path = `xl/worksheets/sheet${at + 1}.xml`;
    expect(strFromU8(a[path]!)).toContain('t="inlineStr"');
    expect(strFromU8(a[path]!)).not.toContain('t="s"');
    expect(strFromU8(a[path]!)).toBe(strFromU8(b[path]!));
    expect(strFromU8(a["xl/sharedStrings.xml"]!)).not.toBe(strFromU8(b["xl/sharedStrings.xml"]!));
  });
});

describe("DeflateReuse: a split deflates what its files share once", () => {
  it("gives the same deflated entry for the same bytes, inflating to them, and forgets the least recently used beyond its limit", () => {
    const texts = [0, 1, 2, 3, 4].map((i) => strToU8(`<x${i}/>`.repeat(4000)));
    const one = new DeflateReuse().deflate(texts[0]!);
    // room for four entries (and a little): the fifth pushes out the least recently used
    const reuse = new DeflateReuse(4 * (one.size + one.data.length) + 100);
    const first = reuse.deflate(texts[0]!);
    expect(reuse.deflate(texts[0]!.slice())).toBe(first);
    expect(inflateSync(first.data)).toEqual(texts[0]);
    const second = reuse.deflate(texts[1]!);
    expect(second).not.toBe(first);
    expect(inflateSync(second.data)).toEqual(texts[1]);
    // sheet XML written by the bulk writer is found by its text
    const xml = "<sheetData>".repeat(100);
    const fromText = new DeflateReuse().deflate(xml);
    expect(inflateSync(fromText.data)).toEqual(strToU8(xml));
    const textReuse = new DeflateReuse();
    expect(textReuse.deflate(xml)).toBe(textReuse.deflate("<sheetData>".repeat(100)));
    for (const t of texts.slice(2)) reuse.deflate(t);
    expect(reuse.deflate(texts[1]!)).toBe(second);
    expect(reuse.deflate(texts[0]!)).not.toBe(first);
  });

  it("unit workbooks written with one reuse hold the same entries as written alone", async () => {
    const ledger = smallLedger();
    const base = splitBase(ledger, { quarter: 2, deadline: null, splitAt: "2023-07-01T08:00:00.000Z" });
    const reuse = new DeflateReuse();
    const units = unitsToSplit(ledger.plan);
    expect(units.length).toBeGreaterThan(1);
    for (const unit of units) {
      const { layout } = unitWorkbookLayout(base, unit);
      const shared = unzipSync(await writeWorkbook(layout, { reuse }));
      const alone = unzipSync(await writeWorkbook(layout));
      expect(Object.keys(shared)).toEqual(Object.keys(alone));
      // exceljs gives each data bar a random GUID
      const text = (b: Uint8Array) => strFromU8(b).replace(/\{[0-9A-F-]{36}\}/g, "{GUID}");
      for (const name of Object.keys(alone)) expect(text(shared[name]!), `${unit} ${name}`).toBe(text(alone[name]!));
    }
  });
});
