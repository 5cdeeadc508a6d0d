import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Target } from "../shared/plan/schema";
import { comparableText, extractTargets } from "../shared/plan/targets";
import { parseChineseNumeral } from "../shared/vocabulary";

const seed = readFileSync(fileURLToPath(new URL("../seeds/liangping-2023.txt", import.meta.url)), "utf8");
const gold: GoldTarget[] = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/targets/liangping-2023.gold.json", import.meta.url)), "utf8"));

interface GoldTarget {
  taskId: number;
  name: string;
  value: number;
  unit: string;
  comparator: string;
  kind: string;
}

/** The seed's task lines by number (a tiny local reader; the real parser lives in parse.ts). */
function seedTasks(): Map<number, string> {
  const tasks = new Map<number, string>();
  for (const line of seed.split(/\r?\n/)) {
    const m = /^(?:\[bookmark: _GoBack\])?(\d{1,3})[．.](.*)$/.exec(line);
    if (m) tasks.set(Number(m[1]), m[2]!.trim());
  }
  return tasks;
}
const tasks = seedTasks();
const task = (n: number) => {
  const t = tasks.get(n);
  if (!t) throw new Error(`task ${n} not in seed`);
  return t;
};

/** name, value, unit, comparator, kind of each target, for compact expectations. */
const short = (ts: Target[]) => ts.map((t) => [t.name, t.value, t.unit, t.comparator, t.kind]);
const only = (text: string) => short(extractTargets(1, text));

describe("targets of the seed's key tasks", () => {
  it("reads all 117 tasks with the local reader", () => {
    expect(tasks.size).toBe(117);
  });

  it("task 1: GDP growth", () => {
    expect(extractTargets(1, task(1))).toEqual([
      { id: "1.1", name: "地区生产总值增长", value: 7, unit: "%", comparator: ">=", kind: "rate", text: "地区生产总值增长7%以上" },
    ]);
  });

  it("task 5: budget revenue and, within it, tax revenue are two targets", () => {
    const ts = extractTargets(5, task(5));
    expect(short(ts)).toEqual([
      ["一般公共预算收入增长", 9.5, "%", ">=", "rate"],
      ["税收收入增长", 15, "%", ">=", "rate"],
    ]);
    expect(ts.map((t) => t.id)).toEqual(["5.1", "5.2"]);
    expect(ts[1]!.text).toBe("其中税收收入增长15%以上");
  });

  it("task 9: projects and investment", () => {
    const ts = extractTargets(9, task(9));
    expect(short(ts)).toEqual([
      ["实施重点项目", 170, "个", ">=", "cumulative"],
      ["完成投资", 253.5, "亿元", ">=", "cumulative"],
    ]);
    expect(ts.map((t) => t.text)).toEqual(["实施重点项目170个", "完成投资253.5亿元"]);
  });

  it("task 18: three targets sharing the verb 新培育", () => {
    const ts = extractTargets(18, task(18));
    expect(short(ts)).toEqual([
      ["新培育科技型企业", 50, "家", ">=", "cumulative"],
      ["新培育高新技术企业", 20, "家", ">=", "cumulative"],
      ["新培育市级研发机构", 10, "家", ">=", "cumulative"],
    ]);
    expect(new Set(ts.map((t) => t.text))).toEqual(new Set(["新培育科技型企业50家、高新技术企业20家、市级研发机构10家"]));
    expect(ts.map((t) => t.id)).toEqual(["18.1", "18.2", "18.3"]);
  });

  it("task 30: four targets, the bare verb 投产 borrows 项目", () => {
    expect(short(extractTargets(30, task(30)))).toEqual([
      ["招引项目", 100, "个", ">=", "cumulative"],
      ["协议引资", 400, "亿元", ">=", "cumulative"],
      ["落地项目", 50, "个", ">=", "cumulative"],
      ["投产项目", 30, "个", ">=", "cumulative"],
    ]);
  });

  it("task 38: 户 and 万平方米 under one verb", () => {
    expect(short(extractTargets(38, task(38)))).toEqual([
      ["改造棚户区", 300, "户", ">=", "cumulative"],
      ["改造老旧小区", 40, "万平方米", ">=", "cumulative"],
    ]);
  });

  it("task 77: 突破 is strict and a 规模 is a level", () => {
    expect(extractTargets(77, task(77))).toEqual([
      { id: "77.1", name: "国有资产规模", value: 1200, unit: "亿元", comparator: ">", kind: "rate", text: "国有资产规模突破1200亿元" },
    ]);
  });

  it("task 100: twenty-one targets of the 民生实事 list, the 4300余名 girls to vaccinate among them", () => {
    const ts = extractTargets(100, task(100));
    expect(short(ts)).toEqual([
      ["建设村（社区）医保服务站", 100, "个", ">=", "cumulative"],
      ["新改造城镇老旧小区", 9, "个", ">=", "cumulative"],
      ["新增婴幼儿托位", 433, "个", ">=", "cumulative"],
      ["公办幼儿园在园幼儿占比", 53.2, "%", ">=", "rate"],
      ["全区中小学心理辅导室（中心）覆盖率", 90, "%", ">=", "rate"],
      ["创建“渝馨家园（残疾人之家）”", 3, "家", ">=", "cumulative"],
      ["实施困难重度残疾人家庭无障碍改造", 100, "户", ">=", "cumulative"],
      ["实施农村公路生命安全防护工程", 50, "公里", ">=", "cumulative"],
      ["建成“劳动者港湾”示范点", 5, "个", ">=", "cumulative"],
      ["实施街头绿地提质项目", 3, "个", ">=", "cumulative"],
      ["建设口袋公园", 2, "个", ">=", "cumulative"],
      ["为全区适龄在校女学生免费接种HPV疫苗", 4300, "名", ">=", "cumulative"],
      ["安装化粪池安全监测系统", 20, "台", ">=", "cumulative"],
      ["窨井盖整治率", 100, "%", ">=", "rate"],
      ["开展职业技能培训", 4700, "人", ">=", "cumulative"],
      ["城镇新增就业", 5000, "人", ">=", "cumulative"],
      ["新增（优化）调整公交线路", 3, "条", ">=", "cumulative"],
      ["新增（优化）调整公交站点", 10, "个", ">=", "cumulative"],
      ["新（改）建城市公厕", 6, "座", ">=", "cumulative"],
      ["完善提升城区人行道", 8, "公里", ">=", "cumulative"],
      ["开展妇女乳腺癌、宫颈癌“两癌”免费检查", 2, "万人次", ">=", "cumulative"],
    ]);
    expect(ts.map((t) => t.id)).toEqual(ts.map((_, i) => `100.${i + 1}`));
    expect(ts[0]!.text).toBe("建设100个村（社区）医保服务站");
    expect(ts[2]!.text).toBe("新增婴幼儿托位不低于433个");
    expect(ts[20]!.text).toBe("开展妇女乳腺癌、宫颈癌“两癌”免费检查2万人次以上");
    // a count written with 余 is a target at least that large (issue 13)
    expect(ts.find((t) => t.value === 4300)?.text).toBe("为全区4300余名适龄在校女学生免费接种HPV疫苗");
  });

  it("task 104: a loan amount and an unemployment ceiling", () => {
    expect(extractTargets(104, task(104))).toEqual([
      { id: "104.1", name: "发放创业担保贷款", value: 1, unit: "亿元", comparator: ">=", kind: "cumulative", text: "发放创业担保贷款1亿元" },
      { id: "104.2", name: "城镇调查失业率", value: 5.5, unit: "%", comparator: "<=", kind: "rate", text: "城镇调查失业率控制在5.5%以内" },
    ]);
  });

  it("task 16: a project named by its size is no target; the farmland to start is", () => {
    expect(short(extractTargets(16, task(16)))).toEqual([["开工高标准农田建设和改造提升", 20, "万亩", ">=", "cumulative"]]);
  });

  it("task 78: the 6 pilot tasks are a summary count of a list, not a target", () => {
    expect(extractTargets(78, task(78))).toEqual([]);
  });

  it("task 106: one rate for two insurances is two targets", () => {
    expect(short(extractTargets(106, task(106)))).toEqual([
      ["基本养老保险参保率", 96, "%", ">=", "rate"],
      ["医疗保险参保率", 96, "%", ">=", "rate"],
    ]);
  });

  it("tasks without a quantity have no targets", () => {
    for (const n of [6, 7, 8, 10, 21, 26, 33, 51, 57, 62, 80, 116]) expect(extractTargets(n, task(n)), `task ${n}`).toEqual([]);
  });
});

describe("the whole seed against the hand-checked gold list", () => {
  const key = (t: { taskId: number; value: number; unit: string; comparator: string }) => `${t.taskId}|${t.value}|${t.unit}|${t.comparator}`;
  const found: GoldTarget[] = [];
  for (const [n, text] of tasks)
    for (const t of extractTargets(n, text)) found.push({ taskId: n, name: t.name, value: t.value, unit: t.unit, comparator: t.comparator, kind: t.kind });

  it("finds ≥ 95% of the gold targets (value, unit, comparator) with ≤ 5% spurious ones", () => {
    const pool = found.map(key);
    const misses: string[] = [];
    for (const g of gold) {
      const i = pool.indexOf(key(g));
      if (i >= 0) pool.splice(i, 1);
      else misses.push(`${g.taskId} ${g.name} ${g.value}${g.unit} ${g.comparator}`);
    }
    const goldPool = gold.map(key);
    const spurious: string[] = [];
    for (const f of found) {
      const i = goldPool.indexOf(key(f));
      if (i >= 0) goldPool.splice(i, 1);
      else spurious.push(`${f.taskId} ${f.name} ${f.value}${f.unit} ${f.comparator}`);
    }
    const recall = (gold.length - misses.length) / gold.length;
    const spuriousShare = found.length ? spurious.length / found.length : 0;
    console.log(
      `targets: gold ${gold.length}, found ${found.length}, recall ${(recall * 100).toFixed(1)}%, spurious ${(spuriousShare * 100).toFixed(1)}%` +
        (misses.length ? `\n  missed: ${misses.join("; ")}` : "") +
        (spurious.length ? `\n  spurious: ${spurious.join("; ")}` : ""),
    );
    expect(gold.length).toBeGreaterThan(60);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(spuriousShare).toBeLessThanOrEqual(0.05);
  });

  it("names and kinds agree with the gold list", () => {
    expect(found.map((f) => [f.taskId, f.name, f.kind])).toEqual(gold.map((g) => [g.taskId, g.name, g.kind]));
  });

  it("every target satisfies the Target schema", () => {
    for (const [n, text] of tasks) for (const t of extractTargets(n, text)) expect(Target.safeParse(t).success).toBe(true);
  });
});

describe("numbers that are not targets", () => {
  it.each([
    ["2023年全区地区生产总值增长快于全市", "years and 增长快于"],
    ["城乡居民收入增长快于经济增长", "增长快于"],
    ["认真落实梁平府办发〔2023〕13号文件", "document numbers"],
    ["接续举办第二届明月山生态旅游文化节", "Chinese ordinal"],
    ["接续举办第2届明月山生态旅游文化节、第5次全国经济普查", "Arabic ordinals"],
    ["新建5G网络，推广4K超高清", "5G and 4K are names"],
    ["打造“双50”重庆郊区新城", "a number inside quotes"],
    ["区人民医院创成三甲医院", "三甲"],
    ["新改建“四好农村路”", "四好农村路 without a quantity"],
    ["加快构建“三区两中心九平台”预制菜产业生态", "a name made of numerals"],
    ["加快构建智慧城市“一网统管”数治体系", "一网统管"],
    ["实施符合条件的低收入妇女“两癌”救助全覆盖", "两癌 as a name"],
    ["着力构建百亿级生猪产业链", "百亿级"],
    ["加快500万吨级集装箱货运场站等项目前期工作", "500万吨级"],
    ["抢抓万亿级页岩气储量机遇", "万亿级"],
    ["加快50万亩国家储备林、龙溪河蔬菜公园等项目建设", "a project's size inside 等项目"],
    ["稳慎推进全国农村宅基地制度改革等6项全国试点任务", "a summary count of a list"],
    ["建成一批预制菜原材料和调料类标准化基地", "一批 is not a number"],
    ["统筹“东南西北”四个方向", "四个方向 describes"],
    ["严格落实安全生产十五条硬措施", "a numbered name"],
    ["推动PM2.5浓度持续下降", "PM2.5"],
    ["开工年产10万吨预制菜项目", "a project's capacity"],
    ["开工总投资50亿元的天然气热电联产项目", "a project's size"],
    ["力争3个月内完成", "a time span"],
    ["打造15分钟便民生活圈、1小时经济圈", "a time that names a circle"],
    ["推动高频事项最多跑一次", "一次 is once"],
    ["提供7×24小时服务", "7×24"],
    ["编制2023-2025年行动计划，到2025年基本建成", "a range of years"],
    ["为3岁以下婴幼儿提供托育服务，对60岁以上老年人免费体检", "who is served"],
    ["拨打12345热线，整治G318国道沿线", "phone numbers and road numbers"],
    ["实现全区68个村5G全覆盖", "a scope, not a quantity to deliver"],
    ["深入实施“十四五”规划，聚焦“1+3+N”产业体系，落实《重庆市乡村振兴规划（2023—2027年）》，建立“3张清单”", "names, titles and plans"],
    ["覆盖全区30个乡镇", "a scope"],
  ])("%s (%s)", (text) => {
    expect(extractTargets(1, text)).toEqual([]);
  });
});

describe("other districts' wordings", () => {
  const variants: Array<{ text: string; targets: unknown[] }> = JSON.parse(
    readFileSync(fileURLToPath(new URL("./fixtures/targets/other-districts.json", import.meta.url)), "utf8"),
  );
  it.each(variants.map((v) => [v.text.slice(0, 24), v] as const))("reads %s…", (_, v) => {
    expect(only(v.text)).toEqual(v.targets);
  });

  it("ASCII punctuation and full-width digits", () => {
    expect(only("地区生产总值增长６．５％左右,固定资产投资增长8%;社会消费品零售总额增长１０％以上")).toEqual([
      ["地区生产总值增长", 6.5, "%", "~", "rate"],
      ["固定资产投资增长", 8, "%", ">=", "rate"],
      ["社会消费品零售总额增长", 10, "%", ">=", "rate"],
    ]);
  });

  it("keeps the verbatim clause (full-width digits and all) as text", () => {
    const [t] = extractTargets(3, "全年新增市场主体３０００户以上，推动发展");
    expect(t).toMatchObject({ id: "3.1", name: "新增市场主体", value: 3000, unit: "户", comparator: ">=", text: "全年新增市场主体３０００户以上" });
  });

  it("约, 左右, 提高到, 不少于, 不超过, 降至, 稳定在", () => {
    expect(only("常住人口城镇化率提高到58%")).toEqual([["常住人口城镇化率", 58, "%", ">=", "rate"]]);
    expect(only("新增城镇就业不少于6000人")).toEqual([["新增城镇就业", 6000, "人", ">=", "cumulative"]]);
    expect(only("居民消费价格涨幅控制在3%左右")).toEqual([["居民消费价格涨幅", 3, "%", "~", "rate"]]);
    expect(only("全年接待游客约1500万人次")).toEqual([["接待游客", 1500, "万人次", "~", "cumulative"]]);
    expect(only("PM2.5平均浓度不超过35微克/立方米")).toEqual([["PM2.5平均浓度", 35, "微克/立方米", "<=", "rate"]]);
    expect(only("工程建设项目审批时间压缩至40个工作日")).toEqual([["工程建设项目审批时间", 40, "个工作日", "<=", "rate"]]);
    expect(only("粮食播种面积稳定在90万亩")).toEqual([["粮食播种面积", 90, "万亩", ">=", "cumulative"]]);
    expect(only("单位地区生产总值能耗下降3%")).toEqual([["单位地区生产总值能耗下降", 3, "%", ">=", "rate"]]);
    expect(only("城镇登记失业率低于4.5%")).toEqual([["城镇登记失业率", 4.5, "%", "<=", "rate"]]);
    expect(only("外贸进出口总额超过20亿元")).toEqual([["外贸进出口总额", 20, "亿元", ">", "cumulative"]]);
  });

  it("万元以上, 亿元以上, thousands separators and ranges", () => {
    expect(only("争取中央预算内资金5000万元以上")).toEqual([["争取中央预算内资金", 5000, "万元", ">=", "cumulative"]]);
    expect(only("完成固定资产投资1,200亿元以上")).toEqual([["完成固定资产投资", 1200, "亿元", ">=", "cumulative"]]);
    expect(only("地区生产总值增长6%-7%")).toEqual([["地区生产总值增长", 6, "%", ">=", "rate"]]);
  });

  it("ASCII parentheses and a shared verb with 、", () => {
    expect(only("新(改)建城市公厕6座、农村公厕20座")).toEqual([
      ["新(改)建城市公厕", 6, "座", ">=", "cumulative"],
      ["新(改)建农村公厕", 20, "座", ">=", "cumulative"],
    ]);
  });

  it("Chinese-numeral quantities at the end of an item", () => {
    expect(only("新建中小学两所")).toEqual([["新建中小学", 2, "所", ">=", "cumulative"]]);
    expect(only("创建市级示范街区三个以上")).toEqual([["创建市级示范街区", 3, "个", ">=", "cumulative"]]);
  });

  it("分别: one target per subject, in order", () => {
    expect(only("城镇、农村居民人均可支配收入分别增长6%、7.5%")).toEqual([
      ["城镇居民人均可支配收入增长", 6, "%", ">=", "rate"],
      ["农村居民人均可支配收入增长", 7.5, "%", ">=", "rate"],
    ]);
    expect(only("一般公共预算收入、税收收入分别增长8%以上和10%左右")).toEqual([
      ["一般公共预算收入增长", 8, "%", ">=", "rate"],
      ["税收收入增长", 10, "%", "~", "rate"],
    ]);
  });

  it("a rate given for a list of subjects is one target per subject, the shared head written out", () => {
    expect(only("基本养老、医疗保险参保率稳定在96%以上")).toEqual([
      ["基本养老保险参保率", 96, "%", ">=", "rate"],
      ["医疗保险参保率", 96, "%", ">=", "rate"],
    ]);
    expect(only("城镇、农村自来水普及率达到95%").map((t) => t[0])).toEqual(["城镇自来水普及率", "农村自来水普及率"]);
    expect(only("规上工业增加值、固定资产投资增长10%").map((t) => t[0])).toEqual(["规上工业增加值增长", "固定资产投资增长"]);
    // a count over a list stays one target
    expect(only("建成交通管理、公共卫生等数字应用场景11个").map((t) => t[0])).toEqual(["建成数字应用场景"]);
  });

  it("城乡…分别 is 城镇 and 农村", () => {
    expect(only("城乡居民人均可支配收入分别增长5%、6.5%")).toEqual([
      ["城镇居民人均可支配收入增长", 5, "%", ">=", "rate"],
      ["农村居民人均可支配收入增长", 6.5, "%", ">=", "rate"],
    ]);
  });

  it("a stretch value (力争) after a target keeps the target's name", () => {
    expect(only("地区生产总值增长6.5%左右，力争7%")).toEqual([
      ["地区生产总值增长", 6.5, "%", "~", "rate"],
      ["地区生产总值增长（力争）", 7, "%", ">=", "rate"],
    ]);
    expect(only("固定资产投资增长10%以上(力争12%)").map((t) => t[0])).toEqual(["固定资产投资增长", "固定资产投资增长（力争）"]);
    expect(only("地区生产总值增长6%左右，力争达到7%").map((t) => t[0])).toEqual(["地区生产总值增长", "地区生产总值增长（力争）"]);
  });

  it("a class of projects (10亿元以上项目) is part of the name of what is counted", () => {
    expect(only("引进项目30个以上，其中10亿元以上项目5个")).toEqual([
      ["引进项目", 30, "个", ">=", "cumulative"],
      ["引进10亿元以上项目", 5, "个", ">=", "cumulative"],
    ]);
    expect(only("积极招引10亿元以上项目")).toEqual([]);
  });

  it("和 joins targets like 、 does; a following purpose is not part of the name", () => {
    expect(only("新培育科技型企业50家和高新技术企业20家")).toEqual([
      ["新培育科技型企业", 50, "家", ">=", "cumulative"],
      ["新培育高新技术企业", 20, "家", ">=", "cumulative"],
    ]);
    expect(only("新建15个社区养老服务站和5个日间照料中心").map((t) => t[0])).toEqual(["新建社区养老服务站", "新建日间照料中心"]);
    expect(only("发放贷款10亿元用于支持小微企业")).toEqual([["发放贷款", 10, "亿元", ">=", "cumulative"]]);
    expect(only("完成老旧小区改造30个、惠及居民1.2万户").map((t) => t[0])).toEqual(["完成老旧小区改造", "惠及居民"]);
  });

  it("a part named in parentheses is its own target", () => {
    expect(only("建设农村公路100公里（其中四好农村路50公里）")).toEqual([
      ["建设农村公路", 100, "公里", ">=", "cumulative"],
      ["建设四好农村路", 50, "公里", ">=", "cumulative"],
    ]);
  });

  it("rates, levels and stocks versus cumulative counts", () => {
    expect(only("每万人口高价值发明专利拥有量达到3件")[0]![4]).toBe("rate");
    expect(only("城乡居民人均可支配收入达到4.2万元")[0]![4]).toBe("rate");
    expect(only("金融机构贷款余额突破500亿元")).toEqual([["金融机构贷款余额", 500, "亿元", ">", "rate"]]);
    expect(only("新增规模以上工业企业20家")[0]![4]).toBe("cumulative");
    expect(only("实现进出口总额10亿美元")).toEqual([["进出口总额", 10, "亿美元", ">=", "cumulative"]]);
    expect(only("较上年提高2个百分点")).toEqual([["较上年提高", 2, "个百分点", ">=", "rate"]]);
    expect(only("县属国有企业资产总额达到120亿元")[0]![4]).toBe("rate");
    // a level kept (稳定在/保持在) is compared directly, unless it is a yearly flow
    expect(only("水果种植面积稳定在50万亩以上")[0]![4]).toBe("rate");
    expect(only("生猪出栏稳定在80万头左右")[0]![4]).toBe("cumulative");
    expect(only("农业总产值突破100亿元")[0]![4]).toBe("cumulative");
    // a total reached is a level; what is added this year accumulates
    expect(only("规上工业企业达到300家")[0]![4]).toBe("rate");
    expect(only("城市建成区面积达到30平方公里")[0]![4]).toBe("rate");
    expect(only("培育高新技术企业突破400家")[0]![4]).toBe("cumulative");
    expect(only("城镇新增就业达到5000人")[0]![4]).toBe("cumulative");
  });

  it("spaces between number and unit, 余 after a number", () => {
    expect(only("固定资产投资增长 7 %以上")).toEqual([["固定资产投资增长", 7, "%", ">=", "rate"]]);
    expect(only("培训农民1000余人次")).toEqual([["培训农民", 1000, "人次", ">=", "cumulative"]]);
  });

  it("余/多 quantities are targets at least that large, also after 为 (issue 13); 为 with a plain bound is who is served", () => {
    expect(only("为3000余名困难群众发放救助金")).toEqual([["困难群众发放救助金", 3000, "名", ">=", "cumulative"]]);
    expect(only("新增市场主体200多家")).toEqual([["新增市场主体", 200, "家", ">=", "cumulative"]]);
    expect(only("帮助300余户脱贫户增收")).toEqual([["帮助脱贫户增收", 300, "户", ">=", "cumulative"]]);
    expect(only("为3岁以下婴幼儿提供托育服务")).toEqual([]);
  });

  it("an ASCII full stop ends a clause; a decimal point does not", () => {
    expect(only("完成城市更新项目20个.改造城镇老旧小区150万平方米.")).toEqual([
      ["完成城市更新项目", 20, "个", ">=", "cumulative"],
      ["改造城镇老旧小区", 150, "万平方米", ">=", "cumulative"],
    ]);
    expect(only("空气质量优良天数不少于320天.")).toEqual([["空气质量优良天数", 320, "天", ">=", "cumulative"]]);
  });

  it("a count with 以上 before its noun is a target; a money bound before 的 is not", () => {
    expect(only("推动10个以上项目开工")).toEqual([["推动项目开工", 10, "个", ">=", "cumulative"]]);
    expect(only("全面消除集体经济年收入5万元以下的薄弱村")).toEqual([]);
    expect(only("农村集体经济组织年经营性收入10万元以上的村占比达到60%")).toEqual([["农村集体经济组织年经营性收入10万元以上的村占比", 60, "%", ">=", "rate"]]);
  });

  it("a bare 增长 takes the subject of the target before it", () => {
    expect(only("全年一般公共预算收入达到20亿元，增长5%")).toEqual([
      ["一般公共预算收入", 20, "亿元", ">=", "cumulative"],
      ["一般公共预算收入增长", 5, "%", ">=", "rate"],
    ]);
    expect(only("一般公共预算收入8.5亿元，同比增长6%").map((t) => t[0])).toEqual(["一般公共预算收入", "一般公共预算收入同比增长"]);
  });

  it("a per-head qualifier is not part of the name", () => {
    expect(only("城乡低保标准提高到每人每月780元")).toEqual([["城乡低保标准", 780, "元", ">=", "rate"]]);
  });

  it("Latin units, 万余, a full-width slash", () => {
    expect(only("新建城市道路10km，新增光伏装机50MW")).toEqual([
      ["新建城市道路", 10, "km", ">=", "cumulative"],
      ["新增光伏装机", 50, "MW", ">=", "cumulative"],
    ]);
    expect(only("培训农民工1万余人")).toEqual([["培训农民工", 1, "万人", ">=", "cumulative"]]);
    expect(only("PM2.5浓度控制在35微克／立方米以内")).toEqual([["PM2.5浓度", 35, "微克/立方米", "<=", "rate"]]);
    expect(only("平均受教育年限达到11年，力争3年内建成")).toEqual([["平均受教育年限", 11, "年", ">=", "rate"]]);
  });

  it("内 after a time bound", () => {
    expect(only("政务服务事项3个工作日内办结")).toEqual([["政务服务事项", 3, "个工作日", "<=", "rate"]]);
  });

  it("a line break is a clause break after a quantity, and a wrap elsewhere", () => {
    expect(only("新建高标准农田2万亩\n完成农村改厕500户").map((t) => t[0])).toEqual(["新建高标准农田", "完成农村改厕"]);
    const wrapped = extractTargets(7, "新建高标准农\n田2万亩，完成农村改厕500户");
    expect(wrapped.map((t) => t.name)).toEqual(["新建高标准农田", "完成农村改厕"]);
    expect(wrapped[0]!.text).toBe("新建高标准农\n田2万亩");
  });

  it("numbers before the noun", () => {
    expect(only("新建15个社区养老服务站")).toEqual([["新建社区养老服务站", 15, "个", ">=", "cumulative"]]);
    expect(only("培育壮大10家龙头企业")).toEqual([["培育壮大龙头企业", 10, "家", ">=", "cumulative"]]);
    expect(only("全区新建10所学校")).toEqual([["全区新建学校", 10, "所", ">=", "cumulative"]]);
    expect(only("完成2个乡镇污水处理厂建设")).toEqual([["完成乡镇污水处理厂建设", 2, "个", ">=", "cumulative"]]);
    expect(only("力争3家企业上市")).toEqual([["企业上市", 3, "家", ">=", "cumulative"]]);
    expect(only("抓好2024年度30件民生实事")).toEqual([["抓好2024年度民生实事", 30, "件", ">=", "cumulative"]]);
    expect(only("建成示范村5个、和美乡村10个").map((t) => t[0])).toEqual(["建成示范村", "建成和美乡村"]);
  });
});

describe("properties", () => {
  const seedTexts = [...tasks.values()];
  const fragments = ["以上", "以内", "左右", "万元", "%", "，", "、", "；", "１２", "3.5", "“", "”", "（", "）", "第", "级", "等", "约", "个"];

  it("never throws, and every target's value is written in its text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.constantFrom(...seedTexts),
          fc
            .tuple(fc.constantFrom(...seedTexts), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...fragments)), { maxLength: 6 }))
            .map(([t, edits]) => edits.reduce((s, [at, f]) => s.slice(0, at % (s.length + 1)) + f + s.slice(at % (s.length + 1)), t)),
        ),
        fc.integer({ min: 1, max: 999 }),
        (text, id) => {
          const ts = extractTargets(id, text);
          ts.forEach((t, i) => {
            expect(Target.safeParse(t).success).toBe(true);
            expect(t.id).toBe(`${id}.${i + 1}`);
            const arabic = comparableText(t.text).includes(String(t.value));
            const chinese = (t.text.match(/[零〇一二两三四五六七八九十百千]+/g) ?? []).some((w) => parseChineseNumeral(w) === t.value);
            expect(arabic || chinese, `${t.value} in ${t.text}`).toBe(true);
            expect(text).toContain(t.text);
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("names and kinds found on other districts' plans", () => {
  const summary = (text: string) => extractTargets(1, text).map((t) => [t.name, t.value, t.unit, t.comparator, t.kind]);

  it("drops an item's enumerator from the name", () => {
    expect(summary("（1）新建高标准农田2万亩。")).toEqual([["新建高标准农田", 2, "万亩", ">=", "cumulative"]]);
    expect(summary("①新增城市公厕6座。")).toEqual([["新增城市公厕", 6, "座", ">=", "cumulative"]]);
  });

  it("gives a comparator or unit written once after the last of a 分别 list to every value", () => {
    expect(summary("规上工业增加值、固定资产投资分别增长8%、6%左右。")).toEqual([
      ["规上工业增加值增长", 8, "%", "~", "rate"],
      ["固定资产投资增长", 6, "%", "~", "rate"],
    ]);
    expect(summary("城乡居民人均可支配收入分别增长5.5%和7%左右。").map((t) => t[3])).toEqual(["~", "~"]);
    expect(summary("城镇、农村居民人均可支配收入分别达到5.2、2.8万元。")).toEqual([
      ["城镇居民人均可支配收入", 5.2, "万元", ">=", "rate"],
      ["农村居民人均可支配收入", 2.8, "万元", ">=", "rate"],
    ]);
  });

  it("reads ≤/≥ symbols, ranks (前10位), decimal years, 批次, compound and per-100,000 units", () => {
    expect(summary("城镇调查失业率≤5.5%。")).toEqual([["城镇调查失业率", 5.5, "%", "<=", "rate"]]);
    expect(summary("排名进入全省前10位。").map((t) => [t[1], t[2], t[3]])).toEqual([[10, "位", "<="]]);
    expect(summary("平均受教育年限达到11.5年。")).toEqual([["平均受教育年限", 11.5, "年", ">=", "rate"]]);
    expect(summary("食品抽检量达到每千人5批次。").map((t) => [t[1], t[2]])).toEqual([[5, "批次"]]);
    expect(summary("亩均税收达到35万元/亩。")).toEqual([["亩均税收", 35, "万元/亩", ">=", "rate"]]);
    expect(summary("孕产妇死亡率控制在10/10万以下。")).toEqual([["孕产妇死亡率", 10, "/10万", "<=", "rate"]]);
  });

  it("keeps a total investment with its own comparator, not a bare project size", () => {
    expect(summary("实施重点项目100个、总投资不低于500亿元。").map((t) => [t[1], t[2]])).toEqual([
      [100, "个"],
      [500, "亿元"],
    ]);
    expect(summary("实施城市更新项目30个，总投资100亿元。").map((t) => [t[1], t[2]])).toEqual([[30, "个"]]);
  });

  it("treats a mileage reached (通车里程) as a level, not a yearly flow", () => {
    expect(summary("高速公路通车里程突破200公里。")).toEqual([["高速公路通车里程", 200, "公里", ">", "rate"]]);
  });
});
