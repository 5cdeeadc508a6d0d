/**
 * The CLI's edge of plan loading: reads a plan file (or the embedded plan) from disk; what the
 * bytes hold is shared/plan/load.ts's business, the same loader the task pane uses.
 */
import { fileURLToPath } from "node:url";
import { loadPlan, notLoaded, type DocxToHtml, type LoadedPlan } from "../../shared/plan/load";
import { FileReadError, readBytes } from "./read-file";

/** The embedded default plan (Liangping District 2023; see seeds/README.md). */
export const EMBEDDED_PLAN_PATH = fileURLToPath(new URL("../../seeds/liangping-2023.txt", import.meta.url));

/** mammoth's Node build as the loader's .docx → HTML converter, loaded only when a .docx is read. */
export async function nodeDocxToHtml(): Promise<DocxToHtml> {
  const mammoth = await import("mammoth");
  return async (bytes) => (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
}

/** Loads a plan file (or the embedded plan when path is undefined). Never throws for bad content. */
export async function loadPlanFile(path?: string): Promise<LoadedPlan> {
  const file = path ?? EMBEDDED_PLAN_PATH;
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(file);
  } catch (e) {
    if (e instanceof FileReadError) return notLoaded("unreadable", e.message);
    throw e;
  }
  return loadPlan(bytes, file, nodeDocxToHtml);
}
