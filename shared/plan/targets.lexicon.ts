/**
 * The words the target extractor reads: units, comparator wording (the plan's words, each mapped to
 * a comparator code of shared/vocabulary), verbs that several targets share, and the words that
 * mark a rate/level or a stock. Data only; the rules live in targets.ts and its parts.
 */
import type { Comparator } from "../vocabulary";

/** Base units as written after a number. Prefixes 万/亿/千/百/十万/百万/千万 are added by UNITS. */
const BASE_UNITS = [
  // area, length, volume, weight, energy
  "平方公里", "平方米", "公顷", "亩", "㎡", "公里", "千米", "延米", "米",
  "立方米", "吨标准煤", "吨", "公斤", "千克", "斤",
  "千瓦时", "千瓦", "兆瓦", "千伏安", "伏安",
  "微克/立方米", "毫克/升",
  // money
  "美元", "元",
  // people and things
  "人次", "户次", "家次", "场次", "台套", "人", "名", "户", "个", "家", "台", "套", "座", "条", "项",
  "所", "辆", "处", "张", "间", "栋", "幢", "件", "场", "次", "篇", "部", "首", "册", "支", "艘", "架",
  "头", "只", "羽", "株", "棵", "床", "位", "盏", "根", "块", "片", "段", "口", "眼", "宗", "笔",
  "批次", "元/亩", "元/人", "元/平方米",
  "亿",
  // time (levels)
  "天", "小时", "分钟", "个工作日", "工作日", "岁",
  // per-population rates (孕产妇死亡率控制在10/10万以下)
  "/10万", "/万", "/千",
];

/** Units never built with a 万/亿 prefix because that reads as something else. */
const PREFIXABLE = (u: string) => !["个工作日", "工作日", "天", "小时", "分钟", "岁", "亿", "微克/立方米", "毫克/升", "/10万", "/万", "/千"].includes(u);

/** Every unit, longest first, so "万平方米" wins over "平方米" and "万人次" over "万人". */
export const UNITS: readonly string[] = (() => {
  const set = new Set<string>(["%", "‰", "个百分点", "百分点", "倍", "万", "亿"]);
  for (const u of BASE_UNITS) {
    set.add(u);
    if (PREFIXABLE(u)) for (const p of ["十万", "百万", "千万", "万亿", "万", "亿", "千", "百"]) set.add(p + u);
  }
  return [...set].sort((a, b) => b.length - a.length);
})();

/** Count units: "10个以上项目" counts projects; "10亿元以上项目" only classes them. */
export const COUNT_UNITS = new Set(["个", "家", "项", "户", "人", "名", "所", "座", "条", "台", "套", "辆", "处", "件", "场", "次", "人次", "批"]);

/** Units of a rate or level compared directly. */
export const RATE_UNITS = new Set(["%", "‰", "个百分点", "百分点", "倍", "年", "天", "小时", "分钟", "个工作日", "工作日", "岁", "微克/立方米", "毫克/升", "/10万", "/万", "/千"]);

/** Wording right before the number, longest first (matched at the end of the name part). */
export const PREFIX_COMPARATORS: ReadonlyArray<readonly [string, Comparator]> = (
  [
    ["不低于", ">="], ["不少于", ">="], ["不小于", ">="], ["至少", ">="], ["力争达到", ">="], ["达到", ">="],
    ["达", ">="], ["提高到", ">="], ["提高至", ">="], ["提升到", ">="], ["提升至", ">="], ["增至", ">="],
    ["增加到", ">="], ["增加至", ">="], ["稳定在", ">="], ["保持在", ">="], ["维持在", ">="], ["力争", ">="],
    ["≤", "<="], ["≥", ">="], ["＜", "<"], ["＞", ">"], ["前", "<="],
    ["不超过", "<="], ["不高于", "<="], ["不大于", "<="], ["控制在", "<="], ["低于", "<="], ["少于", "<="],
    ["小于", "<="], ["降至", "<="], ["降到", "<="], ["降低到", "<="], ["降低至", "<="], ["下降到", "<="],
    ["下降至", "<="], ["压缩至", "<="], ["压缩到", "<="], ["缩短至", "<="], ["缩短到", "<="], ["减少到", "<="],
    ["减少至", "<="], ["减至", "<="],
    ["突破", ">"], ["超过", ">"], ["高于", ">"], ["大于", ">"],
    ["约", "~"], ["大约", "~"], ["超", ">"], ["逾", ">"], ["近", "~"],
    ["为", ">="], ["在", ">="], ["到", ">="], ["至", ">="], ["完成", ">="], ["实现", ">="],
  ] as Array<[string, Comparator]>
).sort((a, b) => b[0].length - a[0].length);

/** Wording right after the number and unit. */
export const SUFFIX_COMPARATORS: ReadonlyArray<readonly [string, Comparator]> = (
  [
    ["及以上", ">="], ["以上", ">="], ["以内", "<="], ["以下", "<="], ["左右", "~"], ["上下", "~"], ["内", "<="],
  ] as Array<[string, Comparator]>
).sort((a, b) => b[0].length - a[0].length);

/** Adverbs and connectives dropped from the front of a target's name. */
export const LEADING_NOISE = ["其中", "全年", "年内", "今年", "力争", "确保", "努力", "同时", "并且", "以及", "实现"];

/**
 * Verbs that begin a task's clause and may be shared by the following 、-items
 * ("新培育科技型企业50家、高新技术企业20家"). Chained at the start of an item, with an optional
 * parenthesis in between: "新增（优化）调整", "完善提升", "建成投用".
 */
export const VERBS: readonly string[] = [
  "新培育", "培育", "培训", "培养", "新增", "新建", "新改扩建", "新改建", "改扩建", "改建", "扩建", "新（改）建",
  "新(改)建", "新改造", "改造", "建成", "建设", "建好", "创建", "创成", "完成", "实施", "开展", "发放", "增加",
  "招引", "引进", "落地", "投产", "开工", "新开工", "竣工", "融资", "安装", "打造", "绿化", "美化", "彩化",
  "完善", "提升", "提质", "整治", "治理", "修复", "种植", "植树", "造林", "营造", "新植", "补植", "举办",
  "组织", "救助", "帮扶", "资助", "接种", "筛查", "推广", "推动", "推进", "申报", "认定", "争取", "争创",
  "到位", "减免", "节约", "回收", "处置", "处理", "清理", "淘汰", "关停", "搬迁", "安置", "吸纳", "带动",
  "新签", "签约", "签订", "引资", "投资", "出口", "销售", "接待", "发展", "招聘", "招录", "入驻", "入库",
  "纳统", "升规", "上市", "挂牌", "更新", "更换", "新开", "开通", "开设", "设立", "配备", "新配", "铺设",
  "硬化", "拓宽", "改善", "办理", "解决", "化解", "收储", "供应", "出让", "盘活", "征收", "征迁", "拆除",
  "保障", "交付", "筹集", "筹建", "续建", "启动", "投用", "投运", "调整", "优化", "增设", "新设", "布设",
  "评定", "补助", "补贴", "收购", "新上", "运营", "服务", "帮助", "实现", "完成投资", "惠及", "涉及", "受益",
  "覆盖", "吸引", "拉动", "建立", "成立", "组建", "获得", "取得", "形成", "引导", "转移", "转化", "救治",
  "排查", "整改", "查处", "办结", "受理", "调解", "开发", "提供", "设置", "编制", "出台", "制定", "修订",
  "发布", "打通", "贯通", "延伸", "修建", "修缮", "维修", "养护", "清淤", "加固", "防治", "退出", "复垦",
  "整理", "消除", "关闭", "取缔", "压减", "削减", "储备", "抚育", "流转", "托管", "入选", "获评", "发行",
  "募集", "撬动", "争资", "落实", "兑付", "拨付", "投入", "筹措", "承办", "参与", "吸纳", "新造",
  "壮大", "做强", "做大", "做优", "扶持", "支持", "孵化", "培优", "评选", "表彰", "选树", "命名", "遴选", "储备",
  "建好", "用好", "办好", "抓好", "做好", "干好", "实施好", "开行", "开辟", "新开通", "改扩", "提档", "升级", "提档升级", "新建成",
].slice().sort((a, b) => b.length - a.length);

/**
 * A target whose name holds one of these is a rate or level compared directly, not a quantity that
 * accumulates through the year: rates, shares, indices, per-capita figures, days counts, and stocks
 * (规模, 余额, 保有量, 存量, 总数) that are measured as they stand.
 */
export const RATE_WORDS = [
  "率", "占比", "比重", "比例", "指数", "增幅", "增速", "涨幅", "浓度", "密度", "水平", "排名", "强度",
  "规模", "余额", "保有量", "存量", "总数", "总资产", "资产总额", "资产", "时限", "时间", "周期", "寿命", "拥有量",
  "床位数", "标准", "里程",
];
/** The same, for words that mark a rate wherever they stand in the name (人均可支配收入, 每万人口…). */
export const RATE_WORDS_ANYWHERE = ["人均", "亩均", "户均", "地均", "平均", "每", "万人口", "千人口", "占比"];

/** Characters before a Chinese numeral that make it part of a word (统一, 唯一, 第三, 每一). */
export const CHINESE_NUMERAL_BLOCKERS = "第每统唯同单逐另任这那某其各哪几进初";
