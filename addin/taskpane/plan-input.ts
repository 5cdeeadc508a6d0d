/**
 * Plan sources of the task pane, in the browser: the embedded plan, pasted text, or a chosen file,
 * read by shared/plan/load.ts (the loader the CLI uses too). Only the browser's part is here:
 * mammoth's browser build (dist/vendor/mammoth.browser.min.js, 620 KB, loaded only when a .docx is
 * opened) and turning a file that cannot be read into a PlanInputError for the status line.
 */
import { loadPlan, type DocxToHtml } from "../../shared/plan/load";
import { parsePlan, type ParseResult } from "../../shared/plan/parse";
import { loadGlobal } from "./load-global";

export interface PlanSource extends ParseResult {
  /** What was read, for the preview: "内置方案", a file name, "粘贴的文本". */
  label: string;
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

/** Loads mammoth's browser build once, from beside taskpane.html. */
function loadMammoth(
  src = "vendor/mammoth.browser.min.js",
): Promise<MammothBrowser> {
  return loadGlobal<MammothBrowser>(
    src,
    "mammoth",
    (why) =>
      new PlanInputError(
        why === "missing"
          ? "无法加载 Word 解析组件"
          : "无法加载 Word 解析组件（vendor/mammoth.browser.min.js）",
        "mammoth-missing",
      ),
  );
}

/** mammoth's browser build as the loader's .docx → HTML converter. */
async function browserDocxToHtml(
  mammoth: () => Promise<MammothBrowser> = loadMammoth,
): Promise<DocxToHtml> {
  const m = await mammoth();
  return async (bytes) => {
    const arrayBuffer = bytes.buffer.slice(
      bytes.byteOffset,
      bytes.byteOffset + bytes.byteLength,
    ) as ArrayBuffer;
    return (await m.convertToHtml({ arrayBuffer })).value;
  };
}

export function fromText(text: string, label: string): PlanSource {
  if (!text.trim())
    throw new PlanInputError("没有文字：请粘贴方案全文或选择文件。", "empty");
  return { ...parsePlan(text), label };
}

/** A file's bytes → a parsed plan. Throws PlanInputError (the loader's message) for a file that cannot be read. */
export async function fromBytes(
  bytes: Uint8Array,
  name: string,
  mammoth: () => Promise<MammothBrowser> = loadMammoth,
): Promise<PlanSource> {
  const loaded = await loadPlan(bytes, name, () => browserDocxToHtml(mammoth));
  if (loaded.fileError)
    throw new PlanInputError(loaded.fileError.message, loaded.fileError.code);
  return {
    plan: loaded.plan,
    diagnostics: loaded.diagnostics,
    taskLines: loaded.taskLines,
    label: name,
  };
}
