/** `npm run lint` (office-addin-lint: eslint + prettier over addin/) passes, so the script the README names works. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm run lint", () => {
  it("finds no problem in addin/", () => {
    const r = spawnSync("npm", ["run", "--silent", "lint"], { encoding: "utf8", timeout: 120_000 });
    expect(r.stdout + r.stderr).not.toMatch(/\d+ problems?|error/);
    expect(r.status).toBe(0);
  }, 120_000);
});
