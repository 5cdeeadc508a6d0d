/**
 * `report` and `export` score the workbook: with a setting out of range they refuse (exit 2) with one
 * line per bad cell on stderr, rather than score from a default nobody chose. `--quarter` replaces an
 * invalid 当前季度 only; any other invalid setting still refuses.
 */
import type { ReadResult } from "../shared/workbook/reader";
import { settingsRefusal, settingsRefusalLine } from "../shared/workbook/sheet.settings";

/** True after printing why the settings cannot be used. */
export function refusedForSettings(read: ReadResult, quarterGiven: boolean): boolean {
  const bad = settingsRefusal(read, quarterGiven);
  const onlyQuarter = bad.length > 0 && settingsRefusal(read, true).length === 0;
  for (const p of bad) process.stderr.write(settingsRefusalLine(p, onlyQuarter) + "\n");
  return bad.length > 0;
}
