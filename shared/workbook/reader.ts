/**
 * Filled ledger workbook (as plain grids, see reader.grid.ts) → Ledger. Each sheet's module reads
 * its own sheet (sheet.tasks.ts, sheet.targets.ts, …); this file puts the parts together.
 *
 * Sheets and columns are found by their labels (labels.ts), never by position: columns may be
 * moved, hidden or added and rows added above a header. Where each row and column was found is
 * recorded (`index`, `cells`), so check rules, the add-in and the scores' refs name the right cells.
 * Only input cells are read (statuses, narratives, actuals) plus the plan columns and the 设置
 * values; computed columns are not read (a value typed over a formula is reported, not used).
 * The plan scored is the one recorded in the very hidden 方案记录 sheet (plan-compare.ts): the plan
 * columns are compared with it, and read as the plan only in workbooks without a valid record.
 *
 * Nothing is left unread silently: a cell with content that is none of the above (a merged input
 * cell, a value over a formula, a row without 序号, a column or sheet of one's own) is a problem
 * naming it and where its content belongs (unread.ts).
 *
 * Content problems (an unknown status word, an actual that is not a number, a 单位 / 汇总 / 说明 /
 * 归档 sheet whose header was renamed …) do not stop reading: what could not be read is left out and
 * a LedgerProblem says where. A file that is not a ledger at all (missing 任务 / 指标 / 设置 sheet,
 * renamed header there, missing setting) throws LedgerReadError.
 *
 * A unit workbook (单位填报表, sheet.identity.ts) reads the same way, against the unit's part of the
 * plan record: its rows are the ones expected, and `unit` says whose it is.
 */
import { Ledger } from "../ledger/schema";
import { Plan, type PlanMeta } from "../plan/schema";
import { DEMO_MARK, SHEETS } from "./labels";
import { cellText } from "./reader.cells";
import { findSheet, requireSheet, type LedgerProblem, type WorkbookGrid } from "./reader.grid";
import { readTasks } from "./sheet.tasks";
import { readTargets } from "./sheet.targets";
import { readUnits } from "./sheet.units";
import { readSections } from "./sheet.summary";
import { readMeta } from "./sheet.guide";
import { readSettings } from "./sheet.settings";
import { readArchive } from "./sheet.archive";
import { readChangelog } from "./sheet.changelog";
import { readCollection } from "./sheet.collection";
import { locateIn, type LedgerCells } from "./cells";
import { unreadProblems } from "./unread";
import type { ReadResult } from "./read-result";
import { planFromRecord, targetOwners } from "./plan-compare";
import { readRecord, type RecordRead } from "./sheet.record";
import { readUnitIdentity } from "./sheet.identity";

export { splitUnits } from "./sheet.tasks";
export type { ReadResult, LedgerIndex } from "./read-result";

export function readLedger(grid: WorkbookGrid): ReadResult {
  const problems: LedgerProblem[] = [];
  const tasksSheet = requireSheet(grid, SHEETS.tasks);
  const targetsSheet = requireSheet(grid, SHEETS.targets);
  const settingsSheet = requireSheet(grid, SHEETS.settings);

  const master = readRecord(findSheet(grid, SHEETS.record));
  // a unit workbook (单位填报表) holds the unit's rows of the plan record: those are the rows expected
  const unit = readUnitIdentity(grid, master);
  const record: RecordRead = unit && master.kind === "ok" ? { ...master, plan: unit.plan } : master;
  const tasks = readTasks(tasksSheet, problems);
  const owners = targetOwners(tasks.tasks, record);
  const targets = readTargets(targetsSheet, owners, problems);
  // plan reconstruction beyond 任务 / 指标: optional sheets, each a problem when unreadable
  const units = readUnits(findSheet(grid, SHEETS.units), tasks.tasks, problems);
  const sections = readSections(findSheet(grid, SHEETS.summary), tasks.tasks, problems);
  const metaRows = new Map<keyof PlanMeta, number>();
  const meta = readMeta(findSheet(grid, SHEETS.guide), problems, metaRows);
  const visible: Plan = Plan.parse({ meta, sections: sections.sections, tasks: tasks.tasks, units: units.units });
  const { settings, quarterCell, cells: settingsCells } = readSettings(settingsSheet, problems);
  const { rows: archive, cells: archiveCells } = readArchive(findSheet(grid, SHEETS.archive), problems);
  const { rows: changelog, cells: changelogCells } = readChangelog(findSheet(grid, SHEETS.changelog), problems);
  const { rows: collection, cells: collectionCells } = readCollection(findSheet(grid, SHEETS.collection), problems);
  const cells: LedgerCells = {
    tasks: { rows: tasks.rows, cols: tasks.cols },
    targets: { rows: targets.rows, cols: targets.cols },
    units: { rows: units.rows, cols: units.cols },
    summary: { rows: sections.rows, cols: sections.cols },
  };
  // scored by the plan record (方案记录) when there is one; the visible plan cells are compared with it
  const scored = planFromRecord(
    grid,
    record,
    { plan: visible, owners, entries: tasks.entries, actuals: targets.actuals, cells, metaRows },
    problems,
    unit !== null,
  );

  const ledger = Ledger.parse({ ...scored, settings, demo: isDemo(grid) });
  const read: ReadResult = {
    ledger,
    problems,
    archive,
    changelog,
    collection,
    index: {
      taskRow: tasks.rows,
      targetRow: targets.rows,
      entryCols: tasks.entryCols,
      actualCols: targets.actualCols,
      settingsQuarterCell: quarterCell,
      settingsCells,
      metaRows,
      archiveCells,
      changelogCells,
      collectionCells,
      cells,
    },
    locate: locateIn(cells),
    ...(unit ? { unit: { identity: unit.identity, scope: unit.scope, recordPlan: unit.recordPlan } } : {}),
  };
  // every non-empty cell not read above is named by a problem (unread.ts)
  problems.push(...unreadProblems(grid, read));
  return read;
}

function isDemo(grid: WorkbookGrid): boolean {
  for (const s of grid.sheets) {
    const rows = s.values.slice(0, 3);
    for (const row of rows) for (const v of row ?? []) if (cellText(v).includes(DEMO_MARK)) return true;
  }
  return false;
}
