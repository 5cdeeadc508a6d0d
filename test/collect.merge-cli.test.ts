/**
 * plan-ledger merge on real files: a master written by the exceljs writer, unit workbooks made by the
 * split's own layout (test/helpers/unit-files.ts), filled through exceljs in their unlocked cells and
 * read back by the command with the split's readUnitWorkbook.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Ledger } from "../shared/ledger/schema";
import { inputKeyId, type InputKey } from "../shared/collect/identity";
import { ledgerValues, valueOf } from "../shared/collect/keys";
import { ledgerLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger } from "../shared/workbook/reader";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { mergeCommand, run as mainMerge } from "../cli/command.merge";
import { smallLedger } from "./fixtures/ledger/plans";
import { fillFile, splitFiles } from "./helpers/unit-files";

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  const code = await fn();
  vi.restoreAllMocks();
  return { code, out, err };
}
afterEach(() => vi.restoreAllMocks());

const Q = 3 as const;
const k = (x: InputKey) => inputKeyId(x);
const st = (taskId: number): InputKey => ({ kind: "entry", taskId, quarter: Q, field: "status" });

/** The unit's file, split from `master` for quarter 3, with `fills` typed into its unlocked cells. */
const cellOfKey = new Map<string, string>(); // unit|key → Sheet!Cell in the unit's file
async function writeUnitFile(dir: string, master: Ledger, unit: string, fills: [InputKey, string | number][]): Promise<string> {
  const [f] = await splitFiles(master, { quarter: Q, deadline: "2023-10-10", splitAt: "2023-07-01T00:00:00.000Z" }, [unit]);
  for (const b of f!.identity.base) cellOfKey.set(`${unit}|${inputKeyId(b.key)}`, b.cell);
  const cells = fills.map(([key, v]) => [f!.identity.base.find((b) => inputKeyId(b.key) === inputKeyId(key))!, v] as const);
  const path = join(dir, f!.fileName);
  writeFileSync(path, await fillFile(f!.bytes, cells));
  return path;
}

describe("plan-ledger merge", () => {
  it("merges returned files, lists conflicts with Sheet!Cell and exits 1; a second run merges nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "merge-cli-"));
    const master = smallLedger();
    const masterPath = join(dir, "台账.xlsx");
    // the office typed task 3's status after the split: the unit's different value is a conflict
    const edited: Ledger = { ...master, entries: [...master.entries, { taskId: 3, quarter: Q, status: "已完成", progress: "", problems: "", nextSteps: "" }] };
    writeFileSync(masterPath, await writeWorkbook(ledgerLayout(edited)));
    const a = await writeUnitFile(dir, master, "区发展改革委", [[st(1), "序时推进"]]);
    const b = await writeUnitFile(dir, master, "区经济信息委", [
      [st(3), "滞后"],
      [st(4), "序时推进"],
    ]);
    const junk = join(dir, "备忘.xlsx");
    writeFileSync(junk, "不是工作簿");
    const out = join(dir, "汇总后.xlsx");
    const cmd = mergeCommand(() => new Date("2023-07-10T09:00:00Z"));

    const dry = await capture(() => cmd(["--workbook", masterPath, a, b, junk, "--dry-run", "--out", out]));
    expect(dry.code).toBe(1);
    expect(existsSync(out)).toBe(false);

    const r = await capture(() => cmd(["--workbook", masterPath, a, b, junk, "--out", out]));
    expect(r.code).toBe(1);
    const cell = cellOfKey.get(`区经济信息委|${k(st(3))}`)!;
    expect(cell).toMatch(/^任务![A-Z]+\d+$/);
    expect(r.err).toContain(`冲突 conflict: 2023-Q3-区经济信息委.xlsx ${cell}（任务 3 三季度状态）：台账“已完成”，区经济信息委填“滞后”`);
    expect(r.err).toMatch(/拒收 refused: 备忘\.xlsx：/);
    expect(r.out).toContain("合并文件 2 个");
    const read = readLedger(await loadWorkbookGrid(new Uint8Array(readFileSync(out))));
    const v = ledgerValues(read.ledger);
    expect(valueOf(v, st(1))).toBe("序时推进");
    expect(valueOf(v, st(3))).toBe("已完成");
    expect(valueOf(v, st(4))).toBe("序时推进");
    expect(read.changelog.filter((x) => x.how === "conflict")).toHaveLength(1);
    expect(read.collection.find((x) => x.unit === "区经济信息委")).toMatchObject({ quarter: Q, returned: true, conflicts: 1, applied: 1 });

    const bytes = readFileSync(out);
    const again = await capture(() => cmd(["--workbook", out, a, b]));
    expect(again.code).toBe(0);
    expect(again.out).toContain("已合并过");
    expect(readFileSync(out).equals(bytes)).toBe(true);
  }, 60_000);

  it("refuses a master ledger given as a returned file, naming it; without --quarter says which quarter it collects", async () => {
    const dir = mkdtempSync(join(tmpdir(), "merge-cli-"));
    const masterPath = join(dir, "台账.xlsx");
    // 当前季度 2: the files were split for quarter 3, and the merge takes theirs
    writeFileSync(masterPath, await writeWorkbook(ledgerLayout({ ...smallLedger(), settings: { ...smallLedger().settings, quarter: 2 } })));
    const other = join(dir, "另一份台账.xlsx");
    writeFileSync(other, await writeWorkbook(ledgerLayout(smallLedger())));
    const a = await writeUnitFile(dir, smallLedger(), "区发展改革委", [[st(1), "序时推进"]]);
    const r = await capture(() => mainMerge(["--workbook", masterPath, a, other, "--dry-run"]));
    expect(r.code).toBe(1);
    expect(r.err).toContain("拒收 refused: 另一份台账.xlsx：不是单位填报表");
    expect(r.out).toContain("回收第 3 季度（交回文件的填报季度）");
    expect(r.out).toContain("当前季度是第 2 季度");
    expect(r.out).toContain("合并文件 1 个");
  }, 60_000);

  it("bad arguments and a master that is not a ledger exit 2", async () => {
    expect((await capture(() => mainMerge(["--workbook", "x.xlsx"]))).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), "merge-cli-"));
    const p = join(dir, "m.xlsx");
    writeFileSync(p, "x");
    const r = await capture(() => mainMerge(["--workbook", p, p]));
    expect(r.code).toBe(2);
    expect(r.err).toContain(p);
  });
});
