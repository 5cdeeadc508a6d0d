/**
 * Queues one operation (ops.types.ts) with Office.js. Nothing is decided here: the operation already
 * holds Office.js's values, and the transaction (writer.officejs.ts) says which worksheet a sheet key
 * is and when to sync.
 */
import type { Operation, PageLayout, RangeFormat } from "./ops.types";

export interface ApplyTarget {
  workbook: Excel.Workbook;
  /** The worksheet being written for a layout sheet key. */
  sheet: (key: string) => Excel.Worksheet;
  /** Tables created in step 2, named in step 4. */
  tables: Map<string, Excel.Table>;
  /** The transaction's own operation (it knows the workbook's existing sheets and names). */
  prepare: () => void;
}

export function applyOp(op: Operation, t: ApplyTarget): void {
  switch (op.kind) {
    case "tabColor":
      t.sheet(op.sheet).tabColor = op.color;
      return;
    case "values":
      t
        .sheet(op.sheet)
        .getRangeByIndexes(
          op.row,
          0,
          op.values.length,
          op.values[0]!.length,
        ).values = op.values;
      return;
    case "format": {
      const range = t.sheet(op.sheet).getRange(op.address);
      applyFormat(range, op.format);
      const fmt = op.numberFormat;
      if (fmt)
        range.numberFormat = Array.from({ length: op.rows }, () =>
          Array<string>(op.columns).fill(fmt),
        );
      return;
    }
    case "column": {
      const range = t.sheet(op.sheet).getRange(op.address);
      range.format.columnWidth = op.width;
      if (op.hidden) range.columnHidden = true;
      return;
    }
    case "rowHeight":
      t.sheet(op.sheet).getRange(op.address).format.rowHeight = op.height;
      return;
    case "merge":
      t.sheet(op.sheet).getRange(op.address).merge(false);
      return;
    case "freeze": {
      const ws = t.sheet(op.sheet);
      const p = ws.freezePanes;
      if (op.columns === 0) p.freezeRows(op.rows);
      else if (op.rows === 0) p.freezeColumns(op.columns);
      else p.freezeAt(ws.getRangeByIndexes(0, 0, op.rows, op.columns));
      return;
    }
    case "table": {
      const table = t.sheet(op.sheet).tables.add(op.address, true);
      table.showBandedRows = op.showBandedRows;
      table.style = op.style;
      t.tables.set(op.sheet, table);
      return;
    }
    case "prepare":
      t.prepare();
      return;
    case "formulas":
      t.sheet(op.sheet).getRange(op.address).formulas = op.formulas;
      return;
    case "name":
      t.workbook.names.add(op.name, op.formula, op.comment);
      return;
    case "validation": {
      const dv = t.sheet(op.sheet).getRange(op.address).dataValidation;
      dv.rule = op.rule;
      dv.ignoreBlanks = op.ignoreBlanks;
      if (op.prompt) dv.prompt = op.prompt;
      dv.errorAlert = op.errorAlert;
      return;
    }
    case "conditionalFormat": {
      const range = t.sheet(op.sheet).getRange(op.address);
      const cf = op.format;
      if (cf.type === "Custom") {
        const f = range.conditionalFormats.add("Custom");
        f.custom.rule.formula = cf.formula;
        if (cf.fill) f.custom.format.fill.color = cf.fill;
        if (cf.fontColor) f.custom.format.font.color = cf.fontColor;
        if (cf.bold !== undefined) f.custom.format.font.bold = cf.bold;
        if (cf.stopIfTrue) f.stopIfTrue = true;
      } else {
        const f = range.conditionalFormats.add("DataBar");
        f.dataBar.lowerBoundRule = { type: "Number", formula: cf.min };
        f.dataBar.upperBoundRule = { type: "Number", formula: cf.max };
        f.dataBar.positiveFormat.fillColor = cf.fillColor;
        // Solid, as in the exceljs file (which writes x14 gradient="0" even when asked for a gradient).
        f.dataBar.positiveFormat.gradientFill = false;
      }
      return;
    }
    case "tableName": {
      const table = t.tables.get(op.sheet);
      if (table) table.name = op.name;
      return;
    }
    case "pageLayout":
      applyPageLayout(t.sheet(op.sheet).pageLayout, op.layout);
      return;
    case "printZoom":
      t.sheet(op.sheet).pageLayout.zoom = op.zoom;
      return;
    case "protect":
      t.sheet(op.sheet).protection.protect(op.options, op.password);
      return;
    case "properties": {
      const p = t.workbook.properties;
      p.title = op.title;
      p.subject = op.subject;
      p.author = op.author;
      p.keywords = op.keywords;
      p.comments = op.comments;
      return;
    }
    case "activate":
      t.sheet(op.sheet).activate();
      return;
    case "visibility":
      t.sheet(op.sheet).visibility = op.visibility;
      return;
  }
}

function applyFormat(range: Excel.Range, s: RangeFormat): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.fontSize !== undefined) f.font.size = s.fontSize;
  if (s.fontColor) f.font.color = s.fontColor;
  if (s.fill) f.fill.color = s.fill;
  if (s.wrapText !== undefined) f.wrapText = s.wrapText;
  if (s.horizontalAlignment) f.horizontalAlignment = s.horizontalAlignment;
  if (s.verticalAlignment) f.verticalAlignment = s.verticalAlignment;
  for (const edge of s.borders?.edges ?? []) {
    const b = f.borders.getItem(edge);
    b.style = "Continuous";
    b.color = s.borders!.color;
  }
  if (s.unlocked) f.protection.locked = false;
}

function applyPageLayout(pl: Excel.PageLayout, p: PageLayout): void {
  pl.orientation = p.orientation;
  pl.paperSize = p.paperSize;
  if (p.printTitleColumns) pl.setPrintTitleColumns(p.printTitleColumns);
  if (p.printTitleRows) pl.setPrintTitleRows(p.printTitleRows);
  pl.leftMargin = p.margins.left;
  pl.rightMargin = p.margins.right;
  pl.topMargin = p.margins.top;
  pl.bottomMargin = p.margins.bottom;
  pl.headerMargin = p.margins.header;
  pl.footerMargin = p.margins.footer;
  if (p.centerFooter)
    pl.headersFooters.defaultForAllPages.centerFooter = p.centerFooter;
}
