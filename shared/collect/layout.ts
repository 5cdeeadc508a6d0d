/**
 * The layout of a master after a merge: the ledger's layout (ledgerLayout), its 归档 rows
 * (withArchive) and the merge's sheets 变更记录 and 回收情况 after 归档. `workbook --update` keeps them
 * the same way (update.ts). Pure.
 */
import type { Ledger } from "../ledger/schema";
import type { WorkbookLayout } from "../workbook/layout.types";
import { ledgerLayout } from "../workbook/layout";
import { withArchive, type ArchivedRow } from "../workbook/sheet.archive";
import { changelogSheet, type ChangeRow } from "../workbook/sheet.changelog";
import { collectionSheet } from "../workbook/sheet.collection";
import { collectionRows } from "./status";

/** Adds 变更记录 and 回收情况 (after 归档) when there is anything to record; the input is not changed. */
export function withCollection(layout: WorkbookLayout, ledger: Ledger, changelog: readonly ChangeRow[], password?: string): WorkbookLayout {
  if (changelog.length === 0) return layout;
  const opts = { demo: ledger.demo, password: password ?? null };
  const sheets = [changelogSheet(ledger.plan, changelog, opts), collectionSheet(ledger.plan, collectionRows(ledger, changelog), opts)];
  const at = layout.sheets.findIndex((s) => s.key === "archive") + 1;
  return { ...layout, sheets: [...layout.sheets.slice(0, at), ...sheets, ...layout.sheets.slice(at)] };
}

/** The whole merged master: ledger, 归档, 变更记录, 回收情况. */
export function mergedLayout(
  ledger: Ledger,
  archive: readonly ArchivedRow[],
  changelog: readonly ChangeRow[],
  options: { password?: string } = {},
): WorkbookLayout {
  return withCollection(withArchive(ledgerLayout(ledger, options), archive), ledger, changelog, options.password);
}
