/**
 * The first bytes that give a file's kind away, once for the plan reader (decode.ts: .docx, .doc,
 * PDF) and the ledger reader (file-kind.ts: .xlsx, .xls, .ods, PDF …).
 */

export const FILE_SIGNATURE = {
  /** Every OOXML / ODF document is a zip: .xlsx, .docx, .ods. */
  zip: [0x50, 0x4b, 0x03, 0x04],
  /** OLE compound file: legacy .xls, .doc. */
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  /** "%PDF" */
  pdf: [0x25, 0x50, 0x44, 0x46],
} as const;

/** True when `bytes` starts with the signature. */
export function hasSignature(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}
