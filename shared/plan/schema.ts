import { z } from "zod";
import { COMPARATORS, UNIT_KINDS } from "../vocabulary";

/** How an actual value is compared with a target value, from the plan's wording. */
export const Comparator = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof Comparator>;

/**
 * cumulative: a quantity that grows through the year (counts, amounts: 新建5G基站200个) —
 *   its expected value at quarter N is the target times the pace for N.
 * rate: a level or rate compared directly (增长7%, 占比53.2%, 失业率5.5%以内).
 */
export const TargetKind = z.enum(["cumulative", "rate"]);
export type TargetKind = z.infer<typeof TargetKind>;

export const Target = z.object({
  /** "<task id>.<n>", n counting from 1 in document order: "9.1". */
  id: z.string().regex(/^\d+\.\d+$/),
  /** What is measured, with its verb: "新建5G基站". */
  name: z.string().min(1),
  value: z.number().finite(),
  /** The unit exactly as written: "%", "个", "亿元", "万平方米". Empty when none is written. */
  unit: z.string(),
  comparator: Comparator,
  kind: TargetKind,
  /** The verbatim clause the target came from. */
  text: z.string().min(1),
});
export type Target = z.infer<typeof Target>;

export const Task = z.object({
  /** The task's number in the plan. */
  id: z.number().int().positive(),
  /** Chinese numeral of the section heading: "一", "二", "三" … */
  section: z.string().min(1),
  /** Chinese numeral of the （…） sub-heading, or null. */
  subsection: z.string().min(1).nullable(),
  text: z.string().min(1),
  /** Lead units (牵头单位), in document order. */
  lead: z.array(z.string().min(1)),
  /** Responsible units (责任单位 / 配合单位 / 协办单位 / 参与单位), in document order. */
  responsible: z.array(z.string().min(1)),
  /** People named as 责任领导 (not units). */
  leaders: z.array(z.string().min(1)),
  targets: z.array(Target),
});
export type Task = z.infer<typeof Task>;

/**
 * How many tasks a heading says it holds ("（8项）", "共12项"), when it says so; the title keeps the
 * count as written. Absent otherwise, so the records of plans without counts are unchanged.
 */
const statedTasks = z.number().int().nonnegative().optional();

export const Subsection = z.object({ id: z.string().min(1), title: z.string(), statedTasks });
export type Subsection = z.infer<typeof Subsection>;

export const Section = z.object({
  /** Chinese numeral: "一". */
  id: z.string().min(1),
  title: z.string(),
  statedTasks,
  subsections: z.array(Subsection),
});
export type Section = z.infer<typeof Section>;

/**
 * department: 区发展改革委, 区财政局 …; committee: 管委会; enterprise: 集团, 公司, 区属国有企业 as a
 * named company; township: a named 乡镇 or 街道; collective: a designation of many units kept as
 * written (各乡镇（街道）, 有关乡镇（街道）, 区政府各部门, 区政府有关部门, 有关单位, 区属国有企业,
 * …成员单位); other: anything else named as a unit.
 */
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

export const Unit = z.object({ name: z.string().min(1), kind: UnitKind });
export type Unit = z.infer<typeof Unit>;

export const PlanMeta = z.object({
  title: z.string().nullable(),
  year: z.number().int().nullable(),
  issuer: z.string().nullable(),
  /** 梁平府办发〔2023〕13号 */
  documentNumber: z.string().nullable(),
  /** ISO date: "2023-03-01". */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});
export type PlanMeta = z.infer<typeof PlanMeta>;

export const Plan = z.object({
  meta: PlanMeta,
  sections: z.array(Section),
  tasks: z.array(Task),
  /** Every unit named in the plan, in order of first appearance. */
  units: z.array(Unit),
});
export type Plan = z.infer<typeof Plan>;

/** A problem found while reading input: line is 1-based in the source text (null when unknown). */
export const Diagnostic = z.object({
  severity: z.enum(["error", "warning"]),
  line: z.number().int().nullable(),
  /** Chinese message for users, with an English gloss where cheap. */
  message: z.string(),
  code: z.string(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/**
 * The Plan as `parse --json` prints it: the plan read as far as possible with its diagnostics, so a
 * plan with errors still travels (and `workbook --plan` refuses it unless --force). Loading it back
 * keeps the diagnostics (load.ts); the plan record (record.ts) never holds them.
 */
export const PlanWithDiagnostics = Plan.extend({ diagnostics: z.array(Diagnostic.extend({ code: z.string().default("") })) });
export type PlanWithDiagnostics = z.input<typeof PlanWithDiagnostics>;

/** What `parse --json` prints when no plan could be read at all. */
export const EMPTY_PLAN: Plan = { meta: { title: null, year: null, issuer: null, documentNumber: null, date: null }, sections: [], tasks: [], units: [] };
