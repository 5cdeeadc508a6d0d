/** The one quarter rule of split and merge (shared/collect/quarter.ts). */
import { describe, expect, it } from "vitest";
import { collectionQuarter, quarterNote, splitQuarter } from "../shared/collect/quarter";

describe("the quarter split distributes and merge collects", () => {
  it("split: --quarter, else the master's 当前季度", () => {
    expect(splitQuarter(4, 3)).toEqual({ quarter: 4, from: "option", mixed: false });
    expect(splitQuarter(undefined, 3)).toEqual({ quarter: 3, from: "master", mixed: false });
  });

  it("merge: --quarter; else the files' quarter, the most common when they differ (ties: the later); no file: 当前季度", () => {
    expect(collectionQuarter(2, [4, 4], 3)).toEqual({ quarter: 2, from: "option", mixed: false });
    expect(collectionQuarter(undefined, [4, 4, 4], 3)).toEqual({ quarter: 4, from: "files", mixed: false });
    expect(collectionQuarter(undefined, [3, 4, 4], 3)).toEqual({ quarter: 4, from: "files", mixed: true });
    expect(collectionQuarter(undefined, [2, 3], 1)).toEqual({ quarter: 3, from: "files", mixed: true });
    expect(collectionQuarter(undefined, [], 3)).toEqual({ quarter: 3, from: "master", mixed: false });
  });

  it("says which quarter and why, and when it is not the master's 当前季度", () => {
    expect(quarterNote(collectionQuarter(undefined, [4], 3), 3, "回收")).toMatch(
      /^回收第 4 季度（交回文件的填报季度）；总台账“设置”的当前季度是第 3 季度，报告请加 --quarter 4/,
    );
    expect(quarterNote(splitQuarter(undefined, 3), 3, "分发")).toMatch(/^分发第 3 季度（总台账“设置”的当前季度） \(/);
  });
});
