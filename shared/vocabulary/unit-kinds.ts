/**
 * Kinds of unit and the groups units are ranked in: the codes the model stores and the one word
 * each has in the workbook (单位!类型, 单位!排名范围) and in the reports.
 */

/**
 * department: 区发展改革委, 区财政局 …; committee: 管委会; enterprise: 集团, 公司; township: a named
 * 乡镇 or 街道; collective: a designation of many units kept as written (各乡镇（街道）, 区政府各部门,
 * 有关单位, 区属国有企业, …成员单位); other: anything else named as a unit.
 */
export const UNIT_KINDS = ["department", "committee", "enterprise", "township", "collective", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_WORDS: Readonly<Record<UnitKind, string>> = {
  department: "部门",
  committee: "管委会",
  enterprise: "企业",
  township: "乡镇（街道）",
  collective: "统称",
  other: "其他",
};

/** Departments (with committees, enterprises, others) and townships are ranked apart; collectives only among themselves. */
export const RANK_GROUPS = ["department", "township", "collective"] as const;
export type RankGroup = (typeof RANK_GROUPS)[number];

export const RANK_GROUP_WORDS: Readonly<Record<RankGroup, string>> = {
  department: "区级部门",
  township: "乡镇（街道）",
  collective: "统称（单独排序）",
};

export function rankGroupOf(kind: UnitKind): RankGroup {
  return kind === "township" ? "township" : kind === "collective" ? "collective" : "department";
}

/** The kind a 类型 cell names; null when the word is not one of UNIT_KIND_WORDS. */
export function unitKindFromWord(word: string): UnitKind | null {
  const w = word.replace(/\s+/g, "");
  return UNIT_KINDS.find((k) => UNIT_KIND_WORDS[k] === w) ?? null;
}
