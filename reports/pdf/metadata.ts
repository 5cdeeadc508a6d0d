/**
 * PDF document information. Chromium writes only Title (from <title>), Creator, Producer and the
 * dates, and /Lang from <html lang>; Author, Subject and Keywords are added here by a standard
 * incremental update: a new version of the Info object, a one-entry xref section and a trailer
 * pointing back (/Prev) to Chromium's. Nothing of the original bytes is changed. If the file does
 * not have the classic trailer this expects (Skia always writes one), it is returned unchanged.
 */
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
  const tail = pdf.subarray(Math.max(0, pdf.length - 4096)).toString("latin1");
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailerAt = tail.lastIndexOf("trailer");
  if (!startxref || trailerAt < 0) return pdf;
  const trailer = tail.slice(trailerAt, startxref.index);
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer);
  const info = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  if (!size || !root) return pdf;

  // Keep Chromium's own entries (dates, Creator, Producer) from the current Info dictionary.
  let kept = "";
  const infoNum = info ? Number(info[1]) : Number(size[1]);
  const infoGen = info ? Number(info[2]) : 0;
  if (info) {
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
    `${infoNum} ${infoGen} obj\n<</Title ${pdfTextString(m.title)}\n/Author ${pdfTextString(m.author)}\n` +
    `/Subject ${pdfTextString(m.subject)}\n/Keywords ${pdfTextString(m.keywords)}\n/Creator ${pdfTextString(CREATOR)}\n${kept}>>\nendobj\n`;
  const sep = pdf[pdf.length - 1] === 0x0a ? "" : "\n";
  const objOffset = pdf.length + sep.length;
  const xrefOffset = objOffset + Buffer.byteLength(body, "latin1");
  const newSize = Math.max(Number(size[1]), infoNum + 1);
  const update =
    sep +
    body +
    `xref\n0 1\n0000000000 65535 f \n${infoNum} 1\n${String(objOffset).padStart(10, "0")} ${String(infoGen).padStart(5, "0")} n \n` +
    `trailer\n<</Size ${newSize}\n/Root ${root[1]}\n/Info ${infoNum} ${infoGen} R\n/Prev ${startxref[1]}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, "latin1")]);
}
