import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodePlanText, detectEncoding } from "../shared/plan/decode";
import { docxHtmlToText } from "../shared/plan/docx-html";
import { parsePlan } from "../shared/plan/parse";
import { loadPlanFile, nodeDocxToHtml } from "../cli/io/plan-file";
import { loadPlan } from "../shared/plan/load";
import { fromBytes, PlanInputError } from "../addin/taskpane/plan-input";
import { smallLedger } from "./fixtures/ledger/plans";
import { createRequire } from "node:module";

const seedPath = new URL("../seeds/liangping-2023.txt", import.meta.url);
const seedBytes = readFileSync(seedPath);
const seedText = seedBytes.toString("utf8");
const tmp = mkdtempSync(join(tmpdir(), "plan-input-"));
const loadPlanBytes = (bytes: Uint8Array, name = "plan.txt") => loadPlan(bytes, name, nodeDocxToHtml);

describe("encodings", () => {
  const reference = async () => (await loadPlanBytes(seedBytes)).plan;

  it.each([
    ["utf-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seedBytes]), "utf-8"],
    ["utf-16le with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(seedText, "utf-16le")]), "utf-16le"],
    ["utf-16be with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(seedText, "utf-16be")]), "utf-16be"],
    ["utf-16le without BOM", iconv.encode(seedText, "utf-16le"), "utf-16le"],
    ["GB18030", iconv.encode(seedText, "gb18030"), "gb18030"],
    ["GB18030, CRLF", iconv.encode(seedText.replace(/\n/g, "\r\n"), "gb18030"), "gb18030"],
  ])("reads the seed as %s to the same Plan", async (_name, bytes, encoding) => {
    expect(detectEncoding(bytes)).toBe(encoding);
    const loaded = await loadPlanBytes(bytes);
    expect(loaded.encoding).toBe(encoding);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(loaded.plan).toEqual(await reference());
  });

  it("reads GBK text (the common subset of GB18030)", () => {
    const text = "一、主要目标\r\n1．地区生产总值增长7%以上。\r\n牵头单位：区发展改革委。\r\n";
    expect(decodePlanText(iconv.encode(text, "gbk")).text).toBe(text);
  });

  it("rejects empty and binary files with a Chinese message", () => {
    expect(() => decodePlanText(new Uint8Array())).toThrow(/文件为空/);
    const binary = new Uint8Array(2048).map((_, i) => (i * 7919) % 256);
    expect(() => decodePlanText(binary)).toThrow(/二进制|编码/);
  });
});

describe(".docx input", () => {
  // The seed as a Word file, as plans are published; made once by LibreOffice (scripts/plan-fixture-docx.ts).
  const docx = fileURLToPath(new URL("./fixtures/plan/liangping-2023.docx", import.meta.url));

  it("parses a .docx made from the seed to the same Plan", async () => {
    const fromDocx = await loadPlanFile(docx);
    expect(fromDocx.format).toBe("docx");
    expect(fromDocx.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // A seed edit without a new fixture fails here: regenerate it with `npx tsx scripts/plan-fixture-docx.ts`.
    expect(fromDocx.plan, "test/fixtures/plan/liangping-2023.docx is stale: npx tsx scripts/plan-fixture-docx.ts").toEqual(
      (await loadPlanBytes(seedBytes)).plan,
    );
  });

  it("keeps a Word table's empty cells in their column (rows as tab-separated cells)", () => {
    const html =
      "<p>某区2024年重点任务分解表</p><table><tr><td><p>序号</p></td><td><p>重点任务</p></td><td><p>牵头单位</p></td><td><p>责任单位</p></td><td><p>完成时限</p></td></tr>" +
      '<tr><td colspan="5"><p>一、主要预期目标</p></td></tr>' +
      "<tr><td><p>1</p></td><td><p>社会消费品零售总额增长7%以上。</p></td><td><p>区商务委</p></td><td></td><td><p>12月底</p></td></tr></table><p>附件2 &amp; 说明</p>";
    const text = docxHtmlToText(html);
    expect(text.split("\n")).toEqual([
      "某区2024年重点任务分解表",
      "序号\t重点任务\t牵头单位\t责任单位\t完成时限",
      "一、主要预期目标",
      "1\t社会消费品零售总额增长7%以上。\t区商务委\t\t12月底",
      "附件2 & 说明",
      "",
    ]);
    const task = parsePlan(text).plan!.tasks[0];
    expect([task?.lead, task?.responsible]).toEqual([["区商务委"], []]);
  });

  it("reads paragraphs inside a table cell: wrapped task text joined, one unit per paragraph", () => {
    const html =
      "<table><tr><td><p>序号</p></td><td><p>工作任务</p></td><td><p>牵头单位</p></td><td><p>配合单位</p></td></tr>" +
      "<tr><td><p>1</p></td><td><p>新建5G基站300个，</p><p>实现乡镇全覆盖。</p></td><td><p>区经济信息委</p></td><td><p>区大数据发展局</p><p>各镇（街道）</p></td></tr></table>";
    const t = parsePlan(docxHtmlToText(html)).plan!.tasks[0];
    expect([t?.text, t?.lead, t?.responsible]).toEqual(["新建5G基站300个，实现乡镇全覆盖。", ["区经济信息委"], ["区大数据发展局", "各镇（街道）"]]);
  });

  it("gives Word-numbered heading styles their numerals back (一、 / （一）), but not a title", () => {
    const html =
      "<h1>某区2024年重点任务分解方案</h1><h1>主要预期目标</h1><p>1．地区生产总值增长6%左右。</p><p>牵头单位：区发展改革委。</p>" +
      "<h1>重点工作任务</h1><h2>加快建设区域中心城市</h2><p>2．新建公园2个。</p><p>牵头单位：区城市管理局。</p>";
    const plan = parsePlan(docxHtmlToText(html)).plan!;
    expect(plan.meta.title).toBe("某区2024年重点任务分解方案");
    expect(plan.sections.map((s) => [s.id, s.title, s.subsections.map((x) => x.id)])).toEqual([
      ["一", "主要预期目标", []],
      ["二", "重点工作任务", ["一"]],
    ]);
    expect(plan.tasks.map((t) => [t.section, t.subsection])).toEqual([
      ["一", null],
      ["二", "一"],
    ]);
  });

  it("numbers a 21st heading 二十一、 (a heading, not task 21)", () => {
    const html = Array.from({ length: 21 }, (_, i) => `<h1>第${i + 1}项工作</h1><p>${i + 1}．新建公园2个。</p><p>牵头单位：区城市管理局。</p>`).join("");
    const plan = parsePlan(docxHtmlToText(html)).plan!;
    expect(plan.sections.map((s) => s.id).slice(-2)).toEqual(["二十", "二十一"]);
    expect(plan.tasks.map((t) => t.id)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it("reads tasks numbered by a Word list (mammoth gives <ol><li> without numbers)", () => {
    const html =
      "<h1>一、主要预期目标</h1><ol><li>地区生产总值增长6%左右。</li></ol><p>牵头单位：区发展改革委；责任单位：区统计局。</p>" +
      "<ol><li>固定资产投资增长8%。</li></ol><p>牵头单位：区发展改革委。</p>";
    const r = parsePlan(docxHtmlToText(html));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.plan!.tasks.map((t) => [t.id, t.section, t.text, t.lead])).toEqual([
      [1, "一", "地区生产总值增长6%左右。", ["区发展改革委"]],
      [2, "一", "固定资产投资增长8%。", ["区发展改革委"]],
    ]);
    expect(r.diagnostics.map((d) => d.code)).toContain("unnumbered");
  });

  it("says a broken .docx is broken", async () => {
    const broken = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 1)]);
    const r = await loadPlanBytes(broken, "方案.docx");
    expect(r.plan).toBeNull();
    expect(r.diagnostics[0]?.message).toMatch(/无法读取“方案\.docx”：文件已损坏或不是 Word 文档/);
  });
});

describe("one plan loader for the CLI and the task pane", () => {
  // The pane's path with mammoth's real browser build (its UMD bundle runs in Node as well).
  const browserMammoth = createRequire(import.meta.url)("mammoth/mammoth.browser.min.js");
  type Result = { plan: unknown; diagnostics: unknown[] };
  const viaPane = async (bytes: Uint8Array, name: string): Promise<Result> => {
    try {
      const s = await fromBytes(bytes, name, async () => browserMammoth);
      return { plan: s.plan, diagnostics: s.diagnostics };
    } catch (e) {
      if (!(e instanceof PlanInputError)) throw e;
      return { plan: null, diagnostics: [{ severity: "error", line: null, code: e.code, message: e.message }] };
    }
  };
  const viaCli = async (bytes: Uint8Array, name: string): Promise<Result> => {
    const path = join(tmp, name);
    writeFileSync(path, bytes);
    const l = await loadPlanFile(path);
    return { plan: l.plan, diagnostics: l.diagnostics };
  };
  const genre = (name: string) => readFileSync(new URL(`./fixtures/genre/${name}`, import.meta.url));
  const seedPlan = parsePlan(seedText).plan!;
  const ledger = smallLedger();

  it.each<[string, string, Uint8Array, (r: Result) => void]>([
    ["GB18030 text", "seed.txt", iconv.encode(seedText, "gb18030"), (r) => expect(r.plan).toEqual(seedPlan)],
    ["a .docx of paragraphs", "banan.docx", genre("banan-2024-natural.docx"), (r) => expect((r.plan as typeof seedPlan).tasks).toHaveLength(6)],
    ["a .docx of tables", "fuling.docx", genre("fuling-2024-table-twoheader.docx"), (r) => expect((r.plan as typeof seedPlan).tasks).toHaveLength(5)],
    ["a Plan as JSON", "plan.json", Buffer.from(JSON.stringify(seedPlan)), (r) => expect(r).toEqual({ plan: seedPlan, diagnostics: [] })],
    ["a Ledger as JSON (its plan)", "台账.json", Buffer.from(JSON.stringify(ledger)), (r) => expect(r).toEqual({ plan: ledger.plan, diagnostics: [] })],
  ])("reads %s to the same Plan and diagnostics", async (_what, name, bytes, check) => {
    const cli = await viaCli(bytes, name);
    expect(await viaPane(bytes, join(tmp, name))).toEqual(cli);
    check(cli);
    expect(cli.diagnostics.filter((d) => (d as { severity: string }).severity === "error")).toEqual([]);
  });

  it.each<[string, string, Uint8Array, string, RegExp]>([
    ["a PDF", "方案.pdf", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n"), "unsupported-pdf", /“.*方案\.pdf”是 PDF 文件：请改用 \.docx/],
    [
      "a legacy .doc",
      "方案.doc",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]),
      "unsupported-doc",
      /“.*方案\.doc”是旧版 Word \(\.doc\) 文件：请在 Word 或 WPS 中另存为 \.docx/,
    ],
    ["a workbook given as the plan", "台账.xlsx", genre("banan-2024-natural.docx"), "not-a-plan-file", /“.*台账\.xlsx”不是方案文件/],
    ["an empty file", "空.txt", new Uint8Array(), "empty", /文件“.*空\.txt”是空的/],
    ["broken JSON", "坏.json", Buffer.from('{"meta": '), "bad-json", /“.*坏\.json”不是有效的 JSON/],
    [
      "JSON that is neither a Plan nor a Ledger",
      "别的.json",
      Buffer.from(JSON.stringify({ plan: { tasks: 3 } })),
      "bad-plan-json",
      /“.*别的\.json”不是有效的计划 JSON：/,
    ],
  ])("refuses %s with one Chinese message naming the file, the same on both sides", async (_what, name, bytes, code, message) => {
    const cli = await viaCli(bytes, name);
    expect(await viaPane(bytes, join(tmp, name))).toEqual(cli);
    expect(cli.plan).toBeNull();
    expect(cli.diagnostics).toEqual([{ severity: "error", line: null, code, message: expect.stringMatching(message) }]);
  });

  it("lets the pane say that Word support could not be loaded (not that the file is broken)", async () => {
    const missing = () => Promise.reject(new PlanInputError("无法加载 Word 解析组件", "mammoth-missing"));
    await expect(fromBytes(genre("banan-2024-natural.docx"), "banan.docx", missing)).rejects.toMatchObject({ code: "mammoth-missing" });
  });
});

describe("plan-ledger parse (CLI)", () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [new URL("../bin/plan-ledger.js", import.meta.url).pathname, "parse", ...args], { encoding: "utf8", timeout: 60_000 });

  it("prints the embedded plan as JSON that is a Plan with its diagnostics inside, and nothing else on stdout", () => {
    const r = cli(["--json"]);
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(Object.keys(plan)).toEqual(["meta", "sections", "tasks", "units", "diagnostics"]);
    expect(plan.diagnostics).toEqual([{ severity: "warning", line: 118, message: expect.stringMatching(/区林业局区生态环境局/), code: "units-run-together" }]);
    expect(plan.tasks).toHaveLength(117);
    expect(Object.keys(plan.tasks[0])).toEqual(["id", "section", "subsection", "text", "lead", "responsible", "leaders", "targets"]);
  });

  it("prints a readable summary without --json, with warnings on stderr naming FILE:LINE", () => {
    const r = cli([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/任务 117 条/);
    expect(r.stdout).toMatch(/区发展改革委/);
    expect(r.stderr).toMatch(/seeds\/liangping-2023\.txt:118: 警告 warning: “区林业局区生态环境局”缺少分隔符/);
  });

  it.each([
    ["an empty file", "", /文件“.*\.txt”是空的/],
    ["a binary file", "\u0000\u0001\u0002\u0003".repeat(300), /“.*\.txt”不是文字文件/],
    ["text that is not a plan", "会议纪要\n今天讨论了天气。\n", /不是目标任务分解方案/],
    ["a duplicate task number", "一、目标\n1．甲。\n牵头单位：区甲局。\n1．乙。\n牵头单位：区乙局。\n", /:4: 错误 error: 任务编号 1 重复/],
  ])("exits 1 with a message and no stack trace for %s, and still prints valid JSON with the error inside", (_name, content, message) => {
    const f = join(tmp, `bad-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(f, content);
    const r = cli([f, "--json"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["meta", "sections", "tasks", "units", "diagnostics"]);
    expect(out.diagnostics.filter((d: { severity: string }) => d.severity === "error").length).toBeGreaterThan(0);
  });

  it("prints what it could read of a plan with errors (both tasks of a duplicate number), the error inside", () => {
    const f = join(tmp, "duplicate.txt");
    writeFileSync(f, "一、目标\n1．甲。\n牵头单位：区甲局。\n1．乙。\n牵头单位：区乙局。\n");
    const r = cli([f, "--json"]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.tasks.map((t: { lead: string[] }) => t.lead)).toEqual([["区甲局"], ["区乙局"]]);
    expect(out.diagnostics).toEqual([{ severity: "error", line: 4, code: "duplicate-number", message: expect.stringMatching(/任务编号 1 重复/) }]);
  });

  it("prints the plan of a Ledger JSON (as the task pane imports it)", () => {
    const f = join(tmp, "ledger.json");
    writeFileSync(f, JSON.stringify(smallLedger()));
    const r = cli([f, "--json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ...smallLedger().plan, diagnostics: [] });
  });

  it("names a missing file", () => {
    const r = cli([join(tmp, "nope.txt")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/nope\.txt: 错误 error: 文件不存在：.*nope\.txt/);
  });
});

describe("a plan with errors: parse --json, then workbook (issue 13)", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [new URL("../bin/plan-ledger.js", import.meta.url).pathname, ...args], { encoding: "utf8", timeout: 60_000 });
  const text = join(tmp, "skipped.txt");
  writeFileSync(text, "一、目标\n1．甲。\n牵头单位：区甲局。\n3．乙。\n牵头单位：区乙局。\n");

  it.each([
    ["the text", text],
    ["its parse --json output (the diagnostics travel with it)", "json"],
  ])("workbook refuses %s unless --force", (_what, source) => {
    let plan = source;
    if (source === "json") {
      const parsed = run("parse", text, "--json");
      expect(parsed.status).toBe(1);
      plan = join(tmp, "skipped.json");
      writeFileSync(plan, parsed.stdout);
    }
    const out = join(tmp, `skipped-${source === "json" ? "json" : "txt"}.xlsx`);
    const refused = run("workbook", "--plan", plan, "--out", out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/缺少 2/);
    expect(refused.stderr).toMatch(/--force/);
    const forced = run("workbook", "--plan", plan, "--out", out, "--force");
    expect(forced.stderr).toMatch(/缺少 2/); // the errors stay visible
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/任务 2 条/);
  });

  it("the loader keeps the diagnostics of a Plan JSON, so the task pane refuses it too", async () => {
    const parsed = run("parse", text, "--json");
    const loaded = await loadPlan(new TextEncoder().encode(parsed.stdout), "skipped.json", () => Promise.reject(new Error("no docx")));
    expect(loaded.plan?.tasks).toHaveLength(2);
    expect(loaded.diagnostics.map((d) => [d.severity, d.code])).toEqual([["error", "skipped-number"]]);
  });
});
