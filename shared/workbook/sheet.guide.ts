/**
 * 说明 sheet: how to fill the ledger in, the colours, the rules, the plan's metadata. Lays the sheet
 * out (guideSheet) and reads the metadata back (readMeta).
 */
import { PlanMeta, type Plan } from "../plan/schema";
import type { Settings } from "../ledger/schema";
import type { LayoutCell, RowLayout, SheetLayout } from "./layout.types";
import { CONFIRM_WORD, DEMO_BANNER, SHEETS, TARGET_COLUMNS } from "./labels";
import { PLAUSIBLE } from "../scoring/plausibility";
import { STATUS, STATUS_WORDS, TARGET_STATE, UNREPORTED, WARNINGS } from "../vocabulary";
import { STYLES, emptySheet, fitHeight, print, protection, sheetTitle } from "./layout.common";
import { cellText, labelKey } from "./reader.cells";
import { problem, type LedgerProblem, type Sheet } from "./reader.grid";

/**
 * 说明 sheet: "label | value" rows for the plan's metadata, in the order the layout writes them (it
 * writes the first label of each; a reader accepts the others).
 */
export const META_LABELS = {
  title: ["方案", "方案名称", "标题"],
  documentNumber: ["文号", "发文字号"],
  issuer: ["印发单位", "发文单位"],
  date: ["印发日期", "发文日期", "成文日期"],
} as const;
type MetaKey = keyof typeof META_LABELS;
/** What the layout writes for a missing value. */
const NOT_GIVEN_TEXT = "（未注明）";
const NOT_GIVEN = /^[（(]?未注明[）)]?$/;

export function guideSheet(plan: Plan, settings: Settings, opts: { demo: boolean; password: string | null }): SheetLayout {
  const sheet = emptySheet("guide");
  sheet.tabColor = "FFC000";
  sheet.columns = [
    { key: "a", label: null, width: 16, style: "plain" },
    { key: "b", label: null, width: 96, style: "guideText" },
  ];
  const rows: RowLayout[] = [];
  const line = (a: LayoutCell | null, b?: LayoutCell | null) => rows.push({ cells: [a, b ?? null] });
  const text = (s: string, style = "guideText"): LayoutCell => ({ value: s, style });
  line(text(sheetTitle(plan, "guide", opts.demo), "title"));
  if (opts.demo) line(text(DEMO_BANNER, "banner"));
  const m = plan.meta;
  for (const k of Object.keys(META_LABELS) as MetaKey[]) line(text(META_LABELS[k][0], "settingLabel"), text(m[k] ?? NOT_GIVEN_TEXT));
  line(
    text("任务数", "settingLabel"),
    text(`${plan.tasks.length} 项，量化指标 ${plan.tasks.reduce((n, t) => n + t.targets.length, 0)} 个，责任单位 ${plan.units.length} 个`),
  );
  line(null);
  line(text("怎样填写", "heading"));
  const steps = [
    `1. 在“${SHEETS.tasks}”表找到本单位牵头或参与的任务（可用表头筛选按钮筛选“牵头单位”“责任单位”）。`,
    `2. 在本季度的“状态”列从下拉列表选择：${STATUS_WORDS.join("、")}；不填视为“${UNREPORTED}”。`,
    "3. 在“进展情况”写清本季度做了什么、完成多少；选择“滞后”时必须在“存在问题”写明原因（否则标红并预警），并在“下步打算”写明措施。",
    `4. 有量化指标的任务，在“${SHEETS.targets}”表对应季度的“实际值”列填数字（不带单位）。累计类填年初至季度末的累计数，比率类填季度末的数值（百分数填 7.5 表示 7.5%）。选中单元格会提示目标值和单位。`,
    `5. 实际值与目标相差悬殊时（百分数写成小数，如目标 7.43% 填了 0.0743；按“元”或“万元”填了“亿元”的数；超过目标 ${PLAUSIBLE.above} 倍；比率类不到目标的 1/${Math.round(1 / PLAUSIBLE.below)}），检查填报会指出并给出可能的正确值，该值在改正或核实前按未填计、不参与达标评价。数值确实无误的，在本行最后的“${TARGET_COLUMNS.confirm}”列选“${CONFIRM_WORD}”，本行实际值即按所填计算。`,
    `6. 浅黄色单元格可以填写，其余单元格（任务内容、公式）已锁定，防止误改。${opts.password ? "表格已设密码保护" : "表格已保护但未设密码"}，确需修改结构请联系督查办。`,
    `7. 不要改动表头、不要插入或删除行列、不要重命名工作表：汇总和评分按表头文字读取。`,
  ];
  for (const s of steps) line(null, text(s));
  line(null);
  line(text("颜色说明", "heading"));
  line(text(STATUS.done, "legendDone"), text("任务已完成 / 指标达标（已达到全年目标）"));
  line(text(STATUS.onPace, "legendOnPace"), text("按序时进度推进 / 指标序时（达到本季度应有进度）"));
  line(text(STATUS.lagging, "legendLagging"), text(`任务滞后 / 指标${TARGET_STATE.behind}（低于序时目标超过容差）；滞后未写存在问题的单元格也标红`));
  line(text(STATUS.notStarted, "legendNotStarted"), text("尚未启动"));
  line(text("预警", "legendWarning"), text(`预警列：${WARNINGS.lagWithoutProblem}、${WARNINGS.unreported}、${WARNINGS.targetBehind}`));
  line(text("可填写", "legendInput"), text("浅黄色：由责任单位填写"));
  line(text("自动计算", "legendComputed"), text("灰色：公式自动计算，不要填写"));
  line(null);
  line(text("计算规则", "heading"));
  const rules = [
    `当前季度、各状态得分、牵头/责任权重、序时进度和脱幅容差都在“${SHEETS.settings}”表，修改后所有得分和排名自动重算。`,
    "任务完成度 = 本季度状态的得分（未填报 0 分）。",
    "序时目标：累计类指标（数量、金额，全年逐步累积）= 目标值 × 本季度序时进度；比率类指标（增速、占比、比率）= 目标值，直接比较。",
    "“不低于/高于/等于/左右”类指标：实际值达到目标值为达标（“等于”“左右”在容差内即达标），达到序时目标（容差内）为序时，否则为脱幅；完成率 = 实际值 ÷ 目标值。",
    "“不高于/低于”类指标（如失业率控制在 5.5% 以内）：不超过序时目标为达标，超出在容差内为序时，否则为脱幅；完成率 = 不超过目标值时为 100%，否则为 目标值 ÷ 实际值。",
    "单位得分 = 该单位牵头和参与的各项任务完成度的加权平均（牵头权重、责任权重见设置）；排名按得分从高到低，得分相同名次相同。",
    "区级部门（含管委会、国有企业等）与乡镇（街道）分别排名；“各乡镇（街道）”“区政府各部门”“有关单位”等统称列在单位表最后，只显示其任务情况，在统称之间单独排序，不参与部门或乡镇排名。",
  ];
  for (const s of rules) line(null, text(s));
  sheet.rows = rows.map((r) => ({ ...r, height: fitHeight(r, sheet.columns, STYLES, 16) }));
  sheet.protection = protection(opts.password);
  sheet.print = print(null, "portrait");
  return sheet;
}

/**
 * The plan's metadata from the "label | value" rows at the top. A 说明 sheet whose labels cannot
 * all be found is a problem at the cell where the first missing one belongs (the metadata would be
 * lost by an update); a missing sheet gives no metadata. `rows` receives the 0-based row of each
 * label found (its value is in the next column).
 */
export function readMeta(sheet: Sheet | null, problems: LedgerProblem[], rows?: Map<keyof PlanMeta, number>): PlanMeta {
  const meta: PlanMeta = { title: null, year: null, issuer: null, documentNumber: null, date: null };
  if (!sheet) return meta;
  const want = new Map<string, MetaKey>();
  for (const k of Object.keys(META_LABELS) as MetaKey[]) for (const l of META_LABELS[k]) want.set(labelKey(l), k);
  const seen = new Map<MetaKey, number>();
  for (let r = 0; r < Math.min(sheet.rowCount, 40); r++) {
    const key = want.get(labelKey(sheet.get(r, 0)).replace(/[:：]$/, ""));
    if (!key || seen.has(key)) continue;
    seen.set(key, r);
    rows?.set(key, r);
    const v = cellText(sheet.get(r, 1));
    if (!v || NOT_GIVEN.test(v)) continue;
    if (key === "date") {
      const m = v.match(/^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/);
      if (m) meta.date = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
    } else {
      meta[key] = v;
    }
  }
  const keys = Object.keys(META_LABELS) as MetaKey[];
  const missing = keys.filter((k) => !seen.has(k));
  if (missing.length > 0) {
    // where the layout puts it: counted from the first label found (row 2 when none is)
    const i = keys.indexOf(missing[0]!);
    const found = keys.find((k) => seen.has(k));
    const row = found === undefined ? 1 : seen.get(found)! - keys.indexOf(found) + i;
    problems.push(
      problem(
        sheet,
        Math.max(0, row),
        0,
        "sheet-unreadable",
        `工作表“${sheet.name}”找不到“${missing.map((k) => META_LABELS[k][0]).join("”“")}”一行（被改名或删除？），方案的${missing.map((k) => META_LABELS[k][0]).join("、")}未读取（更新台账会丢失这些信息）`,
      ),
    );
  }
  // The year is not written on its own: the plan's title starts with it ("2023年区政府工作报告…").
  // (the parser's rule: a 4-digit year followed by 年 in the title, else the date's year)
  const y = meta.title?.match(/(\d{4})\s*年/) ?? meta.date?.match(/^(\d{4})-/);
  if (y) meta.year = Number(y[1]);
  return PlanMeta.parse(meta);
}
