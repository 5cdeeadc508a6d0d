/**
 * Renders shared/workbook's WorkbookLayout into the open workbook with Office.js, as one transaction:
 * the operations come from ops.translate.ts (what to write, packed into requests), this file decides
 * where they go, when to sync and what to do when Excel refuses.
 *
 * Ledger sheets that exist are KEPT and rewritten (emptied, then written), never deleted or swapped:
 * a formula on a sheet of the user's own that refers to 任务 or 单位 keeps working (deleting a sheet
 * turns such references into #REF!). Round trips (context.sync) do not grow with the number of tasks:
 *   1. read    – sheet names and ids, defined names, whether the active sheet is an empty default sheet;
 *                on an update also the kept sheets' protection and tables (one more sync);
 *   2. write   – `prepare` first (kept sheets unprotected with the password given, their tables deleted,
 *                cells, merges, validations and conditional formats cleared, rows and columns shown;
 *                missing sheets added; the layout's names deleted), then constants as 2-D arrays after
 *                their number formats (text cells are "@" before their value), widths, merges, freeze
 *                panes, tables over the filled ranges;
 *   3. refer   – formulas, defined names, validations, conditional formats;
 *   4. finish  – table names, protection (with the same password), document properties, activation,
 *                hiding the 方案记录 sheet, then a full recalculation (calculation was suspended);
 *   5. print   – (ExcelApi 1.9) print setup in a request of its own, zooms last: a refused print setting
 *                is reported as a warning and cannot keep any sheet unprotected.
 * Steps 2 and 3 are split into more requests (ops.translate.ts decides) only when their payload passes
 * `chunkBytes` (Excel on the web refuses requests over 5 MB). Screen updating (ExcelApi 1.9) is
 * suspended once, in the first writing request; calculation in every writing request.
 *
 * Passwords: Office.js cannot tell whether a sheet has one. The kept sheets are unprotected with the
 * password given and protected again with it; a wrong or missing password stops the write before
 * anything changed (an empty password box never removes a password silently).
 *
 * Failures: on a new ledger, a failure in steps 2–3 is rolled back (the sheets and names added are
 * deleted). On an update the kept sheets are already emptied, so the whole write is tried once more
 * (the layout holds everything that was read); if that fails too, the error says the ledger is
 * incomplete and how to get the previous version back.
 */
import type { WorkbookLayout } from "../../shared/workbook/layout.types";
import { describeExcelError } from "./errors";
import { applyOp, type ApplyTarget } from "./ops.apply.officejs";
import { translateLayout } from "./ops.translate";
import type { Operation, Request } from "./ops.types";

export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

export interface WriteOptions {
  /** ExcelApi 1.9 features: suspendScreenUpdatingUntilNextSync, page layout. Default: false. */
  api19?: boolean;
  /** Payload budget of one request in bytes (estimated UTF-8 JSON). Default 3.5 MB (Excel on the web's limit: 5 MB). */
  chunkBytes?: number;
  /**
   * The password the existing ledger sheets are protected with (none: unprotected or protected
   * without one). The layout's own protection should use the same (importPlan builds it so).
   */
  password?: string;
}

export interface WriteReport {
  syncs: number;
  /** Estimated payload of each writing request, in bytes. */
  requestBytes: number[];
  sheets: string[];
  /** Ledger sheets that existed before and were rewritten in place. */
  replaced: string[];
  /** An empty default sheet removed after writing (e.g. "Sheet1"), or null. */
  removedBlank: string | null;
  /** Chinese notes on what did not work but leaves the ledger usable (print setup). */
  warnings: string[];
  /** 2 when the first attempt failed and the write was done again. */
  attempts: number;
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

/** The kept sheets could not be unprotected with the password given: nothing was written. */
class PasswordError extends Error {}

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
    warnings: [],
    attempts: 0,
  };
  const names = layout.sheets.map((s) => s.name);

  return run(async (context) => {
    const sync = async () => {
      report.syncs++;
      await context.sync();
    };
    const sheets = context.workbook.worksheets;
    /** Layout sheets added by this write (deleted again by a rollback). */
    const added = new Set<string>();
    let screenSuspended = false;

    /** One attempt of steps 1–4; throws PasswordError before changing anything when unprotect fails. */
    const attempt = async (): Promise<void> => {
      report.attempts++;
      // 1. read
      sheets.load("items/name,items/id");
      const wbNames = context.workbook.names;
      wbNames.load("items/name");
      const active = sheets.getActiveWorksheet();
      active.load("name");
      const used = active.getUsedRangeOrNullObject();
      used.load("address");
      // context.sync() spelled out (not sync()) so the Office linter sees the reads follow it
      report.syncs++;
      await context.sync();
      const existing = sheets.items.map((s) => s.name);
      const lower = new Set(existing.map((n) => n.toLowerCase()));
      const kept = layout.sheets.filter((s) => lower.has(s.name.toLowerCase()));
      if (report.attempts === 1) report.replaced = kept.map((s) => s.name);
      const layoutNames = new Set(
        layout.names.map((n) => n.name.toLowerCase()),
      );
      const oldNames = wbNames.items
        .map((n) => n.name)
        .filter((n) => layoutNames.has(n.toLowerCase()));
      const blank =
        existing.length === 1 && kept.length === 0 && used.isNullObject
          ? active.name
          : null;

      // 1b. the kept sheets unprotected (a no-op where they are not) and their tables read: a
      // refused password stops here, before anything else changed
      const keptSheets = kept.map((s) => {
        const ws = sheets.getItem(s.name);
        ws.protection.unprotect(options.password || undefined);
        ws.tables.load("items/name");
        return { key: s.key, name: s.name, ws };
      });
      if (keptSheets.length > 0) {
        try {
          await sync();
        } catch (error) {
          await reprotect(keptSheets);
          throw new PasswordError(describeExcelError(error));
        }
      }

      const ops = translateLayout(layout, {
        ...options,
        replaced: { sheets: kept.length, names: oldNames.length },
      });
      const byKey = new Map<string, Excel.Worksheet>();
      for (const k of keptSheets) byKey.set(k.key, k.ws);
      const target: ApplyTarget = {
        workbook: context.workbook,
        sheet: (key) => byKey.get(key)!,
        tables: new Map(),
        prepare: () => {
          for (const k of keptSheets) {
            for (const t of k.ws.tables.items) t.delete();
            const area = k.ws.getUsedRange();
            area.getEntireRow().rowHidden = false;
            area.getEntireColumn().columnHidden = false;
            area.unmerge();
            area.dataValidation.clear();
            area.conditionalFormats.clearAll();
            area.clear("All");
          }
          for (const s of layout.sheets)
            if (!byKey.has(s.key)) {
              byKey.set(s.key, sheets.add(s.name));
              added.add(s.name);
            }
          for (const n of oldNames) wbNames.getItem(n).delete();
        },
      };
      /** One sync per request, calculation suspended in each, screen updating once. */
      const send = async (chunks: Request[]) => {
        for (const chunk of chunks) {
          context.workbook.application.suspendApiCalculationUntilNextSync();
          if (options.api19 && !screenSuspended) {
            context.workbook.application.suspendScreenUpdatingUntilNextSync();
            screenSuspended = true;
          }
          for (const op of chunk.ops) applyOp(op, target);
          report.requestBytes.push(chunk.bytes);
          await sync();
        }
      };

      // 2. write (prepare first)
      await send(ops.write);
      // 3. formulas, names, validations, conditional formats
      await send(ops.refer);

      // 4. finish
      stage = "finish";
      if (blank) sheets.getItem(blank).delete();
      for (const op of ops.finish) applyOp(op, target);
      context.workbook.application.calculate("Full");
      await sync();
      report.removedBlank = blank;
      print = ops.print;
      printTarget = target;
    };

    /** After a refused unprotect: protects again the kept sheets it did unprotect (same options, the password given). */
    const reprotect = async (
      list: { key: string; ws: Excel.Worksheet }[],
    ): Promise<void> => {
      for (const k of list) k.ws.protection.load("protected");
      await sync();
      const protect = new Map(
        translateLayout(layout).finish.flatMap((o) =>
          o.kind === "protect" ? [[o.sheet, o] as const] : [],
        ),
      );
      for (const k of list) {
        const op = protect.get(k.key);
        if (op && !k.ws.protection.protected)
          k.ws.protection.protect(op.options, options.password || undefined);
      }
      await sync();
    };

    let stage = "write" as "write" | "finish";
    let print: Operation[] = [];
    let printTarget: ApplyTarget | null = null;
    try {
      await attempt();
    } catch (first) {
      if (first instanceof PasswordError)
        throw new LedgerWriteError(
          `无法撤销台账工作表的保护（${first.message}）：台账受密码保护时，请在“保护密码”中填写原来的保护密码后再导入。台账未改变。`,
          "rolled-back",
          first,
        );
      const why = describeExcelError(first);
      if (stage === "finish")
        throw new LedgerWriteError(
          `台账已写入（${names.join("、")}），但收尾未完成：${why}。可能缺少：表名、工作表保护、“方案记录”表的隐藏、重新计算。请重新导入一次。`,
          "partial",
          first,
        );
      if (report.replaced.length === 0) {
        try {
          await rollback();
        } catch (again) {
          throw new LedgerWriteError(
            `写入台账失败：${why}。撤销也失败（${describeExcelError(again)}）：请删除未写完的工作表（${[...added].join("、")}）后重试。`,
            "unknown",
            first,
          );
        }
        throw new LedgerWriteError(
          `写入台账失败：${why}。已撤销，工作簿未改变。`,
          "rolled-back",
          first,
        );
      }
      // An update: the kept sheets are emptied already; write everything again (the layout holds it all).
      stage = "write";
      try {
        await attempt();
      } catch (again) {
        throw new LedgerWriteError(
          `更新台账失败：${why}；重试也失败（${describeExcelError(again)}）。台账可能不完整：请不要保存，关闭工作簿后重新打开（网页版：文件 → 信息 → 版本历史，还原导入前的版本）。`,
          "partial",
          again,
        );
      }
    }

    // 5. print setup, isolated: nothing depends on it
    if (print.length > 0 && printTarget) {
      try {
        for (const op of print) applyOp(op, printTarget);
        await sync();
      } catch (error) {
        report.warnings.push(
          `打印设置未能全部完成（${describeExcelError(error)}）：台账已写入并受保护，可在“页面布局”中设置纸张方向和缩放。`,
        );
      }
    }
    return report;

    async function rollback(): Promise<void> {
      // Re-read what exists now: a failed request applies the operations queued before the failing one.
      const now = context.workbook.worksheets;
      now.load("items/name");
      const nowNames = context.workbook.names;
      nowNames.load("items/name");
      await sync();
      for (const s of now.items) if (added.has(s.name)) s.delete();
      const present = new Set(nowNames.items.map((n) => n.name.toLowerCase()));
      for (const n of layout.names)
        if (present.has(n.name.toLowerCase()))
          nowNames.getItem(n.name).delete();
      await sync();
    }
  });
}
