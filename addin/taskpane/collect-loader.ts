/**
 * Loads dist/collect.js (addin/collect/collect.entry.ts) once, on the first 分发 or 回收.
 */
import type { CollectModule } from "../collect/collect.entry";
import { loadGlobal } from "./load-global";

export type { CollectModule };

export function loadCollect(src = "collect.js"): Promise<CollectModule> {
  return loadGlobal<CollectModule>(src, "planLedgerCollect", (why) =>
    why === "missing"
      ? new Error("无法加载分发回收组件（collect.js）")
      : new Error("无法加载分发回收组件（collect.js），请检查网络后重试"),
  );
}
