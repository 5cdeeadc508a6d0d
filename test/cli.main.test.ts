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
    const code = await guarded(
      "workbook",
      async () => {
        throw boom;
      },
      [],
    );
    expect(code).toBe(1);
    expect(err.join("")).toMatch(/plan-ledger workbook: 意外错误 \(unexpected error\): ENOSPC no space left on device/);
    expect(err.join("")).not.toMatch(/\n\s+at /);
  });

  it("shows the stack with PLAN_LEDGER_DEBUG=1, and passes exit codes through", async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
    process.env.PLAN_LEDGER_DEBUG = "1";
    await guarded(
      "report",
      async () => {
        throw new Error("x");
      },
      [],
    );
    expect(err.join("")).toMatch(/\n\s+at /);
    expect(await guarded("check", async (args) => args.length, ["a", "b"])).toBe(2);
  });
});

describe("plan-ledger writing into a pipe whose reader has gone", () => {
  it("ends quietly with exit 0 (parse --json | head -c 100)", async () => {
    const { execFile } = await import("node:child_process");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const bin = join(__dirname, "..", "bin", "plan-ledger.js");
    // the JSON of the seed is far larger than a pipe's buffer, so writes go on after head has left
    const script = `node "${bin}" parse --json 2>"$ERR" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "$ERR"`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        "bash",
        ["-c", script],
        { env: { ...process.env, PLAN_LEDGER_SKIP_SETUP: "1", ERR: join(tmpdir(), `plan-ledger-epipe-${process.pid}.err`) } },
        (err, stdout) => (err ? reject(err) : resolve(String(stdout))),
      ),
    );
    const [status, ...stderr] = out.split("\n");
    expect(status).toBe("0");
    expect(stderr.join("\n")).not.toMatch(/EPIPE|Error|\n\s+at /);
  });
});
