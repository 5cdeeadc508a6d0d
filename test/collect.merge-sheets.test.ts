/**
 * 变更记录 and 回收情况 round-trip: a merged master laid out (mergedLayout), written by the exceljs
 * writer, read back by the ledger reader (and once saved through LibreOffice), gives back every
 * 变更记录 row and the 回收情况 rows, with no cell of those sheets left unread; a revised plan after
 * the split; `workbook --update` keeps 变更记录.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Ledger, Quarter } from "../shared/ledger/schema";
import type { Plan } from "../shared/plan/schema";
import { inputKeyId, type InputKey } from "../shared/collect/identity";
import { ledgerValues, valueOf } from "../shared/collect/keys";
import { merge, type MergeOutcome } from "../shared/collect/merge";
import { mergedLayout } from "../shared/collect/layout";
import { collectionRows } from "../shared/collect/status";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger, type ReadResult } from "../shared/workbook/reader";
import { updateFromGrid } from "../shared/workbook/update";
import { SHEETS } from "../shared/workbook/labels";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { recalc } from "./helpers/libreoffice";
import { smallLedger } from "./fixtures/ledger/plans";
import { returnedFile, splitIdentity } from "./fixtures/collect/returned";

const Q: Quarter = 3;
const NOW = "2023-07-10T09:00:00.000Z";
const k = (x: InputKey) => inputKeyId(x);

/** smallLedger with task 1 reported by two units (no lead), merged from three files: merged, conflict, unit reports, not applied, refused. */
function merged(): MergeOutcome {
  const base = smallLedger();
  const plan: Plan = { ...base.plan, tasks: base.plan.tasks.map((t) => (t.id === 1 ? { ...t, lead: [], responsible: ["区经济信息委", "区统计局"] } : t)) };
  const master: Ledger = { ...base, plan };
  const file = (unit: string, fills: [InputKey, string | number | boolean][], name?: string) =>
    returnedFile(master, splitIdentity(master, unit, Q), new Map(fills.map(([x, v]) => [k(x), v])), name);
  const files = [
    file("区经济信息委", [
      [{ kind: "entry", taskId: 1, quarter: Q, field: "status" }, "序时推进"],
      [{ kind: "entry", taskId: 1, quarter: Q, field: "progress" }, "2023"],
      [{ kind: "actual", targetId: "1.1", quarter: Q }, 7.1],
      [{ kind: "actual", targetId: "3.1", quarter: Q }, 150],
      [{ kind: "confirmed", targetId: "3.2" }, true],
      [{ kind: "entry", taskId: 3, quarter: 1, field: "status" }, "已完成"],
    ]),
    file("区统计局", [
      [{ kind: "entry", taskId: 1, quarter: Q, field: "status" }, "滞后"],
      [{ kind: "actual", targetId: "1.1", quarter: Q }, 7.3],
    ]),
    { fileName: "坏文件.xlsx", sha256: "cd".repeat(32), read: { ok: false as const, reason: "not-unit-workbook" as const, message: "不是单位填报表" } },
  ];
  return merge({ ledger: master, changelog: [] }, files, { now: NOW });
}

function expectSameRead(read: ReadResult, out: MergeOutcome) {
  expect(read.changelog).toEqual(out.changelog);
  expect(read.collection).toEqual(collectionRows(out.ledger, out.changelog));
  const ours = read.problems.filter((p) => p.sheet === SHEETS.changelog || p.sheet === SHEETS.collection);
  expect(ours).toEqual([]);
  expect(ledgerValues(read.ledger)).toEqual(ledgerValues(out.ledger));
}

describe("变更记录 and 回收情况 sheets", () => {
  const out = merged();

  it("the merge produced every kind of row (the round trip below covers them)", () => {
    expect(new Set(out.changelog.map((r) => r.how))).toEqual(new Set(["merged", "conflict", "unitReport", "notApplied", "refused"]));
    expect(collectionRows(out.ledger, out.changelog).find((r) => r.unit === "区经济信息委")).toMatchObject({ returned: true, conflicts: 0 });
    expect(collectionRows(out.ledger, out.changelog).find((r) => r.unit === "区人力社保局")).toMatchObject({ returned: false, fileName: "", unreported: 1 });
  });

  it("round-trips through the exceljs writer and the reader", async () => {
    const bytes = await writeWorkbook(mergedLayout(out.ledger, [], out.changelog));
    const grid = await loadWorkbookGrid(bytes);
    const names = grid.sheets.map((s) => s.name);
    expect(names.indexOf(SHEETS.changelog)).toBe(names.indexOf(SHEETS.archive) + 1);
    expectSameRead(readLedger(grid), out);
  });

  it("round-trips through LibreOffice", async () => {
    const dir = mkdtempSync(join(tmpdir(), "merge-lo-"));
    const path = join(dir, "master.xlsx");
    writeFileSync(path, await writeWorkbook(mergedLayout(out.ledger, [], out.changelog)));
    const saved = await recalc(path);
    expectSameRead(readLedger(await loadWorkbookGrid(new Uint8Array(readFileSync(saved)))), out);
  }, 180_000);

  it("a row typed into 变更记录 with an unknown 处理 is a problem naming its cell, not dropped silently", async () => {
    const grid = await loadWorkbookGrid(await writeWorkbook(mergedLayout(out.ledger, [], out.changelog)));
    const sheet = grid.sheets.find((s) => s.name === SHEETS.changelog)!;
    const row = sheet.values.length;
    sheet.values[row] = ["2023-07-11", "某单位", "三季度", "x.xlsx", "ee", "", "", "", "", "", "随便写的", ""];
    const read = readLedger(grid);
    expect(read.changelog).toHaveLength(out.changelog.length);
    const p = read.problems.find((x) => x.code === "changelog-row-invalid");
    expect(p?.cell).toBe(`K${row + 1}`);
  });

  it("content typed beside 变更记录's table is reported, not read", async () => {
    const grid = await loadWorkbookGrid(await writeWorkbook(mergedLayout(out.ledger, [], out.changelog)));
    const sheet = grid.sheets.find((s) => s.name === SHEETS.collection)!;
    sheet.values[3]![12] = "已电话催收";
    const p = readLedger(grid).problems.filter((x) => x.sheet === SHEETS.collection);
    expect(p.map((x) => [x.code, x.cell])).toEqual([["foreign-content", "M4"]]);
    expect(p[0]!.message).toContain("plan-ledger merge");
  });

  it("workbook --update keeps 变更记录", async () => {
    const grid = await loadWorkbookGrid(await writeWorkbook(mergedLayout(out.ledger, [], out.changelog)));
    const r = updateFromGrid(grid, null);
    if (!r.ok) throw new Error(r.reason);
    const again = readLedger(await loadWorkbookGrid(await writeWorkbook(r.layout)));
    expect(again.changelog).toEqual(out.changelog);
  });
});

describe("a master revised after the split", () => {
  it("entries follow their task as workbook --update does; those of a removed task are recorded, not lost", () => {
    const master = smallLedger();
    const id = splitIdentity(master, "区经济信息委", Q);
    const fills = new Map<string, string | number>([
      [k({ kind: "entry", taskId: 3, quarter: Q, field: "status" }), "序时推进"],
      [k({ kind: "entry", taskId: 4, quarter: Q, field: "progress" }), "车间建成"],
      [k({ kind: "actual", targetId: "3.2", quarter: Q }), 20],
    ]);
    const file = returnedFile(master, id, fills);
    // revised: a task inserted before 3 (3 → 4, 4 removed)
    const tasks = master.plan.tasks
      .filter((t) => t.id !== 4)
      .map((t) => (t.id >= 3 ? { ...t, id: t.id + 1, targets: t.targets.map((g) => ({ ...g, id: `${t.id + 1}.${g.id.split(".")[1]}` })) } : t));
    const added = { ...master.plan.tasks[0]!, id: 3, text: "新增：推进数字经济发展，培育数字企业。", targets: [] };
    const revised: Ledger = {
      ...master,
      plan: { ...master.plan, tasks: [...tasks.slice(0, 2), added, ...tasks.slice(2)].sort((a, b) => a.id - b.id) },
      entries: [],
      actuals: [],
    };
    const out = merge({ ledger: revised, changelog: [] }, [file], { now: NOW });
    expect(out.refusals).toEqual([]);
    const v = ledgerValues(out.ledger);
    expect(valueOf(v, { kind: "entry", taskId: 4, quarter: Q, field: "status" })).toBe("序时推进");
    expect(valueOf(v, { kind: "actual", targetId: "4.2", quarter: Q })).toBe(20);
    expect(out.notApplied.map((r) => [r.item, r.new])).toEqual([["任务 4 三季度进展情况", "车间建成"]]);
    expect(out.notApplied[0]!.note).toContain("修订后的方案");
  });
});
