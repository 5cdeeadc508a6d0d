/**
 * A returned file's bytes → the ReturnedFile the merge takes: its grids (through the loader the edge
 * gives: exceljs in Node or in the task pane) and, through readUnitWorkbook, its identity, content
 * and the whole plan it was split from. Anything that cannot be read becomes the refusal the merge records (the other files still
 * merge). The CLI (cli/io/returned-file.ts) and the pane's collect bundle both use it.
 */
import type { ReturnedFile } from "./merge.types";
import type { WorkbookGrid } from "../workbook/reader.grid";
import { readUnitWorkbook } from "../workbook/unit-reader";

export async function returnedFile(
  file: { fileName: string; bytes: Uint8Array; sha256: string },
  loadGrid: (bytes: Uint8Array) => Promise<WorkbookGrid>,
): Promise<ReturnedFile> {
  const { fileName, sha256 } = file;
  let grid: WorkbookGrid;
  try {
    grid = await loadGrid(file.bytes);
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
