/**
 * The content-stream scanner (pdf-content.ts) reads operands as the PDF syntax says: numbers as
 * Number() reads their text, strings as bytes, arrays, names; dictionaries and keywords as null,
 * inline images skipped whole, each operator with exactly its own operands.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Name, scanContent, type Operand } from "../reports/pdf/pdf-content";

/** Operators and a plain copy of their operands (the scanner reuses its array). */
function scan(text: string): [string, unknown[]][] {
  const plain = (o: Operand): unknown => (o instanceof Name ? `/${o.value}` : o instanceof Uint8Array ? [...o] : Array.isArray(o) ? o.map(plain) : o);
  const out: [string, unknown[]][] = [];
  scanContent(Buffer.from(text, "latin1"), (op, args) => out.push([op, args.map(plain)]));
  return out;
}

describe("scanContent", () => {
  it("reads each operator with its own operands", () => {
    expect(scan("q 1 0 0 -1 60 61 cm BT /F4 10 Tf <000E0001> Tj [(a\\)b) -5.5 <01>] TJ ET Q")).toEqual([
      ["q", []],
      ["cm", [1, 0, 0, -1, 60, 61]],
      ["BT", []],
      ["Tf", ["/F4", 10]],
      ["Tj", [[0x00, 0x0e, 0x00, 0x01]]],
      ["TJ", [[[0x61, 0x29, 0x62], -5.5, [0x01]]]],
      ["ET", []],
      ["Q", []],
    ]);
  });

  it("reads dictionaries and keywords as null, skips comments and inline images", () => {
    expect(scan("/H2 <</MCID 0 /A [1 2]>>BDC % a comment Tj\nEMC BI /W 1 /H 1 ID \x00EI\x01 EI Q true false null n")).toEqual([
      ["BDC", ["/H2", null]],
      ["EMC", []],
      ["Q", []],
      ["n", [null, null, null]],
    ]);
  });

  it("reads a hex string's odd last digit as followed by 0, white space inside ignored", () => {
    expect(scan("<0 1f a> Tj")).toEqual([["Tj", [[0x01, 0xfa]]]]);
    expect(scan("<abc> Tj")).toEqual([["Tj", [[0xab, 0xc0]]]]);
  });

  it("reads every number as Number() reads its text", () => {
    const digits = fc.stringMatching(/^[0-9]{0,18}$/);
    const token = fc
      .tuple(fc.constantFrom("", "+", "-"), digits, fc.boolean(), digits)
      .map(([sign, int, point, frac]) => `${sign}${int}${point ? "." : ""}${point ? frac : ""}`)
      .filter((t) => /[0-9]/.test(t));
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 8 }), (tokens) => {
        const [[, args]] = scan(`${tokens.join(" ")} cm`) as [[string, number[]]];
        expect(args.map((a) => (Object.is(a, -0) ? "-0" : a))).toEqual(tokens.map((t) => (Object.is(Number(t), -0) ? "-0" : Number(t))));
      }),
    );
    expect(scan("1-2 -- . cm")).toEqual([["cm", [NaN, NaN, NaN]]]);
  });
});
