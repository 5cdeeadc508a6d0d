/** `npm run build`: dist/ with the task pane, its assets and a manifest rewritten for production. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_ORIGIN, OriginError, resolveOrigin, rewriteManifest } from "../scripts/addin-origin";

const root = join(import.meta.dirname, "..");

function npmBuild(env: Record<string, string>, script = "build") {
  return spawnSync("npm", ["run", "-s", script], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
}

describe("npm run build", () => {
  it("produces dist/taskpane.html, its script, styles, icons, mammoth and the manifest", () => {
    const r = npmBuild({ ADDIN_ORIGIN: "" });
    expect(r.status, r.stderr).toBe(0);
    const dist = join(root, "dist");
    for (const f of ["taskpane.html", "taskpane.js", "taskpane.css", "help.html", "manifest.xml", "assets/icon-16.png", "assets/icon-80.png", "vendor/mammoth.browser.min.js"])
      expect(existsSync(join(dist, f)), f).toBe(true);
    const html = readFileSync(join(dist, "taskpane.html"), "utf8");
    // Production loads Office.js from Microsoft's CDN, never from node_modules.
    expect(html).toContain('src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"');
    expect(html).not.toMatch(/node_modules|office-js\/dist/);
    expect(html).toContain('src="taskpane.js"');
    const js = readFileSync(join(dist, "taskpane.js"), "utf8");
    expect(/require\("node:|from"node:/.test(js)).toBe(false);
    expect(js.includes("梁平府办发")).toBe(true); // the embedded plan is bundled
    expect(statSync(join(dist, "taskpane.js")).size).toBeLessThan(1_000_000);
    expect(r.stdout + r.stderr).toMatch(/未设置 ADDIN_ORIGIN/);
  });

  it("rewrites every localhost URL of the manifest to ADDIN_ORIGIN, and the result still validates", () => {
    const out = mkdtempSync(join(tmpdir(), "addin-prod-"));
    const r = npmBuild({ ADDIN_ORIGIN: "https://ledger.example.gov.cn/addin/", ADDIN_OUTDIR: out });
    expect(r.status, r.stderr).toBe(0);
    const manifest = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(manifest).not.toContain("localhost");
    expect(manifest).toContain('<SourceLocation DefaultValue="https://ledger.example.gov.cn/addin/taskpane.html"/>');
    expect(manifest).toContain('DefaultValue="https://ledger.example.gov.cn/addin/assets/icon-80.png"');
    const v = spawnSync("node", [join(root, "scripts/addin-validate.mjs"), join(out, "manifest.xml")], { encoding: "utf8" });
    expect(v.status, v.stderr).toBe(0);
  });

  it("refuses a plain-http origin", () => {
    const out = mkdtempSync(join(tmpdir(), "addin-prod-"));
    const r = npmBuild({ ADDIN_ORIGIN: "http://ledger.example.gov.cn", ADDIN_OUTDIR: out });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/必须通过 HTTPS/);
  });
});

describe("origin resolution", () => {
  it("takes ADDIN_ORIGIN over package.json config, strips a trailing slash", () => {
    expect(resolveOrigin({ ADDIN_ORIGIN: "https://a.example/x/" }, { addin_origin: "https://b.example" })).toBe("https://a.example/x");
    expect(resolveOrigin({}, { addin_origin: "https://b.example" })).toBe("https://b.example");
    expect(resolveOrigin({ npm_package_config_addin_origin: "https://c.example" })).toBe("https://c.example");
    expect(resolveOrigin({})).toBeNull();
    expect(() => resolveOrigin({ ADDIN_ORIGIN: "not a url" })).toThrow(OriginError);
    expect(() => resolveOrigin({ ADDIN_ORIGIN: "https://a.example/?q=1" })).toThrow(OriginError);
  });

  it("rewrites all and only the development origin", () => {
    const xml = `<a u="${DEV_ORIGIN}/taskpane.html"/><b u="${DEV_ORIGIN}/assets/icon-16.png"/><c u="https://other.example/"/>`;
    expect(rewriteManifest(xml, "https://p.example")).toBe(`<a u="https://p.example/taskpane.html"/><b u="https://p.example/assets/icon-16.png"/><c u="https://other.example/"/>`);
    expect(() => rewriteManifest(`<a u="http://localhost:8080/"/>`, "https://p.example")).toThrow(OriginError);
  });
});
