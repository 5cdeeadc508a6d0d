/**
 * What the merge (回收汇总, merge.ts) takes and gives. A returned file arrives already read: the
 * unit-workbook reader (readUnitWorkbook) gives its identity and its
 * content as a Ledger with the problems met; a file that could not be read arrives as a refusal
 * reason. Pure types.
 */
import type { Ledger, Quarter } from "../ledger/schema";
import type { Plan } from "../plan/schema";
import type { LedgerProblem } from "../workbook/reader.grid";
import type { ChangeRow } from "../workbook/sheet.changelog";
import type { UnitWorkbookIdentity } from "./identity";
import type { ChosenQuarter } from "./quarter";

/** Why a whole file is not merged. */
export type RefusalReason = "unreadable" | "not-unit-workbook" | "other-plan" | "other-quarter" | "unknown-unit";

export type ReturnedRead =
  | {
      ok: true;
      identity: UnitWorkbookIdentity;
      /** The unit workbook's content as read (its plan ids: mapped to the master's when the plan was revised). */
      ledger: Ledger;
      /**
       * The whole plan the file was split from (its 方案记录; ReadResult.unit.recordPlan). When the
       * master's plan differs, the whole plan, not the unit's few tasks, decides whether it is a
       * revision of the same plan. Absent: the ledger's plan.
       */
      plan?: Plan;
      /** Problems the reader met (rows inserted, locked plan cells changed …): their cells are listed as not applied. */
      problems: readonly LedgerProblem[];
    }
  | { ok: false; reason: "unreadable" | "not-unit-workbook"; message: string };

export interface ReturnedFile {
  fileName: string;
  /** Lower-case hex SHA-256 of the file's bytes: the same file merged twice is recognised by it. */
  sha256: string;
  read: ReturnedRead;
}

/** The master as read (ReadResult has these). */
export interface MasterState {
  ledger: Ledger;
  changelog: readonly ChangeRow[];
}

export interface MergeOptions {
  /** ISO 8601 time written to 变更记录. */
  now: string;
  /** The quarter being collected (--quarter); default: the quarter the returned files were split for (quarter.ts). */
  quarter?: Quarter;
}

export interface Refusal {
  fileName: string;
  sha256: string;
  reason: RefusalReason;
  /** One zh-CN line naming the file and why. */
  message: string;
}

/** A corrected file that replaced the same unit's earlier one(s) for the quarter. */
export interface Replacement {
  unit: string;
  fileName: string;
  earlier: string[];
}

export interface MergeOutcome {
  /** The quarter collected and where it came from (quarter.ts): files of other quarters were refused. */
  quarter: ChosenQuarter;
  ledger: Ledger;
  /** Every row of 变更记录: the master's, then this merge's. */
  changelog: ChangeRow[];
  /** The rows this merge added. */
  changes: ChangeRow[];
  conflicts: ChangeRow[];
  notApplied: ChangeRow[];
  refusals: Refusal[];
  replaced: Replacement[];
  /** Files already merged (the same SHA-256 in 变更记录): nothing done. */
  alreadyMerged: { fileName: string; unit: string }[];
}
