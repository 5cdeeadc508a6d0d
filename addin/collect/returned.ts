/**
 * 回收 in the task pane: files the user chose → the ReturnedFile the shared merge takes, read as the
 * CLI reads them (shared/collect/returned-file.ts with readUnitWorkbook), fingerprinted with the
 * shared SHA-256 (no Node crypto in a pane).
 */
import type { ReturnedFile } from "../../shared/collect/merge.types";
import { returnedFile } from "../../shared/collect/returned-file";
import { sha256HexOfBytes } from "../../shared/hash/sha256";
import { loadWorkbookGrid } from "../../shared/workbook/grid.exceljs";
import type { NamedBytes } from "./zip";

export async function readReturned(
  files: readonly NamedBytes[],
): Promise<ReturnedFile[]> {
  const out: ReturnedFile[] = [];
  for (const f of files)
    out.push(
      await returnedFile(
        {
          fileName: f.name,
          bytes: f.bytes,
          sha256: sha256HexOfBytes(f.bytes),
        },
        (b) => loadWorkbookGrid(b, f.name),
      ),
    );
  return out;
}
