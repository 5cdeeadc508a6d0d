/**
 * Task pane wiring: tabs, buttons and messages. Excel work is in addin/excel/* (functions on plain data);
 * parsing, checking and merging are shared/ code. All user-facing text is zh-CN.
 */
import "./taskpane.css";
import embeddedPlan from "../../seeds/liangping-2023.txt";
import type { Quarter } from "../../shared/ledger/schema";
import type { Plan } from "../../shared/plan/schema";
import { QUARTER_NAMES } from "../../shared/vocabulary";
import { LedgerReadError } from "../../shared/workbook/reader.grid";
import { describeExcelError } from "../excel/errors";
import {
  checkWorkbook,
  filterByUnit,
  importPlan,
  readWorkbookLedger,
  selectCell,
  setQuarter,
  unitsOf,
} from "../excel/ledger.officejs";
import { LedgerWriteError, type ExcelRun } from "../excel/writer.officejs";
import {
  fromBytes,
  fromText,
  PlanInputError,
  type PlanSource,
} from "./plan-input";
import { escapeHtml, preview, previewHtml } from "./preview";

const $ = <T extends HTMLElement = HTMLElement>(id: string) =>
  document.getElementById(id) as T;

let run: ExcelRun | null = null;
let api19 = false;
let current: PlanSource | null = null;

function excelRun(): ExcelRun {
  if (!run)
    throw new Error(
      "未连接到 Excel：请在 Excel 中通过“开始 → 任务台账”打开本窗格。",
    );
  return run;
}

function say(
  id: string,
  text: string,
  kind: "info" | "ok" | "error" | "busy" = "info",
): void {
  const el = $(id);
  el.textContent = text;
  el.className = `status ${kind === "info" ? "" : kind}`;
}

/** Any error as a Chinese sentence. */
function message(e: unknown): string {
  if (
    e instanceof PlanInputError ||
    e instanceof LedgerWriteError ||
    e instanceof LedgerReadError
  )
    return e.message;
  return describeExcelError(e);
}

async function guarded(
  statusId: string,
  busy: string,
  work: () => Promise<void>,
  buttons: HTMLButtonElement[] = [],
): Promise<void> {
  say(statusId, busy, "busy");
  buttons.forEach((b) => (b.disabled = true));
  try {
    await work();
  } catch (e) {
    say(statusId, message(e), "error");
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

// ---------------------------------------------------------------- tabs (WAI-ARIA tabs pattern)
function setupTabs(): void {
  const tabs = [
    ...document.querySelectorAll<HTMLButtonElement>('[role="tab"]'),
  ];
  const select = (tab: HTMLButtonElement, focus = true) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")!).hidden = !on;
    }
    if (focus) tab.focus();
    $(tab.getAttribute("aria-controls")!).dispatchEvent(new Event("tab-shown"));
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (e) => {
      const k = e.key;
      const next =
        k === "ArrowRight"
          ? i + 1
          : k === "ArrowLeft"
            ? i - 1
            : k === "Home"
              ? 0
              : k === "End"
                ? tabs.length - 1
                : null;
      if (next === null) return;
      e.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length]!);
    });
  });
}

// ---------------------------------------------------------------- 导入计划
function sourceKind(): string {
  return document.querySelector<HTMLInputElement>(
    'input[name="source"]:checked',
  )!.value;
}

async function readSource(): Promise<PlanSource> {
  const kind = sourceKind();
  if (kind === "embedded")
    return fromText(
      embeddedPlan,
      "内置方案：梁平区 2023 年政府工作报告目标任务分解方案",
    );
  if (kind === "paste")
    return fromText($<HTMLTextAreaElement>("plan-text").value, "粘贴的文本");
  const file = $<HTMLInputElement>("plan-file").files?.[0];
  if (!file) throw new PlanInputError("请先选择文件。", "no-file");
  return fromBytes(new Uint8Array(await file.arrayBuffer()), file.name);
}

function setupImport(): void {
  const write = $<HTMLButtonElement>("btn-write");
  const previewBtn = $<HTMLButtonElement>("btn-preview");
  for (const radio of document.querySelectorAll<HTMLInputElement>(
    'input[name="source"]',
  ))
    radio.addEventListener("change", () => {
      $("source-file").hidden = sourceKind() !== "file";
      $("source-paste").hidden = sourceKind() !== "paste";
      current = null;
      write.disabled = true;
    });
  previewBtn.addEventListener("click", () =>
    guarded(
      "import-status",
      "正在解析…",
      async () => {
        current = null;
        write.disabled = true;
        $("preview").hidden = true;
        $("changes").hidden = true;
        const src = await readSource();
        const p = preview(src);
        $("preview").innerHTML = previewHtml(p);
        $("preview").hidden = false;
        if (!p.ok) {
          say(
            "import-status",
            p.tasks === 0
              ? "没有识别出任务：请确认这是目标任务分解方案。"
              : "方案有错误，不能写入，请查看下方列表。",
            "error",
          );
          return;
        }
        current = src;
        write.disabled = false;
        say(
          "import-status",
          `已识别 ${p.tasks} 项任务。确认无误后点击“写入台账”。`,
          "ok",
        );
      },
      [previewBtn],
    ),
  );
  write.addEventListener("click", () =>
    guarded(
      "import-status",
      "正在写入台账…（大方案可能需要几秒）",
      async () => {
        if (!current?.plan)
          throw new PlanInputError("请先预览。", "no-preview");
        const plan: Plan = current.plan;
        const password = $<HTMLInputElement>("protect-password").value;
        const r = await importPlan(excelRun(), plan, { api19, password });
        const base = `已写入 ${r.report.sheets.length} 张工作表（${r.report.sheets.join("、")}），${plan.tasks.length} 项任务。`;
        if (r.changesText) {
          $("changes").textContent = r.changesText;
          $("changes").hidden = false;
          say(
            "import-status",
            `${base}\n已更新现有台账：保留填报 ${r.kept!.entries} 条、实际值 ${r.kept!.actuals} 个；归档 ${r.kept!.archived} 行。变化见下方。`,
            "ok",
          );
        } else say("import-status", base, "ok");
      },
      [write, previewBtn],
    ),
  );
}

// ---------------------------------------------------------------- 我的单位
function setupUnits(): void {
  const select = $<HTMLSelectElement>("unit-select");
  const load = async () => {
    const read = await readWorkbookLedger(excelRun());
    const units = unitsOf(read);
    select.innerHTML = units
      .map((u) => `<option value="${escapeHtml(u)}">${escapeHtml(u)}</option>`)
      .join("");
    say("unit-status", `共 ${units.length} 个单位。`, "ok");
  };
  $("btn-unit-load").addEventListener("click", () =>
    guarded("unit-status", "正在读取台账…", load),
  );
  // The first time the tab opens in Excel, fill the list at once.
  $("panel-unit").addEventListener("tab-shown", () => {
    if (run && !select.value)
      void guarded("unit-status", "正在读取台账…", load);
  });
  $("btn-unit-apply").addEventListener("click", () =>
    guarded("unit-status", "正在筛选…", async () => {
      if (!select.value) await load();
      const unit = select.value;
      const n = await filterByUnit(excelRun(), unit);
      say(
        "unit-status",
        `已筛选“${unit}”：任务 ${n.tasks} 项，指标 ${n.targets} 个。`,
        "ok",
      );
    }),
  );
  $("btn-unit-clear").addEventListener("click", () =>
    guarded("unit-status", "正在清除筛选…", async () => {
      const n = await filterByUnit(excelRun(), null);
      say(
        "unit-status",
        `已显示全部：任务 ${n.tasks} 项，指标 ${n.targets} 个。`,
        "ok",
      );
    }),
  );
}

// ---------------------------------------------------------------- 当前季度
function setupQuarter(): void {
  const buttons = [
    ...document.querySelectorAll<HTMLButtonElement>("[data-quarter]"),
  ];
  for (const b of buttons)
    b.addEventListener("click", () =>
      guarded("quarter-status", "正在设置…", async () => {
        const q = Number(b.dataset.quarter) as Quarter;
        await setQuarter(excelRun(), q);
        buttons.forEach((x) => x.setAttribute("aria-pressed", String(x === b)));
        say(
          "quarter-status",
          `当前季度已设为${b.textContent}，已转到“任务”表的${b.textContent}填报列。`,
          "ok",
        );
      }),
    );
}

// ---------------------------------------------------------------- 检查填报
function setupCheck(): void {
  const results = $("check-results");
  $("btn-check").addEventListener("click", () =>
    guarded("check-status", "正在检查…", async () => {
      results.innerHTML = "";
      const r = await checkWorkbook(excelRun());
      const qName =
        r.quarter === null ? "（当前季度无效）" : QUARTER_NAMES[r.quarter];
      if (r.total === 0) {
        say("check-status", `${qName}填报没有发现问题。`, "ok");
        return;
      }
      say(
        "check-status",
        `${qName}共发现 ${r.total} 个问题，涉及 ${r.groups.length} 个单位。点击问题定位单元格。`,
        "error",
      );
      for (const g of r.groups) {
        const section = document.createElement("section");
        section.className = "unit-group";
        section.innerHTML = `<h3><span>${escapeHtml(g.unit)}</span><span class="count">${g.problems.length}</span></h3>`;
        const ul = document.createElement("ul");
        for (const p of g.problems) {
          const li = document.createElement("li");
          const b = document.createElement("button");
          b.className = `problem-link ${p.severity}`;
          b.dataset.sheet = p.sheet;
          b.dataset.cell = p.cell;
          b.innerHTML = `<span class="cell">${escapeHtml(`${p.sheet}!${p.cell}`)}</span>${escapeHtml(p.message)}`;
          b.addEventListener("click", () =>
            guarded(
              "check-status",
              `正在定位 ${p.sheet}!${p.cell}…`,
              async () => {
                await selectCell(excelRun(), p.sheet, p.row, p.col);
                say(
                  "check-status",
                  `已选中 ${p.sheet}!${p.cell}：${p.message}`,
                  "info",
                );
              },
            ),
          );
          li.appendChild(b);
          ul.appendChild(li);
        }
        section.appendChild(ul);
        results.appendChild(section);
      }
    }),
  );
}

// ---------------------------------------------------------------- 导出
function download(blob: Blob, name: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 10_000);
}

/** The whole workbook as .xlsx bytes through Office's getFileAsync (slices of up to 4 MB). */
function workbookBytes(): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const doc = (globalThis as { Office?: typeof Office }).Office?.context
      ?.document;
    if (!doc?.getFileAsync) {
      reject(
        new Error("此 Excel 不支持导出文件：请用“文件 → 另存为”保存 .xlsx。"),
      );
      return;
    }
    doc.getFileAsync(
      // The enum's value, spelled out: Office.FileType exists only inside Office.
      "compressed" as unknown as Office.FileType,
      { sliceSize: 4 * 1024 * 1024 },
      (res) => {
        if (
          res.status !== ("succeeded" as unknown as Office.AsyncResultStatus)
        ) {
          reject(
            new Error(
              `无法读取工作簿文件：${res.error?.message ?? "未知错误"}`,
            ),
          );
          return;
        }
        const file = res.value;
        const parts: BlobPart[] = [];
        const next = (i: number) => {
          if (i === file.sliceCount) {
            file.closeAsync();
            resolve(
              new Blob(parts, {
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              }),
            );
            return;
          }
          file.getSliceAsync(i, (s) => {
            if (
              s.status !== ("succeeded" as unknown as Office.AsyncResultStatus)
            ) {
              file.closeAsync();
              reject(
                new Error(
                  `读取工作簿第 ${i + 1} 段失败：${s.error?.message ?? ""}`,
                ),
              );
              return;
            }
            parts.push(new Uint8Array(s.value.data as number[]));
            next(i + 1);
          });
        };
        next(0);
      },
    );
  });
}

function setupExport(): void {
  const stamp = () => new Date().toISOString().slice(0, 10);
  $("btn-export-xlsx").addEventListener("click", () =>
    guarded("export-status", "正在生成工作簿副本…", async () => {
      const blob = await workbookBytes();
      download(blob, `目标任务台账-${stamp()}.xlsx`);
      say(
        "export-status",
        `已下载工作簿（${Math.round(blob.size / 1024)} KB）。请把它发给评估人员生成季度报告。`,
        "ok",
      );
    }),
  );
  $("btn-export-json").addEventListener("click", () =>
    guarded("export-status", "正在读取台账…", async () => {
      const read = await readWorkbookLedger(excelRun());
      const blob = new Blob([JSON.stringify(read.ledger, null, 2)], {
        type: "application/json",
      });
      download(blob, `台账-${stamp()}.json`);
      say(
        "export-status",
        `已导出台账 JSON：${read.ledger.plan.tasks.length} 项任务、${read.ledger.entries.length} 条填报。请把它发给评估人员。`,
        "ok",
      );
    }),
  );
}

// ---------------------------------------------------------------- start
function start(info: { host: unknown } | null): void {
  const ex = (globalThis as { Excel?: { run: ExcelRun } }).Excel;
  if (ex?.run) run = ex.run.bind(ex) as ExcelRun;
  try {
    api19 = Boolean(
      (
        globalThis as { Office?: typeof Office }
      ).Office?.context?.requirements?.isSetSupported("ExcelApi", "1.9"),
    );
  } catch {
    api19 = false;
  }
  if (!run) {
    const w = $("host-warning");
    w.textContent =
      "未在 Excel 中运行：可以预览方案，但不能写入。请在 Excel“开始”选项卡点击“任务台账”。";
    w.hidden = false;
  }
  document.body.dataset.ready = info?.host ? String(info.host) : "none";
}

setupTabs();
setupImport();
setupUnits();
setupQuarter();
setupCheck();
setupExport();
const office = (globalThis as { Office?: typeof Office }).Office;
if (office?.onReady) office.onReady((info) => start(info));
else start(null);
