import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sniffWorkbookFile } from "../shared/workbook/file-kind";

const FILES = join(__dirname, "fixtures", "files");
const file = (name: string) => new Uint8Array(readFileSync(join(FILES, name)));

/** Excel's owner file (~$name.xlsx): the user name, its length first, padded to 165 bytes. */
function lockFile(user: string): Uint8Array {
  const b = new Uint8Array(165);
  b[0] = user.length;
  for (let i = 0; i < user.length; i++) b[1 + i] = user.charCodeAt(i);
  return b;
}

describe("files offered as a ledger", () => {
  it("takes an .xlsx", () => {
    expect(sniffWorkbookFile(file("small-ledger.xlsx"), "2023台账.xlsx")).toEqual({ kind: "xlsx", problem: null });
  });

  it.each([
    ["small-ledger.xls", "xls", /旧版 Excel.*另存为.*\.xlsx/],
    ["small-ledger.ods", "ods", /OpenDocument.*另存为.*\.xlsx/],
    ["small-ledger.csv", "csv", /CSV.*不是台账/],
  ])("names %s saved by LibreOffice for what it is and says what to do", (name, kind, message) => {
    const r = sniffWorkbookFile(file(name), `/home/staff/${name}`);
    expect(r.kind).toBe(kind);
    expect(r.problem).toMatch(message);
    expect(r.problem).toContain(`“${name}”`);
  });

  it("sends a lock file's user to the workbook beside it, whatever its bytes", () => {
    const r = sniffWorkbookFile(lockFile("zhangsan"), "D:\\台账\\~$2023年台账.xlsx");
    expect(r.kind).toBe("lock");
    expect(r.problem).toContain("“2023年台账.xlsx”");
  });

  it("tells a Word document, a PDF and an empty file from a broken workbook", () => {
    const docx = new Uint8Array(readFileSync(join(__dirname, "fixtures", "genre", "banan-2024-natural.docx")));
    expect(sniffWorkbookFile(docx, "方案.xlsx").kind).toBe("docx");
    expect(sniffWorkbookFile(new TextEncoder().encode("%PDF-1.7\n1 0 obj"), "报告.xlsx").kind).toBe("pdf");
    expect(sniffWorkbookFile(new Uint8Array(0), "空.xlsx").problem).toMatch(/空文件/);
    const truncated = file("small-ledger.xlsx").subarray(0, 3);
    expect(sniffWorkbookFile(truncated, "坏.xlsx")).toMatchObject({ kind: "unknown", problem: expect.stringMatching(/不是 Excel 工作簿/) });
  });
});
