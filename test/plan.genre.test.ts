/**
 * Plans written the way other districts and counties publish them (test/fixtures/genre/), parsed
 * through the same entry point as the CLI (loadPlanFile), compared with hand-written expectations.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { loadPlanFile, type LoadedPlan } from "../reports/io/plan-file";
import { docName, GENRE_DIR, genreChecks, genreExpectations, PENDING } from "./helpers/genre";

const expectations = genreExpectations();

it("has genre documents, and every pending key names an existing check", () => {
  expect(expectations.length).toBeGreaterThanOrEqual(4);
  const keys = new Set(expectations.flatMap((e) => genreChecks(e).map((c) => c.key)));
  for (const k of PENDING) expect(keys.has(k), k).toBe(true);
});

for (const e of expectations) {
  describe(`genre: ${docName(e)}`, () => {
    let loaded: LoadedPlan;
    beforeAll(async () => {
      loaded = await loadPlanFile(fileURLToPath(new URL(e.file, GENRE_DIR)));
    });
    for (const c of genreChecks(e)) {
      if (PENDING.has(c.key)) continue;
      it(c.key, () => c.run(loaded));
    }
  });
}
