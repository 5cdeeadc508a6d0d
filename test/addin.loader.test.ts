/**
 * The pane's ES5 loader (addin/taskpane/loader.js): ECMAScript 5 by an ES5 parser, and in Chromium
 * with Internet Explorer 11's or Edge Legacy's user agent, or a feature taken away, a Chinese message
 * instead of a blank pane, and taskpane.js never requested.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPane, type PaneHarness } from "./helpers/pane";

const loader = readFileSync(join(import.meta.dirname, "..", "addin/taskpane/loader.js"), "utf8");
let pane: PaneHarness;

beforeAll(async () => {
  pane = await startPane();
});
afterAll(async () => {
  await pane?.close();
});

describe("the ES5 loader", () => {
  it("is ECMAScript 5 (an ES5 parser accepts it, and rejects newer syntax)", () => {
    expect(() => parse(loader, { ecmaVersion: 5 })).not.toThrow();
    expect(() => parse("const a = b?.c;", { ecmaVersion: 5 })).toThrow();
  });

  it.each([
    ["Internet Explorer 11", "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", "", /Internet Explorer 11/],
    [
      "Edge Legacy",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041",
      "",
      /旧版 Microsoft Edge/,
    ],
    ["a browser without TextDecoder", undefined, "delete window.TextDecoder;", /缺少必要功能（TextDecoder）/],
  ])("in %s shows a Chinese message and never loads the bundle", async (_name, userAgent, before, what) => {
    const { page, requested } = await pane.open({ userAgent, before });
    expect(await page.evaluate(() => document.body.dataset.ready)).toBe("legacy");
    const text = await page.$eval("#legacy-message", (el) => (el as HTMLElement).innerText);
    expect(text).toMatch(what);
    expect(text).toMatch(/Microsoft 365.*Office 2021/);
    expect(await page.$("nav")).toBeNull();
    expect(requested.filter((u) => u.endsWith("/taskpane.js"))).toEqual([]);
    await page.close();
  });

  it("in a current browser loads taskpane.js and shows the pane", async () => {
    const { page, requested } = await pane.open();
    expect(await page.evaluate(() => document.body.dataset.ready)).not.toBe("legacy");
    expect(await page.$("#legacy-message")).toBeNull();
    expect(requested.filter((u) => u.endsWith("/taskpane.js"))).toHaveLength(1);
    await page.close();
  });
});
