/**
 * PDF document information. Chromium writes only Title (from <title>), Creator, Producer and the
 * dates, and /Lang from <html lang>; Author, Subject and Keywords are added here by a standard
 * incremental update: a new version of the Info object, a one-entry xref section and a trailer
 * pointing back (/Prev) to Chromium's. Nothing of the original bytes is changed. If the file does
 * not have the classic trailer this expects (Skia always writes one), it is returned unchanged.
 */
import { appendUpdate, readTrailer } from "./incremental";

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  /** BCP 47, e.g. "zh-CN" (Chromium already writes /Lang from <html lang>; checked by tests). */
  lang: string;
}

/** A PDF text string: UTF-16BE with BOM, hex-encoded (safe for any character, no escaping needed). */
export function pdfTextString(s: string): string {
  let hex = "FEFF";
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, "0").toUpperCase();
  return `<${hex}>`;
}

export const CREATOR = "plan-ledger report (Chromium)";

export function setPdfMetadata(pdf: Buffer, m: PdfMetadata): Buffer {
  const trailer = readTrailer(pdf);
  if (!trailer) return pdf;
  // Keep Chromium's own entries (dates, Creator, Producer) from the current Info dictionary.
  let kept = "";
  const [infoNum, infoGen] = trailer.info ?? [trailer.size, 0];
  if (trailer.info) {
    const head = pdf.toString("latin1", 0, Math.min(pdf.length, 65536));
    const obj = new RegExp(`(?:^|\\n)${infoNum} ${infoGen} obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(head);
    if (obj) {
      // A literal string with escapes (\( \) \\) but no unescaped parenthesis, or a hex string;
      // anything else is left out rather than copied half.
      for (const key of ["Producer", "CreationDate", "ModDate"]) {
        const v = new RegExp(`/${key}\\s*(\\((?:\\\\.|[^\\\\()])*\\)|<[0-9A-Fa-f]*>)\\s*(?=/|$)`).exec(obj[1]!);
        if (v) kept += `/${key} ${v[1]}\n`;
      }
    }
  }
  const body =
    `<</Title ${pdfTextString(m.title)}\n/Author ${pdfTextString(m.author)}\n` +
    `/Subject ${pdfTextString(m.subject)}\n/Keywords ${pdfTextString(m.keywords)}\n/Creator ${pdfTextString(CREATOR)}\n${kept}>>`;
  return appendUpdate(pdf, trailer, [{ num: infoNum, gen: infoGen, body: Buffer.from(body, "latin1") }], [infoNum, infoGen]);
}
