import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../shared/plan/parse";
import { Plan } from "../shared/plan/schema";
import { UNIT_LABELS, UNIT_ROLES, type UnitRole } from "../shared/vocabulary";

const seedText = readFileSync(new URL("../seeds/liangping-2023.txt", import.meta.url), "utf8");
const fixture = (name: string) => readFileSync(new URL(`./fixtures/plan/${name}`, import.meta.url), "utf8");
const goldUnits: Record<string, { lead: string[]; responsible: string[] }> = JSON.parse(fixture("liangping-2023.units.json"));

const errors = (r: ReturnType<typeof parsePlan>) => r.diagnostics.filter((d) => d.severity === "error");
const codes = (r: ReturnType<typeof parsePlan>) => r.diagnostics.map((d) => d.code);

describe("the seed plan (Liangping 2023)", () => {
  const result = parsePlan(seedText);
  const plan = result.plan!;

  it("parses without errors into a valid Plan", () => {
    expect(errors(result)).toEqual([]);
    expect(() => Plan.parse(plan)).not.toThrow();
  });

  it("finds 117 tasks numbered 1..117: 8 + 104 + 5 by section", () => {
    expect(plan.tasks.map((t) => t.id)).toEqual(Array.from({ length: 117 }, (_, i) => i + 1));
    const by = (s: string) => plan.tasks.filter((t) => t.section === s).length;
    expect([by("一"), by("二"), by("三")]).toEqual([8, 104, 5]);
  });

  it("reads sections and the eleven subsections of 重点工作", () => {
    expect(plan.sections.map((s) => [s.id, s.title])).toEqual([
      ["一", "主要预期目标"],
      ["二", "重点工作"],
      ["三", "全面加强政府自身建设"],
    ]);
    const subs = plan.sections[1]?.subsections ?? [];
    expect(subs.map((s) => s.id)).toEqual(["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]);
    expect(subs[0]?.title).toBe("围绕稳增长强投资提升新速度，扎实抓好重大项目建设");
    expect(plan.tasks.find((t) => t.id === 9)!.subsection).toBe("一");
    expect(plan.tasks.find((t) => t.id === 112)!.subsection).toBe("十一");
    expect(plan.tasks.find((t) => t.id === 8)!.subsection).toBeNull();
  });

  it("reads the notice's metadata", () => {
    expect(plan.meta).toEqual({
      title: "2023年区政府工作报告目标任务分解方案",
      year: 2023,
      issuer: "重庆市梁平区人民政府办公室",
      documentNumber: "梁平府办发〔2023〕13号",
      date: "2023-03-01",
    });
  });

  it("gets the lead and responsible units of every task exactly (hand-checked list)", () => {
    for (const t of plan.tasks) {
      expect({ id: t.id, lead: t.lead, responsible: t.responsible }).toEqual({ id: t.id, ...goldUnits[String(t.id)] });
    }
  });

  it("handles the seed's quirks", () => {
    const task = (id: number) => plan.tasks.find((t) => t.id === id)!;
    // "31." with an ASCII dot among "N．" lines
    expect(task(31).text.startsWith("大力发展数字经济")).toBe(true);
    // the stray "[bookmark: _GoBack]" before task 53
    expect(task(53).text.startsWith("筹办好全国印迹乡村")).toBe(true);
    // "各乡\n镇（街道）" wrapped in the middle of a name
    expect(task(6).responsible).toEqual(["区政府各部门", "各乡镇（街道）"]);
    // two units run together, split using the units seen elsewhere, with a warning naming the line
    expect(task(33).responsible).toContain("区林业局");
    expect(task(33).responsible).toContain("区生态环境局");
    const w = result.diagnostics.find((d) => d.code === "units-run-together")!;
    expect(w.line).toBe(result.taskLines[33]! + 1);
    // trailing 等 and tasks with only 牵头单位
    expect(task(1).responsible.at(-1)).toBe("区国资委");
    expect(task(3)).toMatchObject({ lead: ["区商务委"], responsible: [] });
    // task text without the number, the unit block or the bookmark
    expect(task(1).text).toBe("地区生产总值增长7%以上。");
    expect(plan.tasks.every((t) => !/牵头单位|bookmark/.test(t.text))).toBe(true);
  });

  it("keeps collective designations as written and classifies units", () => {
    const kind = (name: string) => plan.units.find((u) => u.name === name)?.kind;
    expect(kind("各乡镇（街道）")).toBe("collective");
    expect(kind("有关乡镇（街道）")).toBe("collective");
    expect(kind("区政府各部门")).toBe("collective");
    expect(kind("区政府有关部门")).toBe("collective");
    expect(kind("有关单位")).toBe("collective");
    expect(kind("区属国有企业")).toBe("collective");
    expect(kind("区粮食安全考核工作组成员单位")).toBe("collective");
    expect(kind("高新区管委会")).toBe("committee");
    expect(kind("高新集团")).toBe("enterprise");
    expect(kind("区发展改革委")).toBe("department");
    // every unit named by a task is in plan.units exactly once, in order of first appearance
    const named = [...new Set(plan.tasks.flatMap((t) => [...t.lead, ...t.responsible]))];
    expect(plan.units.map((u) => u.name)).toEqual(named);
  });

  it("records the source line of every task", () => {
    const lines = seedText.split("\n");
    for (const t of plan.tasks) expect(lines[result.taskLines[t.id]! - 1]).toMatch(new RegExp(`^(\\[bookmark: _GoBack\\])?${t.id}[．.]`));
  });
});

describe("plans of the same genre laid out differently", () => {
  it("reads ASCII punctuation, 1、/1./1． numbering, units in parentheses, 责任领导, 配合/协办/参与单位", () => {
    const r = parsePlan(fixture("variant-inline.txt"));
    expect(errors(r)).toEqual([]);
    const p = r.plan!;
    expect(p.tasks.map((t) => [t.id, t.section, t.subsection])).toEqual([
      [1, "一", null],
      [2, "一", null],
      [3, "二", "一"],
      [4, "二", "一"],
      [5, "二", "一"],
    ]);
    expect(p.tasks[0]).toMatchObject({
      text: "地区生产总值增长6%左右。",
      lead: ["区发展改革局"],
      responsible: ["区统计局", "区财政局"],
      leaders: ["王某某"],
    });
    expect(p.tasks[1]).toMatchObject({ lead: ["区人力资源社会保障局"], responsible: ["各镇(街道)"], leaders: ["李某"] });
    expect(p.tasks[2]).toMatchObject({ lead: ["区经济和信息化局", "城南产业园管委会"], responsible: ["区科学技术局"] });
    expect(p.tasks[3]).toMatchObject({ lead: ["区住房和城乡建设局"], responsible: ["区城市管理局", "区财政局", "有关镇（街道）"] });
    expect(p.tasks[4]).toMatchObject({ text: "实施就业优先政策。", lead: ["区人力资源社会保障局"], responsible: ["区教育局", "区总工会"] });
    // the news repost's bullets before the plan are not tasks; the unnumbered sub-heading is not text
    expect(p.tasks[3]?.text).toBe("推进城市更新，改造老旧小区12个。");
    expect(p.meta).toEqual({
      title: "2024年政府工作报告重点任务责任分工方案",
      year: 2024,
      issuer: "某某区人民政府办公室",
      documentNumber: "某府办发[2024]5号",
      date: "2024-02-18",
    });
  });

  it("reads a table flattened to one cell per line", () => {
    const r = parsePlan(fixture("variant-table.txt"));
    expect(errors(r)).toEqual([]);
    const p = r.plan!;
    expect(p.tasks.map((t) => [t.id, t.section, t.lead, t.responsible])).toEqual([
      [1, "一", ["县发展改革委"], ["县统计局", "县财政局"]],
      [2, "一", ["县人力社保局"], ["各乡镇"]],
      [3, "二", ["县农业农村局"], ["县财政局", "各乡镇"]],
    ]);
    expect(p.tasks[2]?.text).toBe("新建高标准农田2万亩，完成农村改厕500户。");
  });

  it("keeps what is complete in a document cut off in the middle of a task, with a warning", () => {
    const r = parsePlan(fixture("variant-cut.txt"));
    expect(errors(r)).toEqual([]);
    expect(r.plan!.tasks.map((t) => t.id)).toEqual([1, 2]);
    const w = r.diagnostics.find((d) => d.code === "truncated")!;
    expect(w).toMatchObject({ severity: "warning", line: 7 });
    expect(w.message).toMatch(/截断/);
  });

  it("handles blank lines everywhere and CRLF line ends", () => {
    const spaced = seedText.split("\n").join("\r\n\r\n");
    const r = parsePlan(spaced);
    expect(errors(r)).toEqual([]);
    expect(r.plan!.tasks.length).toBe(117);
    expect(r.plan!.tasks.find((t) => t.id === 6)!.responsible).toEqual(["区政府各部门", "各乡镇（街道）"]);
  });

  it("reads bracketed labels (【牵头单位】) and a lead marked （牵头） among responsible units", () => {
    const text = [
      "一、重点任务",
      "1．建设口袋公园2个。",
      "【牵头单位】区城市管理局【责任单位】区财政局、区住房城乡建委",
      "2．开展职业技能培训4700人以上。",
      "责任单位：区人力社保局（牵头）、区教委、各乡镇（街道）",
    ].join("\n");
    const r = parsePlan(text);
    expect(errors(r)).toEqual([]);
    expect(r.plan!.tasks.map((t) => [t.lead, t.responsible])).toEqual([
      [["区城市管理局"], ["区财政局", "区住房城乡建委"]],
      [["区人力社保局"], ["区教委", "各乡镇（街道）"]],
    ]);
  });

  it("does not read numbered requirements after the plan as tasks", () => {
    const text = [
      seedText,
      "四、工作要求",
      "1．加强组织领导。各牵头单位要统筹协调，各责任单位要密切配合，确保各项任务按期完成，并于每季度末报送进展情况。",
      "2．严格督查考核。区政府督查办要定期通报结果。",
    ].join("\n");
    const r = parsePlan(text);
    expect(errors(r)).toEqual([]);
    expect(r.plan!.tasks.length).toBe(117);
    expect(r.plan!.sections.map((s) => s.id)).toEqual(["一", "二", "三"]);
    expect(r.plan!.tasks.at(-1)!.text.startsWith("弘扬伟大建党精神")).toBe(true);
    expect(r.plan!.tasks.at(-1)!.text).not.toMatch(/加强组织领导/);
  });

  it("reads text copied from a PDF: spaced-out labels, page-number lines, tab after a label, a wrapped '20 条' line", () => {
    const text = [
      "一、重点工作",
      "1．新建城市道路12公里，改造背街小巷",
      "20 条，新增公共停车位2000个。",
      "牵 头 单 位：区住房城乡建委",
      "— 3 —",
      "责 任 单 位：区交通局、",
      "区城市管理局",
      "2．新建高标准农田2万亩。",
      "牵头单位\t区农业农村委",
    ].join("\n");
    const r = parsePlan(text);
    expect(errors(r)).toEqual([]);
    expect(r.plan!.tasks.map((t) => [t.id, t.lead, t.responsible])).toEqual([
      [1, ["区住房城乡建委"], ["区交通局", "区城市管理局"]],
      [2, ["区农业农村委"], []],
    ]);
    expect(r.plan!.tasks[0]?.text).toBe("新建城市道路12公里，改造背街小巷20 条，新增公共停车位2000个。");
  });

  it("numbers tasks that lost their numbers (Word list numbering) in order, with one warning", () => {
    const text = [
      "2024年某区重点任务分解方案",
      "一、主要预期目标",
      "地区生产总值增长6%左右。",
      "牵头单位：区发展改革委；责任单位：区统计局。",
      "城镇调查失业率控制在5.5%以内。",
      "牵头单位：区人力社保局。",
      "二、重点工作",
      "稳就业方面",
      "新增城镇就业1.2万人，",
      "开展职业技能培训5000人次。",
      "牵头单位：区人力社保局；责任单位：各镇（街道）。",
    ].join("\n");
    const r = parsePlan(text);
    expect(errors(r)).toEqual([]);
    const p = r.plan!;
    expect(p.tasks.map((t) => [t.id, t.section, t.lead])).toEqual([
      [1, "一", ["区发展改革委"]],
      [2, "一", ["区人力社保局"]],
      [3, "二", ["区人力社保局"]],
    ]);
    // the unnumbered sub-heading above the task is not part of its text; the wrapped text is joined
    expect(p.tasks[2]?.text).toBe("新增城镇就业1.2万人，开展职业技能培训5000人次。");
    expect(r.taskLines[3]).toBe(9);
    expect(p.tasks[1]?.targets.map((t) => [t.value, t.comparator])).toEqual([[5.5, "<="]]);
    const w = r.diagnostics.filter((d) => d.code === "unnumbered");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: "warning", line: 3 });
    expect(w[0]?.message).toMatch(/3 条任务没有编号/);
  });

  it("reads 【】 blocks, units separated by spaces, and 等有关单位", () => {
    const text = [
      "一、主要目标",
      "1.地区生产总值增长6%。【牵头单位：区发改委；责任单位：区统计局】",
      "2.固定资产投资增长8%。",
      "牵头单位：区发改委 责任单位：区财政局 区住建委",
      "3．优化营商环境。",
      "牵头单位：区发展改革委（区营商办）",
      "责任单位：区市场监管局、区政务服务办等有关单位",
    ].join("\n");
    const r = parsePlan(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.plan!.tasks.map((t) => [t.text, t.lead, t.responsible])).toEqual([
      ["地区生产总值增长6%。", ["区发改委"], ["区统计局"]],
      ["固定资产投资增长8%。", ["区发改委"], ["区财政局", "区住建委"]],
      ["优化营商环境。", ["区发展改革委（区营商办）"], ["区市场监管局", "区政务服务办", "有关单位"]],
    ]);
  });

  it("reads tasks numbered （1） where no task is numbered 1．, and keeps （1） sub-items inside 1． tasks", () => {
    const paren = ["一、主要目标", "（1）地区生产总值增长6%左右。（牵头单位：区发展改革委）", "(2)新建5G基站400个。", "牵头单位：区经济信息委。"].join("\n");
    const r1 = parsePlan(paren);
    expect(r1.diagnostics).toEqual([]);
    expect(r1.plan!.tasks.map((t) => [t.id, t.text, t.lead])).toEqual([
      [1, "地区生产总值增长6%左右。", ["区发展改革委"]],
      [2, "新建5G基站400个。", ["区经济信息委"]],
    ]);
    const items = [
      "一、重点工作",
      "1．办好民生实事：",
      "（1）新建公园2个；",
      "（2）新增停车位500个。",
      "牵头单位：区城市管理局。",
      "2．优化营商环境。",
      "牵头单位：区发展改革委。",
    ].join("\n");
    const r2 = parsePlan(items);
    expect(r2.diagnostics).toEqual([]);
    expect(r2.plan!.tasks.map((t) => [t.id, t.text])).toEqual([
      [1, "办好民生实事：（1）新建公园2个；（2）新增停车位500个。"],
      [2, "优化营商环境。"],
    ]);
  });

  it("reads duty sentences without labels (区发展改革委牵头，区统计局配合), not prose in parentheses", () => {
    const text = [
      "一、主要目标",
      "1．地区生产总值增长6%左右。（区发展改革委牵头，区统计局配合）",
      "2．新增市场主体1.2万户。（区市场监管局牵头，区税务局等按职责分工负责）",
      "3．城镇调查失业率控制在5.5%以内。（区人力社保局负责）",
      "4．实施城市更新项目（资金由市级负责）。",
      "牵头单位：区住房城乡建委。",
    ].join("\n");
    const r = parsePlan(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.plan!.tasks.map((t) => [t.text, t.lead, t.responsible])).toEqual([
      ["地区生产总值增长6%左右。", ["区发展改革委"], ["区统计局"]],
      ["新增市场主体1.2万户。", ["区市场监管局"], ["区税务局"]],
      ["城镇调查失业率控制在5.5%以内。", ["区人力社保局"], []],
      ["实施城市更新项目（资金由市级负责）。", ["区住房城乡建委"], []],
    ]);
  });

  it("splits units joined by 和/及 but keeps names that contain 和", () => {
    const text = [
      "一、重点工作",
      "1．提升医疗服务能力。",
      "牵头单位：区卫生健康委和区医保局；责任单位：区住房和城乡建设委员会、区人力资源和社会保障局及各镇（街道）。",
    ].join("\n");
    const t = parsePlan(text).plan!.tasks[0]!;
    expect([t.lead, t.responsible]).toEqual([
      ["区卫生健康委", "区医保局"],
      ["区住房和城乡建设委员会", "区人力资源和社会保障局", "各镇（街道）"],
    ]);
  });

  it("reads full-width digits in task numbers and (一) headings with ASCII parentheses", () => {
    const text = [
      "二、重点工作",
      "(一)产业",
      "１．建成标准厂房。",
      "牵头单位：区经济信息委。",
      "２．开工项目。",
      "牵头单位：区发展改革委；责任单位：区财政局。",
    ].join("\n");
    const r = parsePlan(text);
    expect(errors(r)).toEqual([]);
    expect(r.plan!.tasks.map((t) => [t.id, t.section, t.subsection, t.lead])).toEqual([
      [1, "二", "一", ["区经济信息委"]],
      [2, "二", "一", ["区发展改革委"]],
    ]);
  });
});

describe("unit labels: one table read on unit lines and as table headers", () => {
  /** The first task's units and leaders of a plan. */
  const roles = (text: string) => {
    const t = parsePlan(text).plan!.tasks[0]!;
    return { lead: t.lead, responsible: t.responsible, leaders: t.leaders };
  };
  /** Units under the label itself, and under the canonical label of the other role. */
  const sample = (role: UnitRole, label: string): { pairs: [label: string, units: string][]; want: Record<UnitRole, string[]> } =>
    role === "lead"
      ? {
          pairs: [
            [label, "区教委"],
            ["责任单位", "区财政局"],
          ],
          want: { lead: ["区教委"], responsible: ["区财政局"], leaders: [] },
        }
      : role === "responsible"
        ? {
            pairs: [
              ["牵头单位", "区教委"],
              [label, "区财政局"],
            ],
            want: { lead: ["区教委"], responsible: ["区财政局"], leaders: [] },
          }
        : {
            pairs: [
              ["牵头单位", "区教委"],
              [label, "张三"],
            ],
            want: { lead: ["区教委"], responsible: [], leaders: ["张三"] },
          };
  const every = UNIT_ROLES.flatMap((role) => UNIT_LABELS[role].map((label) => [role, label] as const));
  const withLevels = [
    ["leaders", "分管区领导"],
    ["leaders", "责任县级领导"],
    ["leaders", "联系市级领导"],
  ] as const;

  it("reads 协作部门 after 牵头单位 on a unit line as responsible, not as part of the lead unit", () => {
    expect(roles("一、重点工作\n1．推进城市更新。\n牵头单位：区城市管理局；协作部门：区财政局\n")).toEqual({
      lead: ["区城市管理局"],
      responsible: ["区财政局"],
      leaders: [],
    });
  });

  it.each([...every, ...withLevels])("reads %s label %s on a unit line", (role, label) => {
    const { pairs, want } = sample(role, label);
    const unitLine = pairs.map(([l, u]) => `${l}：${u}`).join("；");
    expect(roles(`一、重点工作\n1．新建学校3所。\n${unitLine}\n`)).toEqual(want);
    // spaced out for justification in a PDF copy
    const spaced = pairs.map(([l, u]) => `${[...l].join(" ")}：${u}`).join("；");
    if (!/区|县|市|级/.test(label)) expect(roles(`一、重点工作\n1．新建学校3所。\n${spaced}\n`)).toEqual(want);
  });

  it.each([...every, ...withLevels])("reads %s label %s as a table header", (role, label) => {
    const { pairs, want } = sample(role, label);
    const table = [`序号\t工作任务\t${pairs.map(([l]) => l).join("\t")}`, `1\t新建学校3所。\t${pairs.map(([, u]) => u).join("\t")}`];
    expect(roles(["一、重点工作", ...table].join("\n"))).toEqual(want);
    // the same header with a qualifier, cells one per line (a table copied without tabs)
    const flat = ["序号", "工作任务", ...pairs.map(([l]) => `${l}（部门）`), "1", "新建学校3所。", ...pairs.map(([, u]) => u)];
    expect(roles(flat.join("\n"))).toEqual(want);
  });
});

describe("bad input gets a clear message naming the line", () => {
  const base = ["一、主要目标", "1．任务甲。", "牵头单位：区甲局。", "2．任务乙。", "牵头单位：区乙局。", "3．任务丙。", "牵头单位：区丙局。"];

  it("flags a duplicate task number", () => {
    const lines = [...base];
    lines[3] = "1．任务乙。";
    const r = parsePlan(lines.join("\n"));
    const e = errors(r).find((d) => d.code === "duplicate-number")!;
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/重复/);
  });

  it("flags skipped task numbers", () => {
    const lines = [...base];
    lines[5] = "5．任务丙。";
    const r = parsePlan(lines.join("\n"));
    const e = errors(r).find((d) => d.code === "skipped-number")!;
    expect(e.line).toBe(6);
    expect(e.message).toMatch(/缺少 3–4/);
  });

  it("flags a task with no lead unit", () => {
    const lines = [...base];
    lines[4] = "责任单位：区乙局。";
    const r = parsePlan(lines.join("\n"));
    expect(errors(r).find((d) => d.code === "no-lead")!.line).toBe(5);
    // the rest of the plan is still read
    expect(r.plan!.tasks.length).toBe(3);
  });

  it("says text that is not a plan is not a plan", () => {
    const r = parsePlan("今天天气很好。\n我们去公园散步。\n");
    expect(r.plan).toBeNull();
    expect(codes(r)).toContain("not-a-plan");
    expect(errors(r)[0]?.message).toMatch(/不是目标任务分解方案/);
  });
});
