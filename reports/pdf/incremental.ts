/**
 * Object-level edits of a PDF as Skia writes it (plain objects, classic xref tables), at the byte
 * level, never re-serializing what did not change:
 * - `appendUpdate`: a standard incremental update (ISO 32000-1 §7.5.6): new versions of some objects
 *   appended after the file, a classic xref section for them and a trailer pointing back (/Prev) to
 *   the previous one. Nothing of the original bytes changes; the old versions stay as dead bytes
 *   (fine for a small object: the document info).
 * - `replaceObjects`: the file written again with some objects replaced (every page's content stream
 *   when the page totals are written in: appended, their old versions would add a third to the file).
 *   Every other object's bytes are copied as they are, in one pass; one xref table, one trailer.
 * Both read the classic trailer Skia writes; a file without one gets null (its callers then keep it
 * as it was, or refuse).
 */

export interface TrailerInfo {
  /** Offset of the last xref section. */
  startxref: number;
  size: number;
  /** "n g R" */
  root: string;
  /** The Info object's number and generation, if any. */
  info?: readonly [number, number];
  /** The file identifier as written ("/ID [<…> <…>]"), if any. */
  id?: string;
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
  const id = /\/ID\s*\[[^\]]*\]/.exec(trailer);
  if (!size || !root) return null;
  return { startxref: Number(startxref[1]), size: Number(size[1]), root: root[1]!, info: info ? [Number(info[1]), Number(info[2])] : undefined, id: id?.[0] };
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

/** Each object's latest offset (following the classic xref sections' /Prev chain) and the sections' own offsets; null if any is not classic. */
function readXref(pdf: Buffer, startxref: number): { objects: Map<number, [offset: number, gen: number]>; sections: number[] } | null {
  const objects = new Map<number, [number, number]>();
  const sections: number[] = [];
  for (let at: number | undefined = startxref; at !== undefined;) {
    if (sections.includes(at) || pdf.toString("latin1", at, at + 4) !== "xref") return null;
    sections.push(at);
    const end = pdf.indexOf("trailer", at, "latin1");
    if (end < 0) return null;
    const lines = pdf.toString("latin1", at + 4, end).split(/\r\n|\r|\n/);
    let num = 0;
    for (const line of lines) {
      const sub = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
      if (sub) num = Number(sub[1]);
      else if (entry) {
        // The newest section is read first: an object's first entry is its latest version.
        if (entry[3] === "n" && !objects.has(num)) objects.set(num, [Number(entry[1]), Number(entry[2])]);
        else if (!objects.has(num)) objects.set(num, [-1, 0]);
        num++;
      } else if (line.trim() !== "") return null;
    }
    const trailer = pdf.toString("latin1", end, pdf.indexOf(">>", end, "latin1") + 2);
    const prev = /\/Prev\s+(\d+)/.exec(trailer);
    at = prev ? Number(prev[1]) : undefined;
  }
  for (const [num, [offset]] of objects) if (offset < 0) objects.delete(num);
  return { objects, sections };
}

/**
 * The file written again with `objects` replaced (same numbers and generations) and every object
 * an update left behind dropped: one body, one xref table, one trailer (/Root, /Info and /ID kept).
 * Null where the file is not what Skia writes (an xref stream, an object's offset not "n g obj").
 */
export function replaceObjects(pdf: Buffer, trailer: TrailerInfo, objects: readonly UpdatedObject[]): Buffer | null {
  const xref = readXref(pdf, trailer.startxref);
  if (!xref) return null;
  // An object's bytes run to the next object or xref section in the file (whatever the object holds).
  const bounds = [...[...xref.objects.values()].map(([o]) => o), ...xref.sections, pdf.length].sort((a, b) => a - b);
  const endOf = (offset: number) => {
    let lo = 0;
    let hi = bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]! > offset) hi = mid;
      else lo = mid + 1;
    }
    return bounds[lo]!;
  };
  const replaced = new Map(objects.map((o) => [o.num, o]));
  const size = Math.max(trailer.size, ...objects.map((o) => o.num + 1));
  const first = Math.min(...[...xref.objects.values()].map(([o]) => o));
  const parts: Buffer[] = [pdf.subarray(0, first)];
  let at = first;
  const rows: string[] = ["0000000000 65535 f \n"];
  for (let num = 1; num < size; num++) {
    const o = replaced.get(num);
    const old = xref.objects.get(num);
    if (!o && !old) {
      rows.push("0000000000 00000 f \n");
      continue;
    }
    let bytes: Buffer;
    if (o) bytes = Buffer.concat([Buffer.from(`${o.num} ${o.gen} obj\n`, "latin1"), o.body, Buffer.from("\nendobj\n", "latin1")]);
    else {
      const [offset, gen] = old!;
      if (!pdf.toString("latin1", offset, offset + 24).startsWith(`${num} ${gen} obj`)) return null;
      bytes = pdf.subarray(offset, endOf(offset));
    }
    rows.push(`${String(at).padStart(10, "0")} ${String(o?.gen ?? old![1]).padStart(5, "0")} n \n`);
    parts.push(bytes);
    at += bytes.length;
  }
  const info = trailer.info ? `/Info ${trailer.info[0]} ${trailer.info[1]} R\n` : "";
  parts.push(
    Buffer.from(
      `xref\n0 ${size}\n${rows.join("")}trailer\n<</Size ${size}\n/Root ${trailer.root}\n${info}${trailer.id ? `${trailer.id}\n` : ""}>>\nstartxref\n${at}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts);
}
