/**
 * Argument parsing shared by every command: node:util parseArgs with unknown options turned into a
 * Chinese usage error (not a stack trace), and the one reader of `--quarter`.
 */
import { parseArgs as nodeParseArgs } from "node:util";
import { parseQuarter, type Quarter } from "../shared/vocabulary";

/** Bad arguments: the command prints the message and its usage, exit 2. */
class UsageError extends Error {}

interface ArgSpec {
  boolean?: string[];
  string?: string[];
}

export function parseArgs(args: string[], spec: ArgSpec): { positional: string[]; flags: Record<string, string | boolean | undefined> } {
  const options: Record<string, { type: "boolean" | "string" }> = {};
  for (const b of spec.boolean ?? []) options[b] = { type: "boolean" };
  for (const s of spec.string ?? []) options[s] = { type: "string" };
  try {
    const { values, positionals } = nodeParseArgs({ args, options, allowPositionals: true, strict: true });
    return { positional: positionals, flags: values as Record<string, string | boolean | undefined> };
  } catch (e) {
    throw new UsageError(`参数错误 (bad arguments): ${(e as Error).message}`);
  }
}

/**
 * `--quarter` as every command reads it: 3, Q3, 三季度, 第三季度, full-width ３ (shared/vocabulary's
 * parseQuarter); undefined when absent. Throws UsageError naming the option and the value.
 */
export function quarterOption(value: string | boolean | undefined): Quarter | undefined {
  if (value === undefined) return undefined;
  const q = parseQuarter(value);
  if (q === null)
    throw new UsageError(`--quarter 应为 1–4 季度（如 3、Q3、三季度、第三季度），“${String(value)}”无效 (--quarter must be a quarter 1-4: ${String(value)})`);
  return q;
}

/** `--units all|NAME,...` as `report` and `split` read it: "all" (also when absent or empty), else the names (split at , ， 、). */
export function unitsOption(value: string | boolean | undefined): readonly string[] | "all" {
  const v = typeof value === "string" ? value.trim() : "all";
  if (v === "" || v === "all") return "all";
  return v
    .split(/[,，、]/)
    .map((u) => u.trim())
    .filter(Boolean);
}
