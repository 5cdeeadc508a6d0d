/** Safe, unique file names for per-unit PDFs (unit names are data: they may hold anything). */

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** Keeps letters (including CJK), digits and a few marks; replaces path separators, controls and the like. */
export function safeFileStem(name: string, maxLength = 60): string {
  let s = name
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, "")
    .replace(/[\\/:*?"<>|\s]+/g, "_")
    .replace(/^[._-]+/, "")
    .replace(/[._ ]+$/, "");
  if (!s) s = "unit";
  else if (RESERVED.test(s)) s = `unit_${s}`;
  // Cut by code points, never inside a surrogate pair.
  const chars = Array.from(s);
  return chars.length > maxLength ? chars.slice(0, maxLength).join("") : s;
}

/** One unique name per unit, in order; collisions get "-2", "-3", … (case-insensitive). */
export function uniqueFileNames(names: readonly string[], ext = ".pdf"): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const stem = safeFileStem(n) || "unit";
    let candidate = stem;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${stem}-${i}`;
    used.add(candidate.toLowerCase());
    return candidate + ext;
  });
}
