/** `plan-ledger report` end to end: a workbook written by the real writer, read by the real reader. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { ledgerLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { smallLedger } from "./fixtures/reports/ledger.small";
import { pdfText } from "./fixtures/reports/pdf-tools";
import { generatedAt, progressReporter, reportOptions } from "../cli/command.report";
import { defaultConcurrency } from "../reports/pdf/renderer";

let dir: string;
let xlsx: string;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(__dirname, "..", "bin", "plan-ledger.js"), "report", ...args], { encoding: "utf8", timeout: 120_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-report-cli-"));
  xlsx = join(dir, "台账.xlsx");
  writeFileSync(xlsx, await writeWorkbook(ledgerLayout(smallLedger)));
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe("plan-ledger report", () => {
  it("writes the summary, the combined scorecards and the chosen units, in English", () => {
    const out = join(dir, "out");
    const r = cli("--workbook", xlsx, "--quarter", "2", "--out", out, "--units", "区财政局,不存在的单位", "--lang", "en");
    expect(r.stderr).toContain("不存在的单位");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/生成报告 report 3\/3/); // plain progress lines when not on a terminal
    expect(readdirSync(out).sort()).toEqual(["scorecards-2023-Q2-en", "scorecards-2023-Q2-en.pdf", "summary-2023-Q2-en.pdf"]);
    expect(readdirSync(join(out, "scorecards-2023-Q2-en"))).toEqual(["区财政局.pdf"]);
    const text = pdfText(join(out, "summary-2023-Q2-en.pdf")).replace(/\s+/g, "");
    const sha = createHash("sha256").update(readFileSync(xlsx)).digest("hex");
    expect(text).toContain(sha);
    expect(text).toContain("55.0%");
    expect(text).toContain("Overallcompletion");
  });

  it("rejects bad arguments in Chinese with an English gloss, exit 2", () => {
    const r = cli("--workbook", xlsx, "--quarter", "5", "--out", join(dir, "x"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--quarter 应为 1–4");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "x"))).toBe(false);
    const missing = cli("--workbook", join(dir, "nope.xlsx"), "--out", join(dir, "y"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^文件不存在：.*nope\.xlsx/);
    const notDir = cli("--workbook", xlsx, "--out", join(xlsx, "sub"));
    expect(notDir.status).toBe(2);
    expect(notDir.stderr).toContain("无法创建输出目录");
    const notXlsx = cli("--workbook", join(__dirname, "..", "package.json"), "--out", join(dir, "z"));
    expect(notXlsx.status).toBe(2);
    expect(notXlsx.stderr).toMatch(/不是 Excel 工作簿/);
  });

  it("draws a progress bar on a terminal and plain lines otherwise", () => {
    const sink = (isTTY: boolean) => {
      const out: string[] = [];
      return { out, stream: { isTTY, columns: 80, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream };
    };
    const tty = sink(true);
    const bar = progressReporter(tty.stream);
    bar.update(0, 4, "");
    bar.update(2, 4, "区财政局");
    bar.end();
    expect(tty.out[1]).toMatch(/^\r生成报告 \[█{14}░{14}\] 2\/4 区财政局/);
    expect(tty.out.at(-1)).toBe("\n");
    const log = sink(false);
    const lines = progressReporter(log.stream);
    lines.update(0, 4, "");
    lines.update(1, 4, "summary-2023-Q2.pdf");
    lines.end();
    expect(log.out).toEqual(["生成报告 report 1/4: summary-2023-Q2.pdf\n"]);
  });

  it("dates reports by SOURCE_DATE_EPOCH when set", () => {
    expect(generatedAt({ SOURCE_DATE_EPOCH: "1688524200" }).toISOString()).toBe("2023-07-05T02:30:00.000Z");
    expect(Math.abs(generatedAt({}).getTime() - Date.now())).toBeLessThan(5000);
  });

  it("parses options", () => {
    expect(reportOptions(["--workbook", "a.xlsx", "--out", "o"])).toMatchObject({
      units: "all",
      lang: "zh",
      quarter: undefined,
      concurrency: defaultConcurrency(),
    });
    expect(defaultConcurrency()).toBe(Math.min(4, availableParallelism()));
    expect(reportOptions(["--workbook", "a.xlsx", "--out", "o", "--units", "甲，乙,丙"])).toMatchObject({ units: ["甲", "乙", "丙"] });
    expect(reportOptions(["--workbook", "a.xlsx", "--out", "o", "--lang", "fr"])).toMatch(/--lang/);
    expect(reportOptions(["--out", "o"])).toMatch(/--workbook/);
    expect(reportOptions(["--workbook", "a.xlsx"])).toMatch(/--out/);
    expect(reportOptions(["--workbook", "a.xlsx", "--out", "o", "--quarter", "三季度"])).toMatchObject({ quarter: 3 });
    expect(reportOptions(["--workbook", "a.xlsx", "--out", "o", "--quarter", "Q0"])).toMatch(/^--quarter 应为 1–4 季度.*“Q0”无效/);
  });
});
