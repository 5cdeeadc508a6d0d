import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const manifest = readFileSync(join(root, "manifest.xml"), "utf8");

function validate(text: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "manifest-"));
  const file = join(dir, "manifest.xml");
  writeFileSync(file, text);
  const r = spawnSync("node", [join(root, "scripts/addin-validate.mjs"), file], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

function pngSize(path: string): [number, number] {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe("manifest.xml", () => {
  it("validates offline against the copied XSDs (npm run validate)", () => {
    // manifest.xml named explicitly: dist/manifest.xml may be mid-rewrite by the build test running beside this one.
    const r = spawnSync("npm", ["run", "-s", "validate", "--", join(root, "manifest.xml")], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.each([
    ["an unknown ribbon action type", (m: string) => m.replace('xsi:type="ShowTaskpane"', 'xsi:type="OpenPane"')],
    ["a ribbon button without a label", (m: string) => m.replace('<Label resid="TaskpaneButton.Label"/>', "")],
    ["an unknown permission", (m: string) => m.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>")],
    ["a missing add-in id", (m: string) => m.replace(/<Id>.*<\/Id>/, "")],
    ["no task pane source location", (m: string) => m.replace(/<DefaultSettings>[\s\S]*?<\/DefaultSettings>/, "")],
    ["the ribbon on a host that is not a host type", (m: string) => m.replace('<Host xsi:type="Workbook">', '<Host xsi:type="Spreadsheet">')],
  ])("fails validation with %s", (_name, breakIt) => {
    const broken = breakIt(manifest);
    expect(broken).not.toBe(manifest);
    const r = validate(broken);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/清单无效|fails to validate/);
  });

  it("is an Excel task pane add-in, zh-CN by default with en-US overrides", () => {
    expect(manifest).toMatch(/xsi:type="TaskPaneApp"/);
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
    expect(manifest).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
    expect(manifest).toMatch(/<DisplayName DefaultValue="目标任务台账">\s*<Override Locale="en-US"/);
    expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    // 1.1, so that clients below the writer's 1.8 open the pane and are told why it cannot work there.
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1.1"\/>/);
    // The pane's own origin needs no AppDomain (and one may not carry a path).
    expect(manifest.replace(/<!--[\s\S]*?-->/g, "")).not.toMatch(/<AppDomains?>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(manifest).toMatch(/<SupportUrl DefaultValue="https:\/\/[^"]+"\/>/);
  });

  it("names icons that exist at their stated pixel sizes", () => {
    const urls = [...manifest.matchAll(/assets\/icon-(\d+)\.png/g)].map((m) => Number(m[1]));
    expect(new Set(urls)).toEqual(new Set([16, 32, 64, 80]));
    for (const size of new Set(urls)) {
      expect(pngSize(join(root, "addin/assets", `icon-${size}.png`))).toEqual([size, size]);
    }
  });
});
