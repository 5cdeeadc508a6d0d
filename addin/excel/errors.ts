/**
 * Errors from Excel (OfficeExtension.Error: code + message) in Chinese for the task pane. The code is
 * kept in parentheses so support staff can look it up; the English message is not shown.
 */
const MESSAGES: Record<string, string> = {
  AccessDenied: "Excel 拒绝了操作（工作表或工作簿受保护，或文件只读）",
  ActivityLimitReached: "Excel 的操作次数已达上限，请稍后再试",
  ApiNotFound: "此版本的 Excel 不支持所需的功能，请更新 Office",
  Conflict: "与其他人的编辑冲突（共同编辑中），请稍后再试",
  GeneralException: "Excel 内部错误",
  InsertDeleteConflict: "插入或删除与现有内容冲突",
  InvalidArgument: "参数无效（地址、名称或数据格式不正确）",
  InvalidBinding: "绑定已失效",
  InvalidOperation: "此操作在当前状态下不能执行",
  InvalidOperationInCellEditMode:
    "Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再重试",
  InvalidPassword: "保护密码不正确",
  InvalidReference: "引用无效",
  InvalidSelection: "选择的区域无效",
  ItemAlreadyExists: "同名的工作表、表格或名称已存在",
  ItemNotFound: "找不到要操作的工作表、表格或名称",
  NotImplemented: "此版本的 Excel 未实现该功能",
  PropertyNotLoaded: "加载项内部错误：属性未读取",
  RequestAborted: "请求被中止",
  RequestPayloadSizeLimitExceeded:
    "一次提交的数据超过 Excel 网页版的 5 MB 上限",
  ResponsePayloadSizeLimitExceeded:
    "一次读取的数据超过 Excel 网页版的 5 MB 上限",
  ServiceNotAvailable: "Excel 服务暂时不可用，请稍后再试",
  Unauthenticated: "登录已失效，请重新登录",
  UnsupportedOperation: "不支持此操作",
  UnsupportedSheet: "当前工作表类型不支持此操作（例如图表工作表或宏表）",
  WorkbookProtected: "工作簿结构受保护：请先在“审阅”选项卡撤销工作簿保护",
};

/** A short Chinese description of any error thrown by Excel.run / context.sync (or by our own code). */
export function describeExcelError(error: unknown): string {
  if (
    error &&
    typeof error === "object" &&
    "code" in error &&
    typeof (error as { code: unknown }).code === "string"
  ) {
    const e = error as { code: string; debugInfo?: { errorLocation?: string } };
    const text = MESSAGES[e.code] ?? "Excel 报告了错误";
    const where = e.debugInfo?.errorLocation
      ? `，位置：${e.debugInfo.errorLocation}`
      : "";
    return `${text}（${e.code}${where}）`;
  }
  if (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message))
    return error.message;
  return `意外错误（${error instanceof Error ? error.message : String(error)}）`;
}
