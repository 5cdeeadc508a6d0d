import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import { planRecord, readPlanRecord } from "../shared/plan/record";
import { sha256Hex } from "../shared/hash/sha256";

const seed = () => parsePlan(readFileSync(join(__dirname, "..", "seeds", "liangping-2023.txt"), "utf8")).plan!;

describe("the plan record", () => {
  it("is the same text for the same plan, whatever order its object keys were built in", () => {
    const plan = seed();
    const reordered = { units: plan.units, tasks: plan.tasks, sections: plan.sections, meta: { ...plan.meta } };
    expect(planRecord(reordered).json).toBe(planRecord(plan).json);
    expect(planRecord(plan).sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it("reads back to the plan it was made from", () => {
    const plan = seed();
    const r = planRecord(plan);
    expect(readPlanRecord(r.json, r.sha256)).toEqual({ ok: true, plan, sha256: r.sha256 });
  });
  it("refuses a record whose text was changed (a target value lowered) or that is not a plan", () => {
    const r = planRecord(seed());
    const edited = r.json.replace('"value":7', '"value":5');
    expect(edited).not.toBe(r.json);
    expect(readPlanRecord(edited, r.sha256)).toMatchObject({ ok: false, reason: "hash-mismatch" });
    const notPlan = '{"meta":1}';
    expect(readPlanRecord(notPlan, sha256Hex(notPlan))).toMatchObject({ ok: false, reason: "not-a-plan" });
    expect(readPlanRecord("{", sha256Hex("{"))).toMatchObject({ ok: false, reason: "not-json" });
  });
});
