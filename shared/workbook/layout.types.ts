/**
 * The ledger workbook described as plain data. Writers (writer.exceljs.ts here, the Office.js writer
 * in addin/) render a WorkbookLayout and add nothing of their own: every value, formula, style,
 * validation, conditional format, name, protection and print setting is in here.
 *
 * Conventions every renderer relies on:
 * - Addresses are A1 strings; rows and columns are 1-based. `rows[0]` is row 1.
 * - Formulas are written WITHOUT the leading "=", with English function names and "," separators,
 *   sheet names quoted ('任务'!$E$3:$E$119), settings read through workbook-scope names (NAMES in labels.ts).
 *   Only functions Excel 2016, WPS and LibreOffice 7.4 share (CHOOSE, INDEX, MATCH, IF, IFERROR, AND, OR,
 *   ABS, COUNTIF(S), SUMIF, SUMPRODUCT, ISNUMBER, FIND, RANK, SUM, TRIM, LEN). Formula cells carry no
 *   cached result: the host computes them.
 * - Cell styles are keys into WorkbookLayout.styles. In the table area of a sheet (data.firstRow..lastRow)
 *   a cell without its own style takes its column's `style`, so a renderer can format whole column
 *   ranges at once (Office.js: one format call per column range, not per cell).
 * - Colours are "RRGGBB" hex strings (no alpha, no "#").
 */
import type { SheetKey } from "./labels";

export type CellValue = string | number | boolean | null;

export interface LayoutCell {
  /** A constant. Ignored when `formula` is set. */
  value?: CellValue;
  /** Formula without "=": "IF(W3=\"\",0,...)". */
  formula?: string;
  /** Style key; default: the column's style in the table area, "plain" elsewhere. */
  style?: string;
}

export interface CellStyle {
  bold?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "middle" | "bottom";
  /** Excel number format code: "0", "0.0%", "@". Absent: General. */
  numFmt?: string;
  /** Thin grey border on all sides. */
  border?: boolean;
  /** false = an input cell users may edit on the protected sheet. Default true (locked). */
  locked?: boolean;
}

export interface ColumnLayout {
  key: string;
  /** Header label (labels.ts), or null for free-form sheets. */
  label: string | null;
  /** Width in Excel character units. */
  width: number;
  /** Style of the column's cells in the table area. */
  style: string;
  hidden?: boolean;
  /** True for columns users fill in (unlocked, validated). */
  input?: boolean;
}

export interface RowLayout {
  /** One entry per column from A; null = empty cell. Shorter than `columns` is fine. */
  cells: (LayoutCell | null)[];
  /** Height in points; absent = automatic. */
  height?: number;
}

export interface ValidationLayout {
  /** "G3:G119" or "K5:N5" (never a whole column). */
  range: string;
  type: "list" | "decimal" | "whole" | "textLength";
  /** type list: the allowed words (rendered as an inline list "a,b,c"). */
  list?: string[];
  /** decimal / whole / textLength */
  operator?: "between" | "greaterThanOrEqual" | "lessThanOrEqual";
  min?: number;
  max?: number;
  allowBlank: boolean;
  prompt?: { title: string; text: string };
  error: { title: string; text: string; style: "stop" | "warning" | "information" };
}

export type ConditionalFormatLayout =
  | {
      type: "expression";
      /** Range the format applies to, e.g. "G3:G119". */
      range: string;
      /** Formula without "=", relative to the range's top-left cell: `G3="已完成"`. */
      formula: string;
      style: { fill?: string; fontColor?: string; bold?: boolean };
      /** Lower number = higher priority (1 first). */
      priority: number;
      stopIfTrue?: boolean;
    }
  | {
      type: "dataBar";
      range: string;
      /** Bar colour. */
      color: string;
      /** Fixed scale: a value of `min` draws no bar, `max` a full bar. */
      min: number;
      max: number;
      priority: number;
    };

export interface NamedRangeLayout {
  /** Workbook-scope name (NAMES in labels.ts). */
  name: string;
  sheet: SheetKey;
  /** Absolute range on that sheet: "$B$3" or "$B$9:$B$12". */
  range: string;
  /** Full reference as written in a defined name: "'设置'!$B$3". */
  refersTo: string;
  comment: string;
}

export interface ProtectionLayout {
  /** null: protected without a password (staff cannot break it by accident, the office can unprotect). */
  password: string | null;
  /** What users may still do on the protected sheet. */
  allow: {
    selectLockedCells: boolean;
    selectUnlockedCells: boolean;
    formatColumns: boolean;
    formatRows: boolean;
    sort: boolean;
    autoFilter: boolean;
    insertRows: boolean;
    deleteRows: boolean;
  };
}

export interface PrintLayout {
  paper: "A4";
  orientation: "landscape" | "portrait";
  /** Fit all columns on one page width (any number of pages tall). When false, `scale` applies. */
  fitToWidth: boolean;
  /** Print scale in percent when not fitting to width (null: 100). */
  scale: number | null;
  /** Rows repeated at the top of each printed page: "1:2", or null. */
  titleRows: string | null;
  /** Columns repeated at the left of each printed page: "A:D", or null (wide sheets print across pages). */
  titleColumns: string | null;
  /** Page margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Centre footer text, e.g. "第 &P 页，共 &N 页" (Excel header/footer codes). */
  footer: string | null;
}

export interface SheetLayout {
  key: SheetKey;
  name: string;
  tabColor: string | null;
  columns: ColumnLayout[];
  rows: RowLayout[];
  /** The table area: header row and data rows (lastRow < firstRow when there are no data rows). */
  data: { headerRow: number; firstRow: number; lastRow: number } | null;
  merges: string[];
  validations: ValidationLayout[];
  conditionalFormats: ConditionalFormatLayout[];
  /** Frozen panes: rows above and columns left of the split. */
  freeze: { rows: number; columns: number } | null;
  /** Autofilter range (header row + data rows), or null. */
  autoFilter: string | null;
  protection: ProtectionLayout | null;
  print: PrintLayout;
  /** Absent: visible. "veryHidden": not listed under 取消隐藏 (Excel's xlSheetVeryHidden), readable by code. */
  visibility?: "visible" | "hidden" | "veryHidden";
}

export interface WorkbookLayout {
  sheets: SheetLayout[];
  names: NamedRangeLayout[];
  styles: Record<string, CellStyle>;
  /** Sheet shown when the file opens. */
  activeSheet: SheetKey;
  metadata: {
    title: string;
    subject: string;
    creator: string;
    keywords: string;
    /** Plan year, document number; written to the document properties. */
    description: string;
    demo: boolean;
    /** Layout version: readers may refuse workbooks of an unknown major version. */
    layoutVersion: string;
  };
}
