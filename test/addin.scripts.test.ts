import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

describe("the add-in world's scripts", () => {
  it("names the Yeoman template's scripts and config", () => {
    for (const s of ["build", "watch", "dev-server", "start:desktop", "start:web", "stop", "validate", "lint"]) expect(pkg.scripts[s], s).toBeTruthy();
    expect(pkg.config.app_to_debug).toBe("excel");
    expect(pkg.config.dev_server_port).toBe(3000);
  });

  it("office-addin-debugging loads (start/stop need Excel, which users have)", () => {
    // start:desktop / stop run this CLI; a broken dependency tree (e.g. ajv 6 for ajv-draft-04) crashes it on load.
    const r = spawnSync(process.execPath, ["node_modules/office-addin-debugging/cli.js", "--help"], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/start \[options\] <manifest-path>/);
    expect(r.stdout).toMatch(/stop \[options\] <manifest-path>/);
  });
});
