/**
 * 我的单位, remembered per workbook and per person: localStorage keyed by the workbook's URL. Not
 * Office's document settings: those travel inside the workbook, so every unit sharing one ledger
 * (co-authoring on OneDrive) would overwrite each other's choice. An unsaved workbook has no URL
 * yet; its choice is kept under one key until it is saved.
 */
const PREFIX = "plan-ledger:我的单位:";
const UNSAVED = "（未保存的工作簿）";

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function store(): Store | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be blocked (Safari's tracking prevention, strict policies): remember nothing.
    return null;
  }
}

export function rememberedUnit(
  workbook: string | null,
  s: Store | null = store(),
): string | null {
  try {
    return s?.getItem(PREFIX + (workbook ?? UNSAVED)) ?? null;
  } catch {
    return null;
  }
}

export function rememberUnit(
  workbook: string | null,
  unit: string | null,
  s: Store | null = store(),
): void {
  try {
    if (unit) s?.setItem(PREFIX + (workbook ?? UNSAVED), unit);
    else s?.removeItem(PREFIX + (workbook ?? UNSAVED));
  } catch {
    // A full or blocked storage only costs the memory.
  }
}
