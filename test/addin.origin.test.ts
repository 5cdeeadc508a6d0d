/**
 * The production manifest (scripts/addin-origin.ts). What `npm run build` writes into dist/ is
 * checked by scripts/addin-check-build.ts, which .ci/run runs after the build.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_ID, DEV_ORIGIN, OriginError, PROD_ID, productionManifest, resolveDeployment, resolveOrigin } from "../scripts/addin-origin";

const manifest = readFileSync(join(import.meta.dirname, "..", "manifest.xml"), "utf8");
const deploy = { origin: "https://p.example/addin", supportUrl: "https://help.example/ledger" };

describe("origin resolution", () => {
  it("takes ADDIN_ORIGIN over package.json config, strips a trailing slash", () => {
    expect(resolveOrigin({ ADDIN_ORIGIN: "https://a.example/x/" }, { addin_origin: "https://b.example" })).toBe("https://a.example/x");
    expect(resolveOrigin({}, { addin_origin: "https://b.example" })).toBe("https://b.example");
    expect(resolveOrigin({ npm_package_config_addin_origin: "https://c.example" })).toBe("https://c.example");
    expect(resolveOrigin({})).toBeNull();
    expect(() => resolveOrigin({ ADDIN_ORIGIN: "not a url" })).toThrow(OriginError);
    expect(() => resolveOrigin({ ADDIN_ORIGIN: "https://a.example/?q=1" })).toThrow(OriginError);
    expect(() => resolveOrigin({ ADDIN_ORIGIN: "https://localhost:3000" })).toThrow(/本机地址/);
  });

  it("a production build needs both the origin and the support page, over https", () => {
    expect(() => resolveDeployment({})).toThrow(/未设置 ADDIN_ORIGIN、ADDIN_SUPPORT_URL/);
    expect(() => resolveDeployment({ ADDIN_ORIGIN: "https://a.example" })).toThrow(/未设置 ADDIN_SUPPORT_URL/);
    expect(() => resolveDeployment({ ADDIN_ORIGIN: "https://a.example", ADDIN_SUPPORT_URL: "http://a.example/help" })).toThrow(/HTTPS/);
    expect(resolveDeployment({}, { addin_origin: "https://a.example/", addin_support_url: "https://b.example/help" })).toEqual({
      origin: "https://a.example",
      supportUrl: "https://b.example/help",
    });
  });
});

describe("the production manifest", () => {
  const prod = productionManifest(manifest, deploy);

  it("points every URL at the deployment, the support page at its own address, and has its own <Id>", () => {
    expect(prod).not.toMatch(/localhost/);
    expect(prod).toContain('<SourceLocation DefaultValue="https://p.example/addin/taskpane.html"/>');
    expect(prod).toContain('<bt:Url id="Taskpane.Url" DefaultValue="https://p.example/addin/taskpane.html"/>');
    expect(prod).toContain('<SupportUrl DefaultValue="https://help.example/ledger"/>');
    expect(prod).toContain('<bt:Url id="Support.Url" DefaultValue="https://help.example/ledger"/>');
    expect(prod).toContain(`<Id>${PROD_ID}</Id>`);
    expect(manifest).toContain(`<Id>${DEV_ID}</Id>`);
    expect(PROD_ID).not.toBe(DEV_ID);
    expect(manifest).toContain(`${DEV_ORIGIN}/taskpane.html`);
  });

  it("escapes the URLs it puts into attributes and refuses a manifest it does not know", () => {
    expect(productionManifest(manifest, { ...deploy, supportUrl: "https://h.example/?a=1&b=2" })).toContain(
      '<SupportUrl DefaultValue="https://h.example/?a=1&amp;b=2"/>',
    );
    expect(() => productionManifest(manifest.replace(DEV_ID, PROD_ID), deploy)).toThrow(OriginError);
    expect(() => productionManifest(manifest.replace(`<IconUrl DefaultValue="${DEV_ORIGIN}`, '<IconUrl DefaultValue="http://localhost:8080'), deploy)).toThrow(
      /localhost/,
    );
  });
});
