/**
 * The Office.js writer's translation of a layout into operations (addin/excel/ops.translate.ts), on
 * plain data: no Excel, no fake. What the operations say, and how they are packed into requests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import { buildLayout } from "../shared/workbook/layout";
import type { SheetLayout, WorkbookLayout } from "../shared/workbook/layout.types";
import { cellAddress, colLetter, parseCellAddress } from "../shared/vocabulary";
import { translateLayout } from "../addin/excel/ops.translate";
import { needsTextFormat } from "../shared/workbook/layout.common";
import type { LayoutOps, Operation, Request } from "../addin/excel/ops.types";
import { generatePlanText } from "../bench/plan-generate";

const root = join(import.meta.dirname, "..");
const seed = parsePlan(readFileSync(join(root, "seeds/liangping-2023.txt"), "utf8")).plan!;
const MB5 = 5 * 1024 * 1024;

type Of<K extends Operation["kind"]> = Extract<Operation, { kind: K }>;
function opsOf<K extends Operation["kind"]>(requests: Request[] | Operation[], kind: K): Of<K>[] {
  const ops = (requests as (Request | Operation)[]).flatMap((r) => ("ops" in r ? r.ops : [r]));
  return ops.filter((o): o is Of<K> => o.kind === kind);
}

/** Every cell of an "A1" or "A1:C5" address. */
function cellsOf(address: string): string[] {
  const [a, b = a] = address.split(":").map((p) => parseCellAddress(p)!);
  const out: string[] = [];
  for (let r = a!.row; r <= b!.row; r++) for (let c = a!.col; c <= b!.col; c++) out.push(cellAddress(r, c));
  return out;
}

/** The layout's style of a cell, by the convention of layout.types.ts (table cells default to their column's). */
function styleOf(sheet: SheetLayout, row: number, col: number): string | null {
  const cell = sheet.rows[row]!.cells[col] ?? null;
  const d = sheet.data;
  const inTable = d !== null && row + 1 >= d.firstRow && row + 1 <= d.lastRow;
  return cell?.style ?? (inTable && sheet.columns[col] ? sheet.columns[col]!.style : cell ? "plain" : null);
}

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe("a layout as operations", () => {
  let layout: WorkbookLayout;
  let ops: LayoutOps;
  beforeAll(() => {
    layout = buildLayout(seed, { password: "secret" });
    ops = translateLayout(layout, { api19: true });
  });

  it("gives every text cell (a text style, or a text value in a style without a number format) the number format @, and no other cell", () => {
    for (const sheet of layout.sheets) {
      const expected = new Set<string>();
      sheet.rows.forEach((row, r) => {
        for (let c = 0; c < Math.max(row.cells.length, sheet.columns.length); c++) {
          const key = styleOf(sheet, r, c);
          const cell = row.cells[c];
          const style = key ? layout.styles[key] : undefined;
          if ((key && style?.numFmt === "@") || (cell?.formula === undefined && needsTextFormat(style ?? {}, cell?.value))) expected.add(cellAddress(r, c));
        }
      });
      const covered = opsOf(ops.write, "format")
        .filter((o) => o.sheet === sheet.key && o.numberFormat === "@")
        .flatMap((o) => cellsOf(o.address));
      expect(new Set(covered).size).toBe(covered.length); // no cell formatted twice
      expect({ sheet: sheet.key, cells: new Set(covered) }).toEqual({ sheet: sheet.key, cells: expected });
    }
    // The seed's task texts are such cells.
    expect(opsOf(ops.write, "format").some((o) => o.sheet === "tasks" && o.numberFormat === "@")).toBe(true);
  });

  it("writes each sheet's constants once, as whole rows from column A, after `prepare`, and formulas only in the next step", () => {
    expect(ops.write[0]!.ops[0]).toEqual({ kind: "prepare" });
    expect(opsOf(ops.write, "formulas")).toEqual([]);
    for (const sheet of layout.sheets) {
      const written = new Map<string, unknown>();
      for (const o of opsOf(ops.write, "values").filter((o) => o.sheet === sheet.key))
        o.values.forEach((row, i) => row.forEach((v, c) => v !== null && written.set(cellAddress(o.row + i, c), v)));
      const formulas = new Map<string, string>();
      for (const o of opsOf(ops.refer, "formulas").filter((o) => o.sheet === sheet.key)) {
        const cells = cellsOf(o.address);
        expect(cells.length).toBe(o.formulas.length);
        cells.forEach((a, i) => formulas.set(a, o.formulas[i]![0]!));
      }
      const constants = new Map<string, unknown>();
      const expectedFormulas = new Map<string, string>();
      sheet.rows.forEach((row, r) =>
        row.cells.forEach((cell, c) => {
          if (cell?.formula !== undefined) expectedFormulas.set(cellAddress(r, c), "=" + cell.formula);
          else if (cell?.value !== undefined && cell.value !== null) constants.set(cellAddress(r, c), cell.value);
        }),
      );
      expect({ sheet: sheet.key, values: written }).toEqual({ sheet: sheet.key, values: constants });
      expect({ sheet: sheet.key, formulas }).toEqual({ sheet: sheet.key, formulas: expectedFormulas });
    }
  });

  it("adds every validation, conditional format and name of the layout, conditional formats lowest priority first", () => {
    const validations = opsOf(ops.refer, "validation");
    const cfs = opsOf(ops.refer, "conditionalFormat");
    for (const sheet of layout.sheets) {
      expect(
        validations
          .filter((o) => o.sheet === sheet.key)
          .map((o) => o.address)
          .sort(),
      ).toEqual(sheet.validations.map((v) => v.range).sort());
      const mine = cfs.filter((o) => o.sheet === sheet.key);
      const byPriority = [...sheet.conditionalFormats].sort((a, b) => b.priority - a.priority);
      expect(mine.map((o) => [o.address, o.format.type === "Custom" ? o.format.formula : "bar"])).toEqual(
        byPriority.map((cf) => [cf.range, cf.type === "expression" ? "=" + cf.formula : "bar"]),
      );
    }
    expect(validations.length).toBeGreaterThan(5);
    expect(cfs.length).toBeGreaterThan(5);
    expect(opsOf(ops.refer, "name").map((o) => [o.name, o.formula])).toEqual(layout.names.map((n) => [n.name, "=" + n.refersTo]));
    expect(layout.names.length).toBeGreaterThan(0);
    // A list validation offers the layout's words in order.
    const list = layout.sheets.flatMap((s) => s.validations).find((v) => v.type === "list")!;
    const op = validations.find((o) => o.address === list.range)!;
    expect(op.rule).toEqual({ list: { inCellDropDown: true, source: list.list!.join(",") } });
  });

  it("sets every column's width in points, hidden columns hidden", () => {
    for (const sheet of layout.sheets) {
      const cols = opsOf(ops.write, "column").filter((o) => o.sheet === sheet.key);
      expect(cols.map((o) => o.address)).toEqual(sheet.columns.map((_, i) => `${colLetter(i + 1)}:${colLetter(i + 1)}`));
      cols.forEach((o, i) => {
        // Calibri 11: 7 px a character plus 5 px, 0.75 pt a pixel.
        expect(o.width).toBeCloseTo((sheet.columns[i]!.width * 7 + 5) * 0.75, 2);
        expect(o.hidden).toBe(sheet.columns[i]!.hidden === true);
      });
    }
    expect(opsOf(ops.write, "column").find((o) => o.address === "A:A")!.width).toBeGreaterThan(0);
  });

  it("finishes with table names and protection per sheet, properties, activation, then the plan record very hidden; print setup apart, zooms last", () => {
    const finish = ops.finish;
    expect(opsOf(finish, "tableName").map((o) => o.name)).toEqual(["台账_tasks", "台账_targets", "台账_units"]);
    const protect = opsOf(finish, "protect");
    expect(protect.map((o) => o.sheet)).toEqual(layout.sheets.filter((s) => s.protection).map((s) => s.key));
    expect(protect.every((o) => o.password === "secret")).toBe(true);
    expect(opsOf(finish, "pageLayout")).toEqual([]);
    expect(opsOf(ops.print, "pageLayout").map((o) => o.sheet)).toEqual(layout.sheets.map((s) => s.key));
    const zooms = ops.print.findIndex((o) => o.kind === "printZoom");
    expect(zooms).toBeGreaterThan(0);
    expect(ops.print.slice(zooms).every((o) => o.kind === "printZoom")).toBe(true);
    const tasks = opsOf(ops.print, "pageLayout").find((o) => o.sheet === "tasks")!.layout;
    expect(tasks.paperSize).toBe("A4");
    expect(tasks.margins.left).toBeCloseTo(layout.sheets.find((s) => s.key === "tasks")!.print.margins.left * 72);
    expect(finish.slice(-2)).toEqual([
      { kind: "activate", sheet: layout.activeSheet },
      { kind: "visibility", sheet: "record", visibility: "VeryHidden" },
    ]);
    // Without ExcelApi 1.9 there is no page layout to set.
    expect(translateLayout(layout).print).toEqual([]);
  });
});

describe("requests for a 5,000-task plan", () => {
  let layout: WorkbookLayout;
  beforeAll(() => {
    layout = buildLayout(parsePlan(generatePlanText(5000)).plan!);
  });

  /** Each request is under the budget, and its estimate within 10% of what its operations carry as JSON. */
  function expectWithin(requests: Request[], budget: number): void {
    for (const r of requests) {
      expect(r.ops.length).toBeGreaterThan(0);
      expect(r.bytes).toBeLessThanOrEqual(budget);
      expect(utf8(JSON.stringify(r.ops))).toBeLessThan(r.bytes * 1.1);
    }
  }

  it("packs each step into requests under the default 3.5 MB budget: more than one where one would pass 5 MB", () => {
    const ops = translateLayout(layout);
    expectWithin(ops.write, 3_500_000);
    expectWithin(ops.refer, 3_500_000);
    const total = [...ops.write, ...ops.refer].reduce((n, r) => n + r.bytes, 0);
    expect(total).toBeGreaterThan(MB5);
    // One request per step would do for the seed; here at least one step needs more.
    expect(ops.write.length + ops.refer.length).toBeGreaterThan(2);
  });

  it("under a smaller budget makes more, smaller requests that still write every row once", () => {
    const whole = translateLayout(layout);
    const small = translateLayout(layout, { chunkBytes: 300_000 });
    expectWithin(small.write, 300_000);
    expectWithin(small.refer, 300_000);
    expect(small.write.length).toBeGreaterThan(whole.write.length);
    const tasks = layout.sheets.find((s) => s.key === "tasks")!;
    const blocks = opsOf(small.write, "values").filter((o) => o.sheet === "tasks");
    expect(blocks.length).toBeGreaterThan(1);
    let next = 0;
    for (const b of blocks) {
      expect(b.row).toBe(next);
      next += b.values.length;
    }
    expect(next).toBe(tasks.rows.length);
    // The same cells are formatted whatever the budget.
    const formats = (o: LayoutOps) => opsOf(o.write, "format").map((f) => [f.sheet, f.address, f.numberFormat]);
    expect(formats(small)).toEqual(formats(whole));
    // A formula column longer than a piece is split into consecutive pieces of one column.
    const pieces = opsOf(small.refer, "formulas").filter((o) => o.sheet === "tasks");
    const ends = new Map<number, number>();
    let split = false;
    for (const o of pieces) {
      const [a, b = a] = o.address.split(":").map((p) => parseCellAddress(p)!);
      expect(b!.col).toBe(a!.col);
      if (ends.get(a!.col) === a!.row - 1) split = true;
      ends.set(a!.col, b!.row);
    }
    expect(split).toBe(true);
  });
});
