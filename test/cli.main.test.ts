import { afterEach, describe, expect, it, vi } from "vitest";
import { guarded } from "../cli/main";

describe("plan-ledger's command guard", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.PLAN_LEDGER_DEBUG;
  });

  it("turns an unexpected exception into one Chinese line and exit 1, without a stack trace", async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
    const boom = Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    const code = await guarded("workbook", async () => { throw boom; }, []);
    expect(code).toBe(1);
    expect(err.join("")).toMatch(/plan-ledger workbook: 意外错误 \(unexpected error\): ENOSPC no space left on device/);
    expect(err.join("")).not.toMatch(/\n\s+at /);
  });

  it("shows the stack with PLAN_LEDGER_DEBUG=1, and passes exit codes through", async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
    process.env.PLAN_LEDGER_DEBUG = "1";
    await guarded("report", async () => { throw new Error("x"); }, []);
    expect(err.join("")).toMatch(/\n\s+at /);
    expect(await guarded("check", async (args) => args.length, ["a", "b"])).toBe(2);
  });
});
