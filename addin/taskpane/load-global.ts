/**
 * Loads a script from beside taskpane.html once and returns the global it defines (mammoth's browser
 * build for .docx plans, dist/collect.js for 分发/回收): the pane's large parts load only when used.
 * One load at a time per script; a failed load may be tried again.
 */
const loading = new Map<string, Promise<unknown>>();

export function loadGlobal<T>(
  src: string,
  name: string,
  /** The error to reject with: the script did not load ("error") or defined nothing ("missing"). */
  fail: (why: "error" | "missing") => Error,
): Promise<T> {
  const w = globalThis as unknown as Record<string, T | undefined>;
  const ready = w[name];
  if (ready) return Promise.resolve(ready);
  let p = loading.get(src) as Promise<T> | undefined;
  if (!p) {
    p = new Promise<T>((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = () => {
        const value = w[name];
        if (value) resolve(value);
        else reject(fail("missing"));
      };
      s.onerror = () => {
        loading.delete(src);
        reject(fail("error"));
      };
      document.head.appendChild(s);
    });
    loading.set(src, p);
  }
  return p;
}
