/** A merge value as people read it in messages: 空 for nothing, 已核实 for a confirmation. */
import { CONFIRM_WORD } from "../workbook/labels";
import type { InputValue } from "./identity";

export function formatValue(v: InputValue): string {
  if (v === null || v === "" || v === false) return "空";
  if (v === true) return CONFIRM_WORD;
  const s = String(v);
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}
