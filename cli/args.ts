/** Thin wrapper over node:util parseArgs: unknown options become a Chinese usage error, not a stack trace. */
import { parseArgs as nodeParseArgs } from "node:util";

export class UsageError extends Error {}

export interface ArgSpec {
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
