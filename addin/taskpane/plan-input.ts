/**
 * Plan sources of the task pane, in the browser: the embedded plan, a chosen file (.txt in UTF-8 /
 * UTF-16 / GB18030, .docx, .json with a Plan or a Ledger) or pasted text → a ParseResult.
 * The same rules as the CLI's reports/io/plan-file.ts, without Node: .docx goes through mammoth's
 * browser build (dist/vendor/mammoth.browser.min.js, 620 KB, loaded only when a .docx is opened).
 */
import { docxHtmlToText } from "../../shared/plan/docx-html";
import {
  decodePlanText,
  DecodeError,
  sniffFormat,
} from "../../shared/plan/decode";
import { parsePlan, type ParseResult } from "../../shared/plan/parse";
import { Plan } from "../../shared/plan/schema";

export interface PlanSource extends ParseResult {
  /** What was read, for the preview: "内置方案", a file name, "粘贴的文本". */
  label: string;
  format: "text" | "docx" | "json";
}

export class PlanInputError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface MammothBrowser {
  convertToHtml(input: {
    arrayBuffer: ArrayBuffer;
  }): Promise<{ value: string }>;
}

const MAX_BYTES = 20 * 1024 * 1024;

/** Loads mammoth's browser build once, from beside taskpane.html. */
export function loadMammoth(
  src = "vendor/mammoth.browser.min.js",
): Promise<MammothBrowser> {
  const w = globalThis as unknown as { mammoth?: MammothBrowser };
  if (w.mammoth) return Promise.resolve(w.mammoth);
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () =>
      w.mammoth
        ? resolve(w.mammoth)
        : reject(
            new PlanInputError("无法加载 Word 解析组件", "mammoth-missing"),
          );
    s.onerror = () =>
      reject(
        new PlanInputError(
          "无法加载 Word 解析组件（vendor/mammoth.browser.min.js）",
          "mammoth-missing",
        ),
      );
    document.head.appendChild(s);
  });
}

export function fromText(text: string, label: string): PlanSource {
  if (!text.trim())
    throw new PlanInputError("没有文字：请粘贴方案全文或选择文件。", "empty");
  return { ...parsePlan(text), label, format: "text" };
}

/** NUL and other C0 controls (besides tab, newlines, form feed) mean a binary file, not text. */
function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c < 0x20 &&
      c !== 0x09 &&
      c !== 0x0a &&
      c !== 0x0b &&
      c !== 0x0c &&
      c !== 0x0d
    )
      return true;
  }
  return false;
}

/** A file's bytes → a parsed plan. Throws PlanInputError (Chinese message) for what cannot be read. */
export async function fromBytes(
  bytes: Uint8Array,
  name: string,
  mammoth: () => Promise<MammothBrowser> = loadMammoth,
): Promise<PlanSource> {
  if (bytes.length === 0)
    throw new PlanInputError(`文件“${name}”是空的。`, "empty");
  if (bytes.length > MAX_BYTES)
    throw new PlanInputError(
      `文件“${name}”超过 20 MB，不像是任务分解方案。`,
      "too-large",
    );
  const format = sniffFormat(bytes);
  if (format.kind === "unsupported")
    throw new PlanInputError(
      format.what === "doc"
        ? `“${name}”是旧版 Word (.doc) 文件：请在 Word 或 WPS 中另存为 .docx 后再导入。`
        : `“${name}”是 PDF 文件：请使用 .docx，或复制其中的文字粘贴到“粘贴文本”。`,
      `unsupported-${format.what}`,
    );
  if (format.kind === "docx") {
    let text: string;
    try {
      const m = await mammoth();
      const buffer = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
      // As the CLI does: mammoth's HTML, so table rows keep their empty cells.
      text = docxHtmlToText(
        (await m.convertToHtml({ arrayBuffer: buffer })).value,
      );
    } catch (e) {
      if (e instanceof PlanInputError) throw e;
      throw new PlanInputError(
        `无法读取“${name}”：文件已损坏或不是 Word 文档。`,
        "bad-docx",
      );
    }
    if (!text.trim())
      throw new PlanInputError(`Word 文档“${name}”中没有文字。`, "empty");
    return { ...parsePlan(text), label: name, format: "docx" };
  }
  let text: string;
  try {
    text = decodePlanText(bytes).text;
  } catch (e) {
    if (e instanceof DecodeError)
      throw new PlanInputError(
        `无法识别“${name}”的文字编码：${e.message}`,
        e.code,
      );
    throw e;
  }
  if (format.kind === "json") {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PlanInputError(`“${name}”不是有效的 JSON。`, "bad-json");
    }
    // A Plan, or a Ledger (its plan).
    const candidate =
      json && typeof json === "object" && "plan" in json
        ? (json as { plan: unknown }).plan
        : json;
    const r = Plan.safeParse(candidate);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new PlanInputError(
        `“${name}”不是有效的计划 JSON：${issue.path.join(".") || "（根）"} ${issue.message}`,
        "bad-plan-json",
      );
    }
    return {
      plan: r.data,
      diagnostics: [],
      taskLines: {},
      label: name,
      format: "json",
    };
  }
  if (
    /\.(xlsx|xls|zip|png|jpe?g)$/i.test(name) ||
    hasControlCharacters(text.slice(0, 2000))
  )
    throw new PlanInputError(
      `“${name}”不是文字文件：请选择 .txt、.docx 或 .json。`,
      "binary",
    );
  return { ...parsePlan(text), label: name, format: "text" };
}
