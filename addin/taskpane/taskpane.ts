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
import { quarterInvalid } from "../../shared/workbook/sheet.settings";
import { describeExcelError } from "../excel/errors";
import {
  checkWorkbook,
  existingLedger,
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
import { checkView } from "./check-view";
import { setupCollect } from "./collect-panel";
import { download } from "./download";
import { askInPane, cancelQuestion } from "./confirm";
import { importSummary, rewriteQuestion } from "./import-texts";
import {
  fileRoute,
  officeView,
  supports,
  unsupportedClientMessage,
  workbookKey,
} from "./office-env";
import { preview, previewHtml } from "./preview";
import { chineseOnly, escapeHtml } from "./text";
import { rememberUnit, rememberedUnit } from "./unit-memory";

const $ = <T extends HTMLElement = HTMLElement>(id: string) =>
  document.getElementById(id) as T;

let run: ExcelRun | null = null;
let api19 = false;
let current: PlanSource | null = null;
/** Set on a client below ExcelApi 1.8: the Excel actions say this instead of failing half-way. */
let unsupported: string | null = null;

function excelRun(): ExcelRun {
  if (unsupported) throw new Error(unsupported);
  if (!run)
    throw new Error(
      "未连接到 Excel：请在 Excel 中通过“开始 → 任务台账”打开本窗格。",
    );
  return run;
}

function say(
  id: string,
  text: string,
  kind: "info" | "ok" | "warn" | "error" | "busy" = "info",
): void {
  const el = $(id);
  el.textContent = text;
  el.className = `status ${kind === "info" ? "" : kind}`;
}

/** Any error as a Chinese sentence: the shared reader's and loader's messages lose their English gloss. */
function message(e: unknown): string {
  if (e instanceof PlanInputError || e instanceof LedgerReadError)
    return chineseOnly(e.message);
  if (e instanceof LedgerWriteError) return e.message;
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
      cancelQuestion($("write-confirm"));
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
        write.disabled = Boolean(unsupported);
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
      "正在查看工作簿…",
      async () => {
        if (!current?.plan)
          throw new PlanInputError("请先预览。", "no-preview");
        const plan: Plan = current.plan;
        $("changes").hidden = true;
        // Rewriting a ledger is asked first, in the pane (Office blocks window.confirm).
        const question = rewriteQuestion(await existingLedger(excelRun()));
        if (question) {
          say("import-status", "请确认是否改写现有台账。");
          if (!(await askInPane($("write-confirm"), question))) {
            say("import-status", "已取消：工作簿未改变。");
            return;
          }
        }
        say("import-status", "正在写入台账…（大方案可能需要几秒）", "busy");
        const password = $<HTMLInputElement>("protect-password").value;
        const r = await importPlan(excelRun(), plan, { api19, password });
        if (r.changesText) {
          $("changes").textContent = chineseOnly(r.changesText);
          $("changes").hidden = false;
        }
        const summary = importSummary(r, plan.tasks.length);
        say("import-status", summary.text, summary.kind);
      },
      [write, previewBtn],
    ).then(() => {
      // The source may have changed while the question was open: no plan, no write.
      write.disabled = !current?.plan || Boolean(unsupported);
    }),
  );
}

// ---------------------------------------------------------------- 我的单位
let units: string[] = [];

/** This workbook's 我的单位 (remembered per workbook and person), or null. */
function myUnit(): string | null {
  return rememberedUnit(workbookKey(officeView()));
}

function showMine(): void {
  const mine = myUnit();
  $("unit-mine").textContent = mine
    ? `我的单位：${mine}（检查填报时列在最前）`
    : "尚未选择我的单位。";
  $("check-mine").textContent = mine
    ? `我的单位：${mine}，其问题列在最前。`
    : "在“我的单位”中选择本单位后，本单位的问题会列在最前。";
}

/** Fills the list with the units whose names contain the search text; keeps the selection when it stays. */
function listUnits(): void {
  const select = $<HTMLSelectElement>("unit-select");
  const q = $<HTMLInputElement>("unit-search").value.trim();
  const keep = select.value || myUnit() || "";
  const shown = units.filter((u) => u.includes(q));
  select.innerHTML = shown
    .map((u) => `<option value="${escapeHtml(u)}">${escapeHtml(u)}</option>`)
    .join("");
  if (shown.includes(keep)) select.value = keep;
  else if (shown.length === 1) select.value = shown[0]!;
  $("unit-count").textContent = units.length
    ? q
      ? `找到 ${shown.length} 个（共 ${units.length} 个单位）`
      : `共 ${units.length} 个单位`
    : "";
}

function setupUnits(): void {
  const select = $<HTMLSelectElement>("unit-select");
  const load = async () => {
    const read = await readWorkbookLedger(excelRun());
    units = unitsOf(read);
    listUnits();
    say("unit-status", "");
  };
  $("unit-search").addEventListener("input", listUnits);
  $("btn-unit-load").addEventListener("click", () =>
    guarded("unit-status", "正在读取台账…", load),
  );
  // The first time the tab opens in Excel, fill the list at once.
  $("panel-unit").addEventListener("tab-shown", () => {
    showMine();
    if (run && !unsupported && units.length === 0)
      void guarded("unit-status", "正在读取台账…", load);
  });
  $("btn-unit-apply").addEventListener("click", () =>
    guarded("unit-status", "正在筛选…", async () => {
      if (units.length === 0) await load();
      const unit = select.value;
      if (!unit) throw new Error("请先在列表中选择单位。");
      rememberUnit(workbookKey(officeView()), unit);
      showMine();
      const n = await filterByUnit(excelRun(), unit);
      say(
        "unit-status",
        `已设为我的单位并筛选“${unit}”：任务 ${n.tasks} 项，指标 ${n.targets} 个。`,
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
/** The workbook's 当前季度 as read (null: not yet read, or invalid). */
let quarterNow: Quarter | null = null;

function showQuarter(q: Quarter | null, invalid = false): void {
  quarterNow = q;
  $("quarter-now").textContent = invalid
    ? "当前季度：设置表中的值无效，请选择一个季度。"
    : q
      ? `当前季度：${QUARTER_NAMES[q]}`
      : "当前季度：（未读取）";
  for (const b of document.querySelectorAll<HTMLButtonElement>(
    "[data-quarter]",
  ))
    b.setAttribute("aria-pressed", String(Number(b.dataset.quarter) === q));
}

async function readQuarter(): Promise<void> {
  const read = await readWorkbookLedger(excelRun());
  const invalid = quarterInvalid(read);
  showQuarter(invalid ? null : read.ledger.settings.quarter, invalid);
}

function setupQuarter(): void {
  const apply = (q: Quarter) =>
    guarded("quarter-status", "正在设置…", async () => {
      const before = quarterNow;
      await setQuarter(excelRun(), q);
      showQuarter(q);
      say(
        "quarter-status",
        before === q
          ? `当前季度仍是${QUARTER_NAMES[q]}，已转到“任务”表的${QUARTER_NAMES[q]}填报列。`
          : `当前季度已设为${QUARTER_NAMES[q]}，已转到“任务”表的${QUARTER_NAMES[q]}填报列。`,
        "ok",
      );
    });
  for (const b of document.querySelectorAll<HTMLButtonElement>(
    "[data-quarter]",
  ))
    b.addEventListener("click", () => {
      const q = Number(b.dataset.quarter) as Quarter;
      if (q === quarterNow) return void apply(q);
      // Changing it rescores every unit: ask first.
      void askInPane(
        $("quarter-confirm"),
        `把当前季度${quarterNow ? `从${QUARTER_NAMES[quarterNow]}` : ""}改为${QUARTER_NAMES[q]}？所有单位的序时目标、状态、得分和排名都会按${QUARTER_NAMES[q]}重新计算。`,
      ).then((yes) => {
        if (yes) void apply(q);
      });
    });
  $("panel-quarter").addEventListener("tab-shown", () => {
    if (run && !unsupported)
      void guarded("quarter-status", "正在读取当前季度…", async () => {
        await readQuarter();
        say("quarter-status", "");
      });
  });
}

// ---------------------------------------------------------------- 检查填报
function setupCheck(): void {
  const results = $("check-results");
  $("panel-check").addEventListener("tab-shown", showMine);
  $("btn-check").addEventListener("click", () =>
    guarded("check-status", "正在检查…", async () => {
      results.innerHTML = "";
      const r = await checkWorkbook(excelRun());
      const v = checkView(r.problems, r.quarter, myUnit());
      say("check-status", v.summary, v.kind);
      results.innerHTML = v.html;
    }),
  );
  results.addEventListener("click", (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>(
      "button[data-cell]",
    );
    if (!b) return;
    const { sheet, cell, row, col, message: text } = b.dataset;
    void guarded("check-status", `正在定位 ${sheet}!${cell}…`, async () => {
      await selectCell(excelRun(), sheet!, Number(row), Number(col));
      say("check-status", `已选中 ${sheet}!${cell}：${text}`, "info");
    });
  });
}

// ---------------------------------------------------------------- 导出
/** The whole workbook as .xlsx bytes through Office's getFileAsync (slices of up to 4 MB). */
function workbookBytes(): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const doc = (globalThis as { Office?: typeof Office }).Office!.context
      .document;
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
              `无法读取工作簿文件：${res.error?.message ?? "未知错误"}。请用“文件 → 另存为”保存工作簿。`,
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
  // Where no file can be handed over (Excel for Mac, iPad), say what to do instead: never a
  // success message for a download that did not happen.
  const manualOr = (what: "xlsx" | "json"): boolean => {
    const route = fileRoute(officeView(), what);
    if (route.kind === "download") return false;
    say("export-status", `${route.why}${route.todo}`, "info");
    return true;
  };
  $("btn-export-xlsx").addEventListener("click", () =>
    guarded("export-status", "正在生成工作簿副本…", async () => {
      if (manualOr("xlsx")) return;
      const blob = await workbookBytes();
      download(blob, `目标任务台账-${stamp()}.xlsx`);
      say(
        "export-status",
        `已开始下载工作簿副本（${Math.round(blob.size / 1024)} KB）。请在下载文件夹中找到它，发给评估人员生成季度报告；如果没有出现下载，请用“文件 → 另存为”保存。`,
        "ok",
      );
    }),
  );
  $("btn-export-json").addEventListener("click", () =>
    guarded("export-status", "正在读取台账…", async () => {
      if (manualOr("json")) return;
      const read = await readWorkbookLedger(excelRun());
      const blob = new Blob([JSON.stringify(read.ledger, null, 2)], {
        type: "application/json",
      });
      download(blob, `台账-${stamp()}.json`);
      say(
        "export-status",
        `已开始下载台账 JSON：${read.ledger.plan.tasks.length} 项任务、${read.ledger.entries.length} 条填报。请把它发给评估人员。`,
        "ok",
      );
    }),
  );
}

// ---------------------------------------------------------------- start
function start(info: { host: unknown } | null): void {
  const ex = (globalThis as { Excel?: { run: ExcelRun } }).Excel;
  if (ex?.run) run = ex.run.bind(ex) as ExcelRun;
  const view = officeView();
  api19 = supports(view, "ExcelApi", "1.9");
  // Inside Excel, a client below the writer's requirement set gets one Chinese sentence instead of
  // buttons that fail half-way (the manifest asks for ExcelApi 1.1 so that such clients open the pane).
  if (info?.host === "Excel") unsupported = unsupportedClientMessage(view);
  const w = $("host-warning");
  if (unsupported) {
    w.textContent = unsupported;
    w.hidden = false;
    for (const b of document.querySelectorAll<HTMLButtonElement>(
      "[data-excel]",
    ))
      b.disabled = true;
  } else if (!run) {
    w.textContent =
      "未在 Excel 中运行：可以预览方案，但不能写入。请在 Excel“开始”选项卡点击“任务台账”。";
    w.hidden = false;
  }
  showMine();
  document.body.dataset.ready = info?.host ? String(info.host) : "none";
}

setupTabs();
setupImport();
setupUnits();
setupQuarter();
setupCheck();
setupExport();
setupCollect({ excelRun, api19: () => api19, say, guarded });
const office = (globalThis as { Office?: typeof Office }).Office;
if (office?.onReady) office.onReady((info) => start(info));
else start(null);
