/**
 * Cutting a long document's body into pieces that Chromium prints one at a time (a city's summary,
 * hundreds of pages: printed whole, Chromium's memory grows with every page it lays out). Pure
 * string work on our own well-formed markup (safe-html escapes every `<`, `>` and quote in text and
 * attributes; chart data is JSON with `<` escaped): a tag scanner builds the element tree, an element
 * larger than the budget is opened up into its children, and the pieces are cut between children.
 * Preferred cuts are between chapters (each starts on a new page anyway, so the pages come out as
 * in one document); a chapter larger than the budget is cut between table rows, task cards or
 * source lines, its open elements closed at the cut and opened again in the next piece, a table
 * with its <thead> (the header repeats as on any continuation page; the piece before ends on a
 * part-filled page). A cut never leaves a heading or a table header at a piece's end.
 */

interface Element {
  tag: string;
  start: string;
  end: string;
  children: Node[];
  size: number;
}
type Node = Element | string;

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g;
/** Kept with what follows them: a heading or a header at a piece's end would stand alone. */
const STICKY = new Set(["h1", "h2", "h3", "h4", "thead", "caption", "figcaption"]);

const sizeOf = (n: Node) => (typeof n === "string" ? n.length : n.size);
const serialize = (n: Node): string => (typeof n === "string" ? n : n.start + n.children.map(serialize).join("") + n.end);

function parse(body: string): Node[] {
  const root: Element = { tag: "", start: "", end: "", children: [], size: 0 };
  const stack = [root];
  let at = 0;
  const top = () => stack[stack.length - 1]!;
  for (const m of body.matchAll(TAG)) {
    if (m.index > at) top().children.push(body.slice(at, m.index));
    at = m.index + m[0].length;
    const tag = m[2]!.toLowerCase();
    if (m[1]) {
      // A closing tag closes up to its element (our markup is well-formed: nothing else is expected).
      let i = stack.length - 1;
      while (i > 0 && stack[i]!.tag !== tag) i--;
      if (i <= 0) throw new Error(`unmatched </${tag}> at ${m.index}`);
      stack[i]!.end = m[0];
      stack.length = i;
    } else if (VOID.has(tag) || m[0].endsWith("/>")) {
      top().children.push(m[0]);
    } else {
      const el: Element = { tag, start: m[0], end: "", children: [], size: 0 };
      top().children.push(el);
      stack.push(el);
    }
  }
  if (at < body.length) root.children.push(body.slice(at));
  if (stack.length > 1) throw new Error(`unclosed <${top().tag}>`);
  const measure = (n: Node): number =>
    typeof n === "string" ? n.length : (n.size = n.start.length + n.end.length + n.children.reduce((a, c) => a + measure(c), 0));
  root.children.forEach(measure);
  return root.children;
}

interface Atom {
  html: string;
  size: number;
  /** The elements it sits in, outermost first. */
  path: Element[];
  sticky: boolean;
}

function atomsOf(nodes: readonly Node[], path: Element[], max: number, out: Atom[]): Atom[] {
  for (const n of nodes) {
    if (typeof n !== "string" && n.size > max && n.children.some((c) => typeof c !== "string")) atomsOf(n.children, [...path, n], max, out);
    else out.push({ html: serialize(n), size: sizeOf(n), path, sticky: typeof n !== "string" && STICKY.has(n.tag) });
  }
  return out;
}

/** An element opened again in a later piece: its start tag and, for a table, its header (unless the piece has it already). */
function reopen(el: Element, group: readonly Atom[]): string {
  if (el.tag !== "table" || group.some((a) => a.path.at(-1) === el && a.html.startsWith("<thead"))) return el.start;
  const head = el.children.find((c): c is Element => typeof c !== "string" && c.tag === "thead");
  return el.start + (head ? serialize(head) : "");
}

/**
 * The body cut into pieces of about `maxChars` characters (a piece holds at least one unit that
 * cannot be cut further, however large). A body within the budget is one piece, unchanged.
 */
export function splitBody(body: string, maxChars: number): string[] {
  if (body.length <= maxChars) return [body];
  const atoms = atomsOf(parse(body), [], maxChars, []);
  // Group greedily; a cut before an atom moves back over the sticky atoms (and blanks) ending the group.
  const groups: Atom[][] = [];
  let current: Atom[] = [];
  let size = 0;
  for (const atom of atoms) {
    if (size + atom.size > maxChars && current.some((a) => a.html.trim() !== "")) {
      let cut = current.length;
      while (cut > 0 && (current[cut - 1]!.sticky || current[cut - 1]!.html.trim() === "")) cut--;
      if (cut > 0) {
        groups.push(current.slice(0, cut));
        current = current.slice(cut);
        size = current.reduce((a, x) => a + x.size, 0);
      }
    }
    current.push(atom);
    size += atom.size;
  }
  if (current.length > 0) groups.push(current);

  const opened = new Set<Element>();
  return groups.map((group) => {
    let out = "";
    const open: Element[] = [];
    for (const atom of group) {
      let common = 0;
      while (common < open.length && common < atom.path.length && open[common] === atom.path[common]) common++;
      while (open.length > common) out += open.pop()!.end;
      for (const el of atom.path.slice(common)) {
        out += opened.has(el) ? reopen(el, group) : el.start;
        opened.add(el);
        open.push(el);
      }
      out += atom.html;
    }
    while (open.length > 0) out += open.pop()!.end;
    return out;
  });
}
