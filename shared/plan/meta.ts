/**
 * Metadata from the notice that precedes a plan (印发通知): title, year, issuer, document number
 * and date. Every field is optional in the genre: what is not found is null.
 */
import { ANY_NUMERAL, HEADING_NUMERAL, parseChineseNumeral, parseChineseYear } from "../vocabulary";
import type { PlanMeta } from "./schema";

/** Digits of a year written in numerals (二〇二三): every numeral character but 两 and the powers. */
const YEAR_DIGIT = `[${ANY_NUMERAL.replace(/[两十百千]/g, "")}]`;
const DATE_CN_RE = new RegExp(`(${YEAR_DIGIT}{4})年([${HEADING_NUMERAL}]{1,3})月([${HEADING_NUMERAL}]{1,3})日`);

const pad = (n: number) => String(n).padStart(2, "0");

/** Finds a date written as 2023年3月1日 or 二〇二三年三月一日 in a line; returns ISO or null. */
function findDate(line: string): string | null {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(line);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // A signature line written 2024-02-26 or 2024.02.26 (only a date on the line).
  const d = /^\s*(\d{4})[-.．/](\d{1,2})[-.．/](\d{1,2})\s*$/.exec(line);
  if (d) return isoDate(Number(d[1]), Number(d[2]), Number(d[3]));
  const c = DATE_CN_RE.exec(line);
  if (c) {
    const [, cy = "", cm = "", cd = ""] = c;
    const y = parseChineseYear(cy);
    const mo = parseChineseNumeral(cm);
    const d = parseChineseNumeral(cd);
    if (y !== null && mo !== null && d !== null) return isoDate(y, mo, d);
  }
  return null;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const DOC_NUMBER_RE = /([\u4e00-\u9fa5]{2,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号)/;
const ISSUER_RE = /(人民政府办公室|人民政府办公厅|人民政府|政府办公室|委员会|办公室|管委会|管理委员会)$/;
const TITLE_WORD_RE = /(方案|清单|分解|责任分工|任务分工|工作要点)/;

/** Line is a date alone (a signature line), e.g. "2023年3月1日". */
function isDateLine(line: string): boolean {
  return findDate(line) !== null && line.replace(/\s/g, "").length <= 14;
}

interface MetaInput {
  /** Trimmed lines of the whole document. */
  lines: string[];
  /** Index of the first line of the plan's body (its first heading or task). */
  bodyStart: number;
}

/** The fields a web page prints above a repost ("• 发布机构:…", a 索引号 | … | 发布机构 | … table). */
const FIELD_LABELS = {
  issuer: /^(发布机构|发文机关|发文单位|发布单位)$/,
  documentNumber: /^(文号|发文字号|发文文号)$/,
  date: /^(成文日期|印发日期|发文日期)$/,
  title: /^(标题|名称|文件名称)$/,
} as const;
type Field = keyof typeof FIELD_LABELS;

/** Labelled fields of a web page: "• 文号:…" lines, or label | value cells of a metadata table. */
function labelledFields(pre: string[]): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const put = (label: string, value: string) => {
    const field = (Object.keys(FIELD_LABELS) as Field[]).find((f) => FIELD_LABELS[f].test(label.replace(/\s+/g, "")));
    const v = value.trim();
    if (field && v && out[field] === undefined) out[field] = v;
  };
  for (const l of pre) {
    const cells = l.split("\t").map((c) => c.trim());
    if (cells.length > 1) for (let i = 0; i + 1 < cells.length; i++) put(cells[i] ?? "", cells[i + 1] ?? "");
    const m = /^[•·●▪\-*]?\s*([^:：\t]{2,6})\s*[:：]\s*(.+)$/.exec(l.trim());
    if (m) put(m[1] ?? "", m[2] ?? "");
  }
  return out;
}

/** "…关于印发X的通知" → X: the plan a notice issues (its own subject, not a plan it cites). */
function issuedPlan(line: string): string | null {
  const [, x] = /关于印发(.{4,80}?)的通知$/.exec(line.replace(/\s+/g, "")) ?? [];
  return x ? x.replace(/^《|》$/g, "") : null;
}

export function extractMeta({ lines, bodyStart }: MetaInput): PlanMeta & { titleLine: number | null } {
  const pre = lines.slice(0, bodyStart);
  const fields = labelledFields(pre);

  let documentNumber: string | null = fields.documentNumber ?? null;
  for (const l of documentNumber === null ? pre : []) {
    const [, found] = DOC_NUMBER_RE.exec(l.replace(/\s+/g, "")) ?? [];
    if (found) {
      documentNumber = found;
      break;
    }
  }

  // Title: the plan's own heading just above the body, else the 《…》 of the notice.
  let title: string | null = null;
  let titleLine: number | null = null;
  let seen = 0;
  for (const [i, raw] of [...pre.entries()].reverse()) {
    if (seen >= 6) break;
    const l = raw.replace(/\s+/g, "");
    if (!l || raw.includes("\t")) continue; // blank, or a table row (a header above the body)
    seen++;
    if (TITLE_WORD_RE.test(l) && l.length <= 60 && !/[。；]$/.test(l) && !/^[（(]?此件/.test(l)) {
      title = l.replace(/^附件\d*[:：]?/, "");
      titleLine = i;
      // A title wrapped over two or three lines: join short lines above that end without punctuation,
      // up to the line that names the year or the place.
      for (let k = i - 1, joined = 0; k >= 0 && joined < 2 && !/^\d{4}年|[区县市]\d{4}年/.test(title); k--, joined++) {
        const prev = lines[k]?.replace(/\s+/g, "");
        if (
          !prev ||
          prev.length > 30 ||
          /[。；，：:]$/.test(prev) ||
          isDateLine(prev) ||
          ISSUER_RE.test(prev) ||
          /^附件\d*[:：]?$/.test(prev) ||
          prev.includes("\t")
        )
          break;
        if (/^[（(].*[）)]$/.test(prev) || DOC_NUMBER_RE.test(prev) || /通知$/.test(prev)) break;
        title = prev.replace(/^附件\d*[:：]?/, "") + title;
        titleLine = k;
      }
      break;
    }
  }
  if (title) title = issuedPlan(title) ?? title;
  if (!title) title = issuedPlan(fields.title ?? "") ?? pre.map(issuedPlan).find((t) => t !== null) ?? null;
  if (!title) {
    const joined = pre.join("");
    const [, quoted] = /《([^》]{4,80})》/.exec(joined.replace(/\s+/g, "")) ?? [];
    if (quoted) title = quoted;
  }

  // Date: the page's 成文日期, else a signature line holding only a date, else any full date in the notice.
  let date: string | null = fields.date ? findDate(fields.date) : null;
  let dateLine = -1;
  pre.forEach((l, i) => {
    if (dateLine < 0 && isDateLine(l)) {
      date ??= findDate(l);
      dateLine = i;
    }
  });
  if (date === null) {
    for (const l of pre) {
      date = findDate(l);
      if (date) break;
    }
  }

  // Issuer: the signature above the date, else the header above "关于印发…".
  let issuer: string | null = fields.issuer ?? null;
  if (issuer === null && dateLine > 0) {
    // The three lines above the date, nearest first.
    for (const raw of pre.slice(Math.max(0, dateLine - 3), dateLine).reverse()) {
      const l = raw.replace(/\s+/g, "");
      if (!l) continue;
      if (ISSUER_RE.test(l) && l.length <= 30) issuer = l;
      break;
    }
  }
  if (!issuer) {
    for (const l0 of pre) {
      const l = l0.replace(/\s+/g, "").replace(/文件$/, "");
      if (ISSUER_RE.test(l) && l.length <= 30 && !/^关于/.test(l)) {
        issuer = l;
        break;
      }
    }
  }

  let year: number | null = null;
  const ym = title ? /(\d{4})\s*年/.exec(title) : null;
  if (ym) year = Number(ym[1]);
  else if (date) year = Number((date as string).slice(0, 4));

  return { title, year, issuer, documentNumber, date, titleLine };
}
