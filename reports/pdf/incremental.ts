/**
 * A standard incremental update (ISO 32000-1 §7.5.6): new versions of some objects appended after
 * the file, a classic xref section for them and a trailer pointing back (/Prev) to the previous one.
 * Nothing of the original bytes changes. Reads the classic trailer Skia writes; a file without one
 * gets null (its callers then keep it as it was, or refuse).
 */

export interface TrailerInfo {
  /** Offset of the last xref section. */
  startxref: number;
  size: number;
  /** "n g R" */
  root: string;
  /** The Info object's number and generation, if any. */
  info?: readonly [number, number];
}

export function readTrailer(pdf: Buffer): TrailerInfo | null {
  const tail = pdf.subarray(Math.max(0, pdf.length - 4096)).toString("latin1");
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailerAt = tail.lastIndexOf("trailer");
  if (!startxref || trailerAt < 0) return null;
  const trailer = tail.slice(trailerAt, startxref.index);
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer);
  const info = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  if (!size || !root) return null;
  return { startxref: Number(startxref[1]), size: Number(size[1]), root: root[1]!, info: info ? [Number(info[1]), Number(info[2])] : undefined };
}

/** An object's new version: its number, generation and the bytes between "obj" and "endobj". */
export interface UpdatedObject {
  num: number;
  gen: number;
  body: Buffer;
}

/** The file with `objects` appended as an incremental update (`info`: the trailer's /Info, else the previous one's). */
export function appendUpdate(pdf: Buffer, trailer: TrailerInfo, objects: readonly UpdatedObject[], info = trailer.info): Buffer {
  const parts: Buffer[] = [pdf];
  let at = pdf.length;
  const add = (b: Buffer) => (parts.push(b), (at += b.length));
  if (pdf[pdf.length - 1] !== 0x0a) add(Buffer.from("\n"));
  const offsets: [UpdatedObject, number][] = [];
  for (const o of objects) {
    offsets.push([o, at]);
    add(Buffer.from(`${o.num} ${o.gen} obj\n`, "latin1"));
    add(o.body);
    add(Buffer.from("\nendobj\n", "latin1"));
  }
  const xrefAt = at;
  // One subsection per object: simple, and valid whatever the numbers.
  const sections = offsets
    .sort(([a], [b]) => a.num - b.num)
    .map(([o, offset]) => `${o.num} 1\n${String(offset).padStart(10, "0")} ${String(o.gen).padStart(5, "0")} n \n`)
    .join("");
  const size = Math.max(trailer.size, ...objects.map((o) => o.num + 1));
  add(
    Buffer.from(
      `xref\n0 1\n0000000000 65535 f \n${sections}trailer\n<</Size ${size}\n/Root ${trailer.root}\n` +
        (info ? `/Info ${info[0]} ${info[1]} R\n` : "") +
        `/Prev ${trailer.startxref}>>\nstartxref\n${xrefAt}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts);
}
