/** The import preview's and the pane's text: a line named once, no English glosses (addin/taskpane/preview.ts, text.ts). */
import { describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import { preview, previewHtml } from "../addin/taskpane/preview";
import { chineseOnly } from "../addin/taskpane/text";

describe("the preview's diagnostics", () => {
  it("names a line once and drops the CLI's English gloss", () => {
    const text = "一、重点工作\n1．做好第一件事。\n牵头单位：区发展改革委\n3．做好第三件事。\n牵头单位：区财政局\n";
    const src = { ...parsePlan(text), label: "粘贴的文本" };
    const html = previewHtml(preview(src));
    expect(html).toMatch(/第4行：任务编号不连续/);
    expect(html).not.toMatch(/第 4 行：第4行/);
    expect(html).not.toMatch(/skipped task numbers/);
  });

  it("keeps bracketed file types and set names, drops bracketed English sentences", () => {
    expect(chineseOnly("“a.docx”是 PDF 文件：请改用 .docx (PDF not supported: use the .docx or the text)")).toBe("“a.docx”是 PDF 文件：请改用 .docx");
    expect(chineseOnly("未找到（not found）")).toBe("未找到");
    expect(chineseOnly("另存为“Excel 工作簿（*.xlsx）”")).toBe("另存为“Excel 工作簿（*.xlsx）”");
    expect(chineseOnly("需要 ExcelApi（ExcelApi 1.8）")).toBe("需要 ExcelApi（ExcelApi 1.8）");
  });
});
