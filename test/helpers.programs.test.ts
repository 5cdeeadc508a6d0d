/** test/helpers/programs.ts: a missing system program fails with the package to install, in Chinese and English. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findProgram, ProgramMissingError, requireProgram } from "./helpers/programs";

describe("requireProgram", () => {
  it("finds a program on PATH", () => {
    const dir = mkdtempSync(join(tmpdir(), "programs-"));
    writeFileSync(join(dir, "xmllint"), "");
    expect(findProgram("xmllint", { PATH: `/nonexistent:${dir}` })).toBe(join(dir, "xmllint"));
    expect(requireProgram("xmllint", { PATH: dir })).toBe(join(dir, "xmllint"));
  });

  it("throws naming the program and its Debian package when it is missing", () => {
    const empty = { PATH: mkdtempSync(join(tmpdir(), "programs-")) };
    expect(findProgram("pdftotext", empty)).toBeNull();
    expect(() => requireProgram("pdftotext", empty)).toThrow(ProgramMissingError);
    expect(() => requireProgram("pdftotext", empty)).toThrow(
      /找不到系统程序 pdftotext：请安装 Debian 软件包 poppler-utils.*pdftotext not found: install the poppler-utils package/,
    );
    expect(() => requireProgram("xmllint", empty)).toThrow(/libxml2-utils/);
  });
});
