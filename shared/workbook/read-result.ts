/**
 * What reading a ledger gives: the Ledger, the problems met, the 归档 rows and where every cell was
 * found. Apart from reader.ts so that modules reader.ts calls (unread.ts) can take it without a cycle.
 */
import type { Ledger, Quarter } from "../ledger/schema";
import type { Locate } from "../scoring/locate";
import type { LedgerProblem } from "./reader.grid";
import type { EntryCols } from "./sheet.tasks";
import type { ArchiveCells, ArchivedRow } from "./sheet.archive";
import type { SettingsCells } from "./sheet.settings";
import type { Plan, PlanMeta } from "../plan/schema";
import type { LedgerCells } from "./cells";
import type { ChangeRow } from "./sheet.changelog";
import type { CollectionRow } from "./sheet.collection";
import type { UnitWorkbookIdentity } from "../collect/identity";
import type { UnitScope } from "../collect/scope";

export interface ReadResult {
  ledger: Ledger;
  /** Cell-level problems met while reading (the cell was read as blank). */
  problems: LedgerProblem[];
  /** Rows of the 归档 sheet, if any (kept by --update). */
  archive: ArchivedRow[];
  /** Rows of the 变更记录 sheet (merges of returned unit workbooks), if any. */
  changelog: ChangeRow[];
  /** Rows of the 回收情况 sheet, if any. */
  collection: CollectionRow[];
  /** Where each task / target / entry cell is, for check rules and the add-in. */
  index: LedgerIndex;
  /** Where each scored figure is: pass to scoreLedger so the refs (数据来源) name the cells read. */
  locate: Locate;
  /**
   * Present when the workbook is a unit workbook (单位填报表, it carries 填报表标识): whose it is. Its
   * ledger's plan is then the unit's part of the plan record (shared/collect/scope.ts unitPlan);
   * `recordPlan` is the record's whole plan (the master's at split).
   */
  unit?: { identity: UnitWorkbookIdentity; scope: UnitScope; recordPlan: Plan };
}

/** Positions found while reading (0-based rows and columns). */
export interface LedgerIndex {
  taskRow: Map<number, number>;
  targetRow: Map<string, number>;
  /** 任务 sheet columns of each quarter's fields. */
  entryCols: Record<Quarter, EntryCols>;
  /** 指标 sheet column of each quarter's actual. */
  actualCols: Record<Quarter, number>;
  /** 设置 sheet: row and value column of the current quarter. */
  settingsQuarterCell: { row: number; col: number } | null;
  /** 设置: the label column and the rows readSettings read (values in the next column). */
  settingsCells: SettingsCells;
  /** 说明: the row of each metadata label readMeta found (values in column B). */
  metaRows: ReadonlyMap<keyof PlanMeta, number>;
  /** 归档: where readArchive read (null: no sheet, or its header unreadable). */
  archiveCells: ArchiveCells | null;
  /** 变更记录 / 回收情况: where readChangelog / readCollection read (same shape as 归档's). */
  changelogCells: ArchiveCells | null;
  collectionCells: ArchiveCells | null;
  /** Every table sheet's rows and columns as found (computed columns included). */
  cells: LedgerCells;
}
