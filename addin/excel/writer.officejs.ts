/**
 * Renders shared/workbook's WorkbookLayout into the open workbook with Office.js, as one transaction:
 * the operations come from ops.translate.ts (what to write, packed into requests), this file decides
 * where they go, when to sync and how to undo.
 *
 * Round trips (context.sync) do not grow with the number of tasks:
 *   1. read   – sheet names and ids, defined names, whether the first sheet is an empty default sheet;
 *   2. write  – new sheets under temporary names (~任务 …): constants as 2-D arrays, number formats and
 *               styles per column run, widths, merges, freeze panes, then tables over the filled ranges;
 *   3. swap   – old ledger sheets renamed to backups (旧~任务 …), new sheets to their real names, old
 *               names deleted; then formulas, defined names, validations, conditional formats (formulas
 *               are written only now so that they bind to the new sheets, not to the old ones);
 *   4. finish – backups deleted (a very hidden one shown first: Excel deletes no very hidden sheet),
 *               table names, protection, print setup, document properties, activation, and last
 *               the hiding of the 方案记录 sheet (VeryHidden), so the rollback only meets visible sheets.
 * Steps 2 and 3 are split into more requests (ops.translate.ts decides) only when their payload passes
 * `chunkBytes` (Excel on the web refuses requests over 5 MB), so the seed takes 4 syncs and 5,000 tasks
 * 5 to 8 (bench/writer-officejs.ts).
 *
 * A failure in steps 2–3 is rolled back (new sheets deleted, backups renamed back, names restored):
 * the workbook is as it was. A failure in step 4 leaves the new ledger in place and the error says
 * exactly what is missing. Calculation (and, from ExcelApi 1.9, screen updating) is suspended in
 * every writing request.
 */
import type { WorkbookLayout } from "../../shared/workbook/layout.types";
import { describeExcelError } from "./errors";
import { applyOp, type ApplyTarget } from "./ops.apply.officejs";
import { translateLayout } from "./ops.translate";
import type { Request } from "./ops.types";

export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

export interface WriteOptions {
  /** ExcelApi 1.9 features: suspendScreenUpdatingUntilNextSync, page layout. Default: false. */
  api19?: boolean;
  /** Payload budget of one request in bytes (estimated UTF-8 JSON). Default 3.5 MB (Excel on the web's limit: 5 MB). */
  chunkBytes?: number;
}

export interface WriteReport {
  syncs: number;
  /** Estimated payload of each writing request, in bytes. */
  requestBytes: number[];
  sheets: string[];
  /** Ledger sheets that existed before and were replaced. */
  replaced: string[];
  /** An empty default sheet removed after writing (e.g. "Sheet1"), or null. */
  removedBlank: string | null;
}

export class LedgerWriteError extends Error {
  constructor(
    message: string,
    /** "rolled-back": the workbook is as before; "partial": the new ledger is in place but incomplete. */
    readonly outcome: "rolled-back" | "partial" | "unknown",
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

const TEMP_PREFIX = "~";
const BACKUP_PREFIX = "旧~";

function freeName(base: string, taken: Set<string>): string {
  let name = base.slice(0, 31);
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${base.slice(0, 28)}~${i}`;
  taken.add(name.toLowerCase());
  return name;
}

// ---------------------------------------------------------------------------------------------------

export async function writeLayout(
  run: ExcelRun,
  layout: WorkbookLayout,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const report: WriteReport = {
    syncs: 0,
    requestBytes: [],
    sheets: layout.sheets.map((s) => s.name),
    replaced: [],
    removedBlank: null,
  };

  return run(async (context) => {
    const sync = async () => {
      report.syncs++;
      await context.sync();
    };
    const suspend = () => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      if (options.api19)
        context.workbook.application.suspendScreenUpdatingUntilNextSync();
    };

    // 1. read
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    const names = context.workbook.names;
    names.load("items/name,items/formula,items/comment");
    const first = sheets.getActiveWorksheet();
    first.load("name");
    const used = first.getUsedRangeOrNullObject();
    used.load("address");
    report.syncs++;
    await context.sync();
    const activeName = first.name;
    const activeEmpty = used.isNullObject;
    const existing = sheets.items.map((s) => ({ name: s.name, id: s.id }));
    const taken = new Set(existing.map((s) => s.name.toLowerCase()));
    const ledgerNames = new Set(layout.sheets.map((s) => s.name.toLowerCase()));
    const old = existing.filter((s) => ledgerNames.has(s.name.toLowerCase()));
    report.replaced = old.map((s) => s.name);
    const layoutNames = new Set(layout.names.map((n) => n.name.toLowerCase()));
    const oldNames = names.items
      .filter((n) => layoutNames.has(n.name.toLowerCase()))
      .map((n) => ({ name: n.name, formula: n.formula, comment: n.comment }));
    const blank =
      existing.length === 1 && old.length === 0 && activeEmpty
        ? activeName
        : null;

    const ops = translateLayout(layout, {
      ...options,
      replaced: { sheets: old.length, names: oldNames.length },
    });
    const temp = new Map(
      layout.sheets.map((s) => [s.key, freeName(TEMP_PREFIX + s.name, taken)]),
    );
    const backup = new Map(
      old.map((s) => [s.id, freeName(BACKUP_PREFIX + s.name, taken)]),
    );
    let stage: "write" | "swap" | "finish" = "write";
    let swapped = false;
    const newIds: string[] = [];
    const byKey = new Map<string, Excel.Worksheet>();
    const target: ApplyTarget = {
      workbook: context.workbook,
      sheet: (key) => byKey.get(key)!,
      tables: new Map(),
      swap: () => {
        for (const s of old) sheets.getItem(s.name).name = backup.get(s.id)!;
        for (const s of layout.sheets) target.sheet(s.key).name = s.name;
        for (const n of oldNames) names.getItem(n.name).delete();
        swapped = true;
      },
    };
    /** One sync per request, calculation (and screen updating) suspended in each. */
    const send = async (chunks: Request[], beforeLastSync?: () => void) => {
      for (const chunk of chunks) {
        suspend();
        for (const op of chunk.ops) applyOp(op, target);
        report.requestBytes.push(chunk.bytes);
        if (chunk === chunks[chunks.length - 1]) beforeLastSync?.();
        await sync();
      }
    };

    try {
      // 2. write new sheets under temporary names
      for (const s of layout.sheets)
        byKey.set(s.key, sheets.add(temp.get(s.key)!));
      await send(ops.write, () => {
        for (const w of byKey.values()) w.load("id");
      });
      for (const w of byKey.values()) newIds.push(w.id);

      // 3. swap names, then everything that refers to sheets
      stage = "swap";
      await send(ops.refer);
    } catch (error) {
      const why = describeExcelError(error);
      try {
        await rollback();
      } catch (again) {
        throw new LedgerWriteError(
          `写入台账失败：${why}。撤销也失败（${describeExcelError(again)}）：请检查名称以“${TEMP_PREFIX}”或“${BACKUP_PREFIX}”开头的工作表——前者是未写完的新表，可删除；后者是原来的台账，去掉前缀即可恢复。`,
          "unknown",
          error,
        );
      }
      throw new LedgerWriteError(
        `写入台账失败：${why}。已撤销，工作簿未改变。`,
        "rolled-back",
        error,
      );
    }

    // 4. finish: drop the backups, then table names, protection, print setup, properties
    stage = "finish";
    try {
      suspend();
      for (const s of old) {
        // Excel refuses to delete a very hidden sheet (the old 方案记录): show it first.
        const b = sheets.getItem(backup.get(s.id)!);
        b.visibility = "Visible";
        b.delete();
      }
      if (blank) sheets.getItem(blank).delete();
      for (const op of ops.finish) applyOp(op, target);
      await sync();
      report.removedBlank = blank;
    } catch (error) {
      throw new LedgerWriteError(
        `新台账已写入（${layout.sheets.map((s) => s.name).join("、")}），但收尾未完成：${describeExcelError(error)}。` +
          `可能缺少：表名、工作表保护、打印设置、“方案记录”表的隐藏${old.length ? `；名称以“${BACKUP_PREFIX}”开头的旧表可能仍在，可删除` : ""}。请重新写入一次。`,
        "partial",
        error,
      );
    }
    return report;

    async function rollback(): Promise<void> {
      // Re-read what exists now: a failed request applies the operations queued before the failing one.
      const now = context.workbook.worksheets;
      now.load("items/name,items/id");
      const nowNames = context.workbook.names;
      nowNames.load("items/name");
      await sync();
      const created = new Set(newIds);
      const tempNames = new Set([...temp.values()].map((n) => n.toLowerCase()));
      for (const s of now.items) {
        // New sheets: by id once known, otherwise by their temporary name.
        if (created.has(s.id) || tempNames.has(s.name.toLowerCase()))
          s.delete();
      }
      for (const s of old) {
        const b = now.items.find((x) => x.id === s.id);
        if (b && b.name !== s.name) b.name = s.name;
      }
      const present = new Set(nowNames.items.map((n) => n.name.toLowerCase()));
      if (swapped || stage !== "write") {
        for (const n of layout.names)
          if (
            present.has(n.name.toLowerCase()) &&
            !oldNames.some((o) => o.name.toLowerCase() === n.name.toLowerCase())
          )
            nowNames.getItem(n.name).delete();
        for (const n of oldNames) {
          if (present.has(n.name.toLowerCase()))
            nowNames.getItem(n.name).delete();
          nowNames.add(n.name, n.formula, n.comment);
        }
      }
      await sync();
    }
  });
}
