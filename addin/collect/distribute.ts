/**
 * 分发 in the task pane: the unit workbooks of the open ledger, laid out by the split's shared code
 * (splitBase, unitWorkbookLayout, unitFileNames: what `plan-ledger split` writes), written with
 * exceljs's browser build and handed over as one .zip.
 */
import type { Ledger, Quarter } from "../../shared/ledger/schema";
import { unitFileNames, unitZipName } from "../../shared/collect/file-name";
import {
  splitBase,
  unitWorkbookLayout,
} from "../../shared/workbook/unit-workbook";
import { writeWorkbook } from "../../shared/workbook/writer.exceljs";
import { DeflateReuse } from "../../shared/workbook/writer.bulk";
import { zipFiles, type NamedBytes } from "./zip";

export interface DistributeOptions {
  quarter: Quarter;
  /** YYYY-MM-DD or null. */
  deadline: string | null;
  sendTo: string | null;
  /** Units to write, in the order given (the pane offers unitsToSplit's). */
  units: readonly string[];
  /** ISO time of the split, the same in every file. */
  splitAt: string;
}

export interface DistributedFile {
  unit: string;
  fileName: string;
  /** Tasks the unit reports, their targets, and tasks it only shares. */
  reports: number;
  targets: number;
  shares: number;
}

export interface Distribution {
  zipName: string;
  zip: Uint8Array;
  files: DistributedFile[];
}

export async function distribute(
  ledger: Ledger,
  options: DistributeOptions,
  progress: (done: number, total: number) => void = () => {},
): Promise<Distribution> {
  const { quarter, units } = options;
  const year = ledger.plan.meta.year;
  const base = splitBase(ledger, {
    quarter,
    deadline: options.deadline,
    splitAt: options.splitAt,
    sendTo: options.sendTo,
  });
  const names = unitFileNames(units, year, quarter);
  const out: NamedBytes[] = [];
  const files: DistributedFile[] = [];
  // what the files share (方案记录, theme, styles) is deflated once: most of a file's cost otherwise
  const reuse = new DeflateReuse();
  for (const [i, unit] of units.entries()) {
    const { layout, scope } = unitWorkbookLayout(base, unit);
    out.push({
      name: names[i]!,
      bytes: await writeWorkbook(layout, { reuse }),
    });
    files.push({
      unit,
      fileName: names[i]!,
      reports: scope.reports.size,
      targets: ledger.plan.tasks
        .filter((t) => scope.reports.has(t.id))
        .reduce((n, t) => n + t.targets.length, 0),
      shares: scope.shares.size,
    });
    progress(i + 1, units.length);
  }
  return {
    zipName: unitZipName(year, quarter),
    zip: zipFiles(out, new Date(options.splitAt)),
    files,
  };
}
