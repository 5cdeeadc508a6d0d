/**
 * Loads dist/collect.js (addin/collect/collect.entry.ts) once, on the first 分发 or 回收.
 */
import type { CollectModule } from "../collect/collect.entry";

export type { CollectModule };

let loading: Promise<CollectModule> | null = null;

export function loadCollect(src = "collect.js"): Promise<CollectModule> {
  const w = globalThis as unknown as { planLedgerCollect?: CollectModule };
  if (w.planLedgerCollect) return Promise.resolve(w.planLedgerCollect);
  loading ??= new Promise<CollectModule>((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () =>
      w.planLedgerCollect
        ? resolve(w.planLedgerCollect)
        : reject(new Error("无法加载分发回收组件（collect.js）"));
    s.onerror = () => {
      loading = null;
      reject(new Error("无法加载分发回收组件（collect.js），请检查网络后重试"));
    };
    document.head.appendChild(s);
  });
  return loading;
}
