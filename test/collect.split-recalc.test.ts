/**
 * A unit workbook filled through exceljs and saved by LibreOffice (as many units will save it): it
 * still reads as the same unit's workbook with the same identity, what was typed reads back by input
 * key, and its own 状态 / 完成度 / 预警 and target formulas, recalculated by LibreOffice, equal
 * shared/scoring on what was read. Fails (does not skip) without LibreOffice.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { loadPlanFile } from "../cli/io/plan-file";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { demoLedger } from "../shared/workbook/demo";
import { splitBase, unitWorkbookLayout } from "../shared/workbook/unit-workbook";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readUnitWorkbook } from "../shared/workbook/unit-reader";
import { ledgerValues, valueOf } from "../shared/collect/keys";
import { inputKeyId, type BaseCell, type InputValue } from "../shared/collect/identity";
import { scoreLedger } from "../shared/scoring/index";
import { layoutLocate } from "../shared/workbook/cells";
import { WARNINGS } from "../shared/vocabulary";
import { recalc } from "./helpers/libreoffice";
import { compareFormulas, formulaResults } from "./helpers/formula-results";

const UNIT = "区发展改革委";

describe("a unit workbook saved by LibreOffice", () => {
  it("keeps its identity, reads what was typed, and computes 预警 / 完成度 as shared/scoring", async () => {
    const plan = (await loadPlanFile()).plan!;
    const master = demoLedger(plan, 2023, 1);
    const made = unitWorkbookLayout(splitBase(master, { quarter: 2, deadline: "2023-07-10", splitAt: "2023-07-01T08:00:00.000Z" }), UNIT);
    const editable = made.identity.base.filter((b) => b.editable);
    const statuses = editable.filter((b) => b.key.kind === "entry" && b.key.field === "status");
    const actuals = editable.filter((b) => b.key.kind === "actual");
    expect(statuses.length).toBeGreaterThan(2);
    expect(actuals.length).toBeGreaterThan(1);

    // the unit fills: one task 滞后 without 存在问题 (预警), one 已完成 with progress, actuals typed
    const typed = new Map<BaseCell, InputValue>([
      [statuses[0]!, "滞后"],
      [statuses[1]!, "已完成"],
      [
        editable.find((b) => b.key.kind === "entry" && b.key.field === "progress" && b.key.taskId === (statuses[1]!.key as { taskId: number }).taskId)!,
        "已全部完成，验收合格",
      ],
      [actuals[0]!, 12.5],
      [actuals[1]!, 0],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeWorkbook(made.layout)) as unknown as ArrayBuffer);
    for (const [b, v] of typed) {
      const [sheet, a1] = b.cell.split("!");
      wb.getWorksheet(sheet!)!.getCell(a1!).value = v as ExcelJS.CellValue;
    }
    const dir = mkdtempSync(join(tmpdir(), "unit-recalc-"));
    const file = join(dir, `2023-Q2-${UNIT}.xlsx`);
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const saved = await recalc(file);

    const { identity, read } = readUnitWorkbook(await loadWorkbookGrid(readFileSync(saved), saved));
    expect(identity).toEqual(made.identity);
    for (const [b, v] of typed) expect(valueOf(ledgerValues(read.ledger), b.key), inputKeyId(b.key)).toEqual(v);
    // untouched inputs read back as the base (LibreOffice kept texts as texts)
    for (const b of made.identity.base) if (!typed.has(b)) expect(valueOf(ledgerValues(read.ledger), b.key), inputKeyId(b.key)).toEqual(b.value);

    const { results, errors } = await formulaResults(saved);
    expect(errors).toEqual([]);
    const scores = scoreLedger(read.ledger, 2, layoutLocate(read.ledger.plan));
    const bad = compareFormulas(scores, results, { units: false });
    expect(bad).toEqual([]);
    // the unit sees its 预警 before sending: the 滞后 task without 存在问题 says so
    const lagging = scores.tasks.find((t) => t.taskId === (statuses[0]!.key as { taskId: number }).taskId)!;
    expect(lagging.warning).toContain(WARNINGS.lagWithoutProblem);
    expect(results.get(lagging.refs.warning!)).toContain(WARNINGS.lagWithoutProblem);
  }, 240_000);
});
