/**
 * The system programs the suites drive, found in one place. A missing program is a failing test
 * with a message naming the Debian package to install, never a skip: a suite that skips looks green
 * while the proof it stands for (LibreOffice's recalculation, the printed PDFs) never ran.
 * `npm test` installs them first (scripts/setup-system.sh); so does .ci/run.
 */
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { chooseBrowser, type BrowserChoice } from "../../reports/pdf/browser";

/** Each program and the package that brings it (the ones scripts/setup-system.sh installs). */
const PACKAGES = {
  soffice: "libreoffice-calc-nogui libreoffice-writer-nogui",
  pdftotext: "poppler-utils",
  pdffonts: "poppler-utils",
  pdfinfo: "poppler-utils",
  pdftoppm: "poppler-utils",
  pdfimages: "poppler-utils",
  xmllint: "libxml2-utils",
} as const;

export type Program = keyof typeof PACKAGES;

/** Where a Debian package puts a program that may be off PATH. */
const EXTRA_DIRS: Partial<Record<Program, string[]>> = { soffice: ["/usr/lib/libreoffice/program"] };

export class ProgramMissingError extends Error {
  constructor(program: string, pkg: string) {
    super(
      `找不到系统程序 ${program}：请安装 Debian 软件包 ${pkg}（apt-get install -y ${pkg}，或运行 npm run setup）。` +
        ` (${program} not found: install the ${pkg} package, e.g. apt-get install -y ${pkg} or npm run setup.)`,
    );
    this.name = "ProgramMissingError";
  }
}

/** The program's absolute path, or null. */
export function findProgram(program: Program, env: Record<string, string | undefined> = process.env): string | null {
  const dirs = [...(env.PATH ?? "").split(delimiter).filter(Boolean), ...(EXTRA_DIRS[program] ?? [])];
  for (const dir of dirs) {
    const path = join(dir, program);
    if (existsSync(path)) return path;
  }
  return null;
}

/** The program's absolute path; throws ProgramMissingError (zh + en, with the package) when absent. */
export function requireProgram(program: Program, env: Record<string, string | undefined> = process.env): string {
  const path = findProgram(program, env);
  if (!path) throw new ProgramMissingError(program, PACKAGES[program]);
  return path;
}

/** The Chromium the PDF renderer would launch (reports/pdf/browser.ts decides; its error names the package). */
export function requireChromium(): BrowserChoice {
  return chooseBrowser();
}
