/** Every word the scoring hands to the reports (refs keys, 预警 words) has a label in both languages. */
import { describe, expect, it } from "vitest";
import { labelsFor } from "../reports/html/labels";
import { summaryDocument } from "../reports/html/page.summary";
import { scorecardsDocument } from "../reports/html/page.scorecard";
import { renderDocument } from "../reports/html/document";
import { buildQuarterReport } from "../reports/model/model.report";
import { scoreLedger } from "../shared/scoring/index";
import { layoutLocate } from "../shared/workbook/cells";
import { WARNINGS } from "../shared/vocabulary";
import type { Ledger } from "../shared/ledger/schema";
import { SMALL_AT, SMALL_SHA, smallLedger } from "./fixtures/reports/ledger.small";

const CJK = /[\u3400-\u9fff]/;

/** The small ledger with task 2 lagging without a problem in Q2, so a 预警 is printed. */
const ledger: Ledger = {
  ...smallLedger,
  entries: smallLedger.entries.map((e) => (e.quarter === 2 && e.taskId === 2 ? { ...e, status: "滞后", problems: "" } : e)),
};

describe("report labels", () => {
  const locate = layoutLocate(ledger.plan);
  const scores = [scoreLedger(ledger, 1, locate), scoreLedger(ledger, 2, locate)];
  const q2 = scores[1]!;
  const refKeys = new Set<string>();
  for (const r of [q2.overall, ...q2.sections, ...q2.tasks, ...q2.targets, ...q2.units]) for (const k of Object.keys(r.refs)) refKeys.add(k);

  it("names every 数据来源 field the scoring produces, in Chinese and in English", () => {
    expect(refKeys.size).toBeGreaterThan(10);
    for (const k of refKeys) {
      expect(labelsFor("zh").field[k], `zh field ${k}`).toMatch(CJK);
      expect(labelsFor("en").field[k], `en field ${k}`).toMatch(/^[ -~]+$/);
    }
  });

  it("translates every 预警 word for English reports", () => {
    for (const w of Object.values(WARNINGS)) {
      expect(labelsFor("zh").warning[w]).toBe(w);
      expect(labelsFor("en").warning[w], w).toMatch(/^[ -~]+$/);
    }
  });

  it("prints neither raw field keys in zh nor 预警 words in en", () => {
    expect(q2.tasks.some((t) => t.warning === WARNINGS.lagWithoutProblem)).toBe(true);
    const page = (lang: "zh" | "en") =>
      renderDocument(summaryDocument(buildQuarterReport(ledger, scores, 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang }).summary)).files[
        "index.html"
      ].body;
    const zh = page("zh");
    expect(zh).toContain("滞后未说明问题");
    for (const raw of ["onPace", "notStarted", "targetsMet", "targetsOnPace", "targetsBehind"]) expect(zh).not.toMatch(new RegExp(`>${raw}<`));
    const en = page("en");
    expect(en).toContain("lagging, no problem stated");
    for (const w of Object.values(WARNINGS)) expect(en).not.toContain(`: ${w}`);
  });

  it("writes heading counts with the language's own brackets", () => {
    const pages = (lang: "zh" | "en") => {
      const r = buildQuarterReport(ledger, scores, 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang });
      return renderDocument(summaryDocument(r.summary)).files["index.html"].body + renderDocument(scorecardsDocument(r.scorecards)).files["index.html"].body;
    };
    expect(pages("zh")).toMatch(/<h2>[^<]*（\d+）<\/h2>/);
    const en = pages("en");
    expect(en).not.toMatch(/（\d+）/);
    expect(en).toMatch(/<h2>Tasks led \(\d+\)<\/h2>/);
  });

  it("marks every page of a demo report 演示数据 (running title), and no page of a real one", () => {
    const css = (demo: boolean, lang: "zh" | "en") => {
      const r = buildQuarterReport({ ...ledger, demo }, scores, 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang });
      return [summaryDocument(r.summary), scorecardsDocument(r.scorecards), scorecardsDocument(r.scorecards.slice(0, 1))].map(
        (d) => renderDocument(d).files["page.css"].body.match(/@top-left \{ content: "([^"]*)"/)![1]!,
      );
    };
    for (const t of css(true, "zh")) expect(t).toContain("【演示数据】");
    for (const t of css(true, "en")) expect(t).toContain("[DEMO DATA]");
    for (const t of [...css(false, "zh"), ...css(false, "en")]) expect(t).not.toMatch(/演示|DEMO/);
  });
});
