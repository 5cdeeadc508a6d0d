/**
 * Several files as one .zip (the pane's 分发 download: one file instead of fifty prompts). Names are
 * stored as UTF-8 with the zip's UTF-8 flag (fflate sets it for non-ASCII names), so Chinese unit
 * names open right in Windows Explorer, macOS Archive Utility and WPS.
 */
import { zipSync } from "fflate";

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** .xlsx files are already deflated: stored as they are (level 0) the zip is as small and far faster. */
export function zipFiles(
  files: readonly NamedBytes[],
  mtime: Date,
): Uint8Array {
  const seen = new Set<string>();
  const entries: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const f of files) {
    if (seen.has(f.name)) throw new Error(`压缩包中文件名重复：${f.name}`);
    seen.add(f.name);
    entries[f.name] = [f.bytes, { level: 0, mtime }];
  }
  return zipSync(entries);
}
