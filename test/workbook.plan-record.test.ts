/**
 * The plan as written travels with the workbook: a very hidden 方案记录 sheet holds the plan's
 * canonical JSON and its SHA-256; readers score by it and report every visible plan cell a unit
 * changed (with the written and the found value), every row of the plan that is missing, every row
 * that is not in the plan, and every 说明 / 单位 / 汇总 sheet that is gone. Workbooks written by
 * exceljs, saved by LibreOffice, and written by the Office.js writer (fake).
 */
import { describe, expect, it, beforeAll } from "vitest";
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "../shared/plan/schema";
import type { Ledger } from "../shared/ledger/schema";
import { planRecord } from "../shared/plan/record";
import { buildLayout, ledgerLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedger, type ReadResult } from "../shared/workbook/reader";
import { formatProblem, type WorkbookGrid } from "../shared/workbook/reader.grid";
import { RECORD_LABELS, SHEETS, SHEET_ORDER } from "../shared/workbook/labels";
import { COLS, positions } from "../shared/workbook/layout.positions";
import { recordSheet, splitRecord } from "../shared/workbook/sheet.record";
import { scoreLedger } from "../shared/scoring/index";
import { loadWorkbookGrid, readLedgerFile } from "../cli/io/workbook.exceljs";
import { updateWorkbook } from "../cli/io/update.exceljs";
import { run as workbookCommand } from "../cli/command.workbook";
import { run as updateCommand } from "../cli/command.workbook-update";
import { loadPlanFile } from "../cli/io/plan-file";
import { importPlan, readGrid, readWorkbookLedger } from "../addin/excel/ledger.officejs";
import { writeLayout, type ExcelRun } from "../addin/excel/writer.officejs";
import { createFakeExcel, type FakeExcelHost } from "./fakes/excel-fake";
import { smallLedger } from "./fixtures/ledger/plans";
import { unzipEntries } from "./fixtures/ledger/xlsx";
import { recalc } from "./helpers/libreoffice";

const ledger: Ledger = smallLedger();
const plan = ledger.plan;
const pos = positions(plan);
const T = COLS.tasks;
const G = COLS.targets;
const U = COLS.units;
const QUARTER = 2;
const HINT = "评分按方案原文计算。修改方案请用 plan-ledger workbook --update";
const work = mkdtempSync(join(tmpdir(), "plan-record-"));

const read = async (bytes: Uint8Array): Promise<ReadResult> => readLedger(await loadWorkbookGrid(bytes));
const planProblems = (r: ReadResult) => r.problems.filter((p) => p.code.startsWith("plan-") || p.code === "sheet-rebuilt");

/** Edits a written workbook with exceljs (as a person would in a spreadsheet program) and saves it. */
async function edited(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  edit(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const ws = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;
/** Each sheet's state as workbook.xml says it ("visible" when not said). */
const sheetStates = (bytes: Uint8Array) =>
  Object.fromEntries(
    [
      ...unzipEntries(bytes)
        .get("xl/workbook.xml")!
        .toString("utf8")
        .matchAll(/<sheet [^>]*\/>/g),
    ].map((m) => [/name="([^"]+)"/.exec(m[0])![1], /state="(\w+)"/.exec(m[0])?.[1] ?? "visible"]),
  );

/** The five changes of the issue, one workbook edit each. */
const TAMPER = {
  /** 目标值 of 1.1 lowered from 7 to 5. */
  lowerTarget: (wb: ExcelJS.Workbook) => (ws(wb, SHEETS.targets).getCell(`${G.value}${pos.targetRow.get("1.1")}`).value = 5),
  /** The lagging task 3 handed to another unit. */
  handOver: (wb: ExcelJS.Workbook) => (ws(wb, SHEETS.tasks).getCell(`${T.lead}${pos.taskRow.get(3)}`).value = "区统计局"),
  /** 区发改委 written for 区发展改革委. */
  shortName: (wb: ExcelJS.Workbook) => (ws(wb, SHEETS.tasks).getCell(`${T.lead}${pos.taskRow.get(1)}`).value = "区发改委"),
  /** 单位!类型 of a township changed to 部门 (it would be ranked with the departments). */
  unitKind: (wb: ExcelJS.Workbook) => (ws(wb, SHEETS.units).getCell(`${U.kind}${pos.unitRow.get("双桂街道")}`).value = "部门"),
  /** The row of task 2 (no status in any quarter) deleted. */
  deleteRow: (wb: ExcelJS.Workbook) => ws(wb, SHEETS.tasks).spliceRows(pos.taskRow.get(2)!, 1),
};

/** The problems each change gives, as "Sheet!Cell: message" (rows as written, before any deletion). */
const EXPECTED: Record<keyof typeof TAMPER, string> = {
  lowerTarget: `指标!${G.value}${pos.targetRow.get("1.1")}: 目标值被改为“5”，方案原文为“7”；${HINT}`,
  handOver: `任务!${T.lead}${pos.taskRow.get(3)}: 牵头单位被改为“区统计局”，方案原文为“区经济信息委”；${HINT}`,
  shortName: `任务!${T.lead}${pos.taskRow.get(1)}: 牵头单位被改为“区发改委”，方案原文为“区发展改革委”；${HINT}`,
  unitKind: `单位!${U.kind}${pos.unitRow.get("双桂街道")}: 类型被改为“部门”，方案原文为“乡镇（街道）”；${HINT}`,
  deleteRow: `任务!${T.id}${pos.taskRow.get(2)}: 任务 2（城镇调查失业率控制在5.5%以内。）在“任务”表中找不到（行被删除，或序号、任务内容被改动或清空？）；按方案记录计入台账，视为未填报。用 plan-ledger workbook --update 本文件 可恢复该行`,
};

describe("the 方案记录 sheet", () => {
  it("is written very hidden by exceljs, with the JSON in text cells below 32,767 characters and its SHA-256", async () => {
    const bytes = await writeWorkbook(ledgerLayout(ledger));
    expect(sheetStates(bytes)[SHEETS.record]).toBe("veryHidden");
    expect(Object.values(sheetStates(bytes)).filter((s) => s === "visible")).toHaveLength(7);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = ws(wb, SHEETS.record);
    expect(String(sheet.getCell("A1").value)).toMatch(/请勿修改/);
    const record = planRecord(plan);
    expect(sheet.getCell("A3").value).toBe(RECORD_LABELS.sha256);
    expect(sheet.getCell("B3").value).toBe(record.sha256);
    expect(sheet.getCell("B4").numFmt).toBe("@");
    expect(sheet.getCell("B4").value).toBe(record.json);
  });

  it("splits a long plan into pieces below the cell limit, never inside a surrogate pair or next to a space", () => {
    const json = `{"a":"${"𠀀".repeat(20_000)} x ${"甲".repeat(40_000)}"}`;
    const pieces = splitRecord(json);
    expect(pieces.join("")).toBe(json);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(30_000);
      expect(p).toBe(p.trim());
      expect(p.charCodeAt(p.length - 1) >= 0xd800 && p.charCodeAt(p.length - 1) < 0xdc00).toBe(false);
    }
  });

  it("reads back: the ledger as written, no problem", async () => {
    const r = await read(await writeWorkbook(ledgerLayout(ledger)));
    expect(r.problems).toEqual([]);
    expect(r.ledger).toEqual(ledger);
  });
});

describe("a unit changing what it is judged on (exceljs-written workbooks)", () => {
  let untouched: Uint8Array;
  let scores: ReturnType<typeof scoreLedger>;
  beforeAll(async () => {
    untouched = await writeWorkbook(ledgerLayout(ledger));
    scores = scoreLedger((await read(untouched)).ledger, QUARTER);
  });

  for (const key of Object.keys(TAMPER) as (keyof typeof TAMPER)[]) {
    it(`${key}: a problem naming the cell with the written and the found value; scores as untouched`, async () => {
      const r = await read(await edited(untouched, TAMPER[key]));
      expect(planProblems(r).map(formatProblem)).toEqual([EXPECTED[key]]);
      expect(planProblems(r)[0]!.severity).toBe("error");
      expect(r.ledger.plan).toEqual(plan);
      expect(scoreLedger(r.ledger, QUARTER)).toEqual(scores);
    });
  }

  it("the scores would move without the record: the changes matter", async () => {
    const all = await edited(untouched, (wb) => Object.values(TAMPER).forEach((f) => f(wb)));
    const r = await read(await edited(all, (wb) => wb.removeWorksheet(ws(wb, SHEETS.record).id)));
    expect(r.problems.map((p) => p.code)).toContain("plan-record-missing");
    expect(scoreLedger(r.ledger, QUARTER).units).not.toEqual(scores.units);
  });

  it("a tampered record (text changed, SHA-256 kept) is a problem at its SHA-256 cell; the visible cells are read", async () => {
    const bytes = await edited(untouched, (wb) => {
      const c = ws(wb, SHEETS.record).getCell("B4");
      c.value = String(c.value).replace('"value":7,', '"value":5,');
      TAMPER.lowerTarget(wb);
    });
    const r = await read(bytes);
    expect(planProblems(r).map((p) => `${p.code} ${p.sheet}!${p.cell} ${p.severity}`)).toEqual(["plan-record-invalid 方案记录!B3 error"]);
    expect(r.problems[0]!.message).toMatch(/^方案记录与其校验值（SHA-256）不符：记录被改动过，已按其他工作表中的内容读取/);
    expect(r.ledger.plan.tasks[0]!.targets[0]!.value).toBe(5);
  });

  it("a record of another format (its 格式 cell typed over) is a problem at that cell, never read as this format", async () => {
    const bytes = await edited(untouched, (wb) => {
      ws(wb, SHEETS.record).getCell("B2").value = "填填";
    });
    const r = await read(bytes);
    expect(planProblems(r).map((p) => `${p.code} ${p.sheet}!${p.cell} ${p.severity}`)).toEqual(["plan-record-invalid 方案记录!B2 error"]);
    expect(r.problems[0]!.message).toContain("“填填”");
  });

  it("a row whose 序号 is not in the plan, and a numbered list pasted below the table, are problems and never tasks", async () => {
    const last = pos.lastTaskRow;
    const bytes = await edited(untouched, (wb) => {
      const s = ws(wb, SHEETS.tasks);
      s.getCell(`${T.id}${last + 1}`).value = 99;
      s.getCell(`${T.text}${last + 1}`).value = "本单位自行增加的任务";
      s.getCell(`${T["q2.status"]}${last + 1}`).value = "已完成";
      for (let i = 0; i < 30; i++) {
        s.getCell(`${T.id}${last + 5 + i}`).value = 10 + i;
        s.getCell(`${T.text}${last + 5 + i}`).value = `粘贴的第${10 + i}条`;
      }
    });
    const r = await read(bytes);
    expect(planProblems(r).map(formatProblem)).toEqual([
      `任务!A${last + 1}: 序号 99 不在方案记录中（自行添加的行，或粘贴在表下方的编号列表？），未计入台账；新增任务或指标请用 plan-ledger workbook --plan 新方案 --update 本文件`,
      `任务!A${last + 5}: 从本行起连续 30 行的序号（10、11、12 等）不在方案记录中（自行添加的行，或粘贴在表下方的编号列表？），未计入台账；新增任务或指标请用 plan-ledger workbook --plan 新方案 --update 本文件`,
    ]);
    expect(r.ledger.plan.tasks.map((t) => t.id)).toEqual(plan.tasks.map((t) => t.id));
    expect(r.ledger.entries.some((e) => e.taskId === 99)).toBe(false);
    expect(r.index.taskRow.has(99)).toBe(false);
    expect(scoreLedger(r.ledger, QUARTER)).toEqual(scores);
  });

  it("section titles (汇总), metadata (说明), task text and the target's comparator, unit and kind: each change a problem", async () => {
    const row = pos.targetRow.get("3.1")!;
    const bytes = await edited(untouched, (wb) => {
      ws(wb, SHEETS.summary).getCell("B3").value = "主要目标";
      ws(wb, SHEETS.guide).getCell("B3").value = "某府办发〔2023〕99号";
      ws(wb, SHEETS.tasks).getCell(`${T.text}${pos.taskRow.get(5)}`).value = "实施城市更新行动。";
      ws(wb, SHEETS.targets).getCell(`${G.comparator}${row}`).value = "左右";
      ws(wb, SHEETS.targets).getCell(`${G.unit}${row}`).value = "座";
      ws(wb, SHEETS.targets).getCell(`${G.kind}${row}`).value = "比率";
    });
    const r = await read(bytes);
    expect(
      planProblems(r)
        .map((p) => `${p.sheet}!${p.cell} ${p.message.replace(/；评分.*$/, "")}`)
        .sort(),
    ).toEqual(
      [
        "任务!D7 任务内容被改为“实施城市更新行动。”，方案原文为“实施城市更新行动，改造老旧小区1200户。”",
        `指标!${G.comparator}${row} 比较被改为“左右”，方案原文为“不低于”`,
        `指标!${G.kind}${row} 类型被改为“比率”，方案原文为“累计”`,
        `指标!${G.unit}${row} 单位被改为“座”，方案原文为“个”`,
        "汇总!B3 板块一的名称被改为“主要目标”，方案原文为“主要预期目标”",
        "说明!B3 文号被改为“某府办发〔2023〕99号”，方案原文为“梁平府办发〔2023〕13号”",
      ].sort(),
    );
    expect(r.ledger.plan).toEqual(plan);
    expect(scoreLedger(r.ledger, QUARTER)).toEqual(scores);
  });

  it("a deleted or emptied 说明, 单位 or 汇总 is rebuilt from the record and reported; workbook --update FILE restores it", async () => {
    const bytes = await edited(untouched, (wb) => {
      wb.removeWorksheet(ws(wb, SHEETS.units).id);
      wb.removeWorksheet(ws(wb, SHEETS.guide).id);
      ws(wb, SHEETS.summary).eachRow((row) => row.eachCell((c) => (c.value = null)));
    });
    const r = await read(bytes);
    expect(planProblems(r).map(formatProblem).sort()).toEqual(
      [
        "单位!A1: 工作表“单位”已被删除，单位类型和排名分组已按方案记录重建（不作推测）；用 plan-ledger workbook --update 本文件 可恢复该表",
        "汇总!A1: 工作表“汇总”无法读取（表头被改名、删除或表被清空），板块名称已按方案记录重建（不作推测）；用 plan-ledger workbook --update 本文件 可恢复",
        "说明!A1: 工作表“说明”已被删除，方案名称、年度、文号、印发单位和日期已按方案记录重建（不作推测）；用 plan-ledger workbook --update 本文件 可恢复该表",
      ].sort(),
    );
    expect(r.problems.filter((p) => p.code === "sheet-unreadable")).toEqual([]);
    expect(r.ledger.plan).toEqual(plan);
    expect(scoreLedger(r.ledger, QUARTER)).toEqual(scores);

    // the CLI: plan-ledger workbook --update FILE (no --plan) rewrites the ledger from the record
    const file = join(work, "deleted-sheets.xlsx");
    writeFileSync(file, bytes);
    expect(await updateCommand(["--update", file])).toBe(0);
    const restored = new Uint8Array(readFileSync(file));
    expect(Object.keys(sheetStates(restored))).toEqual(SHEET_ORDER.map((k) => SHEETS[k]));
    const again = await read(restored);
    expect(again.problems).toEqual([]);
    expect(again.ledger).toEqual(ledger);
  });

  it("every change of the issue is repaired by workbook --update FILE (the entries are kept, the plan restored)", async () => {
    const all = await edited(untouched, (wb) => Object.values(TAMPER).forEach((f) => f(wb)));
    const out = await updateWorkbook(all, null);
    const r = await read(out.bytes);
    expect(r.problems).toEqual([]);
    expect(r.ledger).toEqual(ledger);
  });

  it("an older workbook without a record: one warning and today's reading; --update writes a record", async () => {
    const older = await edited(untouched, (wb) => wb.removeWorksheet(ws(wb, SHEETS.record).id));
    const r = await read(older);
    expect(r.problems.map(formatProblem)).toEqual([
      "任务!A1: 无方案记录，按表内内容读取（任务、单位、指标被改动时无法发现）；用 plan-ledger workbook --update 本文件 补上",
    ]);
    const out = await updateWorkbook(older, null);
    expect(sheetStates(out.bytes)[SHEETS.record]).toBe("veryHidden");
    expect((await read(out.bytes)).problems).toEqual([]);
  });

  it("the demo workbook (npm start: workbook --demo) carries its plan record", async () => {
    const file = join(work, "demo.xlsx");
    expect(await workbookCommand(["--demo", "--out", file])).toBe(0);
    const bytes = new Uint8Array(readFileSync(file));
    expect(sheetStates(bytes)[SHEETS.record]).toBe("veryHidden");
    const r = await readLedgerFile(file);
    expect(planProblems(r)).toEqual([]);
    expect(r.ledger.plan).toEqual((await loadPlanFile()).plan);
  });
});

describe("saved by LibreOffice", () => {
  it("keeps the record sheet hidden and its pieces intact; the five changes are each a problem and the scores are untouched", async () => {
    const untouched = await writeWorkbook(ledgerLayout(ledger));
    // A plan long enough for two pieces, one of which starts with "-" (LibreOffice must keep it text).
    const long: Plan = structuredClone(plan);
    long.tasks[5]!.text = "深化农村人居环境整治。" + "甲".repeat(31_000);
    const json = planRecord(long).json;
    expect(json.length).toBeGreaterThan(30_000);
    const longBytes = await writeWorkbook(ledgerLayout({ ...ledger, plan: long }));
    const files = { untouched, tampered: await edited(untouched, (wb) => Object.values(TAMPER).forEach((f) => f(wb))), long: longBytes };
    const saved: Record<string, Uint8Array> = {};
    for (const [name, bytes] of Object.entries(files)) {
      const f = join(work, `${name}.xlsx`);
      writeFileSync(f, bytes);
      saved[name] = new Uint8Array(readFileSync(await recalc(f)));
    }
    for (const bytes of Object.values(saved)) {
      // LibreOffice 7.4 keeps the sheet and its content but saves "veryHidden" as "hidden"
      expect(["hidden", "veryHidden"]).toContain(sheetStates(bytes)[SHEETS.record]);
    }
    const base = await read(saved.untouched!);
    expect(base.problems).toEqual([]);
    expect(base.ledger).toEqual(ledger);
    const longRead = await read(saved.long!);
    expect(planProblems(longRead)).toEqual([]);
    expect(longRead.ledger.plan).toEqual(long);

    const r = await read(saved.tampered!);
    // the row of task 2 is gone: task 3 moved up one row
    const up = (s: string) => s.replace(`任务!${T.lead}${pos.taskRow.get(3)}`, `任务!${T.lead}${pos.taskRow.get(3)! - 1}`);
    expect(planProblems(r).map(formatProblem).sort()).toEqual(Object.values(EXPECTED).map(up).sort());
    expect(r.ledger.plan).toEqual(plan);
    expect(scoreLedger(r.ledger, QUARTER)).toEqual(scoreLedger(base.ledger, QUARTER));
  }, 180_000);
});

describe("the Office.js writer and the add-in", () => {
  const runOf = (host: FakeExcelHost) => host.run as unknown as ExcelRun;

  it("writes the record very hidden, reads it, reports a changed 目标值, and an update replaces the old record", async () => {
    const { host } = createFakeExcel({ payloadLimit: 5 * 1024 * 1024 });
    await importPlan(runOf(host), plan, { api19: true });
    expect(host.sheet(SHEETS.record)!.visibility).toBe("VeryHidden");
    expect(host.sheets.filter((s) => s.visibility === "Visible")).toHaveLength(7);
    expect((await readGrid(runOf(host))).sheets.map((s) => s.name)).toContain(SHEETS.record);
    const clean = await readWorkbookLedger(runOf(host));
    expect(clean.problems).toEqual([]);
    expect(clean.ledger.plan).toEqual(plan);

    const cell = `${G.value}${pos.targetRow.get("1.1")}`;
    // protection without a password is one click away
    host.sheet(SHEETS.targets)!.protection.protected = false;
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEETS.targets).getRange(cell).values = [[5]];
      await ctx.sync();
    });
    const r = await readWorkbookLedger(runOf(host));
    expect(r.problems.map(formatProblem)).toEqual([EXPECTED.lowerTarget]);
    expect(r.ledger.plan).toEqual(plan);

    // an update replaces the old (very hidden) record: Excel deletes it only once shown
    await importPlan(runOf(host), plan, { api19: true });
    expect(host.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ...SHEET_ORDER.map((k) => SHEETS[k]).map((n) => [n, n === SHEETS.record ? "VeryHidden" : "Visible"]),
    ]);
    expect((await readWorkbookLedger(runOf(host))).problems).toEqual([]);
  });

  it("writes pieces starting with “-” or “=” as text (number format before value), in both writers", async () => {
    const p: Plan = structuredClone(plan);
    p.tasks[0]!.text = "=SUM(A1:A9) 不是公式";
    const json = planRecord(p).json;
    for (const ch of ["-", "="]) {
      const at = json.indexOf(ch, 10);
      expect(at).toBeGreaterThan(0);
      const layout = buildLayout(p);
      layout.sheets = layout.sheets.map((s) => (s.key === "record" ? recordSheet(p, { demo: false, password: null }, at) : s));
      const pieces = layout.sheets
        .find((s) => s.key === "record")!
        .rows.slice(3)
        .map((r) => String(r.cells[1]!.value));
      expect(pieces.some((x) => x.startsWith(ch))).toBe(true);

      const { host } = createFakeExcel();
      await writeLayout(runOf(host), layout);
      const viaOffice = await readWorkbookLedger(runOf(host));
      expect(viaOffice.problems).toEqual([]);
      expect(viaOffice.ledger.plan).toEqual(p);

      const viaExceljs = readLedger((await loadWorkbookGrid(await writeWorkbook(layout))) as WorkbookGrid);
      expect(viaExceljs.problems).toEqual([]);
      expect(viaExceljs.ledger.plan).toEqual(p);
    }
  });
});
