/** Unit names close to one that was not found (a typo, a short form): for "did you mean" messages. Pure. */

function bigrams(s: string): string[] {
  const chars = [...s.replace(/\s+/g, "")];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i]! + c);
}

/** Dice similarity of the names' character pairs, 1 when one name contains the other. */
function similarity(a: string, b: string): number {
  if (a.length > 0 && (a.includes(b) || b.includes(a))) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** Up to `max` of `names` most like `name` (similarity at least 0.4), best first. */
export function closeNames(name: string, names: readonly string[], max = 3): string[] {
  return names
    .map((n) => ({ n, s: similarity(name, n) }))
    .filter((x) => x.s >= 0.4)
    .sort((a, b) => b.s - a.s)
    .slice(0, max)
    .map((x) => x.n);
}
