/** The quarterly summary shows the collection status read from 回收情况, and nothing without a merge. */
import { describe, expect, it } from "vitest";
import { renderDocument } from "../reports/html/document";
import { summaryDocument } from "../reports/html/page.summary";
import { buildQuarterReport } from "../reports/model/model.report";
import { merge } from "../shared/collect/merge";
import { mergedLayout } from "../shared/collect/layout";
import { inputKeyId } from "../shared/collect/identity";
import { readLedger } from "../shared/workbook/reader";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { scoreLedger } from "../shared/scoring/index";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { smallLedger } from "./fixtures/ledger/plans";
import { returnedFile, splitIdentity, unitsWithFiles } from "./fixtures/collect/returned";

describe("collection status in the quarterly summary", () => {
  it("names the units that have not returned their file and those with conflicts, as read back from the master", async () => {
    const master = smallLedger();
    const q = 3 as const;
    const status = (taskId: number) => inputKeyId({ kind: "entry", taskId, quarter: q, field: "status" });
    const edited = { ...master, entries: [...master.entries, { taskId: 3, quarter: q, status: "已完成" as const, progress: "", problems: "", nextSteps: "" }] };
    const files = [
      returnedFile(master, splitIdentity(master, "区发展改革委", q), new Map([[status(1), "序时推进"]])),
      returnedFile(master, splitIdentity(master, "区经济信息委", q), new Map([[status(3), "滞后"]])),
    ];
    const out = merge({ ledger: edited, changelog: [] }, files, { now: "2023-07-10T09:00:00.000Z" });
    const read = readLedger(await loadWorkbookGrid(await writeWorkbook(mergedLayout(out.ledger, [], out.changelog))));
    const scores = [1, 2, 3].map((x) => scoreLedger(read.ledger, x as 1 | 2 | 3));
    const report = buildQuarterReport(read.ledger, scores, q, {
      workbookSha256: "0".repeat(64),
      generatedAt: "2023-07-11",
      lang: "zh",
      collection: read.collection,
    });
    const expected = unitsWithFiles(master).filter((u) => u !== "区发展改革委" && u !== "区经济信息委");
    expect(report.summary.collection).toEqual({ notReturned: expected, withConflicts: [{ unit: "区经济信息委", count: 1 }] });
    const page = renderDocument(summaryDocument(report.summary)).files["index.html"].body;
    expect(page).toContain("单位填报表回收情况");
    for (const u of expected) expect(page).toContain(`<span class="pill">${u}</span>`);
    expect(page).toMatch(/有冲突的单位[^]*区经济信息委<b>1<\/b>/);

    // another quarter, or a ledger never merged: no such section
    const q2 = buildQuarterReport(read.ledger, scores, 2, {
      workbookSha256: "0".repeat(64),
      generatedAt: "2023-07-11",
      lang: "zh",
      collection: read.collection,
    });
    expect(q2.summary.collection).toBeNull();
    const plain = buildQuarterReport(master, scores, q, { workbookSha256: "0".repeat(64), generatedAt: "2023-07-11", lang: "zh" });
    expect(plain.summary.collection).toBeNull();
    expect(renderDocument(summaryDocument(plain.summary)).files["index.html"].body).not.toContain("单位填报表回收情况");
  });
});
