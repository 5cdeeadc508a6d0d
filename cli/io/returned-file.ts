/**
 * Node edge of 回收汇总: a returned file's bytes → its SHA-256, its grids (exceljs) and, through the
 * split's readUnitWorkbook, its identity and content; anything that cannot be read becomes the
 * refusal the merge records (the other files still merge).
 */
import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { ReturnedFile } from "../../shared/collect/merge";
import { readUnitWorkbook } from "../../shared/workbook/unit-reader";
import type { WorkbookGrid } from "../../shared/workbook/reader.grid";
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
  let grid: WorkbookGrid;
  try {
    grid = await loadWorkbookGrid(bytes, path);
  } catch (e) {
    return { fileName, sha256, read: { ok: false, reason: "unreadable", message: (e as Error).message } };
  }
  try {
    const { identity, read } = readUnitWorkbook(grid);
    return { fileName, sha256, read: { ok: true, identity, ledger: read.ledger, plan: read.unit?.recordPlan, problems: read.problems } };
  } catch (e) {
    return { fileName, sha256, read: { ok: false, reason: "not-unit-workbook", message: notUnitWorkbook((e as Error).message) } };
  }
}

/** The reader's own message when it has one that says so already, else prefixed. */
function notUnitWorkbook(message: string): string {
  return message.startsWith("不是单位填报表") ? message : `不是单位填报表：${message}`;
}
