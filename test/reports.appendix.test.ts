/** The 未填报 appendix prints its 序号 and 牵头单位 headers on one line (a narrow first column made it "序/号"). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildQuarterReport } from "../reports/model/model.report";
import { PdfRenderer } from "../reports/pdf/renderer";
import { writeQuarterPackage } from "../reports/pdf/package";
import { pdfText } from "./fixtures/reports/pdf-tools";
import { SMALL_AT, SMALL_SHA, smallLedger, smallScoresQ1, smallScoresQ2 } from "./fixtures/reports/ledger.small";

let renderer: PdfRenderer;
let dir: string;
let text: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-appendix-"));
  renderer = await PdfRenderer.launch({ concurrency: 1 });
  // The unreported task with a long text, as real ones are: the task column then takes all the room it can.
  const long = "深化政务公开，推进决策、执行、管理、服务、结果公开，加强政策解读和回应关切，提升政务公开标准化规范化水平，推动基层政务公开全覆盖。";
  const unreported = smallScoresQ2.tasks.find((t) => t.status === null)!.taskId;
  const ledger = { ...smallLedger, plan: { ...smallLedger.plan, tasks: smallLedger.plan.tasks.map((t) => (t.id === unreported ? { ...t, text: long } : t)) } };
  const report = buildQuarterReport(ledger, [smallScoresQ1, smallScoresQ2], 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
  const r = await writeQuarterPackage(report, renderer, { outDir: dir, units: [] });
  text = pdfText(r.files.find((f) => f.kind === "summary")!.path);
}, 60_000);

afterAll(async () => {
  await renderer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("未填报 appendix", () => {
  it("keeps the 序号 and 牵头单位 headers on one line", () => {
    const appendix = text.slice(text.indexOf("附录一"), text.indexOf("附录二"));
    expect(appendix).toContain("深化政务公开");
    expect(appendix).toMatch(/序号/);
    expect(appendix).toMatch(/牵头单位/);
  });
});
