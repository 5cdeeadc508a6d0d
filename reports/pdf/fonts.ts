/**
 * The fonts reports print with, all served from memory by assets.ts, never from disk by the browser.
 * Noto Sans SC (@fontsource woff2 slices) draws the text. What it lacks falls through the stack in
 * styles.ts (FONT_STACK) to two fallbacks, each behind a unicode-range so that the browser fetches
 * it only for a page that holds such a character, and ordinary reports do not grow:
 * - Noto Emoji (@fontsource, monochrome outlines: colour emoji fonts embed as Type 3);
 * - HanaMinA and HanaMinB (Debian's fonts-hanazono) for the ideographs Noto Sans SC lacks: rare ones
 *   of the BMP and Extension A, and CJK Extensions B–F (plane 2).
 * All of them embed as subset CID TrueType and extract as the characters typed.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { FONT_FAMILY } from "../html/styles";

const require = createRequire(import.meta.url);
const packageFiles = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), "files");

/** The @fontsource packages served, with the weights the stylesheet uses (400 text, 700 headings). */
const FONTSOURCE = [
  { pkg: "@fontsource/noto-sans-sc", file: /^noto-sans-sc-[\w-]+-(?:400|700)-normal\.woff2$/ },
  { pkg: "@fontsource/noto-emoji", file: /^noto-emoji-\d+-(?:400|700)-normal\.woff2$/ },
] as const;
const WEIGHTS = [400, 700] as const;

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

/** Every @font-face of the reports (served as /assets/fonts.css). */
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
  return [...FONTSOURCE.map((f) => fontsourceCss(f.pkg)), ...hanazono].join("\n");
}

/** The bytes of a font file the stylesheet names, or null for any other name or a missing file. */
export function readFontFile(name: string): Buffer | null {
  const source = FONTSOURCE.find((f) => f.file.test(name));
  if (source) return readFileSync(join(packageFiles(source.pkg), name));
  const face = HANAZONO.faces.find((f) => f.file === name);
  const path = face && join(HANAZONO.dir, face.file);
  return path && existsSync(path) ? readFileSync(path) : null;
}

let notoCoverage: Set<number> | undefined;
/** The code points Noto Sans SC draws: the union of its slices' unicode-ranges. */
function notoSansScCodePoints(): Set<number> {
  if (notoCoverage) return notoCoverage;
  notoCoverage = new Set();
  const css = readFileSync(require.resolve("@fontsource/noto-sans-sc/400.css"), "utf8");
  for (const m of css.matchAll(/unicode-range:\s*([^;]+);/g)) {
    for (const range of m[1]!.split(",")) {
      const [lo, hi = lo] = range
        .trim()
        .replace(/^U\+/i, "")
        .split("-")
        .map((h) => parseInt(h, 16));
      for (let c = lo!; c <= hi!; c++) notoCoverage.add(c);
    }
  }
  return notoCoverage;
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
