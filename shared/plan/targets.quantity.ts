/**
 * Numbers with their units in one 、-item of a clause: Arabic (with ranges, 余/多, 约, thousands
 * separators) and Chinese numerals at an item's end. What counts as a target is decided in targets.ts.
 */
import { ANY_NUMERAL, parseChineseNumeral, type Comparator } from "../vocabulary";
import { CHINESE_NUMERAL_BLOCKERS, PREFIX_COMPARATORS, SUFFIX_COMPARATORS, UNITS } from "./targets.lexicon";
import type { Span } from "./targets.text";

/** A number with its unit and comparator wording, found in the normalised text. */
export interface Quantity {
  /** Where the number (or a 约 before it) starts. */
  start: number;
  /** End of the number + unit + suffix wording. */
  end: number;
  /** End of the unit (the noun of a prenominal quantity starts here, after any suffix). */
  unitEnd: number;
  value: number;
  unit: string;
  suffix: Comparator | null;
  /** 约 right before the number. */
  about: boolean;
  /** 余/多 after the number ("4300余名"). */
  approx: boolean;
  range: boolean;
}

/** A numeral character of a quantity (两所, 一百二十个); ○ and O write only years. */
const CN_NUMERAL = new RegExp(`[${ANY_NUMERAL.replace(/[○O]/g, "")}]`);

/** All quantities of an item, in order. */
export function scanQuantities(norm: string, quoted: boolean[], item: Span): Quantity[] {
  const out: Quantity[] = [];
  let i = item.start;
  while (i < item.end) {
    const c = norm[i]!;
    if (/[0-9]/.test(c) && !/[0-9.]/.test(norm[i - 1] ?? "")) {
      const q = readArabic(norm, quoted, item, i);
      if (q) {
        out.push(q);
        i = q.end;
        continue;
      }
      while (i < item.end && /[0-9.,]/.test(norm[i]!)) i++;
      continue;
    }
    if (CN_NUMERAL.test(c) && !CN_NUMERAL.test(norm[i - 1] ?? "")) {
      const q = readChinese(norm, quoted, item, i);
      if (q) {
        out.push(q);
        i = q.end;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** Latin units after a number ("10km", "50MW"); anything else glued to letters is a name (5G, 4K). */
const LATIN_UNIT = /^(km|kW|MW|GW|kWh|MWh|m²|m³|㎡|㎞)(?![A-Za-z])/;

function readArabic(norm: string, quoted: boolean[], item: Span, i: number): Quantity | null {
  if (quoted[i]) return null;
  const prev = norm[i - 1] ?? "";
  if (/[A-Za-z+\-×*]/.test(prev) || prev === "第") return null;
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/.exec(norm.slice(i, item.end));
  if (!m || m[0].length > 15) return null;
  const value = Number((m[1]! + (m[2] ?? "")).replace(/,/g, ""));
  if (!Number.isFinite(value)) return null;
  let p = i + m[0].length;
  const next = norm[p] ?? "";
  if (next === "+") return null;
  if (/[A-Za-z]/.test(next) && !LATIN_UNIT.test(norm.slice(p, item.end))) return null; // 5G, 4K, 3D, 5A
  let range = false;
  // "6-7%" / "6~7%" / "6至7%": the lower bound
  const r1 = /^(?:-|~|至|到)(\d+(?:\.\d+)?)/.exec(norm.slice(p, item.end));
  if (r1) {
    range = true;
    p += r1[0].length;
  }
  let approx = false;
  if (norm[p] === "余" || norm[p] === "多") {
    approx = true;
    p++;
  }
  const sp = /^ +(?=[^ ])/.exec(norm.slice(p, item.end));
  if (sp && UNITS.some((u) => norm.startsWith(u, p + sp[0].length))) p += sp[0].length;
  const rest = norm.slice(p, item.end);
  let unit = UNITS.find((u) => rest.startsWith(u)) ?? LATIN_UNIT.exec(rest)?.[1] ?? "";
  let written = unit.length;
  // "1万余人": 万/亿, then 余, then the unit; read as 万人
  const wanYu = /^(万|亿)(余|多)/.exec(rest);
  if (wanYu) {
    const unit2 = UNITS.find((u) => rest.startsWith(u, 2) && !/^[万亿]/.test(u));
    if (unit2) {
      approx = true;
      unit = wanYu[1] + unit2;
      written = 2 + unit2.length;
    }
  }
  // 年 is a unit only as a framed level ("平均受教育年限达到11年"), never a year or a span ("3年内")
  if (!unit && rest.startsWith("年") && /^\d{1,2}(\.\d)?$/.test(m[0]) && !/^年(内|以内|来|度|底|初|中)/.test(rest)) {
    const before = norm.slice(item.start, i).trimEnd();
    if (PREFIX_COMPARATORS.some(([w]) => w.length >= 2 && before.endsWith(w))) {
      unit = "年";
      written = 1;
    }
  }
  let unitEnd = p + written;
  if (!range) {
    // "6%-7%": same unit again after a dash
    const r2 = new RegExp(`^(?:-|~|至|到)(\\d+(?:\\.\\d+)?)${escapeRe(unit)}`).exec(norm.slice(unitEnd, item.end));
    if (unit && r2) {
      range = true;
      unitEnd += r2[0].length;
    }
  }
  const about = norm[i - 1] === "约";
  const start = about ? i - 1 : i;
  const after = norm.slice(unitEnd, item.end);
  const sfx = SUFFIX_COMPARATORS.find(([w]) => after.startsWith(w));
  if (!unit) {
    // a bare number counts only when framed by comparator wording
    const before = norm.slice(item.start, i);
    const framed = sfx || (PREFIX_COMPARATORS.some(([w]) => w.length >= 2 && before.endsWith(w)) && after.trim() === "");
    if (!framed) return null;
    if (/^\d{4}$/.test(m[0]) && !sfx) return null;
  }
  return {
    start,
    end: unitEnd + (sfx ? sfx[0].length : 0),
    unitEnd,
    value,
    unit,
    suffix: sfx ? sfx[1] : null,
    about,
    approx,
    range,
  };
}

function readChinese(norm: string, quoted: boolean[], item: Span, i: number): Quantity | null {
  if (quoted[i]) return null;
  const prev = norm[i - 1] ?? "";
  if (prev && CHINESE_NUMERAL_BLOCKERS.includes(prev)) return null;
  if (i === item.start) return null;
  let j = i;
  while (j < item.end && CN_NUMERAL.test(norm[j]!)) j++;
  const value = parseChineseNumeral(norm.slice(i, j));
  if (value === null || value === 0) return null;
  const rest = norm.slice(j, item.end);
  const unit = UNITS.find((u) => rest.startsWith(u) && u !== "%" && u !== "亿" && u !== "万" && !u.startsWith("百") && !u.startsWith("千"));
  if (!unit) return null;
  // 一 alone before 次/件/个… is "a"/"once" (最多跑一次), not a count; "新建学校一所" is
  if (value === 1 && j - i === 1 && /^(次|件|张|个|场|位|名|人|只|天|种|点|批)$/.test(unit)) return null;
  const unitEnd = j + unit.length;
  const after = norm.slice(unitEnd, item.end);
  const sfx = SUFFIX_COMPARATORS.find(([w]) => after.startsWith(w));
  const end = unitEnd + (sfx ? sfx[0].length : 0);
  if (norm.slice(end, item.end).trim() !== "") return null; // only at the end of the item
  return { start: i, end, unitEnd, value, unit, suffix: sfx ? sfx[1] : null, about: false, approx: false, range: false };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
