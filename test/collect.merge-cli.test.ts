/**
 * plan-ledger merge on real files: a master and returned unit files written by the exceljs writer.
 * The unit workbooks' reader is the split's; here a stand-in reader takes the identity from a test
 * sheet (JSON) and the content through readLedger, through the same UnitWorkbookReader interface.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Ledger } from "../shared/ledger/schema";
import { inputKeyId, type InputKey, type UnitWorkbookIdentity } from "../shared/collect/identity";
import { ledgerValues, valueOf } from "../shared/collect/keys";
import { ledgerLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger } from "../shared/workbook/reader";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import type { UnitWorkbookReader } from "../cli/io/returned-file";
import { mergeCommand, run as mainMerge } from "../cli/command.merge";
import { smallLedger } from "./fixtures/ledger/plans";
import { returnedFile, splitIdentity } from "./fixtures/collect/returned";

const IDENTITY_SHEET = "测试身份";
const stubReader: UnitWorkbookReader = (grid) => {
  const sheet = grid.sheets.find((s) => s.name === IDENTITY_SHEET);
  if (!sheet) throw new Error("没有身份信息");
  const identity = JSON.parse(String(sheet.values[0]![0])) as UnitWorkbookIdentity;
  return { identity, read: readLedger({ sheets: grid.sheets.filter((s) => s !== sheet) }) };
};

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

async function writeUnitFile(dir: string, master: Ledger, unit: string, fills: [InputKey, string | number][], name: string): Promise<string> {
  const f = returnedFile(master, splitIdentity(master, unit, Q), new Map(fills.map(([x, v]) => [k(x), v])));
  if (!f.read.ok) throw new Error("unreachable");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await writeWorkbook(ledgerLayout(f.read.ledger))) as unknown as ArrayBuffer);
  wb.addWorksheet(IDENTITY_SHEET).getCell("A1").value = JSON.stringify(f.read.identity);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
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
    const a = await writeUnitFile(dir, master, "区发展改革委", [[st(1), "序时推进"]], "2023-Q3-区发展改革委.xlsx");
    const b = await writeUnitFile(
      dir,
      master,
      "区经济信息委",
      [
        [st(3), "滞后"],
        [st(4), "序时推进"],
      ],
      "2023-Q3-区经济信息委.xlsx",
    );
    const junk = join(dir, "备忘.xlsx");
    writeFileSync(junk, "不是工作簿");
    const out = join(dir, "汇总后.xlsx");
    const cmd = mergeCommand(stubReader, () => new Date("2023-07-10T09:00:00Z"));

    const dry = await capture(() => cmd(["--workbook", masterPath, a, b, junk, "--dry-run", "--out", out]));
    expect(dry.code).toBe(1);
    expect(existsSync(out)).toBe(false);

    const r = await capture(() => cmd(["--workbook", masterPath, a, b, junk, "--out", out]));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/冲突 conflict: 2023-Q3-区经济信息委\.xlsx 任务!C\d+（任务 3 三季度状态）：台账“已完成”，区经济信息委填“滞后”/);
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

  it("the command as built refuses every returned file, naming it, until a unit-workbook reader is plugged in", async () => {
    const dir = mkdtempSync(join(tmpdir(), "merge-cli-"));
    const masterPath = join(dir, "台账.xlsx");
    writeFileSync(masterPath, await writeWorkbook(ledgerLayout(smallLedger())));
    const a = await writeUnitFile(dir, smallLedger(), "区发展改革委", [[st(1), "序时推进"]], "a.xlsx");
    const r = await capture(() => mainMerge(["--workbook", masterPath, a, "--dry-run"]));
    expect(r.code).toBe(1);
    expect(r.err).toContain("拒收 refused: a.xlsx：不是单位填报表");
  });

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
