/**
 * The built task pane in headless Chromium (test/helpers/pane.ts): the recording Excel fake as
 * `window.Excel`, and either the real office.js outside Office or a fake Office client of a given
 * platform and requirement sets.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHEETS, SHEET_ORDER } from "../shared/workbook/labels";
import { parsePlan } from "../shared/plan/parse";
import { startPane, statusText, waitStatus, writeSeedLedger, type FakeOffice, type PaneHarness } from "./helpers/pane";

const root = join(import.meta.dirname, "..");
let pane: PaneHarness;
// The seed as a Word file, made once by LibreOffice (scripts/plan-fixture-docx.ts).
const docxPath = join(root, "test/fixtures/plan/liangping-2023.docx");

beforeAll(async () => {
  pane = await startPane();
});

afterAll(async () => {
  await pane?.close();
});

const openPane = (options?: Parameters<PaneHarness["open"]>[0]) => pane.open(options);
const sheetNames = (page: Page) => page.evaluate(() => (window as any).__host.sheets.map((s: any) => s.name) as string[]);
// ExcelApi 1.12: the Excel fake has no merged areas (1.13), which the reader asks for when supported.
const PC: FakeOffice = { platform: "PC", sets: { ExcelApi: "1.12", CompressedFile: "1.1" }, url: "https://contoso.sharepoint.com/台账.xlsx" };

describe("task pane in Chromium", () => {
  it("previews the embedded plan and writes the ledger into the workbook", async () => {
    const { page, external } = await openPane();
    expect(await page.$eval("#host-warning", (el) => (el as HTMLElement).hidden)).toBe(true);
    // At 320 px: the five tabs sit on one row, and the unused source fields take no space.
    expect(new Set(await page.$$eval('[role="tab"]', (els) => els.map((e) => (e as HTMLElement).offsetTop))).size).toBe(1);
    expect(await page.$eval("#source-file", (el) => el.getBoundingClientRect().height)).toBe(0);
    expect(await page.$eval("#source-paste", (el) => el.getBoundingClientRect().height)).toBe(0);
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    expect(await page.$eval('[data-stat="任务"]', (el) => el.textContent)).toBe("117");
    const seed = parsePlan(readFileSync(join(root, "seeds/liangping-2023.txt"), "utf8")).plan!;
    expect(Number(await page.$eval('[data-stat="单位"]', (el) => el.textContent))).toBe(seed.units.length);
    expect(Number(await page.$eval('[data-stat="指标"]', (el) => el.textContent))).toBe(seed.tasks.flatMap((t) => t.targets).length);
    expect(await page.$eval("#preview", (el) => el.textContent)).toMatch(/二、/);
    expect(await page.$eval("#btn-write", (el) => (el as HTMLButtonElement).disabled)).toBe(false);
    await page.click("#btn-write");
    await waitStatus(page, "import-status");
    const s = await statusText(page, "import-status");
    expect(s.text).toMatch(/已写入 8 张工作表/);
    expect(s.cls).toMatch(/ok/);
    expect(await sheetNames(page)).toEqual(SHEET_ORDER.map((k) => SHEETS[k]));
    // Writing again asks first, in the pane: what happens to entries, removed tasks and the password.
    const ops = () => page.evaluate(() => (window as any).__host.stats.ops as number);
    await page.click("#btn-write");
    await page.waitForSelector("#write-confirm:not([hidden])");
    const question = await page.$eval("#write-confirm-text", (el) => el.textContent ?? "");
    expect(question).toMatch(/已有台账.*更新/);
    expect(question).toMatch(/跟随各自的任务保留/);
    expect(question).toMatch(/移入“归档”表/);
    expect(question).toMatch(/受工作表保护.*原密码/);
    expect(await page.$$eval("#write-confirm-text .point", (els) => els.length)).toBe(3);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("btn-write-yes");
    // 取消: nothing is written.
    const before = await ops();
    await page.click("#btn-write-no");
    await waitStatus(page, "import-status");
    expect((await statusText(page, "import-status")).text).toBe("已取消：工作簿未改变。");
    expect(await page.$eval("#write-confirm", (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await ops()).toBe(before);
    // Another source chosen while asked: the question is answered 取消 and 写入台账 waits for a preview.
    await page.click("#btn-write");
    await page.waitForSelector("#write-confirm:not([hidden])");
    await page.click('input[name="source"][value="paste"]');
    await waitStatus(page, "import-status");
    expect((await statusText(page, "import-status")).text).toBe("已取消：工作簿未改变。");
    expect(await page.$eval("#write-confirm", (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await page.$eval("#btn-write", (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    expect(await ops()).toBe(before);
    await page.click('input[name="source"][value="embedded"]');
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    // 更新台账: the ledger is updated and what changed (nothing) is shown.
    await page.click("#btn-write");
    await page.waitForSelector("#write-confirm:not([hidden])");
    await page.click("#btn-write-yes");
    await page.waitForFunction(() => /已写入/.test(document.getElementById("import-status")!.textContent ?? ""), { timeout: 60_000 });
    expect((await statusText(page, "import-status")).text).toMatch(/已更新现有台账/);
    const changes = await page.$eval("#changes", (el) => el.textContent);
    expect(changes).toMatch(/新增任务 0 项，删除任务 0 项/);
    // The shared summary's English gloss (for the CLI's logs) is not shown to staff.
    expect(changes).not.toMatch(/added|removed/);
    // Nothing but office.js (served locally) came from outside the page's origin; the only other
    // request, aborted, is office.js's own telemetry outside Office.
    expect(external.filter((u) => !/^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//.test(u))).toEqual([]);
    // Fits 320 px: no horizontal scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.close();
  });

  it("a bad file gives a Chinese error and changes nothing", async () => {
    const { page } = await openPane();
    const before = await page.evaluate(() => ({ ops: (window as any).__host.stats.ops, sheets: (window as any).__host.sheets.map((s: any) => s.name) }));
    await page.click('input[name="source"][value="file"]');
    const dir = mkdtempSync(join(tmpdir(), "addin-bad-"));
    const cases: [string, Buffer, RegExp][] = [
      ["方案.pdf", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n"), /PDF 文件/],
      ["方案.docx", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), /无法读取.*已损坏或不是 Word 文档/],
      ["照片.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 0, 0, 9])],
      ["新闻.txt", Buffer.from("今天天气很好，我们去公园散步。\n公园里有很多人。\n")],
    ].map(([n, b, re]) => [n as string, b as Buffer, (re as RegExp) ?? /[\u4e00-\u9fff]/]);
    for (const [name, bytes, re] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const input = await page.$("#plan-file");
      await (input as any).uploadFile(path);
      await page.click("#btn-preview");
      await waitStatus(page, "import-status");
      const s = await statusText(page, "import-status");
      expect(s.cls, name).toMatch(/error/);
      expect(s.text, name).toMatch(re);
      expect(s.text, name).toMatch(/[\u4e00-\u9fff]/);
      expect(await page.$eval("#btn-write", (el) => (el as HTMLButtonElement).disabled), name).toBe(true);
    }
    const after = await page.evaluate(() => ({ ops: (window as any).__host.stats.ops, sheets: (window as any).__host.sheets.map((s: any) => s.name) }));
    expect(after).toEqual(before);
    await page.close();
  });

  it("imports a .docx through mammoth's browser build", async () => {
    const { page } = await openPane();
    await page.click('input[name="source"][value="file"]');
    await ((await page.$("#plan-file")) as any).uploadFile(docxPath);
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    expect((await statusText(page, "import-status")).text).toMatch(/已识别 117 项任务/);
    await page.close();
  });

  it("检查填报: 我的单位 first, every unit a task names, 未填报 as a count and a list, clicks select cells", async () => {
    const seed = parsePlan(readFileSync(join(root, "seeds/liangping-2023.txt"), "utf8")).plan!;
    const { page } = await openPane({ office: PC });
    await writeSeedLedger(page);
    // Q1: task 1 is 滞后 without 存在问题; every other task is not reported yet.
    await page.evaluate(async () => {
      await (window as any).__host.run(async (ctx: any) => {
        ctx.workbook.worksheets.getItem("任务").getRange("G3").values = [["滞后"]];
        await ctx.sync();
      });
    });
    await page.click("#tab-unit");
    await page.waitForFunction(() => document.querySelectorAll("#unit-select option").length > 40);
    await page.type("#unit-search", "财政");
    const shown = await page.$$eval("#unit-select option", (els) => els.map((e) => e.textContent));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((u) => u!.includes("财政"))).toBe(true);
    await page.select("#unit-select", "区财政局");
    await page.click("#btn-unit-apply");
    await waitStatus(page, "unit-status");

    await page.click("#tab-check");
    expect(await page.$eval("#check-mine", (el) => el.textContent)).toMatch(/我的单位：区财政局/);
    await page.click("#btn-check");
    await waitStatus(page, "check-status");
    const task1 = seed.tasks[0]!;
    const unitsOfTask1 = new Set([...task1.lead, ...task1.responsible]);
    const named = new Set(seed.tasks.flatMap((t) => [...t.lead, ...t.responsible]));
    const s = await statusText(page, "check-status");
    expect(s.text).toContain(`一季度：${seed.tasks.length - 1} 项任务未填报，1 个填报问题，涉及 ${named.size} 个单位。`);
    expect(s.cls).toMatch(/error/);
    const groups = await page.$$eval(".unit-group", (els) =>
      els.map((e) => ({
        unit: (e as HTMLElement).dataset.unit,
        unreported: e.querySelectorAll(".task-link").length,
        problems: e.querySelectorAll(".problem-link").length,
        summary: e.querySelector(".unreported summary")?.textContent ?? "",
      })),
    );
    // Grouped by every unit a task names, 我的单位 first.
    expect(groups.map((g) => g.unit).sort()).toEqual([...named].sort());
    expect(groups[0]!.unit).toBe("区财政局");
    expect(await page.$eval(".unit-group.mine .tag", (el) => el.textContent)).toBe("我的单位");
    const ownTasks = seed.tasks.filter((t) => t !== task1 && [...t.lead, ...t.responsible].includes("区财政局"));
    expect(groups[0]!.unreported).toBe(ownTasks.length);
    expect(groups[0]!.summary).toBe(`未填报一季度状态：${ownTasks.length} 项任务`);
    // Not one red error per unreported task: the only error rows are task 1's, once under each of its units.
    expect(
      groups
        .filter((g) => g.problems > 0)
        .map((g) => g.unit)
        .sort(),
    ).toEqual([...unitsOfTask1].sort());
    expect(groups.reduce((n, g) => n + g.unreported, 0)).toBe(
      seed.tasks.filter((t) => t !== task1).reduce((n, t) => n + new Set([...t.lead, ...t.responsible]).size, 0),
    );
    // No English glosses in what staff read.
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
    // Select an unreported task with the keyboard: focus its button and press Enter.
    const second = `.unit-group.mine .task-link`;
    const cell = await page.$eval(second, (el) => (el as HTMLElement).dataset.cell);
    await page.focus(second);
    await page.keyboard.press("Enter");
    await waitStatus(page, "check-status");
    expect((await statusText(page, "check-status")).text).toMatch(new RegExp(`已选中 任务!${cell}：任务 \\d+ 未填报一季度状态`));
    const sel = await page.evaluate(() => (window as any).__host.selection);
    expect(sel.sheet).toBe("任务");
    await page.close();
  });

  it("我的单位 is remembered per workbook, not for every workbook", async () => {
    const first = await openPane({ office: PC });
    await writeSeedLedger(first.page);
    await first.page.click("#tab-unit");
    await first.page.waitForFunction(() => document.querySelectorAll("#unit-select option").length > 40);
    await first.page.select("#unit-select", "区农业农村委");
    await first.page.click("#btn-unit-apply");
    await waitStatus(first.page, "unit-status");
    await first.page.close();
    const again = await openPane({ office: PC, keepStorage: true });
    await again.page.click("#tab-check");
    expect(await again.page.$eval("#check-mine", (el) => el.textContent)).toMatch(/我的单位：区农业农村委/);
    await again.page.close();
    const other = await openPane({ office: { ...PC, url: "https://contoso.sharepoint.com/另一本.xlsx" }, keepStorage: true });
    await other.page.click("#tab-check");
    expect(await other.page.$eval("#check-mine", (el) => el.textContent)).not.toMatch(/区农业农村委/);
    await other.page.close();
  });

  it("当前季度 shows the quarter before any click, warns, and asks before changing it", async () => {
    const { page } = await openPane({ office: PC });
    await writeSeedLedger(page);
    await page.click("#tab-quarter");
    await page.waitForFunction(() => /一季度/.test(document.getElementById("quarter-now")!.textContent ?? ""));
    expect(await page.$eval('[data-quarter="1"]', (el) => el.getAttribute("aria-pressed"))).toBe("true");
    expect(await page.$eval("#panel-quarter", (el) => (el as HTMLElement).innerText)).toMatch(/修改它会改变每个单位的得分/);
    const b3 = () => page.evaluate(() => (window as any).__host.sheets.find((s: any) => s.name === "设置").cells.get("2,1").value);
    await page.click('[data-quarter="3"]');
    expect(await page.$eval("#quarter-confirm", (el) => (el as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval("#quarter-confirm-text", (el) => el.textContent)).toMatch(/从一季度改为三季度.*得分/);
    await page.click("#btn-quarter-no");
    expect(await b3()).toBe(1);
    await page.click('[data-quarter="3"]');
    await page.click("#btn-quarter-yes");
    await waitStatus(page, "quarter-status");
    expect((await statusText(page, "quarter-status")).text).toMatch(/当前季度已设为三季度/);
    expect(await b3()).toBe(3);
    expect(await page.$eval("#quarter-now", (el) => el.textContent)).toBe("当前季度：三季度");
    await page.close();
  });

  it("below ExcelApi 1.8 (volume-licensed Office 2019) the pane says so in Chinese and writes nothing", async () => {
    const { page } = await openPane({ office: { platform: "PC", sets: { ExcelApi: "1.7", CompressedFile: "1.1" } } });
    const w = await page.$eval("#host-warning", (el) => ({ hidden: (el as HTMLElement).hidden, text: el.textContent }));
    expect(w.hidden).toBe(false);
    expect(w.text).toMatch(/ExcelApi 1\.8.*Office 2019.*Microsoft 365/);
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    expect((await statusText(page, "import-status")).text).toMatch(/已识别 117 项任务/);
    expect(await page.$eval("#btn-write", (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    expect(await page.$eval("#btn-check", (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    expect(await page.evaluate(() => (window as any).__host.sheets.length)).toBe(1);
    await page.close();
  });

  it.each([
    [
      "Mac",
      { platform: "Mac", sets: { ExcelApi: "1.12", CompressedFile: "1.1" }, slices: [[80, 75]] },
      /Excel for Mac.*不能下载.*文件 → 另存为/,
      ["xlsx", "json"],
    ],
    ["iPad", { platform: "iOS", sets: { ExcelApi: "1.12" } }, /移动设备.*电脑上/, ["xlsx", "json"]],
    // The browser downloads the JSON; only the workbook's bytes are missing.
    ["the web without CompressedFile", { platform: "OfficeOnline", sets: { ExcelApi: "1.12" }, slices: [[80, 75]] }, /文件 → 另存为 → 下载副本/, ["xlsx"]],
  ] as [string, FakeOffice, RegExp, string[]][])("导出 in %s says what to do and never reports a download", async (_name, office, todo, buttons) => {
    const { page } = await openPane({ office });
    await writeSeedLedger(page);
    await page.click("#tab-export");
    await page.evaluate(() => {
      (window as any).__downloads = [];
      HTMLAnchorElement.prototype.click = function () {
        (window as any).__downloads.push(this.download);
      };
    });
    for (const id of buttons.map((b) => `btn-export-${b}`)) {
      await page.click(`#${id}`);
      await waitStatus(page, "export-status");
      const s = await statusText(page, "export-status");
      expect(s.text, id).not.toMatch(/已下载|已导出|开始下载/);
      expect(s.cls, id).not.toMatch(/ok/);
    }
    expect((await statusText(page, "export-status")).text).toMatch(/[\u4e00-\u9fff]/);
    await page.click("#btn-export-xlsx");
    await waitStatus(page, "export-status");
    expect((await statusText(page, "export-status")).text).toMatch(todo);
    expect(await page.evaluate(() => ({ d: (window as any).__downloads, f: (window as any).__fileRequest ?? null }))).toEqual({ d: [], f: null });
    await page.close();
  });

  it("tabs follow the keyboard (arrow keys) and the quarter buttons set 设置", async () => {
    const { page } = await openPane();
    await page.focus("#tab-import");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-unit");
    expect(await page.$eval("#panel-unit", (el) => (el as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval("#panel-import", (el) => (el as HTMLElement).hidden)).toBe(true);
    await page.keyboard.press("End");
    // the last tab, whichever panels there are
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await page.$$eval('[role="tab"]', (els) => els[els.length - 1]!.id));
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe("tab-import");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-import");
    // Write a ledger, then set Q2 (and confirm).
    await writeSeedLedger(page);
    await page.click("#tab-quarter");
    await waitStatus(page, "quarter-status");
    await page.click('[data-quarter="2"]');
    await page.click("#btn-quarter-yes");
    await waitStatus(page, "quarter-status");
    expect((await statusText(page, "quarter-status")).text).toMatch(/当前季度已设为二季度/);
    const b3 = await page.evaluate(() => (window as any).__host.sheets.find((s: any) => s.name === "设置").cells.get("2,1").value);
    expect(b3).toBe(2);
    await page.close();
  });

  it("a new ledger is written without a question; the writer's warnings (a refused print setting) are shown; the password help says an update keeps it", async () => {
    const { page } = await openPane({ office: PC });
    await page.evaluate(() => {
      (window as any).__host.options.failAt = (op: string) =>
        op.startsWith("pageLayout.zoom") ? new (window as any).ExcelFake.FakeOfficeError("InvalidArgument", "verticalFitToPages") : null;
    });
    await writeSeedLedger(page);
    expect(await page.$eval("#write-confirm", (el) => (el as HTMLElement).hidden)).toBe(true);
    const s = await statusText(page, "import-status");
    expect(s.text).toMatch(/^已写入 8 张工作表/);
    expect(s.text).toMatch(/\n注意：打印设置未能全部完成（参数无效.*）：台账已写入并受保护/);
    expect(s.cls).toMatch(/warn/);
    expect(s.cls).not.toMatch(/ok|error/);
    expect(await page.$eval("#panel-import details", (el) => el.textContent)).toMatch(/原来的密码保持不变.*通过导入不能更改已设的密码/);
    await page.close();
  });

  it("an Excel error during writing is shown in Chinese and the workbook is left as it was", async () => {
    const { page } = await openPane();
    await page.click("#btn-preview");
    await waitStatus(page, "import-status");
    const before = await page.evaluate(() => (window as any).__host.sheets.map((s: any) => s.name));
    await page.evaluate(() => {
      const host = (window as any).__host;
      const start = host.stats.ops;
      host.options.failAt = (_op: string, n: number) =>
        n === start + 500 ? new (window as any).ExcelFake.FakeOfficeError("InvalidOperationInCellEditMode", "busy") : null;
    });
    await page.click("#btn-write");
    await waitStatus(page, "import-status");
    const s = await statusText(page, "import-status");
    expect(s.cls).toMatch(/error/);
    expect(s.text).toMatch(/写入台账失败：Excel 正在编辑单元格.*已撤销，工作簿未改变/);
    expect(await page.evaluate(() => (window as any).__host.sheets.map((s: any) => s.name))).toEqual(before);
    await page.close();
  });

  it("我的单位 filters rows; on Windows 导出 downloads the JSON and the workbook's slices, without claiming they arrived", async () => {
    const { page } = await openPane({ office: { ...PC, slices: [[80, 75, 3, 4], [1, 2, 3], [9]] } });
    await writeSeedLedger(page);
    await page.click("#tab-unit");
    // Opening the tab fills the unit list.
    await page.waitForFunction(() => document.querySelectorAll("#unit-select option").length > 40);
    await waitStatus(page, "unit-status");
    expect(await page.$eval("#unit-count", (el) => el.textContent)).toMatch(/共 \d+ 个单位/);
    await page.select("#unit-select", "区财政局");
    await page.click("#btn-unit-apply");
    await waitStatus(page, "unit-status");
    expect((await statusText(page, "unit-status")).text).toMatch(/已设为我的单位并筛选“区财政局”：任务 \d+ 项/);
    expect(await page.evaluate(() => (window as any).__host.sheets.find((s: any) => s.name === "任务").hiddenRows.size)).toBeGreaterThan(50);
    await page.click("#btn-unit-clear");
    await waitStatus(page, "unit-status");
    expect(await page.evaluate(() => (window as any).__host.sheets.find((s: any) => s.name === "任务").hiddenRows.size)).toBe(0);

    await page.click("#tab-export");
    await page.evaluate(() => {
      (window as any).__downloads = [];
      const orig = URL.createObjectURL;
      URL.createObjectURL = (b: Blob) => {
        (window as any).__downloads.push(b);
        return orig(b);
      };
    });
    await page.click("#btn-export-json");
    await waitStatus(page, "export-status");
    expect((await statusText(page, "export-status")).text).toMatch(/已开始下载台账 JSON：117 项任务/);
    const json = await page.evaluate(async () => JSON.parse(await (window as any).__downloads[0].text()));
    expect(json.plan.tasks).toHaveLength(117);
    expect(json.settings.quarter).toBe(1);
    // getFileAsync: the workbook comes in slices that the pane joins into one .xlsx download.
    await page.click("#btn-export-xlsx");
    await waitStatus(page, "export-status");
    const x = (await statusText(page, "export-status")).text;
    expect(x).toMatch(/已开始下载工作簿副本.*发给评估人员.*文件 → 另存为/);
    expect(x).not.toMatch(/已下载/);
    const file = await page.evaluate(async () => {
      const blob = (window as any).__downloads[1] as Blob;
      return { bytes: [...new Uint8Array(await blob.arrayBuffer())], type: blob.type, req: (window as any).__fileRequest, closed: (window as any).__closed };
    });
    expect(file).toEqual({
      bytes: [80, 75, 3, 4, 1, 2, 3, 9],
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      req: { type: "compressed", sliceSize: 4 * 1024 * 1024 },
      closed: true,
    });
    await page.close();
  });

  it("outside Office, 下载工作簿 says what to do instead", async () => {
    const { page } = await openPane();
    await page.click("#tab-export");
    await page.click("#btn-export-xlsx");
    await waitStatus(page, "export-status");
    expect((await statusText(page, "export-status")).text).toMatch(/另存为/);
    await page.close();
  });
});
