/**
 * In-memory assets served to report pages through request interception on a fake https origin.
 * Nothing is ever read by the browser from disk or the network: fonts (fonts.ts: the font sets'
 * Noto Sans SC, one file per weight, and the fallbacks, loaded lazily: the browser only asks for a
 * fallback whose unicode-range the text uses),
 * Chart.js, the report stylesheet and chart script, and the documents themselves.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { REPORT_CSS } from "../html/styles";
import { CHART_SCRIPT } from "../html/script.charts";
import { fontFaceCss, readFontFile, type FontSet } from "./fonts";

/** `.invalid` can never resolve (RFC 2606), so even a leak past interception goes nowhere. */
export const ORIGIN = "https://report.plan-ledger.invalid";

const FACES_CSS = "faces.css";

export interface Asset {
  body: Buffer;
  contentType: string;
}

const require = createRequire(import.meta.url);

// chart.js does not export its UMD build: find it beside the CommonJS entry (dist/chart.cjs).
const CHART_JS = (): Buffer => readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.min.js"));

export class AssetStore {
  private readonly fixed = new Map<string, Asset>();
  private readonly fonts = new Map<string, Asset>();
  private readonly documents = new Map<string, Asset>();
  private readonly fontSets = new Map<string, FontSet>();
  /** Font files served (`<set id>/<file>` for a font set's), for tests and the bench. */
  readonly fontRequests = new Set<string>();

  constructor() {
    this.fixed.set("/assets/fonts.css", { body: Buffer.from(fontFaceCss()), contentType: "text/css; charset=utf-8" });
    this.fixed.set("/assets/report.css", { body: Buffer.from(REPORT_CSS), contentType: "text/css; charset=utf-8" });
    this.fixed.set("/assets/report-charts.js", { body: Buffer.from(CHART_SCRIPT), contentType: "text/javascript; charset=utf-8" });
    this.fixed.set("/assets/chart.umd.js", { body: CHART_JS(), contentType: "text/javascript; charset=utf-8" });
    this.fixed.set("/favicon.ico", { body: Buffer.alloc(0), contentType: "image/x-icon" });
  }

  /** Each body's base64 (what the browser protocol carries), made once per Buffer object: a font is served to every page. */
  private readonly encoded = new WeakMap<Buffer, string>();

  /** The asset's body in base64, encoded once per body (keyed by the Buffer object itself: two bodies never share an entry). */
  base64(asset: Asset): string {
    let b64 = this.encoded.get(asset.body);
    if (b64 === undefined) this.encoded.set(asset.body, (b64 = asset.body.toString("base64")));
    return b64;
  }

  /** Registers a document's files under /doc/<id>/…; returns the page URL. */
  putDocument(id: string, files: Record<string, { body: string; contentType: string }>): string {
    for (const [name, f] of Object.entries(files)) {
      this.documents.set(`/doc/${id}/${name}`, { body: Buffer.from(f.body), contentType: f.contentType });
    }
    return `${ORIGIN}/doc/${id}/index.html`;
  }

  /** Serves a font set's files under /fonts/<set id>/ (content-addressed: pages may cache them). */
  putFontSet(set: FontSet): void {
    this.fontSets.set(set.id, set);
  }

  /** The URL of a font set's @font-face rules (served as a stylesheet of their own). */
  fontFacesHref(set: FontSet): string {
    return `/fonts/${set.id}/${FACES_CSS}`;
  }

  documentUrl(id: string): string {
    return `${ORIGIN}/doc/${id}/index.html`;
  }

  dropDocument(id: string): void {
    for (const key of [...this.documents.keys()]) if (key.startsWith(`/doc/${id}/`)) this.documents.delete(key);
  }

  /** The asset for a request URL, or null (then the request is aborted). */
  lookup(url: string): Asset | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.origin !== ORIGIN) return null;
    const path = decodeURIComponent(parsed.pathname);
    const fixed = this.fixed.get(path) ?? this.documents.get(path);
    if (fixed) return fixed;
    const inSet = /^\/fonts\/([0-9a-f]{16})\/([^/]+)$/.exec(path);
    if (inSet?.[2] === FACES_CSS) {
      const set = this.fontSets.get(inSet[1]!);
      return set ? { body: Buffer.from(set.css), contentType: "text/css; charset=utf-8" } : null;
    }
    if (inSet) {
      const body = this.fontSets.get(inSet[1]!)?.files.get(inSet[2]!);
      if (!body) return null;
      this.fontRequests.add(`${inSet[1]}/${inSet[2]}`);
      return { body, contentType: "font/ttf" };
    }
    const m = /^\/fonts\/([^/]+)$/.exec(path);
    if (!m) return null;
    const name = m[1]!;
    let font = this.fonts.get(name);
    if (!font) {
      const body = readFontFile(name);
      if (!body) return null;
      font = { body, contentType: name.endsWith(".ttf") ? "font/ttf" : "font/woff2" };
      this.fonts.set(name, font);
    }
    this.fontRequests.add(name);
    return font;
  }
}
