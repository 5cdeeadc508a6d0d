/**
 * 方案记录 sheet (very hidden): the plan the ledger was made from, as the canonical JSON of
 * shared/plan/record.ts split into pieces below Excel's 32,767-character cell limit, and its SHA-256.
 * Lays the sheet out (recordSheet) and reads it back (readRecord). Readers score from this plan and
 * compare the visible plan cells with it (plan-compare.ts).
 *
 * Layout: A1 a note (what this is, do not edit); then "label | value" rows: 格式, SHA-256 and one row
 * per JSON piece (方案JSON第1段 …). Values are text cells ("@"), so no host parses a piece that starts
 * with "=", "-" or a digit.
 */
import type { Plan } from "../plan/schema";
import { planRecord, readPlanRecord } from "../plan/record";
import type { LayoutCell, SheetLayout } from "./layout.types";
import { DEMO_BANNER, RECORD_LABELS, SHEETS } from "./labels";
import { emptySheet, protection } from "./layout.common";
import { cellText, unwrap } from "./reader.cells";
import { cellAddress } from "../vocabulary";
import { problem, type LedgerProblem, type Sheet } from "./reader.grid";

/** Characters per cell: below Excel's limit of 32,767 with room to spare. */
export const RECORD_CHUNK = 30_000;

/** 0-based column of the labels and of the values. */
const LABEL_COL = 0;
const VALUE_COL = 1;

/**
 * Pieces of at most `size` characters. A cut never splits a surrogate pair (an emoji or a CJK
 * Extension B character would become two invalid halves) nor sits next to whitespace (hosts may trim
 * a cell's edges).
 */
export function splitRecord(json: string, size = RECORD_CHUNK): string[] {
  const out: string[] = [];
  const fine = (i: number) => {
    const before = json.charCodeAt(i - 1);
    return !(before >= 0xd800 && before < 0xdc00) && !/\s/.test(json[i - 1]!) && !/\s/.test(json[i]!);
  };
  let start = 0;
  while (start < json.length) {
    let end = Math.min(json.length, start + size);
    if (end < json.length) {
      let cut = end;
      while (cut > start + 1 && !fine(cut)) cut--;
      if (cut > start + 1) end = cut;
    }
    out.push(json.slice(start, end));
    start = end;
  }
  return out;
}

/** The note in A1: what the sheet is and not to edit it. */
export function recordNote(demo: boolean): string {
  return (demo ? DEMO_BANNER + "　" : "") + RECORD_LABELS.note;
}

export function recordSheet(plan: Plan, opts: { demo: boolean; password: string | null }, chunkSize = RECORD_CHUNK): SheetLayout {
  const sheet = emptySheet("record");
  sheet.visibility = "veryHidden";
  sheet.columns = [
    { key: "label", label: null, width: 18, style: "plain" },
    { key: "value", label: null, width: 120, style: "recordText" },
  ];
  const record = planRecord(plan);
  const text = (s: string, style = "recordText"): LayoutCell => ({ value: s, style });
  sheet.rows.push({ cells: [text(recordNote(opts.demo), "guideText")] });
  sheet.rows.push({ cells: [text(RECORD_LABELS.format, "settingLabel"), text(RECORD_LABELS.formatValue)] });
  sheet.rows.push({ cells: [text(RECORD_LABELS.sha256, "settingLabel"), text(record.sha256)] });
  splitRecord(record.json, chunkSize).forEach((piece, i) => sheet.rows.push({ cells: [text(RECORD_LABELS.chunk(i + 1), "settingLabel"), text(piece)] }));
  sheet.protection = protection(opts.password);
  return sheet;
}

export type RecordRead =
  /** No 方案记录 sheet: a workbook from before records. */
  | { kind: "absent" }
  | { kind: "ok"; plan: Plan; sha256: string }
  /** The sheet is there but its plan cannot be trusted: the problem says where and why. */
  | { kind: "invalid"; problem: LedgerProblem };

const CHUNK_LABEL = new RegExp(`^${RECORD_LABELS.chunk(0).replace("0", "(\\d+)")}$`);
/** True for the label of a row readRecord reads (格式, SHA-256, 方案JSON第n段). */
export function isRecordLabel(label: string): boolean {
  return label === RECORD_LABELS.format || label === RECORD_LABELS.sha256 || CHUNK_LABEL.test(label);
}

const FALLBACK =
  "已按其他工作表中的内容读取（评分可能受改动影响）。如方案并未改变，可用 plan-ledger workbook --plan 原方案文件 --update 本文件 重新写入方案记录";

/** The plan the record sheet holds, checked against its SHA-256. */
export function readRecord(sheet: Sheet | null): RecordRead {
  if (!sheet) return { kind: "absent" };
  let hashRow: number | null = null;
  let formatRow: number | null = null;
  const pieces = new Map<number, string>();
  let firstPiece: number | null = null;
  for (let r = 0; r < sheet.rowCount; r++) {
    const label = cellText(sheet.get(r, LABEL_COL));
    if (label === RECORD_LABELS.sha256 && hashRow === null) hashRow = r;
    if (label === RECORD_LABELS.format && formatRow === null) formatRow = r;
    const m = CHUNK_LABEL.exec(label);
    if (!m) continue;
    // raw text: a piece's edges are part of the JSON (cellText would trim them)
    const raw = unwrap(sheet.get(r, VALUE_COL));
    pieces.set(Number(m[1]), typeof raw === "string" ? raw : cellText(raw));
    firstPiece ??= r;
  }
  if (hashRow === null || firstPiece === null) {
    const what = hashRow === null ? `“${RECORD_LABELS.sha256}”一行` : "方案 JSON";
    return {
      kind: "invalid",
      problem: problem(sheet, hashRow ?? 0, 0, "plan-record-invalid", `工作表“${SHEETS.record}”中找不到${what}（被清空或改动），${FALLBACK}`),
    };
  }
  // A record of another format (or its format cell typed over) is not read as this one.
  const format = formatRow === null ? RECORD_LABELS.formatValue : cellText(sheet.get(formatRow, VALUE_COL));
  if (format !== RECORD_LABELS.formatValue) {
    return {
      kind: "invalid",
      problem: problem(
        sheet,
        formatRow!,
        VALUE_COL,
        "plan-record-invalid",
        `工作表“${SHEETS.record}”的格式为“${format}”，应为“${RECORD_LABELS.formatValue}”，${FALLBACK}`,
      ),
    };
  }
  const n = Math.max(...pieces.keys());
  const json = Array.from({ length: n }, (_, i) => pieces.get(i + 1) ?? "").join("");
  const read = readPlanRecord(json, cellText(sheet.get(hashRow, VALUE_COL)));
  if (read.ok) return { kind: "ok", plan: read.plan, sha256: read.sha256 };
  const [row, col] = read.reason === "hash-mismatch" ? [hashRow, VALUE_COL] : [firstPiece, VALUE_COL];
  // the whole record is in doubt, so the problem names all of it (any of its cells may be the changed one)
  const last = Math.max(hashRow, firstPiece, sheet.rowCount - 1);
  const range = `${cellAddress(Math.min(hashRow, firstPiece), LABEL_COL)}:${cellAddress(last, VALUE_COL)}`;
  return { kind: "invalid", problem: { ...problem(sheet, row, col, "plan-record-invalid", `${read.message.replace(/ \(.*\)$/, "")}，${FALLBACK}`), range } };
}
