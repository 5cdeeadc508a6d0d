/** A piece of text as spans of the input, so names are cut from the normalised text but read verbatim. */
export class Rope {
  private constructor(private readonly spans: ReadonlyArray<readonly [number, number]>) {}
  static of(start: number, end: number): Rope {
    return new Rope(end > start ? [[start, end]] : []);
  }
  static empty(): Rope {
    return new Rope([]);
  }
  get length(): number {
    return this.spans.reduce((n, [s, e]) => n + e - s, 0);
  }
  str(src: string): string {
    return this.spans.map(([s, e]) => src.slice(s, e)).join("");
  }
  concat(other: Rope): Rope {
    return new Rope([...this.spans, ...other.spans]);
  }
  /** The first k characters. */
  take(k: number): Rope {
    const out: Array<[number, number]> = [];
    for (const [s, e] of this.spans) {
      if (k <= 0) break;
      const n = Math.min(k, e - s);
      out.push([s, s + n]);
      k -= n;
    }
    return new Rope(out);
  }
  /** Without the first k characters. */
  dropStart(k: number): Rope {
    const out: Array<[number, number]> = [];
    for (const [s, e] of this.spans) {
      const n = Math.min(Math.max(k, 0), e - s);
      if (e - s - n > 0) out.push([s + n, e]);
      k -= n;
    }
    return new Rope(out);
  }
  /** The input offset of the k-th character, or null. */
  offsetOf(k: number): number | null {
    for (const [s, e] of this.spans) {
      if (k < e - s) return s + k;
      k -= e - s;
    }
    return null;
  }
  trim(src: string): Rope {
    const t = this.str(src);
    const lead = t.length - t.trimStart().length;
    const kept = t.trim().length;
    return this.dropStart(lead).take(kept);
  }
}
