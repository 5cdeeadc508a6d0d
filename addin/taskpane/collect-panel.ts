/**
 * The 分发回收 tab. 分发: the open ledger's unit workbooks (the split's shared code, in the lazily
 * loaded collect bundle) as one .zip, where the client can download. 回收: returned files chosen in
 * the pane → a preview of the shared merge (nothing written) → 应用 writes the merged master with
 * 变更记录 and 回收情况 (addin/excel/merge.officejs.ts). taskpane.ts calls setupCollect once.
 */
import type { Quarter } from "../../shared/ledger/schema";
import type { ReturnedFile } from "../../shared/collect/merge.types";
import {
  collectivesNote,
  splitGaps,
  unfiledNote,
  unitsToSplit,
} from "../../shared/collect/scope";
import { QUARTER_NAMES } from "../../shared/vocabulary";
import { formatProblem } from "../../shared/workbook/reader.grid";
import type { ReadResult } from "../../shared/workbook/reader";
import {
  quarterInvalid,
  settingsRefusal,
} from "../../shared/workbook/sheet.settings";
import { readWorkbookLedger } from "../excel/ledger.officejs";
import {
  applyMerge,
  previewMerge,
  type MergePreview,
} from "../excel/merge.officejs";
import type { ExcelRun } from "../excel/writer.officejs";
import { loadCollect } from "./collect-loader";
import { collectView } from "./collect-view";
import { download } from "./download";
import { fileRoute, officeView } from "./office-env";
import { chineseOnly, escapeHtml } from "./text";

type Kind = "info" | "ok" | "error" | "busy";

/** What the pane's wiring lends this tab. */
export interface CollectDeps {
  /** Excel.run, or throws the Chinese reason there is none. */
  excelRun(): ExcelRun;
  api19(): boolean;
  say(id: string, text: string, kind?: Kind): void;
  guarded(
    statusId: string,
    busy: string,
    work: () => Promise<void>,
    buttons?: HTMLButtonElement[],
  ): Promise<void>;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) =>
  document.getElementById(id) as T;

/** Why this master cannot be split (a unit workbook, no plan record, bad settings), or null. */
function splitRefusal(read: ReadResult, quarterGiven: boolean): string | null {
  if (read.unit)
    return `这是“${read.unit.identity.unit}”的单位填报表，不是总台账：请在总台账中分发。`;
  const record = read.problems.find(
    (p) => p.code === "plan-record-missing" || p.code === "plan-record-invalid",
  );
  if (record)
    return `台账没有可用的方案记录（${chineseOnly(record.message)}），回收时无法核对，未分发：请在“导入计划”中用原方案重新写入台账后再分发。`;
  const bad = settingsRefusal(read, quarterGiven);
  if (bad.length > 0)
    return `设置无效，未分发：${bad.map((p) => chineseOnly(formatProblem(p))).join("；")}。请改正设置表${quarterGiven ? "" : "，或选择填报季度"}后再分发。`;
  return null;
}

/** What a split of every unit leaves out, as list items (none: ""): the notes `split` prints. */
function splitGapsHtml(read: ReadResult): string {
  const gaps = splitGaps(read.ledger.plan);
  return [
    ["unfiled", unfiledNote(gaps)],
    ["collectives", collectivesNote(gaps)],
  ]
    .filter((n): n is [string, string] => n[1] !== null)
    .map(
      ([kind, note]) =>
        `<li data-gap="${kind}">${escapeHtml(chineseOnly(note))}。</li>`,
    )
    .join("");
}

function setupDistribute(d: CollectDeps): void {
  const quarterSel = $<HTMLSelectElement>("dist-quarter");
  const unitSel = $<HTMLSelectElement>("dist-unit-select");
  const btn = $<HTMLButtonElement>("btn-distribute");
  const gapsBox = $("distribute-gaps");
  const chosen = () =>
    document.querySelector<HTMLInputElement>(
      'input[name="dist-units"]:checked',
    )!.value === "chosen";
  let listed = false;
  const listUnits = (read: ReadResult) => {
    const keep = new Set([...unitSel.selectedOptions].map((o) => o.value));
    unitSel.innerHTML = unitsToSplit(read.ledger.plan)
      .map(
        (u) =>
          `<option value="${escapeHtml(u)}"${keep.has(u) ? " selected" : ""}>${escapeHtml(u)}</option>`,
      )
      .join("");
    const q = quarterInvalid(read) ? null : read.ledger.settings.quarter;
    quarterSel.options[0]!.textContent = q
      ? `当前季度（${QUARTER_NAMES[q]}）`
      : "当前季度";
    listed = true;
  };
  for (const r of document.querySelectorAll<HTMLInputElement>(
    'input[name="dist-units"]',
  ))
    r.addEventListener("change", () => {
      unitSel.hidden = !chosen();
    });
  $("panel-collect").addEventListener("tab-shown", () => {
    if (listed) return;
    let run: ExcelRun;
    try {
      run = d.excelRun();
    } catch {
      return; // outside Excel: the buttons say why when used
    }
    void readWorkbookLedger(run)
      .then(listUnits)
      .catch(() => {}); // no ledger yet: 分发 says so when clicked
  });
  btn.addEventListener("click", () =>
    d.guarded(
      "distribute-status",
      "正在读取台账…",
      async () => {
        gapsBox.hidden = true;
        // Where no file can be handed over (Excel for Mac, iPad), say what to do instead.
        const route = fileRoute(officeView(), "zip");
        if (route.kind === "manual") {
          d.say("distribute-status", `${route.why}${route.todo}`, "info");
          return;
        }
        const read = await readWorkbookLedger(d.excelRun());
        listUnits(read);
        const asked = quarterSel.value
          ? (Number(quarterSel.value) as Quarter)
          : null;
        const refusal = splitRefusal(read, asked !== null);
        if (refusal) throw new Error(refusal);
        const quarter = asked ?? read.ledger.settings.quarter;
        const every = !chosen();
        const units = !every
          ? [...unitSel.selectedOptions].map((o) => o.value)
          : unitsToSplit(read.ledger.plan);
        if (units.length === 0)
          throw new Error(
            !every
              ? "请在列表中选择要分发的单位（按住 Ctrl 可多选）。"
              : "台账中没有需要填报的具名单位。",
          );
        const deadline = $<HTMLInputElement>("dist-deadline").value || null;
        const sendTo = $<HTMLInputElement>("dist-send-to").value.trim() || null;
        d.say("distribute-status", "正在加载分发组件…", "busy");
        const collect = await loadCollect();
        const out = await collect.distribute(
          read.ledger,
          {
            quarter,
            deadline,
            sendTo,
            units,
            splitAt: new Date().toISOString(),
          },
          (done, total) =>
            d.say(
              "distribute-status",
              `正在生成单位填报表 ${done}/${total}…`,
              "busy",
            ),
        );
        download(
          new Blob([out.zip as Uint8Array<ArrayBuffer>], {
            type: "application/zip",
          }),
          out.zipName,
        );
        // as `split` does: every unit written → say which tasks and collectives no file carries
        gapsBox.innerHTML = every ? splitGapsHtml(read) : "";
        gapsBox.hidden = gapsBox.innerHTML === "";
        d.say(
          "distribute-status",
          `已开始下载 ${out.zipName}（${Math.max(1, Math.round(out.zip.length / 1024))} KB）：${out.files.length} 个单位填报表，${QUARTER_NAMES[quarter]}${deadline ? `，截止 ${deadline}` : ""}。解压后把每个文件发给文件名中的单位；如果没有出现下载，请在 Windows 版或网页版 Excel 中分发。`,
          "ok",
        );
      },
      [btn],
    ),
  );
}

function setupReturned(d: CollectDeps): void {
  const input = $<HTMLInputElement>("collect-files");
  const previewBtn = $<HTMLButtonElement>("btn-collect-preview");
  const applyBtn = $<HTMLButtonElement>("btn-collect-apply");
  const box = $("collect-preview");
  /** The files and the merge previewed from them; 应用 applies exactly this. */
  let pending: { files: ReturnedFile[]; preview: MergePreview } | null = null;
  const show = (p: MergePreview, lead: string) => {
    const v = collectView(p.outcome);
    box.innerHTML = v.html;
    box.hidden = v.html === "";
    d.say("collect-status", `${lead}${v.summary}`, v.kind);
    return v;
  };
  input.addEventListener("change", () => {
    pending = null;
    applyBtn.disabled = true;
    box.hidden = true;
  });
  previewBtn.addEventListener("click", () =>
    d.guarded(
      "collect-status",
      "正在读取交回的文件…",
      async () => {
        pending = null;
        applyBtn.disabled = true;
        box.hidden = true;
        const chosen = [...(input.files ?? [])];
        if (chosen.length === 0)
          throw new Error("请先选择各单位交回的填报表（.xlsx，可多选）。");
        const run = d.excelRun();
        const collect = await loadCollect();
        const files = await collect.readReturned(
          await Promise.all(
            chosen.map(async (f) => ({
              name: f.name,
              bytes: new Uint8Array(await f.arrayBuffer()),
            })),
          ),
        );
        d.say("collect-status", "正在读取台账并比对…", "busy");
        const preview = await previewMerge(
          run,
          files,
          new Date().toISOString(),
        );
        const v = show(preview, "预览（尚未写入）：");
        if (v.changes > 0) {
          pending = { files, preview };
          applyBtn.disabled = false;
        } else
          d.say(
            "collect-status",
            `${v.summary}。没有要写入台账的内容。`,
            v.kind,
          );
      },
      [previewBtn],
    ),
  );
  applyBtn.addEventListener("click", () => {
    // 应用 stays disabled until a preview gives something to apply
    applyBtn.disabled = true;
    void d
      .guarded(
        "collect-status",
        "正在写入台账…",
        async () => {
          if (!pending) throw new Error("请先预览。");
          const { files, preview } = pending;
          pending = null;
          const password = $<HTMLInputElement>("collect-password").value;
          const r = await applyMerge(
            d.excelRun(),
            files,
            preview,
            new Date().toISOString(),
            { api19: d.api19(), password },
          );
          if (!r.ok) {
            // Someone changed the workbook since the preview: show what applies now, ask again.
            const v = show(
              r.preview,
              "台账在预览后有改动，未写入；以下是按现在的台账重新预览的结果：",
            );
            if (v.changes > 0) pending = { files, preview: r.preview };
            return;
          }
          const v = collectView(r.outcome);
          box.innerHTML = v.html;
          box.hidden = v.html === "";
          d.say(
            "collect-status",
            r.report
              ? `已写入台账：${v.summary}。变更记录共 ${r.outcome.changelog.length} 行，回收情况已更新。${r.outcome.conflicts.length ? "冲突请核实后在台账中改正。" : ""}`
              : `${v.summary}。没有要写入台账的内容。`,
            v.kind,
          );
        },
        [previewBtn],
      )
      .finally(() => {
        applyBtn.disabled = pending === null;
      });
  });
}

export function setupCollect(deps: CollectDeps): void {
  setupDistribute(deps);
  setupReturned(deps);
}
