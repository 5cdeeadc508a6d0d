/**
 * The README's newcomer walkthrough (分发与回收), run through the command line as written: a demo
 * master whose 当前季度 is 4, `split` without --quarter, two unit files filled (exceljs types into the
 * unlocked cells instead of a person), `merge` without --quarter, `report`: the merged entries are in
 * the master, 变更记录 has their rows, and the summary PDF shows the collection status (pdftotext).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../cli/main";
import { loadWorkbookGrid } from "../cli/io/workbook.exceljs";
import { readUnitWorkbook } from "../shared/workbook/unit-reader";
import { readLedger } from "../shared/workbook/reader";
import { inputKeyId } from "../shared/collect/identity";
import { ledgerValues, valueOf } from "../shared/collect/keys";
import { fillFile } from "./helpers/unit-files";

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, out, err };
}
afterEach(() => vi.restoreAllMocks());

describe("README walkthrough: split → fill two unit files → merge → report", () => {
  it("shows the merged entries, 变更记录 rows and the collection status in the summary PDF", async () => {
    const dir = mkdtempSync(join(tmpdir(), "walkthrough-"));
    const master = join(dir, "总台账.xlsx");
    expect((await capture(["workbook", "--demo", "--quarter", "4", "--out", master])).code).toBe(0);

    const split = await capture(["split", "--workbook", master, "--out", join(dir, "分发"), "--deadline", "2024-01-10"]);
    expect(split.code).toBe(0);
    expect(split.err).toContain("分发第 4 季度（总台账“设置”的当前季度）");
    const sent = readdirSync(join(dir, "分发"));
    expect(sent).toContain("2023-Q4-区发展改革委.xlsx");

    // two units fill this quarter's cells and send them back
    const typedBy = new Map<string, Map<string, string | number>>();
    for (const [unit, status] of [
      ["区发展改革委", "序时推进"],
      ["区统计局", "已完成"],
    ] as const) {
      const name = `2023-Q4-${unit}.xlsx`;
      const bytes = new Uint8Array(readFileSync(join(dir, "分发", name)));
      const { identity } = readUnitWorkbook(await loadWorkbookGrid(bytes));
      const fills = identity.base
        .filter((b) => b.editable && (b.key.kind === "actual" || (b.key.kind === "entry" && (b.key.field === "status" || b.key.field === "progress"))))
        .map((b) => [b, b.key.kind === "actual" ? 8.5 : b.key.kind === "entry" && b.key.field === "status" ? status : `${unit}：四季度按计划推进`] as const);
      typedBy.set(unit, new Map(fills.map(([b, v]) => [inputKeyId(b.key), v])));
      writeFileSync(join(dir, name), await fillFile(bytes, fills));
    }

    const files = [join(dir, "2023-Q4-区发展改革委.xlsx"), join(dir, "2023-Q4-区统计局.xlsx")];
    const merged = await capture(["merge", "--workbook", master, ...files]);
    expect(merged.err).not.toContain("拒收");
    expect(merged.out).toContain("回收第 4 季度（交回文件的填报季度）");
    expect(merged.out).toContain("合并文件 2 个");
    expect(merged.code).toBe(0);

    const read = readLedger(await loadWorkbookGrid(new Uint8Array(readFileSync(master))));
    const now = ledgerValues(read.ledger);
    for (const [id, v] of typedBy.get("区发展改革委")!) {
      const rows = read.changelog.filter((r) => r.key === id && r.unit === "区发展改革委");
      expect(rows.length, id).toBeGreaterThan(0);
      // a task several units report holds the unit's text as its 【单位】 part
      const m = now.get(id);
      expect(m === v || String(m).includes(`【区发展改革委】${v}`), `${id}: ${m}`).toBe(true);
    }
    expect(read.collection.filter((r) => r.quarter === 4 && r.returned).map((r) => r.unit)).toEqual(expect.arrayContaining(["区发展改革委", "区统计局"]));
    expect(
      valueOf(now, { kind: "entry", taskId: [...typedBy.get("区统计局")!.keys()].map((k) => Number(k.split("|")[1]))[0]!, quarter: 4, field: "status" }),
    ).not.toBeNull();

    const report = await capture(["report", "--workbook", master, "--out", join(dir, "报告"), "--units", "区统计局"]);
    expect(report.code, report.err).toBe(0);
    const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", join(dir, "报告", "summary-2023-Q4.pdf"), "-"], { encoding: "utf8" }).replace(
      /\s+/g,
      " ",
    );
    expect(text).toContain("单位填报表回收情况");
    expect(text).toContain("未交回填报表的单位");
    // a unit that did not return its file is listed, those that did are not
    const part = text.slice(text.indexOf("未交回填报表的单位"));
    expect(part).toContain("区经济信息委");
    expect(part.slice(0, 400)).not.toContain("区统计局");
  }, 300_000);
});
