/** A small hand-made plan with known numbers, for workbook and scoring tests. */
import type { Plan } from "../../shared/plan/schema";

export function smallPlan(): Plan {
  return {
    meta: {
      title: "2023年区政府工作报告目标任务分解方案",
      year: 2023,
      issuer: "某区人民政府办公室",
      documentNumber: "某府办发〔2023〕1号",
      date: "2023-03-01",
    },
    sections: [
      { id: "一", title: "主要预期目标", subsections: [] },
      { id: "二", title: "重点工作", subsections: [{ id: "一", title: "产业" }] },
    ],
    tasks: [
      {
        id: 1,
        section: "一",
        subsection: null,
        text: "地区生产总值增长7%以上。",
        lead: ["区发展改革委"],
        responsible: ["区经济信息委", "区统计局"],
        leaders: [],
        targets: [{ id: "1.1", name: "地区生产总值增长", value: 7, unit: "%", comparator: ">=", kind: "rate", text: "地区生产总值增长7%以上" }],
      },
      {
        id: 2,
        section: "一",
        subsection: null,
        text: "城镇调查失业率控制在5.5%以内。",
        lead: ["区人力社保局"],
        responsible: ["各乡镇（街道）"],
        leaders: [],
        targets: [{ id: "2.1", name: "城镇调查失业率", value: 5.5, unit: "%", comparator: "<=", kind: "rate", text: "城镇调查失业率控制在5.5%以内" }],
      },
      {
        id: 3,
        section: "二",
        subsection: "一",
        text: "新建5G基站200个，新增规上工业企业30家左右。",
        lead: ["区经济信息委"],
        responsible: ["区发展改革委", "梁山街道", "有关单位"],
        leaders: [],
        targets: [
          { id: "3.1", name: "新建5G基站", value: 200, unit: "个", comparator: ">=", kind: "cumulative", text: "新建5G基站200个" },
          { id: "3.2", name: "新增规上工业企业", value: 30, unit: "家", comparator: "~", kind: "cumulative", text: "新增规上工业企业30家左右" },
        ],
      },
      {
        id: 4,
        section: "二",
        subsection: "一",
        text: "推进乡村振兴。",
        lead: ["区农业农村委", "梁山街道"],
        responsible: ["区政府各部门"],
        leaders: [],
        targets: [],
      },
    ],
    units: [
      { name: "区发展改革委", kind: "department" },
      { name: "区经济信息委", kind: "department" },
      { name: "区统计局", kind: "department" },
      { name: "区人力社保局", kind: "department" },
      { name: "各乡镇（街道）", kind: "collective" },
      { name: "梁山街道", kind: "township" },
      { name: "有关单位", kind: "collective" },
      { name: "区农业农村委", kind: "department" },
      { name: "区政府各部门", kind: "collective" },
    ],
  };
}

/** smallPlan with an amount in 亿元 (target 3.3: 完成固定资产投资150亿元), where 元 typed for 亿元 shows. */
export function smallPlanWithAmount(): Plan {
  const p = smallPlan();
  p.tasks[2]!.targets.push({
    id: "3.3",
    name: "完成固定资产投资",
    value: 150,
    unit: "亿元",
    comparator: ">=",
    kind: "cumulative",
    text: "完成固定资产投资150亿元",
  });
  return p;
}
