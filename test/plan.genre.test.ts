/**
 * Plans written the way other districts and counties publish them (test/fixtures/genre/), parsed
 * through the same entry point as the CLI (loadPlanFile), compared with hand-written expectations.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { loadPlanFile } from "../cli/io/plan-file";
import type { LoadedPlan } from "../shared/plan/load";
import { docName, GENRE_DIR, genreChecks, genreExpectations, isPending, PENDING } from "./helpers/genre";

const expectations = genreExpectations();

it("has genre documents, and every pending key names an existing check", () => {
  expect(expectations.length).toBeGreaterThanOrEqual(4);
  const keys = new Set(expectations.flatMap((e) => genreChecks(e).map((c) => c.key)));
  const docs = new Set(expectations.map((e) => docName(e)));
  for (const k of PENDING) expect(k.endsWith(" › *") ? docs.has(k.slice(0, -4)) : keys.has(k), k).toBe(true);
});

for (const e of expectations) {
  const checks = genreChecks(e).filter((c) => !isPending(c.key));
  if (checks.length === 0) continue; // the whole document is pending
  describe(`genre: ${docName(e)}`, () => {
    let loaded: LoadedPlan;
    beforeAll(async () => {
      loaded = await loadPlanFile(fileURLToPath(new URL(e.file, GENRE_DIR)));
    });
    for (const c of checks) it(c.key, () => c.run(loaded));
  });
}
