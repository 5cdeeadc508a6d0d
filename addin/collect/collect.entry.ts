/**
 * The task pane's 分发 / 回收 code as a bundle of its own (dist/collect.js, built by
 * scripts/addin-build.ts), loaded only when one of them is used: it carries exceljs's browser build
 * (about 1 MB), which the rest of the pane never needs. It sets `globalThis.planLedgerCollect`;
 * addin/taskpane/collect-loader.ts loads it and holds its type.
 */
import { writeWorkbook } from "../../shared/workbook/writer.exceljs";
import { loadWorkbookGrid } from "../../shared/workbook/grid.exceljs";
import { zipFiles } from "./zip";
import { distribute } from "./distribute";
import { readReturned } from "./returned";

export const collectModule = {
  writeWorkbook,
  loadWorkbookGrid,
  zipFiles,
  distribute,
  readReturned,
};
export type CollectModule = typeof collectModule;

(
  globalThis as unknown as { planLedgerCollect?: CollectModule }
).planLedgerCollect = collectModule;
