/**
 * Node edge of 回收汇总: a returned file's bytes and SHA-256 (Node's crypto), then
 * shared/collect/returned-file.ts reads it; a file that cannot be read from disk is refused.
 */
import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { ReturnedFile } from "../../shared/collect/merge";
import { returnedFile } from "../../shared/collect/returned-file";
import { FileReadError, readBytes } from "./read-file";
import { loadWorkbookGrid } from "./workbook.exceljs";

export async function readReturnedFile(path: string): Promise<ReturnedFile> {
  const fileName = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    return { fileName, sha256: "", read: { ok: false, reason: "unreadable", message: e.message } };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return returnedFile({ fileName, bytes, sha256 }, (b) => loadWorkbookGrid(b, path));
}
