import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../shared/", import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));

describe("shared/ runs in the browser too", () => {
  it("has no Node built-in imports", () => {
    const offenders = files(root).filter((f) =>
      /from\s+["'](node:[^"']+|fs|path|os|child_process|crypto|url|stream|buffer|zlib|util)["']|require\(/.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
