/**
 * The production URL rewrite of the Yeoman template (its webpack config replaces urlDev with urlProd in
 * manifest.xml): every https://localhost:3000 in the manifest becomes the configured HTTPS origin.
 * Pure; used by scripts/addin-build.ts and tested in test/addin.origin.test.ts.
 */
export const DEV_ORIGIN = "https://localhost:3000";

export class OriginError extends Error {}

/** ADDIN_ORIGIN from the environment wins over package.json config.addin_origin. Null when neither is set. */
export function resolveOrigin(env: Record<string, string | undefined>, config: { addin_origin?: unknown } = {}): string | null {
  const raw =
    env.ADDIN_ORIGIN?.trim() || env.npm_package_config_addin_origin?.trim() || (typeof config.addin_origin === "string" ? config.addin_origin.trim() : "");
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OriginError(`ADDIN_ORIGIN 不是有效的网址（not a URL）：${raw}`);
  }
  if (url.protocol !== "https:") throw new OriginError(`加载项必须通过 HTTPS 提供（Office requires HTTPS）：${raw}`);
  if (url.search || url.hash) throw new OriginError(`ADDIN_ORIGIN 不能带查询参数或 #（no query or fragment）：${raw}`);
  // Keep a path prefix (https://example.gov.cn/ledger) but no trailing slash.
  return (url.origin + url.pathname).replace(/\/+$/, "");
}

/** Replaces every development URL in the manifest with the production origin. */
export function rewriteManifest(xml: string, origin: string): string {
  const out = xml.split(DEV_ORIGIN).join(origin);
  if (out.includes("localhost")) throw new OriginError("清单中仍有 localhost 地址（manifest still names localhost）");
  return out;
}
