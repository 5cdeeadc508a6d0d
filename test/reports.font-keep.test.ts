/**
 * keepGlyphs reads a font's glyphs once per tables object (every unit of a print keeps glyphs of the
 * same programs): the result is what a first read gives, and two fonts never share a reading.
 */
import { describe, expect, it } from "vitest";
import { keepGlyphs, readGlyphs, sfntTables, type Tables } from "../reports/pdf/font-merge";
import { buildFontSet, codePointsOf } from "../reports/pdf/fonts";

/** A fresh tables object of the same bytes (nothing read from it yet). */
const fresh = (t: Tables): Tables => new Map([...t].map(([k, v]) => [k, Buffer.from(v)]));

describe("keepGlyphs", () => {
  it("gives each font its own glyphs, the same as a first read, however often it is called", async () => {
    const set = await buildFontSet(codePointsOf(["目标任务台账 第 1 页 / 共 9 页"]));
    const [regular, bold] = ["noto-sans-sc-400.ttf", "noto-sans-sc-700.ttf"].map((f) => sfntTables(set.files.get(f)!));
    const gids = (t: Tables, text: string) => [...text].map((c) => readGlyphs(t).cmap.get(c.codePointAt(0)!)!);
    const a = gids(regular!, "目标");
    const b = gids(regular!, "任务台账");
    // First calls, then again in another order: each result equals keepGlyphs on untouched tables.
    const first = [keepGlyphs(regular!, a), keepGlyphs(bold!, a), keepGlyphs(regular!, b)];
    const again = [keepGlyphs(regular!, a), keepGlyphs(bold!, a), keepGlyphs(regular!, b)];
    const expected = [keepGlyphs(fresh(regular!), a), keepGlyphs(fresh(bold!), a), keepGlyphs(fresh(regular!), b)];
    expect(again).toEqual(first);
    expect(first).toEqual(expected);
    // The two weights' outlines differ, and so do two glyph sets of one font.
    expect(first[0]!.equals(first[1]!)).toBe(false);
    expect(first[0]!.equals(first[2]!)).toBe(false);
  });
});
