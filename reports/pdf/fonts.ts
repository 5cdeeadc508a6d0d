/**
 * The fonts reports print with, all served from memory by assets.ts, never from disk by the browser.
 * Noto Sans SC (@fontsource woff2 slices) draws the text. What it lacks falls through the stack in
 * styles.ts (FONT_STACK) to two fallbacks, each behind a unicode-range so that the browser fetches
 * it only for a page that holds such a character, and ordinary reports do not grow:
 * - Noto Emoji (@fontsource, monochrome outlines: colour emoji fonts embed as Type 3);
 * - HanaMinB (Debian's fonts-hanazono, TrueType) for CJK Extensions B–F, plane 2.
 * All three embed as subset CID TrueType and extract as the characters typed.
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

/** The plane-2 fallback: a Debian font read at run time (too large for the registry's packages). */
export const EXT_B_FONT = {
  file: "HanaMinB.ttf",
  path: "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
  debianPackage: "fonts-hanazono",
  /** CJK Extensions B–F and the compatibility supplement; HanaMinB maps U+20000–U+2EBE0. */
  unicodeRange: "U+20000-2FFFF",
  chars: /[\u{20000}-\u{2FFFF}]/u,
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
  // No font-weight range: bold text in HanaMinB is emboldened by the browser (it has one weight).
  const extB = `@font-face {
  font-family: '${FONT_FAMILY.extB}';
  font-style: normal;
  font-display: swap;
  font-weight: 400;
  src: url(/fonts/${EXT_B_FONT.file}) format('truetype');
  unicode-range: ${EXT_B_FONT.unicodeRange};
}`;
  return [...FONTSOURCE.map((f) => fontsourceCss(f.pkg)), extB].join("\n");
}

/** The bytes of a font file the stylesheet names, or null for any other name or a missing file. */
export function readFontFile(name: string): Buffer | null {
  const source = FONTSOURCE.find((f) => f.file.test(name));
  if (source) return readFileSync(join(packageFiles(source.pkg), name));
  if (name === EXT_B_FONT.file && existsSync(EXT_B_FONT.path)) return readFileSync(EXT_B_FONT.path);
  return null;
}

/**
 * Why texts cannot print on this machine, or null: they hold plane-2 characters and the font that
 * draws them is missing (they would print as empty boxes).
 */
export function missingFontProblem(texts: readonly string[], path: string = EXT_B_FONT.path): string | null {
  const found = texts.map((t) => EXT_B_FONT.chars.exec(t)?.[0]).find((c) => c !== undefined);
  if (found === undefined || existsSync(path)) return null;
  const cp = found.codePointAt(0)!.toString(16).toUpperCase();
  return `报告含扩展区汉字“${found}”(U+${cp})，但缺少字体文件 ${path}，无法打印：` +
    `请安装 Debian 软件包 ${EXT_B_FONT.debianPackage}（apt-get install ${EXT_B_FONT.debianPackage}，或运行 npm run setup）。`;
}
