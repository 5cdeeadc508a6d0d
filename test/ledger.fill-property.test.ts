/**
 * Property: whatever a user types, in whatever tolerated spelling (padded statuses, full-width digits,
 * thousands separators, "12%" for % targets, the unit after the number, numbers as text), the reader
 * gives back exactly the values meant — through a real file written by the exceljs writer and
 * filled with exceljs.
 */
import fc from "fast-check";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { QUARTERS, STATUSES, type Actual, type Quarter, type Status, type TaskEntry } from "../shared/ledger/schema";
import { buildLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { readLedgerFile } from "../cli/io/workbook.exceljs";
import { fillWorkbook, type CellFill } from "./fixtures/ledger/fill";
import { smallPlan } from "./fixtures/ledger/plans";

const plan = smallPlan();
const targets = plan.tasks.flatMap((t) => t.targets);
const dir = mkdtempSync(join(tmpdir(), "ledger-prop-"));
let blank: Uint8Array;
beforeAll(async () => {
  blank = await writeWorkbook(buildLayout(plan));
});

const PAD = fc.constantFrom("", " ", "  ", "\u3000", "\u00a0", "\t");
const CHARS = "进展完成推进项目建设资金问题下步打算加快ABCxyz0123456789，。、（）%：；GDP 5G".split("");
const narrative = fc.tuple(fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 30 }), fc.boolean(), PAD, PAD).map(([cs, twoLines, a, b]) => {
  const core = cs.join("").trim() || "进展";
  return { typed: a + (twoLines ? `${core}\n第二行` : core) + b, meant: twoLines ? `${core}\n第二行` : core };
});

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(".", "．");
const thousands = (v: number) => {
  const [i, f] = String(v).split(".");
  return i!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (f ? `.${f}` : "");
};

const actualFill = (unit: string) =>
  fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(1, 10, 100), fc.nat({ max: 5 }), PAD).map(([n, div, how, pad]) => {
    const v = n / div;
    const spellings: (string | number)[] = [
      v,
      String(v),
      fullWidth(String(v)),
      thousands(v),
      unit === "%" ? `${v}%` : unit ? `${v}${unit}` : String(v),
      fullWidth(thousands(v)),
    ];
    const typed = spellings[how]!;
    return { typed: typeof typed === "string" ? pad + typed + pad : typed, meant: v };
  });

const entryFill = fc.record({
  status: fc.option(fc.tuple(fc.constantFrom<Status>(...STATUSES), PAD, PAD), { nil: null }),
  progress: fc.option(narrative, { nil: null }),
  problems: fc.option(narrative, { nil: null }),
  nextSteps: fc.option(narrative, { nil: null }),
});

const scenario = fc.record({
  entries: fc.array(fc.tuple(fc.constantFrom(...plan.tasks.map((t) => t.id)), fc.constantFrom<Quarter>(...QUARTERS), entryFill), { maxLength: 14 }),
  actuals: fc
    .array(fc.tuple(fc.nat({ max: targets.length - 1 }), fc.constantFrom<Quarter>(...QUARTERS)), { maxLength: 12 })
    .chain((picks) => fc.tuple(fc.constant(picks), fc.tuple(...picks.map(([i]) => actualFill(targets[i]!.unit))))),
});

describe("write → fill (any tolerated spelling) → read", () => {
  it("gives back exactly the values meant", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ entries, actuals: [picks, values] }) => {
        const fills: CellFill[] = [];
        const meant = new Map<string, TaskEntry>();
        for (const [taskId, quarter, e] of entries) {
          const m: TaskEntry = { taskId, quarter, status: null, progress: "", problems: "", nextSteps: "" };
          // a later fill of the same cells replaces the earlier one, as typing does
          const prev = meant.get(`${taskId}/${quarter}`);
          if (prev) Object.assign(m, prev);
          if (e.status) {
            fills.push({ taskId, quarter, field: "status", value: e.status[1] + e.status[0] + e.status[2] });
            m.status = e.status[0];
          }
          for (const f of ["progress", "problems", "nextSteps"] as const) {
            const v = e[f];
            if (!v) continue;
            fills.push({ taskId, quarter, field: f, value: v.typed });
            m[f] = v.meant;
          }
          meant.set(`${taskId}/${quarter}`, m);
        }
        const meantActuals = new Map<string, Actual>();
        picks.forEach(([i, quarter], k) => {
          const g = targets[i]!;
          const v = values[k]!;
          fills.push({ targetId: g.id, quarter, field: "actual", value: v.typed });
          meantActuals.set(`${g.id}/${quarter}`, { targetId: g.id, quarter, value: v.meant });
        });
        const path = join(dir, `fill-${run++}.xlsx`);
        writeFileSync(path, await fillWorkbook(blank, fills));
        const { ledger, problems } = await readLedgerFile(path);
        // a value far from its target is read as meant, and reported as implausible (a separate property)
        expect(problems.filter((p) => p.severity === "error" && p.code !== "actual-implausible")).toEqual([]);
        const wantEntries = [...meant.values()].filter((e) => e.status !== null || e.progress || e.problems || e.nextSteps);
        const byKey = <T extends { quarter: number }>(xs: T[], k: (x: T) => string) =>
          [...xs].sort((a, b) => k(a).localeCompare(k(b)) || a.quarter - b.quarter);
        expect(byKey(ledger.entries, (e) => String(e.taskId))).toEqual(byKey(wantEntries, (e) => String(e.taskId)));
        expect(byKey(ledger.actuals, (a) => a.targetId)).toEqual(byKey([...meantActuals.values()], (a) => a.targetId));
      }),
      { numRuns: 15, seed: 42 },
    );
  });
});
