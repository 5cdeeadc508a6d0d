/**
 * The manifest's production origin (scripts/addin-origin.ts). What `npm run build` writes into dist/
 * is checked by scripts/addin-check-build.ts, which .ci/run runs after the build.
 */
import { describe, expect, it } from "vitest";
import { DEV_ORIGIN, OriginError, resolveOrigin, rewriteManifest } from "../scripts/addin-origin";

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
    expect(rewriteManifest(xml, "https://p.example")).toBe(
      `<a u="https://p.example/taskpane.html"/><b u="https://p.example/assets/icon-16.png"/><c u="https://other.example/"/>`,
    );
    expect(() => rewriteManifest(`<a u="http://localhost:8080/"/>`, "https://p.example")).toThrow(OriginError);
  });
});
