/**
 * Which units get a row in the 单位 sheet, in which order, and who they are ranked against.
 *
 * Collective designations (各乡镇（街道）, 区政府各部门, 有关单位, 区属国有企业, …成员单位: UnitKind
 * "collective") name many units at once and no one answers for them as a body. They are NOT expanded
 * into member units (the plan does not say who the members are) and they do not compete with named
 * units: they get rows of their own (their counts and score stay visible, so the supervision office
 * sees how the work given to "everybody" is going) in a separate rank group 统称, ranked only among
 * themselves. Named units are ranked in two groups, as district assessments do (区级党政机关目标管理
 * 绩效考核 vs 乡镇（街道）经济社会发展业绩考核): departments (with committees, enterprises and others) and
 * townships. The 单位 sheet lists the groups in that order, each contiguous, so RANK runs over one
 * group's rows.
 */
import type { Plan, UnitKind } from "../plan/schema";
import { RANK_GROUPS, rankGroupOf, type RankGroup } from "../vocabulary";

export { rankGroupOf, type RankGroup };
export const RANK_GROUP_ORDER: readonly RankGroup[] = RANK_GROUPS;

export interface OrderedUnit {
  name: string;
  kind: UnitKind;
  group: RankGroup;
}

/** plan.units (plus any unit a task names that the list lacks, as "other"), grouped, plan order within a group. */
export function orderedUnits(plan: Plan): OrderedUnit[] {
  const seen = new Map<string, UnitKind>();
  for (const u of plan.units) if (!seen.has(u.name)) seen.set(u.name, u.kind);
  for (const t of plan.tasks) for (const n of [...t.lead, ...t.responsible]) if (!seen.has(n)) seen.set(n, "other");
  const all = [...seen].map(([name, kind]) => ({ name, kind, group: rankGroupOf(kind) }));
  return RANK_GROUP_ORDER.flatMap((g) => all.filter((u) => u.group === g));
}
