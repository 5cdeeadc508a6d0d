/**
 * Reads a plan from disk: .txt in any of the genre's encodings, .docx (paragraphs through mammoth),
 * or a Plan as .json. I/O lives here; the parsing is shared/plan's pure functions.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { decodePlanText, DecodeError, sniffFormat } from "../../shared/plan/decode";
import { docxHtmlToText } from "../../shared/plan/docx-html";
import { parsePlan, type ParseResult } from "../../shared/plan/parse";
import { Plan, type Diagnostic } from "../../shared/plan/schema";

/** The embedded default plan (Liangping District 2023; see seeds/README.md). */
export const EMBEDDED_PLAN_PATH = fileURLToPath(new URL("../../seeds/liangping-2023.txt", import.meta.url));

export interface LoadedPlan extends ParseResult {
  /** The text that was parsed (paragraphs of a .docx joined by newlines). */
  text: string;
  format: "text" | "docx" | "json";
  encoding?: string;
}

function failure(code: string, message: string): LoadedPlan {
  const diagnostics: Diagnostic[] = [{ severity: "error", line: null, code, message }];
  return { plan: null, diagnostics, taskLines: {}, text: "", format: "text" };
}

/** Paragraphs of a .docx as lines of text; table rows as tab-separated cells. */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  const mammoth = await import("mammoth");
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return docxHtmlToText(value);
}

export async function loadPlanBytes(bytes: Uint8Array): Promise<LoadedPlan> {
  const format = sniffFormat(bytes);
  if (format.kind === "unsupported") {
    return format.what === "doc"
      ? failure("unsupported-doc", "不支持旧版 Word (.doc) 文件，请在 Word 或 WPS 中另存为 .docx (legacy .doc not supported: save as .docx)")
      : failure("unsupported-pdf", "不支持 PDF 文件，请使用 .docx 或复制其中的文字另存为 .txt (PDF not supported: use .docx or text)");
  }
  if (format.kind === "docx") {
    let text: string;
    try {
      text = await docxToText(bytes);
    } catch {
      return failure("bad-docx", "无法读取该 .docx 文件：文件已损坏或不是 Word 文档 (unreadable .docx)");
    }
    if (!text.trim()) return failure("empty", "Word 文档中没有文字 (the .docx has no text)");
    return { ...parsePlan(text), text, format: "docx" };
  }
  let decoded;
  try {
    decoded = decodePlanText(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return failure(e.code, e.message);
    throw e;
  }
  if (format.kind === "json") {
    let json: unknown;
    try {
      json = JSON.parse(decoded.text);
    } catch {
      return failure("bad-json", "JSON 格式错误 (invalid JSON)");
    }
    const r = Plan.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      return failure("bad-plan-json", `JSON 不是有效的计划：${issue.path.join(".")} ${issue.message} (not a Plan)`);
    }
    return { plan: r.data, diagnostics: [], taskLines: {}, text: decoded.text, format: "json" };
  }
  return { ...parsePlan(decoded.text), text: decoded.text, format: "text", encoding: decoded.encoding };
}

/** Loads a plan file (or the embedded plan when path is undefined). Never throws for bad content. */
export async function loadPlanFile(path?: string): Promise<LoadedPlan> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path ?? EMBEDDED_PLAN_PATH);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return failure("unreadable", code === "ENOENT" ? "文件不存在 (file not found)" : code === "EISDIR" ? "这是一个目录，不是文件 (is a directory)" : `无法读取文件 (cannot read file: ${code ?? "error"})`);
  }
  return loadPlanBytes(bytes);
}
