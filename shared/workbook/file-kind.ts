/**
 * What kind of file someone handed us as a ledger, from its name and first bytes: an .xlsx, or one
 * of the files people pick by mistake (an old .xls, an .ods, a CSV export, Excel's ~$ lock file, a
 * Word document, a PDF). Each mistake gets one Chinese line saying what the file is and what to do.
 * Pure: works on bytes, so the CLI and the task pane share it.
 */

import { FILE_SIGNATURE, hasSignature } from "../vocabulary";

export type FileKind = "xlsx" | "xlsm" | "xls" | "ods" | "csv" | "lock" | "docx" | "pdf" | "empty" | "unknown";

export interface FileKindResult {
  kind: FileKind;
  /** Why the file cannot be read as a ledger and what to do (zh-CN, with an English gloss); null for xlsx. */
  problem: string | null;
}

const { zip: ZIP, ole: OLE, pdf: PDF } = FILE_SIGNATURE;

/** True when the ASCII string occurs in the bytes (zip entry names are stored uncompressed). */
function contains(bytes: Uint8Array, ascii: string): boolean {
  const first = ascii.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - ascii.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < ascii.length; j++) if (bytes[i + j] !== ascii.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** Looks like delimited text: no NUL bytes, and its first lines hold commas, semicolons or tabs. */
function looksLikeCsv(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head);
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .slice(0, 5);
  return lines.length > 0 && lines.every((l) => /[,;\t，]/.test(l));
}

const SAVE_AS = "请在 Excel 或 WPS 中打开它，用“文件 → 另存为”保存为“Excel 工作簿（*.xlsx）”后再试";

/** Classifies a file offered as a ledger workbook. */
export function sniffWorkbookFile(bytes: Uint8Array, fileName: string): FileKindResult {
  const name = baseName(fileName);
  if (name.startsWith("~$")) {
    const real = name.slice(2);
    return {
      kind: "lock",
      problem: `“${name}”是 Excel/WPS 打开工作簿时生成的临时锁定文件，不是工作簿；请改选同一文件夹中的“${real}”（或其全名） (an Office lock file, not a workbook: pick "${real}")`,
    };
  }
  if (bytes.length === 0) return { kind: "empty", problem: `“${name}”是空文件（0 字节），不是工作簿 (empty file)` };
  if (hasSignature(bytes, OLE)) {
    return {
      kind: "xls",
      problem: `“${name}”是旧版 Excel 97-2003 工作簿（.xls）或其他 Office 旧格式文件，不能直接读取；${SAVE_AS} (a legacy .xls file: save it as .xlsx)`,
    };
  }
  if (hasSignature(bytes, PDF)) return { kind: "pdf", problem: `“${name}”是 PDF 文件，不是台账工作簿；请选择台账的 .xlsx 文件 (a PDF, not a workbook)` };
  if (hasSignature(bytes, ZIP)) {
    if (contains(bytes, "application/vnd.oasis.opendocument.spreadsheet")) {
      return { kind: "ods", problem: `“${name}”是 OpenDocument 表格（.ods），不能直接读取；${SAVE_AS} (an .ods spreadsheet: save it as .xlsx)` };
    }
    if (contains(bytes, "word/document.xml")) {
      return {
        kind: "docx",
        problem: `“${name}”是 Word 文档，不是台账工作簿；方案文档请用 plan-ledger parse 或 workbook --plan 读取 (a Word document, not a workbook)`,
      };
    }
    if (contains(bytes, "xl/workbook.bin")) {
      return { kind: "unknown", problem: `“${name}”是 Excel 二进制工作簿（.xlsb），不能直接读取；${SAVE_AS} (an .xlsb workbook: save it as .xlsx)` };
    }
    if (contains(bytes, "xl/")) return { kind: contains(bytes, "vbaProject.bin") ? "xlsm" : "xlsx", problem: null };
    return { kind: "unknown", problem: `“${name}”是 zip 压缩文件，但不是 Excel 工作簿（.xlsx） (a zip file, not an .xlsx workbook)` };
  }
  if (looksLikeCsv(bytes)) {
    return {
      kind: "csv",
      problem: `“${name}”是 CSV 文本文件：只有一张表、没有公式和其他工作表，不是台账；请选择台账工作簿（.xlsx）本身，不要导出为 CSV (a CSV export, not the ledger workbook)`,
    };
  }
  return { kind: "unknown", problem: `“${name}”不是 Excel 工作簿（.xlsx）：文件不是 zip 格式，可能已损坏或是其他类型的文件 (not an .xlsx workbook)` };
}
