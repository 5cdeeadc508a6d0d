/**
 * Real engines: the exceljs writer writes the seed ledger, exceljs fills it as a user would, the
 * reader reads it; LibreOffice (headless, fresh profile) recalculates and re-saves it, and the
 * reader must read the same ledger, export the same JSON and check the same problems, with the
 * validations and conditional formats still in the file.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ledger, Quarter } from "../shared/ledger/schema";
import { parsePlan } from "../shared/plan/parse";
import type { Plan } from "../shared/plan/schema";
import { checkRead, formatProblem } from "../shared/workbook/check";
import { buildLayout, ledgerLayout } from "../shared/workbook/layout";
import { demoLedger } from "../shared/workbook/demo";
import { SHEETS } from "../shared/workbook/labels";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { exportLedger } from "../cli/command.export";
import { readLedgerFile } from "../cli/io/workbook.exceljs";
import { recalc } from "./helpers/libreoffice";
import { cleanFill, fillWorkbook, type CellFill } from "./fixtures/ledger/fill";
import { withInlineStrings } from "./fixtures/ledger/xlsx";

const dir = mkdtempSync(join(tmpdir(), "ledger-rt-"));
const seed: Plan = parsePlan(readFileSync(new URL("../seeds/liangping-2023.txt", import.meta.url), "utf8")).plan!;

/** What a clean fill means as ledger entries and actuals. */
function expectedFrom(fills: readonly CellFill[]): Pick<Ledger, "entries" | "actuals"> {
  const entries = new Map<string, Ledger["entries"][number]>();
  const actuals: Ledger["actuals"] = [];
  for (const f of fills) {
    if (f.field === "actual") {
      actuals.push({ targetId: f.targetId!, quarter: f.quarter, value: f.value as number });
      continue;
    }
    const k = `${f.taskId}/${f.quarter}`;
    const e = entries.get(k) ?? { taskId: f.taskId!, quarter: f.quarter, status: null, progress: "", problems: "", nextSteps: "" };
    (e as Record<string, unknown>)[f.field] = f.value;
    entries.set(k, e);
  }
  return { entries: [...entries.values()], actuals };
}

const sortEntries = (es: Ledger["entries"]) => [...es].sort((a, b) => a.taskId - b.taskId || a.quarter - b.quarter);
const sortActuals = (as: Ledger["actuals"]) => [...as].sort((a, b) => a.targetId.localeCompare(b.targetId, "en", { numeric: true }) || a.quarter - b.quarter);

/**
 * Every validation (cell → type, operator, first formula, blank allowed, error style and texts, prompt)
 * and every conditional format (range → rule types and formulas) of the input sheets. LibreOffice
 * writes a second formula ("0") for one-operand rules; only the first one means anything.
 */
async function rulesOf(path: string): Promise<{ validations: Map<string, string>; conditional: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const validations = new Map<string, string>();
  const conditional: string[] = [];
  for (const name of [SHEETS.tasks, SHEETS.targets, SHEETS.settings]) {
    const ws = wb.getWorksheet(name)!;
    const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    for (const [cell, v] of Object.entries(model)) {
      validations.set(
        `${name}!${cell}`,
        JSON.stringify([v.type, v.operator ?? null, v.formulae?.[0] ?? null, v.allowBlank ?? false, v.errorStyle ?? null, v.error ?? null, v.prompt ?? null]),
      );
    }
    for (const cf of (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }).conditionalFormattings) {
      conditional.push(`${name}!${cf.ref}: ${cf.rules.map((r) => `${r.type} ${(r.formulae ?? []).join(";")}`).join(" | ")}`);
    }
  }
  return { validations, conditional: conditional.sort() };
}

const QUARTER: Quarter = 3;
const fills = cleanFill(seed, QUARTER);
const messy: CellFill[] = [
  // stray whitespace in a status, mixed Latin/Chinese rich text, a formula typed over a narrative
  { taskId: 1, quarter: 1, field: "status", value: " 序时推进\u3000" },
  { taskId: 1, quarter: 1, field: "progress", value: { richText: [{ text: "GDP " }, { font: { bold: true }, text: "增长6.8%" }] } },
  { taskId: 2, quarter: 2, field: "nextSteps", value: { formula: '"稳"&"投资"', result: "稳投资" } },
  // numbers as text, full-width digits, a percent string for a % target, thousands separators
  { targetId: "1.1", quarter: 1, field: "actual", value: "６．８" },
  { targetId: "2.1", quarter: 2, field: "actual", value: "12.5%" },
  { targetId: "9.1", quarter: 3, field: "actual", value: "1,250" },
  { targetId: "9.2", quarter: 3, field: "actual", value: { formula: "100+90", result: 190 } },
  // Excel and LibreOffice turn a typed 7.3% into 0.073 shown with a percent format
  { targetId: "1.1", quarter: 3, field: "actual", value: 0.073, numFmt: "0.0%" },
];
const messyMeans = {
  entries: { "1/1": { status: "序时推进", progress: "GDP 增长6.8%" }, "2/2": { nextSteps: "稳投资" } } as Record<string, object>,
  actuals: { "1.1/1": 6.8, "1.1/3": 7.3, "2.1/2": 12.5, "9.1/3": 1250, "9.2/3": 190 } as Record<string, number>,
};

let cleanPath = "";
let messyPath = "";
let loPath = "";
let loMessyPath = "";
let demoPath = "";
let loDemoPath = "";

beforeAll(async () => {
  const blank = await writeWorkbook(buildLayout(seed, { settings: { quarter: QUARTER } }));
  cleanPath = join(dir, "clean.xlsx");
  writeFileSync(cleanPath, await fillWorkbook(blank, fills));
  messyPath = join(dir, "messy.xlsx");
  writeFileSync(messyPath, await fillWorkbook(blank, [...fills, ...messy]));
  demoPath = join(dir, "demo.xlsx");
  writeFileSync(demoPath, await writeWorkbook(ledgerLayout(demoLedger(seed))));
});

describe("write → fill → read", () => {
  it("gives back exactly what was filled, and the whole plan (leaders and subsection titles included, from the plan record)", async () => {
    const { ledger, problems } = await readLedgerFile(cleanPath);
    const want = expectedFrom(fills);
    expect(sortEntries(ledger.entries)).toEqual(sortEntries(want.entries));
    expect(sortActuals(ledger.actuals)).toEqual(sortActuals(want.actuals));
    expect(ledger.plan).toEqual(seed);
    expect(ledger.settings.quarter).toBe(QUARTER);
    expect(problems).toEqual([]);
  });

  it("reads the messy cells as the values they mean", async () => {
    const { ledger, problems } = await readLedgerFile(messyPath);
    expect(problems.map((p) => `${p.severity} ${p.code} ${p.sheet}!${p.cell}`)).toEqual([
      "warning status-not-exact 任务!G3",
      "warning actual-text 指标!K3",
      "warning actual-percent-format 指标!M3",
      "warning actual-text 指标!L4",
      "warning actual-text 指标!M9",
    ]);
    for (const [k, v] of Object.entries(messyMeans.entries)) {
      const [t, q] = k.split("/").map(Number);
      expect(ledger.entries.find((e) => e.taskId === t && e.quarter === q)).toMatchObject(v);
    }
    for (const [k, v] of Object.entries(messyMeans.actuals)) {
      const [id, q] = k.split("/");
      expect(ledger.actuals.find((a) => a.targetId === id && a.quarter === Number(q))?.value).toBe(v);
    }
  });
});

describe("a filled file whose structure a user changed", () => {
  it("reads the same ledger with columns inserted, moved and hidden, rows added and empty strings typed; notes outside the tables are reported", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cleanPath);
    const tasks = wb.getWorksheet(SHEETS.tasks)!;
    // move 任务内容 (D) to the far end, insert a 备注 column before everything, hide 牵头单位
    const textCol = tasks.getColumn(4).values.slice(1);
    tasks.spliceColumns(4, 1);
    const end = tasks.actualColumnCount + 2;
    textCol.forEach((v, i) => (tasks.getCell(i + 1, end).value = v as ExcelJS.CellValue));
    tasks.spliceColumns(1, 0, ["说明", "备注"]);
    tasks.getColumn(5).hidden = true;
    // notes under the table, a blank row between, and an empty string typed in an unfilled task's cells
    const last = tasks.rowCount;
    tasks.getCell(last + 2, 2).value = "填表人：张三";
    tasks.getCell(last + 3, 2).value = "审核：李四";
    const targets = wb.getWorksheet(SHEETS.targets)!;
    targets.spliceColumns(2, 0, ["", "自加列"]);
    targets.getCell(targets.rowCount + 2, 1).value = "注：本表数据截至季度末";
    const path = join(dir, "restructured.xlsx");
    await wb.xlsx.writeFile(path);
    const a = await readLedgerFile(cleanPath);
    const b = await readLedgerFile(path);
    // not read, so named: the notes below the tables (errors: an update would drop them) and the
    // added columns' headers (warnings: nothing in them yet)
    expect(b.problems.map((p) => `${p.severity} ${p.code} ${p.sheet}!${p.range}`)).toEqual([
      "error unread-outside 任务!A1",
      "warning foreign-content 任务!A2",
      `error unread-outside 任务!B${last + 2}:B${last + 3}`,
      "warning foreign-content 指标!B2",
      `error unread-outside 指标!A${targets.rowCount}`,
    ]);
    expect(b.ledger).toEqual(a.ledger);
  });

  it("reads a file where validations were applied to whole columns (skips them: exceljs #1842)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cleanPath);
    const tasks = wb.getWorksheet(SHEETS.tasks)!;
    for (const c of ["G", "K", "O", "S"]) {
      (tasks as unknown as { dataValidations: { add(a: string, v: object): void } }).dataValidations.add(`${c}1:${c}1048576`, {
        type: "list",
        allowBlank: true,
        formulae: ['"已完成,序时推进,滞后,未启动"'],
      });
    }
    const path = join(dir, "whole-columns.xlsx");
    await wb.xlsx.writeFile(path);
    expect((await readLedgerFile(path)).ledger).toEqual((await readLedgerFile(cleanPath)).ledger);
  });

  it("reads a file whose text cells are inline strings (as WPS and streaming writers save them) identically", async () => {
    for (const source of [cleanPath, messyPath]) {
      const path = join(dir, "inline-" + source.split("/").pop());
      const rewritten = withInlineStrings(readFileSync(source));
      expect(Buffer.from(rewritten).includes(Buffer.from('t="inlineStr"'))).toBe(true);
      writeFileSync(path, rewritten);
      const a = await readLedgerFile(source);
      const b = await readLedgerFile(path);
      expect(b.ledger).toEqual(a.ledger);
      expect(b.problems).toEqual(a.problems);
    }
  });

  it("treats an empty string like a blank cell", async () => {
    const unreported = seed.tasks.find((t) => !fills.some((f) => f.taskId === t.id && f.quarter === 1))!;
    const bytes = await fillWorkbook(readFileSync(cleanPath), [
      { taskId: unreported.id, quarter: 1, field: "status", value: "" },
      { taskId: unreported.id, quarter: 1, field: "progress", value: "   " },
    ]);
    const path = join(dir, "empty-strings.xlsx");
    writeFileSync(path, bytes);
    const { ledger } = await readLedgerFile(path);
    expect(ledger.entries.some((e) => e.taskId === unreported.id && e.quarter === 1)).toBe(false);
  });
});

describe("LibreOffice round trip", () => {
  // Fails (does not skip) without LibreOffice: test/helpers/programs.ts names the package.
  beforeAll(async () => {
    loPath = await recalc(cleanPath);
    loMessyPath = await recalc(messyPath);
    loDemoPath = await recalc(demoPath);
  }, 360_000);

  it.each([
    ["the clean fill", () => [cleanPath, loPath]],
    ["the demo ledger", () => [demoPath, loDemoPath]],
  ])("reads back %s identically and exports identical JSON", async (_, paths) => {
    const [before, after] = paths();
    const a = await readLedgerFile(before!);
    const b = await readLedgerFile(after!);
    expect(b.ledger).toEqual(a.ledger);
    expect(b.problems).toEqual(a.problems);
    expect(JSON.stringify(exportLedger(b.ledger))).toBe(JSON.stringify(exportLedger(a.ledger)));
    for (const q of [1, 2, 3, 4] as const) expect(checkRead(b, q)).toEqual(checkRead(a, q));
  });

  it("reads the demo ledger as the ledger that was written", async () => {
    const { ledger } = await readLedgerFile(loDemoPath);
    const want = demoLedger(seed);
    expect(ledger.demo).toBe(true);
    expect(sortEntries(ledger.entries)).toEqual(sortEntries(want.entries.filter((e) => e.status !== null || e.progress || e.problems || e.nextSteps)));
    expect(sortActuals(ledger.actuals)).toEqual(sortActuals(want.actuals.filter((a) => a.value !== null)));
    expect(ledger.settings).toEqual(want.settings);
  });

  it("reads LibreOffice's rich text and converted values of the messy file identically", async () => {
    const a = await readLedgerFile(messyPath);
    const b = await readLedgerFile(loMessyPath);
    expect(b.ledger).toEqual(a.ledger);
    expect(b.problems).toEqual(a.problems);
  });

  it("finds the same problems after the round trip", async () => {
    const a = await readLedgerFile(cleanPath);
    const b = await readLedgerFile(loPath);
    const pa = checkRead(a, QUARTER).map(formatProblem);
    const pb = checkRead(b, QUARTER).map(formatProblem);
    expect(pa.length).toBeGreaterThan(10); // the clean fill leaves some tasks unreported
    expect(pb).toEqual(pa);
  });

  it("keeps the validations and conditional formats", async () => {
    const a = await rulesOf(cleanPath);
    const b = await rulesOf(loPath);
    expect(a.validations.size).toBeGreaterThan(1000);
    expect(a.conditional.length).toBeGreaterThan(20);
    expect(b.validations).toEqual(a.validations);
    expect(b.conditional).toEqual(a.conditional);
  });
});
