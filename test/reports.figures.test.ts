/**
 * Every figure prints within its column: a confirmed 1E+308 or 18400000000 (or any long number) is
 * written in a bounded width, so the target tables of the summary and the scorecards stay on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Ledger } from "../shared/ledger/schema";
import { defaultSettings, scoreLedger } from "../shared/scoring/index";
import { buildQuarterReport } from "../reports/model/model.report";
import { PdfRenderer } from "../reports/pdf/renderer";
import { writeQuarterPackage, type PackageResult } from "../reports/pdf/package";
import { formatNumber, formatPercent } from "../reports/html/labels";
import { smallPlanWithAmount } from "./helpers/small-plan";
import fc from "fast-check";

describe("figures in a bounded width", () => {
  it("write a number that fits as toLocaleString writes it, for any digit count (one formatter kept per count)", () => {
    const x = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.integer({ min: -1e9, max: 1e9 }));
    fc.assert(
      fc.property(x, fc.integer({ min: 0, max: 6 }), (n, digits) => {
        const expected = Number(n.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });
        if (expected.length <= 13) expect(formatNumber(n, digits)).toBe(expected);
      }),
    );
  });

  it("write long numbers in scientific notation, short ones as before", () => {
    expect(formatNumber(1e308)).toBe("1E+308");
    expect(formatNumber(18_400_000_000)).toBe("1.84E+10");
    expect(formatNumber(-18_400_000_000)).toBe("-1.84E+10");
    expect(formatNumber(123_456_789.12)).toBe("1.23E+8");
    expect(formatNumber(99_999_999.99)).toBe("99,999,999.99");
    expect(formatNumber(1800)).toBe("1,800");
    expect(formatNumber(7.25)).toBe("7.25");
    expect(formatNumber(0)).toBe("0");
    expect(formatPercent(6.7e9)).toBe("6.7E+11%");
    expect(formatPercent(5e305)).toBe("5E+307%");
    expect(formatPercent(1.029)).toBe("102.9%");
    for (const n of [1e308, -1e308, 1.7976931348623157e308, 123456789012.345, -0.000001234, 5e-324, 1e20, 1e21]) {
      expect(formatNumber(n).length, String(n)).toBeLessThanOrEqual(13);
      expect(formatPercent(n).length, String(n)).toBeLessThanOrEqual(13);
      expect(formatNumber(n) + formatPercent(n)).not.toMatch(/e/);
    }
  });
});

interface Word {
  text: string;
  xMax: number;
  yMin: number;
  pageWidth: number;
}

/** Words of a PDF with their boxes (pdftotext -bbox), with the width of their page. */
function pdfWords(file: string): Word[] {
  const xml = execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return [...xml.matchAll(/<page width="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)].flatMap((m) =>
    [...m[2]!.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((w) => ({
      text: w[3]!,
      yMin: Number(w[1]),
      xMax: Number(w[2]),
      pageWidth: Number(m[1]),
    })),
  );
}

let renderer: PdfRenderer;
let dir: string;
let result: PackageResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-figures-"));
  const plan = smallPlanWithAmount();
  // both confirmed (核实 = 已核实), so they count and print
  const ledger: Ledger = {
    plan,
    settings: { ...defaultSettings, quarter: 2 },
    entries: [1, 2, 3, 4].map((taskId) => ({ taskId, quarter: 2 as const, status: "序时推进" as const, progress: "推进中", problems: "", nextSteps: "" })),
    actuals: [
      { targetId: "3.1", quarter: 2, value: 1e308, confirmed: true },
      { targetId: "3.3", quarter: 2, value: 18_400_000_000, confirmed: true },
    ],
    demo: false,
  };
  renderer = await PdfRenderer.launch({ concurrency: 2 });
  const report = buildQuarterReport(ledger, [scoreLedger(ledger, 1), scoreLedger(ledger, 2)], 2, {
    workbookSha256: "0".repeat(64),
    generatedAt: new Date(0),
    lang: "zh",
  });
  result = await writeQuarterPackage(report, renderer, { outDir: dir, units: ["区经济信息委"] });
}, 120_000);

afterAll(async () => {
  await renderer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a report with 1E+308 and 18400000000", () => {
  it.each(["summary", "scorecard"])("keeps every word of the %s on the page, the huge figures' rows whole", (kind) => {
    const words = pdfWords(result.files.find((f) => f.kind === kind)!.path);
    expect(words.filter((w) => w.xMax > w.pageWidth)).toEqual([]);
    const text = words.map((w) => w.text).join(" ");
    expect(text).toContain("1.84E+10亿元");
    expect(text).not.toMatch(/\de\+/); // no JavaScript exponent form
    // the table's last columns (完成率, 状态) print on the huge figure's row
    const huge = words.find((w) => w.text === "1E+308个");
    expect(huge).toBeDefined();
    const row = words.filter((w) => Math.abs(w.yMin - huge!.yMin) < 3).map((w) => w.text);
    expect(row).toEqual(expect.arrayContaining(["5E+307%", "达标"]));
  });
});
