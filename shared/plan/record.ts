/**
 * The plan as written, in a form that travels inside every workbook: canonical JSON (keys in the
 * schema's order, no whitespace, so the same plan always gives the same text) and its SHA-256.
 * Readers score from this record, never from the visible cells a unit could edit.
 */
import { Plan } from "./schema";
import { sha256Hex } from "../hash/sha256";

export interface PlanRecord {
  /** Canonical JSON of the Plan. */
  json: string;
  /** Lower-case hex SHA-256 of `json`. */
  sha256: string;
}

/** The record of a plan: zod's output lists keys in schema order, so equal plans give equal text. */
export function planRecord(plan: Plan): PlanRecord {
  const json = JSON.stringify(Plan.parse(plan));
  return { json, sha256: sha256Hex(json) };
}

export type PlanRecordRead = { ok: true; plan: Plan; sha256: string } | { ok: false; reason: "hash-mismatch" | "not-json" | "not-a-plan"; message: string };

/** Reads a record back; a changed text (hash mismatch), bad JSON or a non-plan is refused with a Chinese reason. */
export function readPlanRecord(json: string, sha256: string): PlanRecordRead {
  if (sha256Hex(json) !== sha256.trim().toLowerCase()) {
    return { ok: false, reason: "hash-mismatch", message: "方案记录与其校验值（SHA-256）不符：记录被改动过 (plan record does not match its SHA-256)" };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, reason: "not-json", message: "方案记录不是有效的 JSON (plan record is not JSON)" };
  }
  const parsed = Plan.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      reason: "not-a-plan",
      message: `方案记录不是有效的方案：${first ? first.path.join(".") + " " + first.message : ""} (plan record is not a Plan)`,
    };
  }
  return { ok: true, plan: parsed.data, sha256: sha256.trim().toLowerCase() };
}
