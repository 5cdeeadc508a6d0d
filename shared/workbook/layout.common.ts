/** Pieces every sheet layout shares: styles, protection, print setup, title row, status colours. */
import type { CellStyle, CellValue, ColumnLayout, ConditionalFormatLayout, PrintLayout, ProtectionLayout, RowLayout, SheetLayout } from "./layout.types";
import { DEMO_BANNER, SHEET_NAMES, type SheetKey } from "./labels";
import { STATUS, TARGET_STATE } from "../vocabulary";
import type { Plan } from "../plan/schema";

export const COLORS = {
  header: "D9E1F2",
  headerInput: "FFE699",
  input: "FFFBEA",
  computed: "F2F2F2",
  border: "BFBFBF",
  done: { fill: "C6EFCE", font: "006100" },
  onPace: { fill: "DDEBF7", font: "1F4E78" },
  lagging: { fill: "FFC7CE", font: "9C0006" },
  notStarted: { fill: "EDEDED", font: "595959" },
  warning: { fill: "FFEB9C", font: "9C5700" },
  bar: "5B9BD5",
  demo: "C00000",
} as const;

/**
 * A text value goes into a text-formatted cell ("@") unless its style has a number format of its own:
 * Excel parses what it is given as if typed ("-资金未到位" a formula, "100.10" 100.1, "2023-03-01" a
 * date), and so would a user editing the cell later. Both writers follow this, the Office.js one
 * setting the format before the value.
 */
export function needsTextFormat(style: CellStyle | undefined, value: CellValue | undefined): boolean {
  return typeof value === "string" && value !== "" && style?.numFmt === undefined;
}

export const STYLES: Record<string, CellStyle> = {
  plain: {},
  title: { bold: true, fontSize: 14 },
  banner: { bold: true, fontColor: COLORS.demo },
  header: { bold: true, fill: COLORS.header, wrap: true, hAlign: "center", vAlign: "middle", border: true },
  headerInput: { bold: true, fill: COLORS.headerInput, wrap: true, hAlign: "center", vAlign: "middle", border: true },
  text: { wrap: true, vAlign: "top", border: true, numFmt: "@" },
  center: { hAlign: "center", vAlign: "top", border: true },
  number: { vAlign: "top", border: true, numFmt: "General" },
  inputText: { wrap: true, vAlign: "top", border: true, fill: COLORS.input, locked: false, numFmt: "@" },
  inputStatus: { hAlign: "center", vAlign: "top", border: true, fill: COLORS.input, locked: false },
  inputNumber: { vAlign: "top", border: true, fill: COLORS.input, locked: false, numFmt: "General" },
  computedText: { hAlign: "center", vAlign: "top", border: true, fill: COLORS.computed },
  computedNumber: { vAlign: "top", border: true, fill: COLORS.computed, numFmt: "0.00" },
  computedInt: { hAlign: "center", vAlign: "top", border: true, fill: COLORS.computed, numFmt: "0" },
  computedScore: { vAlign: "top", border: true, fill: COLORS.computed, numFmt: "0.0" },
  computedPercent: { vAlign: "top", border: true, fill: COLORS.computed, numFmt: "0.0%" },
  settingInput: { border: true, fill: COLORS.headerInput, locked: false, hAlign: "center", vAlign: "middle" },
  settingLabel: { border: true, bold: true, vAlign: "middle" },
  note: { wrap: true, vAlign: "middle", fontColor: "595959" },
  heading: { bold: true, fontSize: 12 },
  guideText: { wrap: true, vAlign: "top" },
  /** 方案记录 values: text, never parsed (a JSON piece starting with "=" or "-" stays text). */
  recordText: { vAlign: "top", numFmt: "@" },
  legendDone: { fill: COLORS.done.fill, fontColor: COLORS.done.font, border: true, hAlign: "center" },
  legendOnPace: { fill: COLORS.onPace.fill, fontColor: COLORS.onPace.font, border: true, hAlign: "center" },
  legendLagging: { fill: COLORS.lagging.fill, fontColor: COLORS.lagging.font, border: true, hAlign: "center" },
  legendNotStarted: { fill: COLORS.notStarted.fill, fontColor: COLORS.notStarted.font, border: true, hAlign: "center" },
  legendWarning: { fill: COLORS.warning.fill, fontColor: COLORS.warning.font, border: true, hAlign: "center" },
  legendInput: { fill: COLORS.input, border: true, hAlign: "center" },
  legendComputed: { fill: COLORS.computed, border: true, hAlign: "center" },
};

export function protection(password: string | null): ProtectionLayout {
  return {
    password,
    allow: {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      sort: false,
      autoFilter: true,
      insertRows: false,
      deleteRows: false,
    },
  };
}

export function print(titleRows: string | null, orientation: PrintLayout["orientation"] = "landscape"): PrintLayout {
  return {
    paper: "A4",
    orientation,
    fitToWidth: true,
    scale: null,
    titleRows,
    titleColumns: null,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    footer: "第 &P 页，共 &N 页",
  };
}

export function sheetTitle(plan: Plan, sheet: SheetKey, demo: boolean): string {
  const base = plan.meta.title ? plan.meta.title.replace(/分解方案$/, "") + "台账" : "目标任务台账";
  return `${base} · ${SHEET_NAMES[sheet]}` + (demo ? `　${DEMO_BANNER}` : "");
}

/** Status colours for one column range ("G3:G119", top-left cell "G3"). */
export function statusColorRules(range: string, topLeft: string, priority: number): ConditionalFormatLayout[] {
  const words = [STATUS.done, STATUS.onPace, STATUS.lagging, STATUS.notStarted];
  const palette = [COLORS.done, COLORS.onPace, COLORS.lagging, COLORS.notStarted];
  return words.map((word, i) => ({
    type: "expression" as const,
    range,
    formula: `${topLeft}="${word}"`,
    style: { fill: palette[i]!.fill, fontColor: palette[i]!.font },
    priority: priority + i,
  }));
}

export function stateColorRules(range: string, topLeft: string, priority: number): ConditionalFormatLayout[] {
  const words = [TARGET_STATE.met, TARGET_STATE.onPace, TARGET_STATE.behind];
  const palette = [COLORS.done, COLORS.onPace, COLORS.lagging];
  return words.map((word, i) => ({
    type: "expression" as const,
    range,
    formula: `${topLeft}="${word}"`,
    style: { fill: palette[i]!.fill, fontColor: palette[i]!.font, bold: word === TARGET_STATE.behind },
    priority: priority + i,
  }));
}

/** A sheet with nothing in it yet; builders fill it in. */
export function emptySheet(key: SheetKey): SheetLayout {
  return {
    key,
    name: SHEET_NAMES[key],
    tabColor: null,
    columns: [],
    rows: [],
    data: null,
    merges: [],
    validations: [],
    conditionalFormats: [],
    freeze: null,
    autoFilter: null,
    protection: null,
    print: print(null),
  };
}

/**
 * A row height (points) that shows all wrapped text of the row: neither Excel nor LibreOffice
 * re-fits row heights of a generated file on open, so the layout states them. CJK characters count
 * two width units, others one; a line is 14.3 pt at the 11 pt body font.
 */
export function fitHeight(row: RowLayout, columns: readonly ColumnLayout[], styles: Record<string, CellStyle>, min = 18): number {
  let lines = 1;
  row.cells.forEach((cell, i) => {
    const col = columns[i];
    if (!cell || !col || typeof cell.value !== "string") return;
    const style = styles[cell.style ?? col.style];
    if (!style?.wrap) return;
    const perLine = Math.max(1, col.width - 1);
    let n = 0;
    for (const part of cell.value.split("\n")) {
      let units = 0;
      for (const ch of part) units += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 2 : 1.1;
      n += Math.max(1, Math.ceil(units / perLine));
    }
    lines = Math.max(lines, n);
  });
  return Math.min(409, Math.max(min, Math.round(lines * 14.3 + 4)));
}
