/** The asset store's base64 of a body (what the browser protocol carries) is made once per body, never shared between bodies. */
import { describe, expect, it } from "vitest";
import { AssetStore } from "../reports/pdf/assets";

describe("asset encodings", () => {
  it("encodes a body once, and two bodies (even of equal length) each their own", () => {
    const store = new AssetStore();
    const a = { body: Buffer.from([0, 1, 2, 250, 251, 252]), contentType: "font/ttf" };
    const b = { body: Buffer.from([9, 8, 7, 6, 5, 4]), contentType: "font/ttf" };
    const first = store.base64(a);
    expect(first).toBe(a.body.toString("base64"));
    expect(store.base64(a)).toBe(first);
    expect(store.base64(b)).toBe(b.body.toString("base64"));
    expect(store.base64(b)).not.toBe(first);
    // A copy of a body is an entry of its own, encoded from its own bytes.
    expect(store.base64({ body: Buffer.from(a.body), contentType: "font/ttf" })).toBe(first);
  });

  it("serves the fixed assets with their encoding", () => {
    const store = new AssetStore();
    const css = store.lookup("https://report.plan-ledger.invalid/assets/report.css")!;
    expect(Buffer.from(store.base64(css), "base64").equals(css.body)).toBe(true);
  });
});
