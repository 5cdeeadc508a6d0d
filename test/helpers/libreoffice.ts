/**
 * LibreOffice headless: recalculate an .xlsx, so its cached formula values are LibreOffice's, and
 * convert a plain-text plan to .docx (scripts/plan-fixture-docx.ts, for test/fixtures/plan/).
 *
 * LibreOffice keeps stale cached values of an OOXML file unless its profile says "always recalculate"
 * (/org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 0), so each call runs with a fresh
 * profile directory holding that one setting (a fresh profile also avoids clashes with other
 * soffice processes of the same user).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { findProgram, requireProgram } from "./programs";

const XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** For the bench, which may leave LibreOffice out; a test calls recalc, which fails when soffice is missing. */
export function sofficeAvailable(): boolean {
  return findProgram("soffice") !== null;
}

/** A temp dir with a fresh LibreOffice profile holding the always-recalculate setting. */
function freshWork(): { work: string; profile: string } {
  const work = mkdtempSync(join(tmpdir(), "plan-ledger-lo-"));
  const profile = join(work, "profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(join(profile, "user", "registrymodifications.xcu"), XCU);
  return { work, profile };
}

/** Run soffice headless with `args` and the given profile; resolves with its output, rejects with it on failure. */
async function soffice(work: string, profile: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  const program = requireProgram("soffice");
  const all = [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--nologo", ...args];
  return new Promise((resolve, reject) => {
    execFile(program, all, { timeout: timeoutMs, env: { ...process.env, HOME: work } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`soffice failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * Convert `inputXlsx` through LibreOffice (recalculating every formula) and return the path of the
 * saved copy (in a new temp dir; the input is not touched). Rejects with soffice's output on failure.
 */
export async function recalc(inputXlsx: string, options: { timeoutMs?: number } = {}): Promise<string> {
  const { work, profile } = freshWork();
  // Same-named input and output would collide in --outdir: convert a copy from an "in" folder.
  const inDir = join(work, "in");
  const outDir = join(work, "out");
  mkdirSync(inDir);
  mkdirSync(outDir);
  const name = basename(inputXlsx).replace(/\.[^.]*$/, "") + ".xlsx";
  const src = join(inDir, name);
  copyFileSync(inputXlsx, src);
  const args = ["--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, src];
  const { stdout, stderr } = await soffice(work, profile, args, options.timeoutMs ?? 120_000);
  const out = join(outDir, name);
  if (!existsSync(out)) throw new Error(`soffice wrote no output for ${inputXlsx}\n${stdout}\n${stderr}`);
  rmSync(profile, { recursive: true, force: true });
  return out;
}

/**
 * Convert a UTF-8 plain-text plan to a Word .docx (one paragraph per line), as a district's plan is
 * published; returns the path of `<name>.docx` in a new temp dir.
 */
export async function textToDocx(inputTxt: string, options: { timeoutMs?: number } = {}): Promise<string> {
  const { work, profile } = freshWork();
  const outDir = join(work, "out");
  mkdirSync(outDir);
  const args = ["--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir, inputTxt];
  const { stdout, stderr } = await soffice(work, profile, args, options.timeoutMs ?? 120_000);
  const out = join(outDir, basename(inputTxt).replace(/\.[^.]*$/, "") + ".docx");
  if (!existsSync(out)) throw new Error(`soffice wrote no output for ${inputTxt}\n${stdout}\n${stderr}`);
  rmSync(profile, { recursive: true, force: true });
  return out;
}
