import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeCycle, importCycles, importsOf, sourceFiles } from "./helpers/imports";

const root = fileURLToPath(new URL("../", import.meta.url));
/** The source folders (test/ and bench/ may import anything). */
const SOURCE = ["shared", "cli", "reports", "addin"] as const;
const imports = importsOf(root, sourceFiles(root, SOURCE));
/** File → the source files it imports. */
const graph = new Map([...imports].map(([file, list]) => [file, list.flatMap((i) => (i.resolved ? [i.resolved] : []))]));

describe("the import graph of shared/, cli/, reports/ and addin/", () => {
  it("is read from every source file, with every kind of import", () => {
    // Guards the tests below against an empty graph: these edges are known to exist.
    expect(graph.size).toBeGreaterThan(80);
    expect(graph.get("shared/plan/parse.ts")).toEqual(expect.arrayContaining(["shared/plan/parse.text.ts", "shared/plan/parse.table.ts"]));
    // `import type` and `export … from` count too.
    expect(graph.get("shared/plan/parse.text.ts")).toContain("shared/plan/parse.assemble.ts");
    expect(graph.get("shared/vocabulary/index.ts")).toContain("shared/vocabulary/quarters.ts");
  });

  it("has no import cycle between files", () => {
    expect(importCycles(graph).map((c) => describeCycle(graph, c))).toEqual([]);
  });

  it("has every relative import naming a file", () => {
    const broken = [...imports].flatMap(([file, list]) => list.filter((i) => i.resolved === undefined).map((i) => `${file}: ${i.specifier}`));
    expect(broken).toEqual([]);
  });
});

describe("importCycles", () => {
  const g = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

  it("finds none in a graph without cycles", () => {
    expect(importCycles(g({ a: ["b", "c"], b: ["c"], c: [] }))).toEqual([]);
  });

  it("finds two files importing each other, and names the path", () => {
    const graph = g({ a: ["b"], b: ["a", "c"], c: [] });
    expect(importCycles(graph)).toEqual([["a", "b"]]);
    expect(describeCycle(graph, ["a", "b"])).toBe("a → b → a");
  });

  it("finds a longer cycle, a file importing itself, and separate cycles apart", () => {
    const graph = g({ a: ["b"], b: ["c"], c: ["a"], d: ["d"], e: ["f"], f: ["e"] });
    expect(importCycles(graph).sort()).toEqual([["a", "b", "c"], ["d"], ["e", "f"]]);
    expect(describeCycle(graph, ["a", "b", "c"])).toBe("a → b → c → a");
  });
});
