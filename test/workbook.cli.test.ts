import { describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run } from "../cli/command.workbook";

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "",
    err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await run(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("plan-ledger workbook", () => {
  const dir = mkdtempSync(join(tmpdir(), "plan-ledger-cli-"));
  it("writes the embedded plan's demo ledger, marked 演示数据", async () => {
    const file = join(dir, "sub", "demo.xlsx");
    const r = await capture(["--out", file, "--demo", "--seed", "5"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("任务 117 条");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["说明", "任务", "指标", "单位", "汇总", "设置", "归档", "方案记录"]);
    expect(wb.getWorksheet("方案记录")!.state).toBe("veryHidden");
    for (const ws of wb.worksheets) expect(String(ws.getCell("A1").value)).toContain("演示数据");
    expect(wb.getWorksheet("设置")!.getCell("B3").value).toBe(3);
    expect(wb.getWorksheet("任务")!.getCell("G3").value).toMatch(/已完成|序时推进|滞后|未启动/);
  });
  it("writes an empty ledger for a chosen quarter", async () => {
    const file = join(dir, "empty.xlsx");
    expect((await capture(["--out", file, "--quarter", "二季度"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(String(wb.getWorksheet("任务")!.getCell("A1").value)).not.toContain("演示数据");
    expect(wb.getWorksheet("任务")!.getCell("G3").value).toBeNull();
    expect(wb.getWorksheet("设置")!.getCell("B3").value).toBe(2);
  });
  it("refuses bad arguments with exit 2 and a Chinese message, and a bad plan with exit 1", async () => {
    expect(await capture([])).toMatchObject({ code: 2, err: expect.stringContaining("缺少 --out") });
    expect(await capture(["--out", join(dir, "x.xls")])).toMatchObject({ code: 2 });
    expect(await capture(["--out", join(dir, "x.xlsx"), "--quarter", "5"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--quarter 应为 1–4 季度（如 3、Q3、三季度、第三季度），“5”无效"),
    });
    expect(await capture(["--out", join(dir, "x.xlsx"), "--nope"])).toMatchObject({ code: 2, err: expect.stringContaining("参数错误") });
    const bad = await capture(["--plan", join(dir, "missing.txt"), "--out", join(dir, "x.xlsx")]);
    expect(bad.code).toBe(1);
    expect(bad.err).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
  });
});
