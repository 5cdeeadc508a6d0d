/**
 * What the Office client around the pane can do, decided once from Office.context: its platform,
 * the requirement sets it supports, whether a file can be handed to the user, and which workbook
 * this is (for per-workbook memory). Pure functions over a small view of Office.context, so the
 * browser tests fake a Mac, an iPad or Office 2019 by handing in a different object.
 */

/** Office.context as far as the pane reads it (Office.PlatformType values spelled out). */
export interface OfficeView {
  platform?: string | null;
  diagnostics?: { platform?: string | null } | null;
  requirements?: { isSetSupported(name: string, version?: string): boolean };
  document?: { url?: string | null; getFileAsync?: unknown } | null;
}

export function officeView(): OfficeView | null {
  return (
    (globalThis as unknown as { Office?: { context?: OfficeView } }).Office
      ?.context ?? null
  );
}

/** "PC", "Mac", "OfficeOnline", "iOS", "Android", "Universal"; null outside Office. */
export function platformOf(view: OfficeView | null): string | null {
  try {
    return view?.platform ?? view?.diagnostics?.platform ?? null;
  } catch {
    return null;
  }
}

export function supports(
  view: OfficeView | null,
  set: string,
  version: string,
): boolean {
  try {
    return view?.requirements?.isSetSupported(set, version) === true;
  } catch {
    return false;
  }
}

/** The newest set the writer cannot do without: data validation (ExcelApi 1.8). */
export const WRITER_SET = { name: "ExcelApi", version: "1.8" } as const;

/**
 * The Chinese sentence shown instead of the pane's Excel actions on a client below ExcelApi 1.8
 * (volume-licensed Office 2019 has 1.7, Office 2016 1.1–1.2); null when the client has it.
 */
export function unsupportedClientMessage(
  view: OfficeView | null,
): string | null {
  if (supports(view, WRITER_SET.name, WRITER_SET.version)) return null;
  return (
    "此版本的 Excel 不支持本加载项需要的功能（ExcelApi 1.8，数据验证）：批量许可版 Office 2019、Office 2016 都低于此版本。" +
    "请改用 Microsoft 365、Office 2021 或更新版本的 Excel，或 Excel 网页版。" +
    "台账工作簿本身可以照常填报（只填浅黄色单元格）；生成和检查台账可用 plan-ledger 命令行。"
  );
}

export type FileRoute =
  /** getFileAsync and an <a download> both work: Windows (WebView2) and Excel on the web. */
  | { kind: "download" }
  /** No way to hand a file to the user from the pane: say what to do instead. */
  | { kind: "manual"; why: string; todo: string };

/**
 * How the pane can give the user a file. Excel for Mac's webview ignores <a download> (office-js
 * 2700, by design); Excel on iPad has no compressed file and no downloads; a client without the
 * CompressedFile set cannot read the workbook's bytes (only matters for the .xlsx copy).
 */
export function fileRoute(
  view: OfficeView | null,
  what: "xlsx" | "json" | "zip",
): FileRoute {
  const platform = platformOf(view);
  const saveAs =
    platform === "OfficeOnline"
      ? "请用 Excel 的“文件 → 另存为 → 下载副本”"
      : "请用 Excel 的“文件 → 另存为”";
  // zip: the unit workbooks of 分发, which only a client that downloads (or the CLI) can make
  const send =
    what === "xlsx"
      ? `${saveAs}保存一份工作簿，再把它发给评估人员。`
      : what === "json"
        ? `${saveAs}保存一份工作簿发给评估人员，由评估人员用 plan-ledger export 生成台账数据。`
        : `请在 Windows 版或网页版 Excel 中打开本台账再分发；或${saveAs.slice(1)}保存一份台账，用 plan-ledger split 命令生成单位填报表。`;
  if (platform === "Mac")
    return {
      kind: "manual",
      why: "Excel for Mac 的加载项窗格不能下载文件。",
      todo: send,
    };
  if (platform === "iOS" || platform === "Android")
    return {
      kind: "manual",
      why: "移动设备上的 Excel 不能从加载项导出文件。",
      todo:
        what === "zip"
          ? send
          : "请在电脑上打开这个工作簿再导出，或直接把工作簿文件发给评估人员。",
    };
  if (
    what === "xlsx" &&
    (!view?.document?.getFileAsync ||
      (view.requirements && !supports(view, "CompressedFile", "1.1")))
  )
    return {
      kind: "manual",
      why: "此 Excel 不能从加载项读取整个工作簿文件。",
      todo: send,
    };
  return { kind: "download" };
}

/** The workbook's identity for per-workbook memory: its URL or path when saved, else null. */
export function workbookKey(view: OfficeView | null): string | null {
  try {
    const url = view?.document?.url;
    return url ? url : null;
  } catch {
    return null;
  }
}
