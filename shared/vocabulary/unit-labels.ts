/**
 * The labels a plan writes before its units ("牵头单位：…", a table's 配合部门 column) and the role
 * each stands for. The parser's unit-line patterns and the table reader's header patterns are both
 * generated from this one table, so a label read on a unit line is read as a table header too.
 */

/** lead: the units that answer for a task; responsible: those that work on it; leaders: people. */
export const UNIT_ROLES = ["lead", "responsible", "leaders"] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

/** Every label of the genre, by role. */
export const UNIT_LABELS: Readonly<Record<UnitRole, readonly string[]>> = {
  lead: ["牵头单位", "牵头部门", "牵头责任单位", "牵头责任部门", "主办单位", "主办部门", "主责单位", "主责部门"],
  responsible: ["责任单位", "责任部门", "配合单位", "配合部门", "协办单位", "协办部门", "参与单位", "参与部门", "协同单位", "协同部门", "协作单位", "协作部门"],
  // A leader's label may name the level in between: 分管区领导, 责任县级领导, 联系市领导.
  leaders: ["责任领导", "牵头领导", "分管领导", "联系领导"],
};

/** The label each role is written with when a reader spells a unit block out itself (a table row, a duty sentence). */
export const ROLE_LABEL: Readonly<Record<UnitRole, string>> = { lead: "牵头单位", responsible: "责任单位", leaders: "责任领导" };

/** Regex source of one label; a leader's label admits 区/县/市 and 级 before 领导. */
const labelSource = (label: string, role: UnitRole) => (role === "leaders" ? label.replace(/领导$/, "[区县市]?级?领导") : label);

/** Regex source (no capture groups) of the labels of one role, or of every role; longest first. */
export function unitLabelSource(role?: UnitRole): string {
  const roles = role ? [role] : UNIT_ROLES;
  const labels = roles.flatMap((r) => UNIT_LABELS[r].map((l) => ({ l, r })));
  return labels
    .sort((a, b) => b.l.length - a.l.length)
    .map(({ l, r }) => labelSource(l, r))
    .join("|");
}

const ROLE_RE = UNIT_ROLES.map((r) => [r, new RegExp(`^(?:${unitLabelSource(r)})$`)] as const);

/** The role a label stands for ("协作部门" → "responsible", "分管区领导" → "leaders"); null when it is no label. */
export function unitRoleOf(label: string): UnitRole | null {
  return ROLE_RE.find(([, re]) => re.test(label))?.[0] ?? null;
}
