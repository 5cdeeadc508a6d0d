/**
 * The scoring rules as Excel formulas (the same rules as shared/scoring/rules.ts; the LibreOffice
 * test checks they agree). One function per sheet row kind; each returns formula strings without "=".
 * Settings are read only through the names in NAMES, so changing 设置 re-scores everything.
 */
import { CONFIRM_WORD, KIND_WORDS, NAMES, SHEETS, UNIT_SEPARATOR, FIRST_DATA_ROW } from "./labels";
import { PERCENT_UNITS, PLAUSIBLE } from "../scoring/plausibility";
import { COMPARATOR, STATUS, STATUS_WORDS, TARGET_STATE, WARNINGS } from "../vocabulary";
import { COLS, type Positions } from "./layout.positions";
import { QUARTERS } from "../ledger/schema";

const q = (sheet: keyof typeof SHEETS) => `'${SHEETS[sheet]}'`;
const str = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** '任务'!$E$3:$E$119 */
function column(sheet: keyof typeof SHEETS, col: string, first: number, last: number): string {
  return `${q(sheet)}!$${col}$${first}:$${col}$${last}`;
}

function choose(cols: string[], row: number): string {
  return `CHOOSE(${NAMES.quarter},${cols.map((c) => `${c}${row}`).join(",")})`;
}

export function taskFormulas(row: number, pos: Positions): { currentStatus: string; completion: string; warning: string } {
  const C = COLS.tasks;
  const status = `${C.currentStatus}${row}`;
  const typed = `TRIM(${choose(
    QUARTERS.map((k) => C[`q${k}.status`]),
    row,
  )}&"")`;
  const problems = choose(
    QUARTERS.map((k) => C[`q${k}.problems`]),
    row,
  );
  const behind =
    pos.lastTargetRow >= FIRST_DATA_ROW
      ? `IF(COUNTIFS(${column("targets", COLS.targets.taskId, FIRST_DATA_ROW, pos.lastTargetRow)},${C.id}${row},` +
        `${column("targets", COLS.targets.state, FIRST_DATA_ROW, pos.lastTargetRow)},${str(TARGET_STATE.behind)})>0,${str(WARNINGS.targetBehind)},"")`
      : `""`;
  return {
    // A status typed with stray spaces still counts (the reader trims too); any other word (pasted
    // past the validation) counts as 未填报 everywhere, as the reader reads it, and `check` lists it.
    currentStatus: `IF(OR(${STATUS_WORDS.map((w) => `${typed}=${str(w)}`).join(",")}),${typed},"")`,
    completion: `IF(${status}="",0,IFERROR(INDEX(${NAMES.statusScores},MATCH(${status},${NAMES.statusList},0)),0))`,
    warning:
      `IF(AND(${status}=${str(STATUS.lagging)},TRIM(${problems}&"")=""),${str(WARNINGS.lagWithoutProblem)},` +
      `IF(${status}="",${str(WARNINGS.unreported)},${behind}))`,
  };
}

/**
 * TRUE when actual `A` is implausible for the row's target: shared/scoring/plausibility.ts's rule,
 * bounds from PLAUSIBLE. Products rather than ratios (1E+308 / a small target would overflow), and
 * the fraction test only where |A| < 1 (so A×100 cannot overflow either): IF, not AND, since AND and
 * OR evaluate every argument.
 */
function implausible(A: string, row: number): string {
  const C = COLS.targets;
  const T = `${C.value}${row}`;
  const unit = `TRIM(${C.unit}${row}&"")`;
  const percent = `OR(${PERCENT_UNITS.map((u) => `${unit}=${str(u)}`).join(",")})`;
  const f = PLAUSIBLE.fractionFactor;
  const fraction = `IF(AND(${percent},ABS(${A})<1,ABS(${T})>=1),AND(${A}*100/${T}>=1/${f},${A}*100/${T}<=${f}),FALSE)`;
  const above = `ABS(${A})>${PLAUSIBLE.above}*ABS(${T})`;
  const below = `AND(${C.kind}${row}=${str(KIND_WORDS.rate)},ABS(${A})<${PLAUSIBLE.below}*ABS(${T}))`;
  return `IF(OR(${T}=0,${A}=0),FALSE,OR(${fraction},${above},${below}))`;
}

export function targetFormulas(row: number): { currentActual: string; expected: string; completion: string; state: string } {
  const C = COLS.targets;
  const A = `${C.currentActual}${row}`;
  const T = `${C.value}${row}`;
  const E = `${C.expected}${row}`;
  const cmp = `${C.comparator}${row}`;
  const W = (c: keyof typeof COMPARATOR) => COMPARATOR[c].word;
  const pick = choose(
    QUARTERS.map((k) => C[`q${k}.actual`]),
    row,
  );
  const lower = `OR(${cmp}=${str(W("<="))},${cmp}=${str(W("<"))})`;
  const tol = NAMES.tolerance;
  const met =
    `OR(AND(${cmp}=${str(W(">="))},${A}>=${T}),AND(${cmp}=${str(W(">"))},${A}>${T}),` +
    `AND(OR(${cmp}=${str(W("="))},${cmp}=${str(W("~"))}),${A}>=${T}-${tol}*ABS(${T})),` +
    `AND(${cmp}=${str(W("<="))},${A}<=${E}),AND(${cmp}=${str(W("<"))},${A}<${E}))`;
  const onPace = `IF(${lower},${A}<=${E}+${tol}*ABS(${E}),${A}>=${E}-${tol}*ABS(${E}))`;
  return {
    // Only numbers count: text pasted past the validation ("12%", "约5") is left to `check`, never compared.
    // An implausible number counts only once its row's 核实 says 已核实 (shared/scoring/plausibility.ts).
    currentActual: `IF(ISNUMBER(${pick}),IF(TRIM(${C.confirm}${row}&"")=${str(CONFIRM_WORD)},${pick},IF(${implausible(pick, row)},"",${pick})),"")`,
    expected: `IF(${C.kind}${row}=${str(KIND_WORDS.cumulative)},${T}*INDEX(${NAMES.pace},${NAMES.quarter}),${T})`,
    completion: `IF(${A}="","",IF(${lower},IF(${A}<=${T},1,IF(${T}>0,${T}/${A},0)),IF(${T}>0,${A}/${T},IF(${A}>=${T},1,0))))`,
    state: `IF(${A}="","",IF(${met},${str(TARGET_STATE.met)},IF(${onPace},${str(TARGET_STATE.onPace)},${str(TARGET_STATE.behind)})))`,
  };
}

/**
 * Formulas of a 单位 row. `rank` counts the units of the row's own rank group (排名分组) with a higher
 * score: one formula shape for the whole column, because Excel makes a table column one calculated
 * column (two RANK ranges, one per group, would be filled over with one of them).
 */
export function unitFormulas(
  row: number,
  pos: Positions,
): Record<"lead" | "responsible" | "completed" | "lagging" | "unreported" | "targetRate" | "score" | "rank", string | null> {
  const U = COLS.units;
  const T = COLS.tasks;
  const G = COLS.targets;
  const name = `$${U.name}${row}`;
  const member = (sheet: "tasks" | "targets", col: string, last: number) =>
    `ISNUMBER(FIND(${str(UNIT_SEPARATOR)}&${name}&${str(UNIT_SEPARATOR)},${str(UNIT_SEPARATOR)}&${column(sheet, col, FIRST_DATA_ROW, last)}&${str(UNIT_SEPARATOR)}))`;
  const lastT = pos.lastTaskRow;
  const units = (c: string) => `$${c}$${FIRST_DATA_ROW}:$${c}$${pos.lastUnitRow}`;
  // SUMPRODUCT, not COUNTIFS: a ">"&score criterion goes through text and loses digits of the score.
  const rank = `SUMPRODUCT((${units(U.rankGroup)}=$${U.rankGroup}${row})*(${units(U.score)}>$${U.score}${row}))+1`;
  if (lastT < FIRST_DATA_ROW) {
    return { lead: "0", responsible: "0", completed: "0", lagging: "0", unreported: "0", targetRate: null, score: "0", rank };
  }
  // A task whose 牵头单位 cell is empty is reported and weighed by each responsible unit as by a
  // lead (shared/plan/reporting.ts: reportingUnits / sharingUnits).
  const named = member("tasks", T.lead, lastT);
  const listed = member("tasks", T.responsible, lastT);
  const leadCol = column("tasks", T.lead, FIRST_DATA_ROW, lastT);
  const L = `((${named})+(${leadCol}="")*(${listed})>0)`;
  const R = `((${listed})*(${leadCol}<>"")>0)`;
  const mine = `((${named})+(${listed})>0)`;
  const statusCol = column("tasks", T.currentStatus, FIRST_DATA_ROW, lastT);
  const scoreCol = column("tasks", T.completion, FIRST_DATA_ROW, lastT);
  const countStatus = (s: string) => `SUMPRODUCT(${mine}*(${statusCol}=${str(s)}))`;
  const lw = NAMES.leadWeight;
  const rw = NAMES.responsibleWeight;
  const den = `${lw}*${U.lead}${row}+${rw}*${U.responsible}${row}`;
  let targetRate: string | null = null;
  const lastG = pos.lastTargetRow;
  if (lastG >= FIRST_DATA_ROW) {
    const mineG = `((${member("targets", G.lead, lastG)})+(${member("targets", G.responsible, lastG)})>0)`;
    const state = column("targets", G.state, FIRST_DATA_ROW, lastG);
    const withActual = `SUMPRODUCT(${mineG}*(${state}<>""))`;
    const good = `SUMPRODUCT(${mineG}*((${state}=${str(TARGET_STATE.met)})+(${state}=${str(TARGET_STATE.onPace)})))`;
    targetRate = `IF(${withActual}=0,"",${good}/${withActual})`;
  }
  return {
    lead: `SUMPRODUCT(--${L})`,
    responsible: `SUMPRODUCT(--${R})`,
    completed: countStatus(STATUS.done),
    lagging: countStatus(STATUS.lagging),
    unreported: `SUMPRODUCT(${mine}*(${statusCol}=""))`,
    targetRate,
    score: `IF(${den}=0,0,(${lw}*SUMPRODUCT(--${L},${scoreCol})+${rw}*SUMPRODUCT(--${R},${scoreCol}))/(${den}))`,
    rank,
  };
}

export function summaryFormulas(
  row: number,
  pos: Positions,
  overall: boolean,
): Record<
  "tasks" | "completed" | "onPace" | "lagging" | "notStarted" | "unreported" | "targets" | "targetsMet" | "targetsOnPace" | "targetsBehind" | "completion",
  string
> {
  const S = COLS.summary;
  const lastT = pos.lastTaskRow;
  const lastG = pos.lastTargetRow;
  const hasT = lastT >= FIRST_DATA_ROW;
  const hasG = lastG >= FIRST_DATA_ROW;
  const tasksCol = (c: string) => column("tasks", c, FIRST_DATA_ROW, lastT);
  const targetsCol = (c: string) => column("targets", c, FIRST_DATA_ROW, lastG);
  const sec = `$${S.section}${row}`;
  const unreported = `${S.tasks}${row}-SUM(${S.completed}${row}:${S.notStarted}${row})`;
  if (overall) {
    const first = FIRST_DATA_ROW;
    const last = row - 1;
    const sum = (c: string) => (last >= first ? `SUM(${c}${first}:${c}${last})` : "0");
    return {
      tasks: sum(S.tasks),
      completed: sum(S.completed),
      onPace: sum(S.onPace),
      lagging: sum(S.lagging),
      notStarted: sum(S.notStarted),
      unreported,
      targets: sum(S.targets),
      targetsMet: sum(S.targetsMet),
      targetsOnPace: sum(S.targetsOnPace),
      targetsBehind: sum(S.targetsBehind),
      completion: hasT ? `IF(${S.tasks}${row}=0,0,SUM(${tasksCol(COLS.tasks.completion)})/${S.tasks}${row}/100)` : "0",
    };
  }
  const byStatus = (s: string) => (hasT ? `COUNTIFS(${tasksCol(COLS.tasks.section)},${sec},${tasksCol(COLS.tasks.currentStatus)},${str(s)})` : "0");
  const byState = (s: string) => (hasG ? `COUNTIFS(${targetsCol(COLS.targets.section)},${sec},${targetsCol(COLS.targets.state)},${str(s)})` : "0");
  return {
    tasks: hasT ? `COUNTIF(${tasksCol(COLS.tasks.section)},${sec})` : "0",
    completed: byStatus(STATUS.done),
    onPace: byStatus(STATUS.onPace),
    lagging: byStatus(STATUS.lagging),
    notStarted: byStatus(STATUS.notStarted),
    unreported,
    targets: hasG ? `COUNTIF(${targetsCol(COLS.targets.section)},${sec})` : "0",
    targetsMet: byState(TARGET_STATE.met),
    targetsOnPace: byState(TARGET_STATE.onPace),
    targetsBehind: byState(TARGET_STATE.behind),
    completion: hasT ? `IF(${S.tasks}${row}=0,0,SUMIF(${tasksCol(COLS.tasks.section)},${sec},${tasksCol(COLS.tasks.completion)})/${S.tasks}${row}/100)` : "0",
  };
}
