/**
 * File names of unit workbooks: `<year>-Q<N>-<unit>.xlsx`, safe on Windows and macOS (none of
 * \ / : * ? " < > |, no control characters, no trailing dot or space, not a reserved device name,
 * length-limited) and unique within one split (Windows and macOS compare names case-insensitively).
 */
import type { Quarter } from "../ledger/schema";

/** Characters of the unit's part: room for the prefix and a "-2" within every file system's 255. */
const UNIT_CHARS = 80;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

function safePart(unit: string): string {
  let s = unit
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_")
    .replace(/\s+/g, " ")
    .trim();
  s = [...s].slice(0, UNIT_CHARS).join("");
  s = s.replace(/[. ]+$/, "");
  if (s === "" || RESERVED.test(s)) s = `单位_${s}`;
  return s;
}

const prefixOf = (year: number | null, quarter: Quarter) => `${year ?? "年度未注明"}-Q${quarter}-`;

/** One name per unit (same order), unique within the list. */
export function unitFileNames(units: readonly string[], year: number | null, quarter: Quarter): string[] {
  const prefix = prefixOf(year, quarter);
  const taken = new Set<string>();
  return units.map((unit) => {
    const stem = prefix + safePart(unit);
    let name = `${stem}.xlsx`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}.xlsx`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The .zip of one split's files (the task pane's 分发): `<year>-Q<N>-单位填报表.zip`. */
export function unitZipName(year: number | null, quarter: Quarter): string {
  return `${prefixOf(year, quarter)}单位填报表.zip`;
}
