/**
 * --update rewrites the ledger from its layout, so content a user added outside it (a 备注 column
 * on 任务, a sheet of their own) would vanish: the update refuses, naming the cell, unless --force.
 * The add-in replaces only the ledger's sheets, so there a sheet of one's own is no problem.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { updateFromGrid } from "../shared/workbook/update";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { UpdateBlocked, updateWorkbook } from "../cli/io/update.exceljs";
import { smallPlan } from "./fixtures/ledger/plans";

async function edit(bytes: Uint8Array, f: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  f(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("update with content outside the ledger", async () => {
  const plan = smallPlan();
  const blank = await writeWorkbook(buildLayout(plan, { settings: { quarter: 1 } }));

  it("updates a plain ledger, also with empty added columns and sheets", async () => {
    const bytes = await edit(blank, (wb) => {
      wb.getWorksheet("任务")!.getCell(2, 40).value = "备注";
      wb.addWorksheet("空白表");
    });
    await expect(updateWorkbook(bytes, plan)).resolves.toBeTruthy();
  });

  it("refuses when a 备注 column on 任务 or a sheet of one's own has content, names the cells, and goes on with force", async () => {
    const bytes = await edit(blank, (wb) => {
      const ws = wb.getWorksheet("任务")!;
      ws.getCell(2, 40).value = "备注";
      ws.getCell(5, 40).value = "领导批示：加快推进";
      wb.addWorksheet("我的笔记").getCell("B2").value = "重要笔记";
    });
    const err = await updateWorkbook(bytes, plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpdateBlocked);
    const cells = (err as UpdateBlocked).problems.map((p) => `${p.sheet}!${p.cell}`);
    expect(cells).toEqual(["任务!AN5", "我的笔记!B2"]);
    expect((err as UpdateBlocked).problems[0]!.message).toContain("备注");
    expect((err as UpdateBlocked).message).toMatch(/^台账中有 2 处不属于台账的内容/);
    const forced = await updateWorkbook(bytes, plan, { force: true });
    expect(forced.overridden.map((p) => p.code)).toEqual(["foreign-content", "foreign-content"]);
    // The add-in keeps sheets of one's own: only the column blocks there.
    const grid = await loadWorkbookGrid(bytes);
    const inExcel = updateFromGrid(grid, plan);
    expect(inExcel.ok === false && inExcel.reason === "lossy" && inExcel.problems.map((p) => p.cell)).toEqual(["AN5"]);
  });
});
