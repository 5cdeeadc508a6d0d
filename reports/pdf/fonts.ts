/**
 * The fonts reports print with, all served from memory by assets.ts, never from disk by the browser.
 * Noto Sans SC draws the text: one TrueType font per weight, joined from the @fontsource slices the
 * run's characters fall in (font-merge.ts) and subset by harfbuzz (subset-font) to those characters,
 * so a PDF embeds one Noto Sans SC font per weight, not one per slice. What it lacks falls through the stack in
 * styles.ts (FONT_STACK) to two fallbacks, each behind a unicode-range so that the browser fetches
 * it only for a page that holds such a character, and ordinary reports do not grow:
 * - Noto Emoji (@fontsource, monochrome outlines: colour emoji fonts embed as Type 3);
 * - HanaMinA and HanaMinB (Debian's fonts-hanazono) for the ideographs Noto Sans SC lacks: rare ones
 *   of the BMP and Extension A, and CJK Extensions B–F (plane 2).
 * All of them embed as subset CID TrueType and extract as the characters typed.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import subsetFont from "subset-font";
import { FONT_FAMILY } from "../html/styles";
import { mergeTrueType, woffTables, type Tables } from "./font-merge";
import { PAGE_TOTAL } from "../html/document";
import { buildTotalFont, regularFont, type RegularFont } from "./total-font";

const require = createRequire(import.meta.url);
const packageFiles = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), "files");

/** The weights the stylesheet uses (400 text, 700 headings). */
const WEIGHTS = [400, 700] as const;
/** Noto Emoji's slices are served as they are (only a page that holds an emoji fetches one). */
const EMOJI = { pkg: "@fontsource/noto-emoji", file: /^noto-emoji-\d+-(?:400|700)-normal\.woff2$/ } as const;
const NOTO_PKG = "@fontsource/noto-sans-sc";

/**
 * Debian's fonts-hanazono (TrueType, every code point its own glyph, so no look-alike radicals in
 * extracted text), read at run time: HanaMinA for the ideographs of the BMP that Noto Sans SC lacks
 * (Extension A, rarer unified and compatibility ideographs), HanaMinB for plane 2 (Extensions B–F;
 * it maps U+20000–U+2EBE0). Only characters Noto Sans SC lacks reach them (FONT_STACK order).
 */
export const HANAZONO = {
  debianPackage: "fonts-hanazono",
  dir: "/usr/share/fonts/truetype/hanazono",
  faces: [
    { file: "HanaMinA.ttf", unicodeRange: "U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF", chars: /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/u },
    { file: "HanaMinB.ttf", unicodeRange: "U+20000-2FFFF", chars: /[\u{20000}-\u{2FFFF}]/u },
  ],
} as const;

/** The fontsource @font-face rules with their urls pointing at our origin, woff2 only. */
function fontsourceCss(pkg: string): string {
  return WEIGHTS.map((w) =>
    readFileSync(require.resolve(`${pkg}/${w}.css`), "utf8").replace(
      /src:\s*url\(\.\/files\/([^)]+\.woff2)\)\s*format\('woff2'\)[^;]*;/g,
      (_m, file: string) => `src: url(/fonts/${file}) format('woff2');`,
    ),
  ).join("\n");
}

/** The fallbacks' @font-face rules (served as /assets/fonts.css); Noto Sans SC's come with each font set. */
export function fontFaceCss(): string {
  // One weight: bold text in HanaMin is emboldened by the browser.
  const hanazono = HANAZONO.faces.map(
    (f) => `@font-face {
  font-family: '${FONT_FAMILY.rare}';
  font-style: normal;
  font-display: swap;
  font-weight: 400;
  src: url(/fonts/${f.file}) format('truetype');
  unicode-range: ${f.unicodeRange};
}`,
  );
  return [fontsourceCss(EMOJI.pkg), ...hanazono].join("\n");
}

/** The bytes of a font file the stylesheet names, or null for any other name or a missing file. */
export function readFontFile(name: string): Buffer | null {
  if (EMOJI.file.test(name)) return readFileSync(join(packageFiles(EMOJI.pkg), name));
  const face = HANAZONO.faces.find((f) => f.file === name);
  const path = face && join(HANAZONO.dir, face.file);
  return path && existsSync(path) ? readFileSync(path) : null;
}

function parseUnicodeRange(range: string, into: Set<number>): Set<number> {
  for (const part of range.split(",")) {
    const [lo, hi = lo] = part
      .trim()
      .replace(/^U\+/i, "")
      .split("-")
      .map((h) => parseInt(h, 16));
    for (let c = lo!; c <= hi!; c++) into.add(c);
  }
  return into;
}

interface Slice {
  /** The WOFF 1.0 file (zlib: decoded without wasm, faster than the woff2 twin). */
  file: string;
  codePoints: Set<number>;
}

const slices = new Map<number, Slice[]>();
/** Noto Sans SC's slices of a weight with the code points each draws, from @fontsource's stylesheet. */
function notoSlices(weight: number): Slice[] {
  let list = slices.get(weight);
  if (list) return list;
  const css = readFileSync(require.resolve(`${NOTO_PKG}/${weight}.css`), "utf8");
  list = [...css.matchAll(/url\(\.\/files\/([^)]+)\.woff2\)[^;]*;\s*unicode-range:\s*([^;]+);/g)].map((m) => ({
    file: `${m[1]}.woff`,
    codePoints: parseUnicodeRange(m[2]!, new Set()),
  }));
  slices.set(weight, list);
  return list;
}

let notoCoverage: Set<number> | undefined;
/** The code points Noto Sans SC draws: the union of its slices' unicode-ranges. */
function notoSansScCodePoints(): Set<number> {
  if (!notoCoverage) notoCoverage = new Set(notoSlices(400).flatMap((s) => [...s.codePoints]));
  return notoCoverage;
}

// Decoded slices stay for the process: a run (and the bench's several runs) reuses them.
const decoded = new Map<string, Tables>();
function sliceTables(file: string): Tables {
  let t = decoded.get(file);
  if (!t) decoded.set(file, (t = woffTables(readFileSync(join(packageFiles(NOTO_PKG), file)))));
  return t;
}

/** Characters every document may draw without holding them in its text: digits and signs of the chart script's axes. */
const ALWAYS = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("");

const TOTAL_FILE = "pl-total.ttf";
/** A font set's regular face (weight 400) and its PostScript name (the PDF's /BaseFont after the subset tag). */
const REGULAR_FILE = "noto-sans-sc-400.ttf";
const REGULAR_POSTSCRIPT_NAME = "NotoSansSC-Regular";

/** Noto Sans SC as one TrueType font per weight, subset to a set of characters (and the page-total face, total-font.ts). */
export interface FontSet {
  /** Content address: the fonts' URL path segment. */
  id: string;
  codePoints: ReadonlySet<number>;
  /** File name → TrueType bytes. */
  files: Map<string, Buffer>;
  /** The @font-face rules naming the files under /fonts/<id>/. */
  css: string;
  /** Its regular face, read (its digits draw the page totals). */
  regular: RegularFont;
}

/**
 * A CSS unicode-range for code points. The set's faces declare what they draw: the browser then
 * never reaches for a fallback (HanaMin, Noto Emoji) while they load.
 */
function unicodeRange(codePoints: readonly number[]): string {
  const sorted = [...codePoints].sort((a, b) => a - b);
  const ranges: string[] = [];
  const hex = (c: number) => c.toString(16).toUpperCase();
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return ranges.join(", ");
}

/** The code points of texts, with the characters every document may draw. */
export function codePointsOf(texts: Iterable<string>): Set<number> {
  const set = new Set<number>();
  for (const t of [ALWAYS, ...texts]) for (const ch of t) set.add(ch.codePointAt(0)!);
  return set;
}

/**
 * Noto Sans SC subset to `codePoints`, one TrueType font per weight: the slices those code points
 * fall in are joined (the Latin slice first: its layout tables stay valid) and harfbuzz subsets the
 * join. Chromium then embeds, per PDF, one subset per weight of the glyphs that PDF draws.
 */
export async function buildFontSet(codePoints: ReadonlySet<number>): Promise<FontSet> {
  const drawn = [...codePoints].filter((c) => c >= 0x20 && notoSansScCodePoints().has(c));
  const text = String.fromCodePoint(...drawn);
  const id = createHash("sha256").update(text).digest("hex").slice(0, 16);
  const files = new Map<string, Buffer>();
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    const all = notoSlices(weight);
    const latin = all.find((s) => s.codePoints.has(0x41));
    if (!latin) throw new Error(`${NOTO_PKG} ${weight}: no slice holds Latin letters`);
    const hit = all.filter((s) => s !== latin && drawn.some((c) => s.codePoints.has(c)));
    const joined = mergeTrueType(
      [latin, ...hit].map((s) => sliceTables(s.file)),
      new Set(drawn),
    );
    const name = `noto-sans-sc-${weight}.ttf`;
    files.set(name, Buffer.from(await subsetFont(joined, text, { targetFormat: "truetype" })));
    rules.push(`@font-face {
  font-family: '${FONT_FAMILY.text}';
  font-style: normal;
  font-display: block;
  font-weight: ${weight};
  src: url(/fonts/${id}/${name}) format('truetype');
  unicode-range: ${unicodeRange(drawn)};
}`);
  }
  // The margin boxes' page-total placeholders (total-font.ts): fetched only by a page that draws one.
  const regular = regularFont(files.get(REGULAR_FILE)!, REGULAR_POSTSCRIPT_NAME);
  files.set(TOTAL_FILE, buildTotalFont(regular));
  rules.push(`@font-face {
  font-family: '${PAGE_TOTAL.family}';
  font-style: normal;
  font-display: block;
  font-weight: 100 900;
  src: url(/fonts/${id}/${TOTAL_FILE}) format('truetype');
  unicode-range: U+${PAGE_TOTAL.first.toString(16).toUpperCase()}-${(PAGE_TOTAL.first + 9).toString(16).toUpperCase()};
}`);
  return { id, codePoints: new Set(codePoints), files, css: rules.join("\n") + "\n", regular };
}

/**
 * Why texts cannot print on this machine, or null: they hold an ideograph that Noto Sans SC lacks
 * and the HanaMin file that draws it is missing (it would print as an empty box).
 */
export function missingFontProblem(texts: readonly string[], dir: string = HANAZONO.dir): string | null {
  const missing = HANAZONO.faces.filter((f) => !existsSync(join(dir, f.file)));
  if (missing.length === 0) return null;
  const noto = notoSansScCodePoints();
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const face = !noto.has(cp) && missing.find((f) => f.chars.test(ch));
      if (!face) continue;
      return (
        `报告含生僻字“${ch}”(U+${cp.toString(16).toUpperCase()})，但缺少字体文件 ${join(dir, face.file)}，无法打印：` +
        `请安装 Debian 软件包 ${HANAZONO.debianPackage}（apt-get install ${HANAZONO.debianPackage}，或运行 npm run setup）。`
      );
    }
  }
  return null;
}
