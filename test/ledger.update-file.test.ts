/**
 * --update on real files: the seed ledger written by the exceljs writer, filled as a user would,
 * updated with a revised plan; the new file read back must hold every entry (under its task's new
 * number, or in the 归档 sheet), and a second update keeps the first one's archive.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ledger } from "../shared/ledger/schema";
import { parsePlan } from "../shared/plan/parse";
import type { Plan, Task } from "../shared/plan/schema";
import { buildLayout } from "../shared/workbook/layout";
import { readLedger } from "../shared/workbook/reader";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { UpdateBlocked, updateWorkbook } from "../cli/io/update.exceljs";
import { cleanFill, fillWorkbook } from "./fixtures/ledger/fill";
import { smallPlan } from "./fixtures/ledger/plans";

const dir = mkdtempSync(join(tmpdir(), "ledger-upd-"));
const seed: Plan = parsePlan(readFileSync(new URL("../seeds/liangping-2023.txt", import.meta.url), "utf8")).plan!;

function renumber(tasks: Task[]): Task[] {
  return tasks.map((t, i) => ({ ...t, id: i + 1, targets: t.targets.map((g, j) => ({ ...g, id: `${i + 1}.${j + 1}` })) }));
}

/** Seed revised: task 50 dropped, a task inserted before 10, task 30 reworded, target 9.2 dropped. */
function revisedSeed(): Plan {
  const tasks = seed.tasks
    .filter((t) => t.id !== 50)
    .map((t) => (t.id === 30 ? { ...t, text: t.text.replace(/。$/, "，确保按期完成。") } : t.id === 9 ? { ...t, targets: t.targets.slice(0, 1) } : t));
  tasks.splice(9, 0, { ...seed.tasks[9]!, text: "全力争取地方政府专项债券额度，加快项目前期工作。", targets: [] });
  return { ...seed, tasks: renumber(tasks) };
}

async function readBytes(bytes: Uint8Array) {
  return readLedger(await loadWorkbookGrid(bytes));
}

let filled: Uint8Array;
let old: Ledger;

beforeAll(async () => {
  const blank = await writeWorkbook(buildLayout(seed, { settings: { quarter: 3 } }));
  filled = await fillWorkbook(blank, cleanFill(seed, 3));
  old = (await readBytes(filled)).ledger;
});

describe("updateWorkbook", () => {
  it("keeps every entry and actual: under the task's new number or in the 归档 sheet", async () => {
    const { bytes, changes } = await updateWorkbook(filled, revisedSeed());
    const back = await readBytes(bytes);
    expect(changes.added.map((t) => t.id)).toEqual([10]);
    expect(changes.removed.map((t) => t.id)).toEqual([50]);
    expect(changes.targets.removed.map((g) => g.targetId)).toEqual(["9.2"]);
    expect(back.ledger.settings).toEqual(old.settings);
    // every old entry is somewhere, unchanged
    const shift = (id: number) => (id < 10 ? id : id < 50 ? id + 1 : id);
    for (const e of old.entries) {
      if (e.taskId === 50) {
        expect(back.archive).toContainEqual(
          expect.objectContaining({
            kind: "entry",
            taskId: 50,
            quarter: e.quarter,
            status: e.status,
            progress: e.progress,
            problems: e.problems,
            nextSteps: e.nextSteps,
          }),
        );
      } else {
        expect(back.ledger.entries).toContainEqual({ ...e, taskId: shift(e.taskId) });
      }
    }
    for (const a of old.actuals) {
      const [t, n] = a.targetId.split(".").map(Number) as [number, number];
      if (t === 50 || a.targetId === "9.2") {
        expect(back.archive).toContainEqual(expect.objectContaining({ kind: "actual", targetId: a.targetId, quarter: a.quarter, value: a.value }));
      } else {
        expect(back.ledger.actuals).toContainEqual({ ...a, targetId: `${shift(t)}.${n}` });
      }
    }
    expect(back.ledger.entries.length + back.archive.filter((r) => r.kind === "entry").length).toBe(old.entries.length);
    expect(back.archive.every((r) => r.reason !== "")).toBe(true);
  });

  it("keeps the first update's archive through a second update", async () => {
    const first = await updateWorkbook(filled, revisedSeed());
    const firstArchive = (await readBytes(first.bytes)).archive;
    expect(firstArchive.length).toBeGreaterThan(0);
    const p = revisedSeed();
    const second = await updateWorkbook(first.bytes, { ...p, tasks: renumber(p.tasks.filter((t) => t.id !== 1)) });
    const back = await readBytes(second.bytes);
    expect(back.archive.slice(0, firstArchive.length)).toEqual(firstArchive);
    expect(back.archive.some((r) => r.taskId === 1 && r.kind === "entry")).toBe(true);
  });

  it("rebuilds a ledger whose formulas were pasted over as values (no new plan), keeping every entry", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(filled) as unknown as ArrayBuffer);
    const tasks = wb.getWorksheet("任务")!;
    let pasted = 0;
    const computed: number[] = [];
    tasks.getRow(2).eachCell((cell, c) => (cell.value === "本季度状态" || cell.value === "完成度") && computed.push(c));
    const letters = computed.map((c) => tasks.getColumn(c).letter);
    tasks.eachRow((row, n) => {
      if (n < 3) return;
      for (const c of computed) {
        const cell = row.getCell(c); // 本季度状态, 完成度: paste-as-values
        if (cell.type === ExcelJS.ValueType.Formula) {
          cell.value = (cell.result as ExcelJS.CellValue) ?? null;
          pasted++;
        }
      }
    });
    expect(pasted).toBe(2 * seed.tasks.length);
    const broken = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const before = await readBytes(broken);
    expect(before.problems.map((p) => [p.code, p.cell, p.message.match(/有 (\d+) 个/)?.[1]])).toEqual([
      ["formula-overwritten", `${letters[0]}3`, String(seed.tasks.length)],
      ["formula-overwritten", `${letters[1]}3`, String(seed.tasks.length)],
    ]);
    const { bytes, changes } = await updateWorkbook(broken, null);
    expect(changes).toMatchObject({ added: [], removed: [], renumbered: [], edited: [], archivedEntries: 0 });
    const after = await readBytes(bytes);
    expect(after.problems).toEqual([]);
    expect(after.ledger).toEqual(before.ledger);
  });

  it("refuses to drop unreadable cells unless forced", async () => {
    const bad = await fillWorkbook(filled, [{ taskId: 3, quarter: 1, field: "status", value: "基本完成" }]);
    await expect(updateWorkbook(bad, seed)).rejects.toBeInstanceOf(UpdateBlocked);
    const forced = await updateWorkbook(bad, seed, { force: true });
    expect(forced.overridden.map((p) => p.cell)).toEqual(["G5"]);
  });

  it("loses no entry for random revisions of a small plan (property, real files)", async () => {
    const base = smallPlan();
    const blank = await writeWorkbook(buildLayout(base));
    const full = await fillWorkbook(blank, cleanFill(base, 4));
    const before = (await readBytes(full)).ledger;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.array(fc.nat({ max: 6 }), { maxLength: 2 }),
        fc.nat({ max: 5 }),
        async (keep, inserts, edited) => {
          let tasks: Task[] = base.tasks.map((t, i) => (i === edited ? { ...t, text: t.text.replace(/。$/, "，抓好落实。") } : t)).filter((_, i) => keep[i]);
          for (const at of inserts)
            tasks.splice(Math.min(at, tasks.length), 0, { ...base.tasks[0]!, text: `新增任务：推进第${at}批重点项目建设，确保年内开工。`, targets: [] });
          if (tasks.length === 0) return;
          const { bytes } = await updateWorkbook(full, { ...base, tasks: renumber(tasks) });
          const back = await readBytes(bytes);
          expect(back.ledger.entries.length + back.archive.filter((r) => r.kind === "entry").length).toBe(before.entries.length);
          expect(back.ledger.actuals.length + back.archive.filter((r) => r.kind === "actual").length).toBe(before.actuals.length);
          const kept = base.tasks.filter((_, i) => keep[i]).map((t) => t.id);
          for (const e of before.entries) {
            if (kept.includes(e.taskId))
              expect(back.ledger.entries.some((x) => x.progress === e.progress && x.quarter === e.quarter && x.status === e.status)).toBe(true);
            else expect(back.archive.some((x) => x.taskId === e.taskId && x.quarter === e.quarter && x.progress === e.progress)).toBe(true);
          }
        },
      ),
      { numRuns: 12, seed: 7 },
    );
  });
});

describe("plan-ledger workbook --update (CLI)", () => {
  const BIN = join(import.meta.dirname, "..", "bin", "plan-ledger.js");
  const cli = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 99) : 0, stdout: String(stdout), stderr: String(stderr) }),
      ),
    );
  it("updates in place with a backup and reports the changes", async () => {
    const file = join(dir, "台账.xlsx");
    writeFileSync(file, filled);
    const planFile = join(dir, "revised.json");
    writeFileSync(planFile, JSON.stringify(revisedSeed()));
    const r = await cli("workbook", "--plan", planFile, "--update", file);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("新增任务 1 项，删除任务 1 项");
    expect(r.stdout).toContain("- 删除 50.");
    expect(existsSync(join(dir, "台账.bak.xlsx"))).toBe(true);
    const back = await readBytes(readFileSync(file));
    expect(back.ledger.plan.tasks).toHaveLength(117);
    expect(back.archive.length).toBeGreaterThan(0);
  });
  it("exits 2 for a file that is not a ledger", async () => {
    const file = join(dir, "notes.xlsx");
    writeFileSync(file, "hello");
    const r = await cli("workbook", "--update", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("不是 zip 格式");
  });
});
