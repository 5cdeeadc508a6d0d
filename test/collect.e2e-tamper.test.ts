/**
 * Tampered returned files, on real unit workbooks of the demo ledger: a locked cell edited (partly
 * applied: the rest merges, the locked cell is listed and recorded), a file of another plan, another
 * quarter, a renamed sheet, a truncated file, an edited identity sheet (each refused with one line
 * naming the file): the good files still merge and nothing a unit typed is lost.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Ledger } from "../shared/ledger/schema";
import { loadPlanFile } from "../cli/io/plan-file";
import { demoLedger } from "../shared/workbook/demo";
import { unitsToSplit } from "../shared/collect/scope";
import { inputKeyId, type BaseCell } from "../shared/collect/identity";
import { ledgerValues, valueOf } from "../shared/collect/keys";
import { merge, type MergeOutcome, type ReturnedFile } from "../shared/collect/merge";
import { reportingUnits } from "../shared/plan/reporting";
import { UNIT_SHEETS } from "../shared/workbook/labels";
import { fillFile, returned, splitFiles, type SplitFile } from "./helpers/unit-files";

let master: Ledger;
let q4: SplitFile[];
let dir: string;
let outcome: MergeOutcome;
let back: ReturnedFile[];
const SPLIT = { quarter: 4 as const, deadline: null, splitAt: "2023-12-20T08:00:00.000Z" };

const status = (f: SplitFile, editable: boolean): BaseCell =>
  f.identity.base.find((b) => b.editable === editable && b.key.kind === "entry" && b.key.field === "status" && (editable || b.value !== null))!;

beforeAll(async () => {
  const plan = (await loadPlanFile()).plan!;
  master = demoLedger(plan, 2023, 3);
  // units that report at least one task (each types one status: alone or as its part, the master gets it)
  const alone = unitsToSplit(plan).filter((u) => plan.tasks.some((t) => reportingUnits(t).includes(u)));
  // the first one has an earlier quarter's status to tamper with
  const hasEarlier = (u: string) => master.entries.some((e) => e.status !== null && reportingUnits(plan.tasks.find((t) => t.id === e.taskId)!).includes(u));
  const first = alone.find(hasEarlier)!;
  const units = [first, ...alone.filter((u) => u !== first).slice(0, 5)];
  q4 = await splitFiles(master, SPLIT, units);
  const [locked, renamed, truncated, identity, good, good2] = q4 as [SplitFile, SplitFile, SplitFile, SplitFile, SplitFile, SplitFile];
  const [q3] = await splitFiles(master, { ...SPLIT, quarter: 3 }, [units[5]!]);
  // another district's 2023 plan (same year, other tasks)
  const bishan = (await loadPlanFile("test/fixtures/genre/bishan-2023-wrapped.txt")).plan!;
  expect(bishan.meta.year).toBe(2023);
  const [otherPlan] = await splitFiles(demoLedger(bishan, 1, 3), SPLIT, [
    unitsToSplit(bishan).find((u) => bishan.tasks.some((t) => reportingUnits(t).includes(u)))!,
  ]);
  dir = mkdtempSync(join(tmpdir(), "collect-tamper-"));
  const typedIn = (f: SplitFile) => [[status(f, true), "序时推进"]] as const;
  back = [
    // unprotected and changed an earlier quarter's status, and filled this quarter's
    await returned(dir, "locked.xlsx", await fillFile(locked.bytes, [[status(locked, false), "已完成"], ...typedIn(locked)], { tamper: true })),
    await returned(dir, "other-plan.xlsx", await fillFile(otherPlan!.bytes, typedIn(otherPlan!))),
    await returned(dir, "q3.xlsx", await fillFile(q3!.bytes, typedIn(q3!))),
    await returned(dir, "renamed.xlsx", await fillFile(renamed.bytes, typedIn(renamed), { edit: (wb) => (wb.getWorksheet("任务")!.name = "任务表") })),
    await returned(dir, "truncated.xlsx", (await fillFile(truncated.bytes, typedIn(truncated))).slice(0, 9000)),
    await returned(
      dir,
      "identity.xlsx",
      await fillFile(identity.bytes, typedIn(identity), {
        edit: (wb) => {
          // the unit name in the readable rows of the very hidden sheet
          const ws = wb.getWorksheet(UNIT_SHEETS.identity)!;
          ws.eachRow((row) => row.eachCell((c) => (c.value === identity.unit ? (c.value = good.unit) : undefined)));
        },
      }),
    ),
    await returned(dir, good.fileName, await fillFile(good.bytes, typedIn(good))),
    await returned(dir, good2.fileName, await fillFile(good2.bytes, typedIn(good2))),
  ];
  outcome = merge({ ledger: master, changelog: [] }, back, { now: "2024-01-10T09:00:00.000Z" });
}, 120_000);

describe("tampered returned files", () => {
  it("are refused with one line naming the file and why; the good files merge", () => {
    const refused = new Map(outcome.refusals.map((r) => [r.fileName, r]));
    expect(refused.get("other-plan.xlsx")?.reason).toBe("other-plan");
    expect(refused.get("q3.xlsx")?.reason).toBe("other-quarter");
    expect(refused.get("q3.xlsx")?.message).toMatch(/^q3\.xlsx：是第 3 季度的填报表，本次回收第 4 季度.*--quarter 3/);
    expect(refused.get("renamed.xlsx")?.reason).toBe("not-unit-workbook");
    expect(refused.get("truncated.xlsx")?.reason).toBe("unreadable");
    expect(refused.get("identity.xlsx")?.reason).toBe("not-unit-workbook");
    expect(refused.get("identity.xlsx")?.message).toContain(UNIT_SHEETS.identity);
    expect([...refused.keys()].sort()).toEqual(["identity.xlsx", "other-plan.xlsx", "q3.xlsx", "renamed.xlsx", "truncated.xlsx"]);
    for (const r of outcome.refusals) {
      expect(r.message.startsWith(`${r.fileName}：`), r.message).toBe(true);
      expect(r.message.split("\n")).toHaveLength(1);
    }
    // quarter 4 from the files (master's 当前季度 is 3), the one Q3 file refused
    expect(outcome.quarter).toEqual({ quarter: 4, from: "files", mixed: true });
    const now = ledgerValues(outcome.ledger);
    for (const f of [q4[4]!, q4[5]!, q4[0]!]) expect(valueOf(now, status(f, true).key), f.unit).toBe("序时推进");
  });

  it("a locked cell edited is not applied, listed with its cell and recorded; the file's other cells merge", () => {
    const f = q4[0]!;
    const lockedCell = status(f, false);
    expect(valueOf(ledgerValues(outcome.ledger), lockedCell.key)).toBe(lockedCell.value);
    const row = outcome.notApplied.find((r) => r.key === inputKeyId(lockedCell.key));
    expect(row).toMatchObject({ unit: f.unit, fileName: "locked.xlsx", cell: lockedCell.cell, old: lockedCell.value, new: "已完成" });
    expect(outcome.notApplied).toHaveLength(1);
    expect(outcome.conflicts).toEqual([]);
  });

  it("every refusal is in 变更记录, and merging the same files again adds nothing", () => {
    for (const r of outcome.refusals)
      expect(
        outcome.changelog.some((c) => c.how === "refused" && c.note === r.message),
        r.fileName,
      ).toBe(true);
    const again = merge({ ledger: outcome.ledger, changelog: outcome.changelog }, back, { now: "2024-01-11T09:00:00.000Z" });
    expect(again.changes).toEqual([]);
    expect(ledgerValues(again.ledger)).toEqual(ledgerValues(outcome.ledger));
  });
});
