/**
 * 填报表标识 sheet (very hidden, unit workbooks only): the UnitWorkbookIdentity of shared/collect/
 * identity.ts. Lays the sheet out (identitySheet) and reads it back (readIdentity).
 *
 * Layout: A1 a note; then "label | value" rows a person can read (格式, 填报单位, 季度, 年度,
 * 方案SHA-256, 分发时间, 截止日期), the SHA-256 of the identity JSON, and the JSON itself in pieces
 * (标识JSON第1段 …, split as 方案记录 splits the plan). The JSON is the truth; the readable rows must
 * agree with it, so an edit to either is found. Values are text cells ("@").
 */
import { z } from "zod";
import type { UnitWorkbookIdentity } from "../collect/identity";
import { unitPlan, unitScope, type UnitScope } from "../collect/scope";
import type { Plan } from "../plan/schema";
import { sha256Hex } from "../hash/sha256";
import { Quarter } from "../ledger/schema";
import type { LayoutCell, SheetLayout } from "./layout.types";
import { ENTRY_FIELD_ORDER, IDENTITY_LABELS, SHEETS, UNIT_SHEETS, type EntryField } from "./labels";
import { emptySheet, protection } from "./layout.common";
import { cellText, unwrap } from "./reader.cells";
import { LedgerReadError, findSheet, type Sheet, type WorkbookGrid } from "./reader.grid";
import type { RecordRead } from "./sheet.record";
import { splitRecord } from "./sheet.record";
import { cellAddress } from "../vocabulary";

const InputKey = z.union([
  z.object({
    kind: z.literal("entry"),
    taskId: z.number().int().positive(),
    quarter: Quarter,
    field: z.enum(ENTRY_FIELD_ORDER as [EntryField, ...EntryField[]]),
  }),
  z.object({ kind: z.literal("actual"), targetId: z.string(), quarter: Quarter }),
  z.object({ kind: z.literal("confirmed"), targetId: z.string() }),
]);
const Identity = z.object({
  planSha256: z.string().regex(/^[0-9a-f]{64}$/),
  year: z.number().int().nullable(),
  unit: z.string().min(1),
  quarter: Quarter,
  splitAt: z.string().min(1),
  deadline: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  base: z.array(
    z.object({
      key: InputKey,
      cell: z.string(),
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
      editable: z.boolean(),
    }),
  ),
});

const LABEL_COL = 0;
const VALUE_COL = 1;

/** The rows a person can read, in layout order, with the identity's value of each. */
function readableRows(id: UnitWorkbookIdentity): [label: string, value: string][] {
  const L = IDENTITY_LABELS;
  return [
    [L.format, L.formatValue],
    [L.unit, id.unit],
    [L.quarter, String(id.quarter)],
    [L.year, id.year === null ? "" : String(id.year)],
    [L.planSha256, id.planSha256],
    [L.splitAt, id.splitAt],
    [L.deadline, id.deadline ?? ""],
  ];
}

export function identitySheet(identity: UnitWorkbookIdentity, opts: { password: string | null }): SheetLayout {
  const sheet = emptySheet("identity");
  sheet.visibility = "veryHidden";
  sheet.columns = [
    { key: "label", label: null, width: 18, style: "plain" },
    { key: "value", label: null, width: 120, style: "recordText" },
  ];
  const text = (s: string, style = "recordText"): LayoutCell => ({ value: s, style });
  const json = JSON.stringify(identity);
  sheet.rows.push({ cells: [text(IDENTITY_LABELS.note, "guideText")] });
  for (const [label, value] of readableRows(identity)) sheet.rows.push({ cells: [text(label, "settingLabel"), text(value)] });
  sheet.rows.push({ cells: [text(IDENTITY_LABELS.sha256, "settingLabel"), text(sha256Hex(json))] });
  splitRecord(json).forEach((piece, i) => sheet.rows.push({ cells: [text(IDENTITY_LABELS.chunk(i + 1), "settingLabel"), text(piece)] }));
  sheet.protection = protection(opts.password);
  return sheet;
}

const CHUNK_LABEL = new RegExp(`^${IDENTITY_LABELS.chunk(0).replace("0", "(\\d+)")}$`);
const READABLE = new Set<string>([
  IDENTITY_LABELS.format,
  IDENTITY_LABELS.unit,
  IDENTITY_LABELS.quarter,
  IDENTITY_LABELS.year,
  IDENTITY_LABELS.planSha256,
  IDENTITY_LABELS.splitAt,
  IDENTITY_LABELS.deadline,
  IDENTITY_LABELS.sha256,
]);

/** True for the label of a row readIdentity reads. */
export function isIdentityLabel(label: string): boolean {
  return READABLE.has(label) || CHUNK_LABEL.test(label);
}

const DAMAGED = "本文件无法回收，请向分发单位索取新的填报表（不要修改隐藏的工作表）";

/** The identity the sheet holds, checked against its SHA-256 and its readable rows; throws LedgerReadError when it cannot be trusted. */
export function readIdentity(sheet: Sheet): UnitWorkbookIdentity {
  const fail = (row: number, what: string): never => {
    throw new LedgerReadError(
      "unit-identity-invalid",
      `${sheet.name}!${cellAddress(row, VALUE_COL)}: 单位填报表的标识${what}，${DAMAGED} (the unit workbook's identity sheet is damaged)`,
      sheet.name,
      cellAddress(row, VALUE_COL),
    );
  };
  const rows = new Map<string, number>();
  const pieces = new Map<number, string>();
  for (let r = 0; r < sheet.rowCount; r++) {
    const label = cellText(sheet.get(r, LABEL_COL));
    if (READABLE.has(label) && !rows.has(label)) rows.set(label, r);
    const m = CHUNK_LABEL.exec(label);
    if (!m) continue;
    const raw = unwrap(sheet.get(r, VALUE_COL));
    pieces.set(Number(m[1]), typeof raw === "string" ? raw : cellText(raw));
  }
  const hashRow = rows.get(IDENTITY_LABELS.sha256);
  if (hashRow === undefined || pieces.size === 0) return fail(hashRow ?? 0, `（${hashRow === undefined ? IDENTITY_LABELS.sha256 : "JSON"}）找不到`);
  const json = Array.from({ length: Math.max(...pieces.keys()) }, (_, i) => pieces.get(i + 1) ?? "").join("");
  if (sha256Hex(json) !== cellText(sheet.get(hashRow, VALUE_COL))) return fail(hashRow, "与其校验值不符（被改动）");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return fail(hashRow, "不是有效的 JSON");
  }
  const checked = Identity.safeParse(parsed);
  if (!checked.success) return fail(hashRow, "内容不完整");
  const identity = checked.data as UnitWorkbookIdentity;
  for (const [label, value] of readableRows(identity)) {
    const row = rows.get(label);
    if (row === undefined) return fail(hashRow, `缺少“${label}”一行`);
    if (cellText(sheet.get(row, VALUE_COL)) !== value) return fail(row, `中“${label}”被改为“${cellText(sheet.get(row, VALUE_COL))}”（原为“${value}”）`);
  }
  return identity;
}

/** A unit workbook as the reader sees it: whose it is, and the part of the plan it holds. */
export interface UnitRead {
  identity: UnitWorkbookIdentity;
  scope: UnitScope;
  /** The unit's plan (shared/collect/scope.ts unitPlan of the record): the rows the file must have. */
  plan: Plan;
  /** The whole plan of the record (the master's at split): what a merge compares with a revised master. */
  recordPlan: Plan;
}

/**
 * The unit a workbook was split for, or null for a workbook without 填报表标识 (a master). A unit
 * workbook must carry a valid 方案记录 of the plan its identity names: anything else throws
 * LedgerReadError("unit-identity-invalid"), since its rows could not be told from missing ones.
 */
export function readUnitIdentity(grid: WorkbookGrid, record: RecordRead): UnitRead | null {
  const g = findSheet(grid, UNIT_SHEETS.identity);
  if (!g) return null;
  const identity = readIdentity(g);
  if (record.kind !== "ok" || record.sha256 !== identity.planSha256) {
    const why =
      record.kind === "absent"
        ? "缺少工作表“" + SHEETS.record + "”"
        : record.kind === "invalid"
          ? record.problem.message.replace(/，.*$/, "")
          : "方案记录与标识中的方案不符";
    throw new LedgerReadError(
      "unit-identity-invalid",
      `单位填报表的方案记录无法核对（${why}），${DAMAGED} (the unit workbook's plan record cannot be trusted)`,
      SHEETS.record,
    );
  }
  const scope = unitScope(record.plan, identity.unit);
  return { identity, scope, plan: unitPlan(record.plan, scope), recordPlan: record.plan };
}
