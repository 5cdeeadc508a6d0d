/**
 * A plan file's bytes (+ its name) → Plan + diagnostics: the one loader behind the CLI
 * (cli/io/plan-file.ts) and the task pane (addin/taskpane/plan-input.ts), which keep only their
 * I/O (reading the file, showing the result).
 *
 * The format is told by the bytes, not the name (plans are often saved under the wrong extension):
 * - .docx (a zip) → mammoth's HTML → lines of text (docx-html.ts) → the parser;
 * - JSON (starts with `{`) → a Plan, or a Ledger (e.g. the `ledger` of `plan-ledger export --json`),
 *   whose `plan` is taken and the rest ignored. The CLI and the pane both accept both;
 * - legacy .doc and PDF are refused with what to do instead;
 * - anything else is text in any of the genre's encodings (decode.ts) → the parser.
 * The name is used for messages, and to refuse files that are plainly not plans (.xlsx, images…).
 *
 * Every problem with the file's content is one error diagnostic (no line), its message from
 * FILE_ERRORS below in Chinese naming the file, also set as `fileError`; nothing here throws for
 * bad content.
 */
import { decodePlanText, DecodeError, sniffFormat, type Encoding } from "./decode";
import { docxHtmlToText } from "./docx-html";
import { parsePlan, type ParseResult } from "./parse";
import { Plan, PlanWithDiagnostics, type Diagnostic } from "./schema";

/** .docx bytes → mammoth's HTML. Node and the browser load mammoth differently, so callers supply it. */
export type DocxToHtml = (bytes: Uint8Array) => Promise<string>;

export interface LoadedPlan extends ParseResult {
  /** null when the file could not be read as a plan at all (see fileError). */
  format: "text" | "docx" | "json" | null;
  /** A text file's detected encoding. */
  encoding?: Encoding;
  /** Why the file could not be read as a plan (also the only entry of diagnostics); null when it was read. */
  fileError: Diagnostic | null;
}

/** The file problems, each with the one message users see (CLI and task pane alike). */
const FILE_ERRORS = {
  empty: (f: string) => `文件“${f}”是空的 (empty file)`,
  "too-large": (f: string) => `文件“${f}”超过 20 MB，不像是任务分解方案 (larger than 20 MB: not a plan)`,
  "not-a-plan-file": (f: string) => `“${f}”不是方案文件：请选择 .txt、.docx 或 .json (not a plan file: use .txt, .docx or .json)`,
  binary: (f: string) => `“${f}”不是文字文件：请选择 .txt、.docx 或 .json (not a text file: use .txt, .docx or .json)`,
  "unsupported-doc": (f: string) => `“${f}”是旧版 Word (.doc) 文件：请在 Word 或 WPS 中另存为 .docx (legacy .doc not supported: save as .docx)`,
  "unsupported-pdf": (f: string) => `“${f}”是 PDF 文件：请改用 .docx，或复制其中的文字作为文本导入 (PDF not supported: use the .docx or the text)`,
  "bad-docx": (f: string) => `无法读取“${f}”：文件已损坏或不是 Word 文档 (unreadable .docx)`,
  "empty-docx": (f: string) => `Word 文档“${f}”中没有文字 (the .docx has no text)`,
  "bad-json": (f: string) => `“${f}”不是有效的 JSON (invalid JSON)`,
  "bad-plan-json": (f: string, why: string) => `“${f}”不是有效的计划 JSON：${why} (neither a Plan nor a Ledger)`,
} satisfies Record<string, (file: string, detail: string) => string>;

/** The result for a file that cannot be read as a plan (the CLI's too, when the file cannot be opened). */
export function notLoaded(code: string, message: string): LoadedPlan {
  const d: Diagnostic = { severity: "error", line: null, code, message };
  return { plan: null, diagnostics: [d], taskLines: {}, format: null, fileError: d };
}

function planFileError(file: string, code: keyof typeof FILE_ERRORS, detail = ""): LoadedPlan {
  return notLoaded(code, FILE_ERRORS[code](file, detail));
}

const MAX_BYTES = 20 * 1024 * 1024;

/** Spreadsheets, archives, images, slides: never a plan, whatever the bytes look like. */
const NOT_A_PLAN = /\.(xlsx|xlsm|xls|et|zip|rar|7z|png|jpe?g|gif|bmp|pptx?)$/i;

/** Any C0 control (besides tab, newlines, form feed) in decoded text means a binary file. */
function hasControlCharacters(s: string): boolean {
  return /[\u0000-\u0008\u000e-\u001f]/.test(s);
}

/** `.plan` of a Ledger, else the value itself. */
function planOf(json: unknown): unknown {
  return json !== null && typeof json === "object" && "plan" in json ? (json as { plan: unknown }).plan : json;
}

/**
 * Reads a plan file. `loadDocx` is called only for a .docx; an error it throws (mammoth cannot be
 * loaded) is the program's, not the file's, and propagates; an error of the converter is bad-docx.
 */
export async function loadPlan(bytes: Uint8Array, file: string, loadDocx: () => Promise<DocxToHtml>): Promise<LoadedPlan> {
  if (bytes.length === 0) return planFileError(file, "empty");
  if (bytes.length > MAX_BYTES) return planFileError(file, "too-large");
  if (NOT_A_PLAN.test(file)) return planFileError(file, "not-a-plan-file");
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === "unsupported") return planFileError(file, sniffed.what === "doc" ? "unsupported-doc" : "unsupported-pdf");
  if (sniffed.kind === "docx") {
    const toHtml = await loadDocx();
    let text: string;
    try {
      text = docxHtmlToText(await toHtml(bytes));
    } catch {
      return planFileError(file, "bad-docx");
    }
    if (!text.trim()) return planFileError(file, "empty-docx");
    return { ...parsePlan(text), format: "docx", fileError: null };
  }
  let decoded;
  try {
    decoded = decodePlanText(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return planFileError(file, e.code === "empty" ? "empty" : "binary");
    throw e;
  }
  const { text, encoding } = decoded;
  if (sniffed.kind === "json") {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return planFileError(file, "bad-json");
    }
    const r = Plan.safeParse(planOf(json));
    if (!r.success) {
      const issue = r.error.issues[0];
      return planFileError(file, "bad-plan-json", issue ? `${issue.path.join(".") || "（根）"} ${issue.message}` : "");
    }
    // `parse --json` output carries the diagnostics it was read with: a plan with errors stays one.
    const carried = PlanWithDiagnostics.shape.diagnostics.safeParse((planOf(json) as { diagnostics?: unknown }).diagnostics);
    return { plan: r.data, diagnostics: carried.success ? carried.data : [], taskLines: {}, format: "json", encoding, fileError: null };
  }
  if (hasControlCharacters(text.slice(0, 2000))) return planFileError(file, "binary");
  return { ...parsePlan(text), format: "text", encoding, fileError: null };
}
