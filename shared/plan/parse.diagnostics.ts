/**
 * The one diagnostics reporter of the plan parser: the text reader, the table reader and assembly
 * all report through it, so every problem has the same shape (severity, 1-based line, code, message).
 */
import type { Diagnostic } from "./schema";

export interface Reporter {
  /** Everything reported so far, in the order reported. */
  readonly diagnostics: Diagnostic[];
  /** A problem that makes the plan wrong (line 1-based; null when it concerns the whole document). */
  err(line: number | null, code: string, message: string): void;
  /** A problem the parser worked around; the plan is still usable. */
  warn(line: number | null, code: string, message: string): void;
  /** A warning reported only the first time its code comes up (a pattern that repeats through the document). */
  warnOnce(line: number | null, code: string, message: string): void;
}

export function createReporter(): Reporter {
  const diagnostics: Diagnostic[] = [];
  const add = (severity: Diagnostic["severity"]) => (line: number | null, code: string, message: string) => {
    diagnostics.push({ severity, line, code, message });
  };
  const warn = add("warning");
  const warned = new Set<string>();
  return {
    diagnostics,
    err: add("error"),
    warn,
    warnOnce(line, code, message) {
      if (warned.has(code)) return;
      warned.add(code);
      warn(line, code, message);
    },
  };
}
