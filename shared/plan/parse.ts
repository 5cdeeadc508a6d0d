/**
 * Published plan text → Plan. Pure: runs in Node and in the browser.
 *
 * The genre: a notice (印发通知) with its own numbered paragraphs, then the plan: headings
 * "一、" and "（一）", numbered tasks "1．" / "1." / "1、", each followed by a unit block on its own
 * line(s) or in parentheses at the end of the task line — or the same plan as a table (序号 | 任务 |
 * 牵头单位 …). The parser is in four parts, as a compiler's:
 * - parse.lines.ts      line classification: what kind of line (or table cell) is this?
 * - parse.text.ts       the text reader: what a sequence of lines means (sections, tasks, unit blocks);
 * - parse.table.ts      the table reader: the same for a table flattened to one cell per line;
 * - parse.assemble.ts   assembly: drafts → Plan (unit lists, numbering checks, targets, metadata);
 * all reporting through parse.diagnostics.ts.
 */
import { assemble, type ParseResult } from "./parse.assemble";
import { createReporter } from "./parse.diagnostics";
import { classifyLines, cleanLine, hasUnits, isTabHeaderRow, joinCellParagraphs } from "./parse.lines";
import { readTable } from "./parse.table";
import { readText } from "./parse.text";

export type { ParseResult } from "./parse.assemble";

export function parsePlan(input: string): ParseResult {
  const report = createReporter();
  const cells = input.replace(/\r\n?/g, "\n").split("\n").map(cleanLine);
  const lines = cells.map(joinCellParagraphs);
  // A table copied as tab-separated rows (or a .docx table): its header row names the unit columns.
  if (cells.some(isTabHeaderRow)) {
    const table = readTable(cells, report);
    if (table) return assemble(table, lines, report);
  }
  const kinds = classifyLines(lines);
  if (!kinds.some(hasUnits)) {
    // No unit label on any line: a table whose cells each stand on a line of their own, or no plan.
    const table = readTable(lines, report);
    if (table) return assemble(table, lines, report);
    report.err(null, "not-a-plan", "未找到任何“牵头单位”或“责任单位”，这不是目标任务分解方案 (no unit blocks found: not a plan)");
    return failed(report.diagnostics);
  }
  const text = readText(kinds, report);
  return text ? assemble(text, lines, report) : failed(report.diagnostics);
}

const failed = (diagnostics: ParseResult["diagnostics"]): ParseResult => ({ plan: null, diagnostics, taskLines: {} });
