import { describe, expect, it } from "vitest";
import { implausibility, implausibleMessage } from "../shared/scoring/plausibility";

const rate = (value: number, unit = "%") => ({ value, unit, kind: "rate" as const });
const count = (value: number, unit: string) => ({ value, unit, kind: "cumulative" as const });

describe("plausible actuals", () => {
  it("reads a share typed as a fraction as the percentage it probably is", () => {
    expect(implausibility(rate(7.43), 0.0743)).toEqual({ reason: "fraction", likely: 7.43 });
    expect(implausibleMessage({ reason: "fraction", likely: 7.43 }, 0.0743, rate(7.43))).toContain("请填写 7.43");
  });
  it("leaves a small but real rate alone", () => {
    expect(implausibility(rate(6), 0.5)).toBeNull(); // growth of 0.5% against 6%: slow, not mistyped
    expect(implausibility(rate(5.5), -0.3)).toBeNull();
  });
  it("finds 元 typed for 亿元 and 万元 typed for 亿元", () => {
    expect(implausibility(count(150, "亿元"), 18_400_000_000)).toEqual({ reason: "magnitude", factor: 1e8, likely: 184 });
    expect(implausibility(count(150, "亿元"), 1_840_000)).toEqual({ reason: "magnitude", factor: 1e4, likely: 184 });
    expect(implausibility(count(30, "万平方米"), 320_000)).toEqual({ reason: "magnitude", factor: 1e4, likely: 32 });
  });
  it("flags values far beyond the target, and absurd ones", () => {
    expect(implausibility(count(200, "个"), 1e308)).toMatchObject({ reason: "above" });
    expect(implausibility(count(200, "个"), Infinity)).toMatchObject({ reason: "above" });
    expect(implausibility(count(200, "个"), 20_001)).toMatchObject({ reason: "above" });
    expect(implausibility(count(200, "个"), 20_000)).toBeNull();
  });
  it("judges only rates from below: a count is small early in the year", () => {
    expect(implausibility(count(200, "个"), 1)).toBeNull();
    expect(implausibility(rate(95), 0.2)).toMatchObject({ reason: "below" }); // 20% is not near 95%: not a fraction either
    expect(implausibility(rate(95), 0.5)).toEqual({ reason: "fraction", likely: 50 });
  });
  it("never judges a zero actual or a zero target", () => {
    expect(implausibility(count(200, "个"), 0)).toBeNull();
    expect(implausibility(rate(0), 12)).toBeNull();
  });
});
