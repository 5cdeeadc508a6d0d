/** `workbook --update` with a revised plan that has errors: the README's diagnostic format, exit 1, the ledger untouched. */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildLayout } from "../shared/workbook/layout";
import { writeWorkbook } from "../shared/workbook/writer.exceljs";
import { smallPlan } from "./fixtures/ledger/plans";

const BIN = join(import.meta.dirname, "..", "bin", "plan-ledger.js");
const cli = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 99) : 0, stdout: String(stdout), stderr: String(stderr) }),
    ),
  );

describe("plan-ledger workbook --update with a bad plan", () => {
  it("prints FILE:LINE: 错误 error: message like the other commands, exits 1 and leaves the ledger as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "upd-cli-"));
    const file = join(dir, "台账.xlsx");
    const bytes = await writeWorkbook(buildLayout(smallPlan(), { settings: { quarter: 1 } }));
    writeFileSync(file, bytes);
    const plan = join(dir, "new.txt");
    writeFileSync(plan, "一、重点工作\n1．第一项任务。\n牵头单位：区发展改革委。\n1．重复编号的任务。\n牵头单位：区财政局。\n");
    const r = await cli("workbook", "--plan", plan, "--update", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${plan.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:4: 错误 error: (?!第4行)`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
  });

  it("names a ledger it cannot read with the message every command gives, exit 2", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "upd-cli-missing-")), "没有.xlsx");
    const r = await cli("workbook", "--update", missing);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`文件不存在：${missing} (file not found)`);
  });

  it("warns when the old sheets had a protection password that --update cannot carry over, and not when --password is given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "upd-cli-pw-"));
    const file = join(dir, "台账.xlsx");
    writeFileSync(file, await writeWorkbook(buildLayout(smallPlan(), { settings: { quarter: 1 }, password: "督查办" })));
    const r = await cli("workbook", "--update", file);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/警告 warning: 原台账的工作表设有保护密码/);
    const again = await cli("workbook", "--update", file, "--password", "督查办");
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/保护密码/);
    const plain = join(dir, "plain.xlsx");
    writeFileSync(plain, await writeWorkbook(buildLayout(smallPlan(), { settings: { quarter: 1 } })));
    expect((await cli("workbook", "--update", plain)).stderr).not.toMatch(/保护密码/);
  });
});
