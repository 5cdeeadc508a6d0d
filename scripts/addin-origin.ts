/**
 * The production manifest, as the Yeoman template's webpack config makes it (urlDev → urlProd), plus
 * what a deployment must name: every https://localhost:3000 becomes the configured HTTPS origin, the
 * support page becomes the given SupportUrl, and the development <Id> becomes the production one (so
 * a developer's sideloaded copy and the deployed add-in are two add-ins, not one overwriting the
 * other). A production build without an origin or a support URL is refused: it would ship a manifest
 * pointing at localhost. Pure; used by scripts/addin-build.ts, tested in test/addin.origin.test.ts.
 */
export const DEV_ORIGIN = "https://localhost:3000";
/** The development manifest's support page, replaced by ADDIN_SUPPORT_URL in production. */
export const DEV_SUPPORT_URL = `${DEV_ORIGIN}/help.html`;
export const DEV_ID = "88419094-aa91-4839-ac5d-11de69676e32";
export const PROD_ID = "37ce3806-eaea-4b5e-b902-403290ba271e";

export class OriginError extends Error {}

type Env = Record<string, string | undefined>;
type Config = { addin_origin?: unknown; addin_support_url?: unknown };

function setting(env: Env, config: Config, name: "origin" | "support_url"): string {
  const envName = name === "origin" ? "ADDIN_ORIGIN" : "ADDIN_SUPPORT_URL";
  const value = config[`addin_${name}`];
  return env[envName]?.trim() || env[`npm_package_config_addin_${name}`]?.trim() || (typeof value === "string" ? value.trim() : "");
}

function httpsUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OriginError(`${what}不是有效的网址：${raw}`);
  }
  if (url.protocol !== "https:") throw new OriginError(`${what}必须通过 HTTPS 提供（Office 只加载 https 地址）：${raw}`);
  if (url.hostname === "localhost" || url.hostname === "127.0.0.1") throw new OriginError(`${what}不能是本机地址（员工的电脑访问不到）：${raw}`);
  return url;
}

/** ADDIN_ORIGIN from the environment wins over package.json config.addin_origin. Null when neither is set. */
export function resolveOrigin(env: Env, config: Config = {}): string | null {
  const raw = setting(env, config, "origin");
  if (!raw) return null;
  const url = httpsUrl(raw, "ADDIN_ORIGIN ");
  if (url.search || url.hash) throw new OriginError(`ADDIN_ORIGIN 不能带查询参数或 #：${raw}`);
  // Keep a path prefix (https://example.gov.cn/ledger) but no trailing slash.
  return (url.origin + url.pathname).replace(/\/+$/, "");
}

export interface Deployment {
  origin: string;
  supportUrl: string;
}

const HOW =
  "生产版构建需要部署地址：ADDIN_ORIGIN=https://服务器/路径 ADDIN_SUPPORT_URL=https://支持页面 npm run build" +
  "（或 npm pkg set config.addin_origin=… config.addin_support_url=…）；开发版请用 npm run build:dev。";

/** What a production build needs; throws OriginError naming what is missing. */
export function resolveDeployment(env: Env, config: Config = {}): Deployment {
  const origin = resolveOrigin(env, config);
  const support = setting(env, config, "support_url");
  const missing = [origin ? "" : "ADDIN_ORIGIN", support ? "" : "ADDIN_SUPPORT_URL"].filter(Boolean);
  if (missing.length) throw new OriginError(`未设置 ${missing.join("、")}：${HOW}`);
  return { origin: origin!, supportUrl: httpsUrl(support, "ADDIN_SUPPORT_URL ").href };
}

/** The development manifest made into the production one (see the file's comment). */
export function productionManifest(xml: string, d: Deployment): string {
  if (!xml.includes(`<Id>${DEV_ID}</Id>`)) throw new OriginError(`清单的 <Id> 不是开发版的 ${DEV_ID}`);
  if (!xml.includes(DEV_SUPPORT_URL)) throw new OriginError(`清单中没有开发版支持页面 ${DEV_SUPPORT_URL}`);
  const out = xml
    .replace(`<Id>${DEV_ID}</Id>`, `<Id>${PROD_ID}</Id>`)
    .split(`"${DEV_SUPPORT_URL}"`)
    .join(`"${escapeAttribute(d.supportUrl)}"`)
    .split(DEV_ORIGIN)
    .join(escapeAttribute(d.origin));
  if (out.includes("localhost")) throw new OriginError("清单中仍有 localhost 地址");
  return out;
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
