/**
 * The identity a unit workbook (单位填报表) carries, so that its return can be merged back into the
 * master (issue 10). Contract between the split (shared/workbook: unit workbook layout + the very
 * hidden sheet that stores this, and its reader) and the merge (shared/collect/). Pure types and key
 * codecs: no layout, no I/O.
 */
import type { Quarter } from "../ledger/schema";
import type { EntryField } from "../workbook/labels";

/** One input of the ledger, named by what it is rather than where it is (rows move on --update). */
export type InputKey =
  | { kind: "entry"; taskId: number; quarter: Quarter; field: EntryField }
  | { kind: "actual"; targetId: string; quarter: Quarter }
  /** The 核实 mark of a target (已核实 = true). */
  | { kind: "confirmed"; targetId: string };

/** A cell value as the ledger model holds it: status word or null, text ("" blank), number or null, boolean. */
export type InputValue = string | number | boolean | null;

/** The master's value of one input cell of the unit workbook at split time. */
export interface BaseCell {
  key: InputKey;
  /** `Sheet!A1` of the cell in the unit workbook. */
  cell: string;
  value: InputValue;
  /** True for the cells the unit may fill (unlocked); false for context it only sees (locked). */
  editable: boolean;
}

export interface UnitWorkbookIdentity {
  /** SHA-256 of the canonical plan record (shared/plan/record.ts) of the master at split time. */
  planSha256: string;
  year: number | null;
  unit: string;
  quarter: Quarter;
  /** ISO 8601 time of the split. */
  splitAt: string;
  /** YYYY-MM-DD, or null when none was given. */
  deadline: string | null;
  /** Every input cell of the unit workbook with the master's value at split (editable or not). */
  base: BaseCell[];
}

/** A stable string for maps: "entry|12|2|status", "actual|9.1|2", "confirmed|9.1". */
export function inputKeyId(k: InputKey): string {
  switch (k.kind) {
    case "entry":
      return `entry|${k.taskId}|${k.quarter}|${k.field}`;
    case "actual":
      return `actual|${k.targetId}|${k.quarter}`;
    case "confirmed":
      return `confirmed|${k.targetId}`;
  }
}
