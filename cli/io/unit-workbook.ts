/**
 * The unit-workbook reader `plan-ledger merge` uses for returned files. This build lays out no unit
 * workbooks yet (the split), so it recognises none: every returned file is refused, naming it, and
 * the master is left as it was. The split's reader (readUnitWorkbook) goes here.
 */
import type { UnitWorkbookReader } from "./returned-file";

export const unitWorkbookReader: UnitWorkbookReader = () => {
  throw new Error("文件中没有单位填报表的身份信息（本版本尚不能读取单位填报表） (no unit-workbook identity)");
};
