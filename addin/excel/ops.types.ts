/**
 * The operations the Office.js writer sends to Excel, as plain data: what ops.translate.ts makes of a
 * WorkbookLayout and ops.apply.officejs.ts queues with Office.js. Values are already in Office.js's
 * terms (points, "#RRGGBB", "Center", "=formula"), so applying one is a direct assignment and a test can
 * read the operations without Excel or a fake.
 *
 * `sheet` is the layout's sheet key ("tasks"): the transaction decides which worksheet that is (the new
 * sheet under its temporary name, later under its real one).
 */
import type { CellValue } from "../../shared/workbook/layout.types";

/** Format settings of a range, in the order they are applied. */
export interface RangeFormat {
  bold?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  wrapText?: boolean;
  horizontalAlignment?: "Left" | "Center" | "Right";
  verticalAlignment?: "Top" | "Center" | "Bottom";
  /** Thin continuous lines on these edges (inside edges only where the range has an inside). */
  borders?: { edges: BorderEdge[]; color: string };
  /** Cells a user may edit on a protected sheet. */
  unlocked?: true;
}

export type BorderEdge =
  | "EdgeTop"
  | "EdgeBottom"
  | "EdgeLeft"
  | "EdgeRight"
  | "InsideVertical"
  | "InsideHorizontal";

export interface BasicRule {
  operator: "Between" | "GreaterThanOrEqualTo" | "LessThanOrEqualTo";
  formula1: string | number;
  formula2?: string | number;
}

/** Office.js's DataValidationRule, one member set. */
export type ValidationRule =
  | { list: { inCellDropDown: true; source: string } }
  | { decimal: BasicRule }
  | { wholeNumber: BasicRule }
  | { textLength: BasicRule };

type ConditionalFormat =
  | {
      type: "Custom";
      formula: string;
      fill?: string;
      fontColor?: string;
      bold?: boolean;
      stopIfTrue: boolean;
    }
  | { type: "DataBar"; min: string; max: string; fillColor: string };

export interface PageLayout {
  orientation: "Landscape" | "Portrait";
  paperSize: "A4";
  zoom?:
    | { horizontalFitToPages: number; verticalFitToPages: number }
    | { scale: number };
  /** "$A:$B" */
  printTitleColumns?: string;
  /** "$1:$2" */
  printTitleRows?: string;
  /** In points. */
  margins: {
    left: number;
    right: number;
    top: number;
    bottom: number;
    header: number;
    footer: number;
  };
  centerFooter?: string;
}

interface ProtectionOptions {
  allowAutoFilter: boolean;
  allowSort: boolean;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowInsertRows: boolean;
  allowDeleteRows: boolean;
  selectionMode: "Normal" | "Unlocked" | "None";
}

export type Operation =
  | { kind: "tabColor"; sheet: string; color: string }
  /** Constants of a block of whole rows from column A (0-based row); null leaves a cell as it is. */
  | { kind: "values"; sheet: string; row: number; values: CellValue[][] }
  /** Style and number format of a rectangle of `rows` × `columns` cells. */
  | {
      kind: "format";
      sheet: string;
      address: string;
      rows: number;
      columns: number;
      format: RangeFormat;
      numberFormat?: string;
    }
  /** Width in points of one column ("C:C"). */
  | {
      kind: "column";
      sheet: string;
      address: string;
      width: number;
      hidden: boolean;
    }
  | { kind: "rowHeight"; sheet: string; address: string; height: number }
  | { kind: "merge"; sheet: string; address: string }
  | { kind: "freeze"; sheet: string; rows: number; columns: number }
  /** A table (filter buttons, structured ranges) over filled cells with a header row. */
  | {
      kind: "table";
      sheet: string;
      address: string;
      style: string;
      showBandedRows: boolean;
    }
  /**
   * The transaction's own step, first in the first writing request: existing ledger sheets unprotected
   * and emptied (kept, so that references to them from the user's sheets survive), missing ones added,
   * the layout's defined names deleted.
   */
  | { kind: "prepare" }
  /** One column piece of formulas, each "=…". */
  | { kind: "formulas"; sheet: string; address: string; formulas: string[][] }
  | { kind: "name"; name: string; formula: string; comment: string | undefined }
  | {
      kind: "validation";
      sheet: string;
      address: string;
      rule: ValidationRule;
      ignoreBlanks: boolean;
      prompt?: { showPrompt: true; title: string; message: string };
      errorAlert: {
        showAlert: true;
        style: "Stop" | "Warning" | "Information";
        title: string;
        message: string;
      };
    }
  | {
      kind: "conditionalFormat";
      sheet: string;
      address: string;
      format: ConditionalFormat;
    }
  | { kind: "tableName"; sheet: string; name: string }
  /** Print setup without the zoom. */
  | { kind: "pageLayout"; sheet: string; layout: PageLayout }
  /** Print zoom, last of all (an undocumented fit setting may be refused; nothing may depend on it). */
  | { kind: "printZoom"; sheet: string; zoom: NonNullable<PageLayout["zoom"]> }
  | {
      kind: "protect";
      sheet: string;
      options: ProtectionOptions;
      password: string | undefined;
    }
  | {
      kind: "properties";
      title: string;
      subject: string;
      author: string;
      keywords: string;
      comments: string;
    }
  | { kind: "activate"; sheet: string }
  /** Hides a sheet (ExcelApi 1.1); "VeryHidden" is not offered by 取消隐藏 (the 方案记录 sheet). */
  | { kind: "visibility"; sheet: string; visibility: "Hidden" | "VeryHidden" };

/** Operations sent together in one request (one context.sync), with their estimated payload. */
export interface Request {
  bytes: number;
  ops: Operation[];
}

/** A layout as requests, by step of the transaction (writer.officejs.ts). */
export interface LayoutOps {
  /** Step 2: prepare, then the sheets' constants, formats, widths, merges, freeze panes, tables. */
  write: Request[];
  /** Step 3: formulas, names, validations, conditional formats. */
  refer: Request[];
  /** Step 4 (one request): table names, protection, properties, activation, hiding. */
  finish: Operation[];
  /** Step 5 (one request of its own, ExcelApi 1.9): print setup, zooms last. */
  print: Operation[];
}
