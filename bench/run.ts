/**
 * `npm run bench`: runs every bench/*.ts module that default-exports an async function returning
 * named figures, and prints them as a table (and as JSON to .bench/latest.json).
 * `npm run bench -- parse reports` runs only the named modules.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const helpers = new Set(["run.ts", "measure.ts", "plan-generate.ts"]);
const modules = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !helpers.has(f))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, "")))
  .sort();

const results: Record<string, Record<string, number | string>> = {};
for (const f of modules) {
  const mod = await import(new URL(f, import.meta.url).href);
  if (typeof mod.default !== "function") continue;
  process.stdout.write(`▶ ${f}\n`);
  let result: Record<string, number | string>;
  try {
    result = await mod.default();
  } catch (e) {
    result = { error: (e as Error).message };
  }
  results[f] = result;
  for (const [k, v] of Object.entries(result)) process.stdout.write(`  ${k.padEnd(56)} ${v}\n`);
}
mkdirSync(new URL("../.bench/", import.meta.url), { recursive: true });
writeFileSync(new URL("../.bench/latest.json", import.meta.url), JSON.stringify({ node: process.version, results }, null, 2));
