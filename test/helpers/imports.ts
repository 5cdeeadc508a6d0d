/**
 * The project's import graph, read with TypeScript's own pre-processor (so multi-line imports,
 * `export … from`, `import type`, dynamic `import()` and `require()` are all seen, and comments or
 * strings that look like imports are not): for the architecture tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** One import of a file: the specifier as written and, when it is relative, the file it names. */
export interface Import {
  specifier: string;
  /** Path relative to the root (with "/"), null for a package or a built-in, undefined when a relative path names no file. */
  resolved: string | null | undefined;
}

/** The .ts files under `folders` of `root` (node_modules skipped), relative to `root`, with "/". */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.name === "node_modules") return [];
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      return e.name.endsWith(".ts") ? [path] : [];
    });
  return folders
    .flatMap((f) => (existsSync(join(root, f)) ? walk(join(root, f)) : []))
    .map((p) => relative(root, p).split(sep).join("/"))
    .sort();
}

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", "/index.ts"];

/** The file a relative specifier names, as TypeScript's bundler resolution finds it; undefined when none. */
function resolveRelative(root: string, from: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(from), specifier);
  // "./x.js" written for "./x.ts" is resolved the way TypeScript does.
  const candidates = [...EXTENSIONS.map((e) => base + e), base.replace(/\.js$/, ".ts")];
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return hit === undefined ? undefined : relative(root, hit).split(sep).join("/");
}

/** Every import of every file: file → its imports, in the order written. */
export function importsOf(root: string, files: readonly string[]): Map<string, Import[]> {
  return new Map(
    files.map((file) => {
      const info = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
      const imports = info.importedFiles.map(({ fileName: specifier }): Import => ({
        specifier,
        resolved: specifier.startsWith(".") ? resolveRelative(root, file, specifier) : null,
      }));
      return [file, imports];
    }),
  );
}

/**
 * The import cycles of a graph (file → files it imports): its strongly connected components of more
 * than one file, or of one file that imports itself (Tarjan's algorithm), each as its files sorted.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;

  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      const wIndex = index.get(w);
      if (wIndex === undefined) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, wIndex));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };

  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** A path through a cycle's files, for a readable failure: "a.ts → b.ts → a.ts". */
export function describeCycle(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string {
  const members = new Set(component);
  const [start] = component;
  if (start === undefined) return "";
  // Breadth-first from start back to start, staying inside the component.
  const previous = new Map<string, string>();
  const queue = [start];
  for (let v = queue.shift(); v !== undefined; v = queue.shift()) {
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const between: string[] = [];
        for (let p: string | undefined = v; p !== undefined && p !== start; p = previous.get(p)) between.unshift(p);
        return [start, ...between, start].join(" → ");
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component.join(" ↔ ");
}
