import { readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importsOf, sourceFiles } from "./helpers/imports";

const root = fileURLToPath(new URL("../", import.meta.url));
const files = sourceFiles(root, ["shared"]);
const imports = [...importsOf(root, files)].flatMap(([file, list]) => list.map((i) => ({ file, ...i })));

describe("shared/ runs in the browser too", () => {
  it("has no Node built-in imports", () => {
    expect(files.length).toBeGreaterThan(50);
    const offenders = imports.filter((i) => isBuiltin(i.specifier)).map((i) => `${i.file}: ${i.specifier}`);
    expect(offenders).toEqual([]);
  });

  it("never calls require()", () => {
    expect(files.filter((f) => /\brequire\(/.test(readFileSync(join(root, f), "utf8")))).toEqual([]);
  });

  it("imports nothing outside shared/ (packages aside)", () => {
    const outside = imports.filter((i) => i.specifier.startsWith(".") && !i.resolved?.startsWith("shared/")).map((i) => `${i.file}: ${i.specifier}`);
    expect(outside).toEqual([]);
  });
});
