/**
 * Splitting one Chromium-printed PDF (the seed's 42 scorecards as one document) into the units' PDFs
 * at their bookmark pages, read back with poppler, pdf.js and pdf-lib; joined back with joinPdfs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, type PDFObject } from "pdf-lib";
import { buildQuarterReport } from "../reports/model/model.report";
import { renderDocument } from "../reports/html/document";
import { scorecardsDocument } from "../reports/html/page.scorecard";
import { PdfRenderer } from "../reports/pdf/renderer";
import { splitPdf, type SplitPart } from "../reports/pdf/split";
import { joinPdfs, type JoinMetadata } from "../reports/pdf/join";
import { readOutline } from "../reports/pdf/outline";
import { requireProgram } from "./helpers/programs";
import { seedLedger } from "./fixtures/reports/ledger.seed";
import { SMALL_AT, SMALL_SHA } from "./fixtures/reports/ledger.small";
import { pdfFonts, pdfInfo, pdfOutline, pdfText } from "./fixtures/reports/pdf-tools";

const flat = (s: string) => s.replace(/\s+/g, "");
const N = (s: string) => PDFName.of(s);

let dir: string;
let source: string;
let sourceBytes: Uint8Array;
let units: { title: string; pages: [number, number] }[];
/** One file per unit, in outline order. */
let parts: string[];
let partBytes: Uint8Array[];

const metaFor = (unit: string): JoinMetadata => ({
  title: `${unit} · 评分卡`,
  author: "重庆市梁平区人民政府办公室",
  subject: `${unit}评分卡`,
  keywords: "目标任务, 台账",
  lang: "zh-CN",
  creator: "plan-ledger split test",
});

/** Pages [first, endExclusive) of a file as text (pdftotext's form feeds between pages). */
const pagesText = (f: string, first?: number, end?: number) =>
  execFileSync(requireProgram("pdftotext"), [...(first === undefined ? [] : ["-f", String(first + 1), "-l", String(end!)]), "-enc", "UTF-8", f, "-"], {
    encoding: "utf8",
  });
const structText = (f: string) => execFileSync(requireProgram("pdfinfo"), ["-struct-text", f], { encoding: "utf8" });
/** The tree without its text (poppler's -struct-text takes minutes on the whole 126-page source). */
const structTree = (f: string) => execFileSync(requireProgram("pdfinfo"), ["-struct", f], { encoding: "utf8", maxBuffer: 64 << 20 });
/** The marked-content strings of the structure tree, in tree order. */
const structStrings = (s: string) => [...s.matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]!);
/** How often each element type (H1, TD, TH …) occurs. */
const roles = (s: string) => {
  const count = new Map<string, number>();
  for (const m of s.matchAll(/^\s*([A-Z][A-Za-z0-9]*)\b/gm)) count.set(m[1]!, (count.get(m[1]!) ?? 0) + 1);
  return count;
};
/** The heading texts in the structure tree (the text lines under each H1). */
const headings = (s: string, role: string) => {
  const lines = s.split("\n");
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!new RegExp(`^\\s*${role}\\b`).test(line)) return;
    const depth = line.search(/\S/);
    let text = "";
    for (let j = i + 1; j < lines.length && lines[j]!.search(/\S/) > depth; j++) {
      const m = /^\s*"(.*)"$/.exec(lines[j]!);
      if (m) text += m[1];
    }
    out.push(text);
  });
  return out;
};

async function split(partsIn: readonly { pages: [number, number]; title: string }[]): Promise<Uint8Array[]> {
  const chunks: Uint8Array[][] = partsIn.map(() => []);
  const spec: SplitPart[] = partsIn.map((p, i) => ({ pages: p.pages, metadata: metaFor(p.title), sink: async (c) => void chunks[i]!.push(c) }));
  const results = await splitPdf(sourceBytes, spec);
  const bytes = chunks.map((c) => new Uint8Array(Buffer.concat(c)));
  results.forEach((r, i) => {
    expect(r.bytes).toBe(bytes[i]!.length);
    expect(r.pages).toBe(partsIn[i]!.pages[1] - partsIn[i]!.pages[0]);
    expect(r.tagged).toBe(true);
  });
  return bytes;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pl-split-"));
  const { ledger, scores } = seedLedger(2);
  const report = buildQuarterReport(ledger, scores, 2, { workbookSha256: SMALL_SHA, generatedAt: SMALL_AT, lang: "zh" });
  const doc = scorecardsDocument(report.scorecards);
  const renderer = await PdfRenderer.launch({ concurrency: 1 });
  try {
    const pdf = await renderer.render(renderDocument(doc), {
      title: doc.title,
      author: doc.author,
      subject: doc.subject,
      keywords: doc.keywords,
      lang: "zh-CN",
    });
    source = join(dir, "scorecards.pdf");
    writeFileSync(source, pdf);
    sourceBytes = new Uint8Array(pdf);
  } finally {
    await renderer.close();
  }
  // The units' first pages, from the outline Chromium printed (one top-level bookmark per unit's <h1>).
  const t0 = process.cpuUsage();
  const loaded = await PDFDocument.load(sourceBytes, { updateMetadata: false });
  const load = process.cpuUsage(t0);
  const top = readOutline(loaded);
  expect(top.map((e) => e.title)).toEqual(report.scorecards.map((c) => c.unit.name));
  units = top.map((e, i) => ({ title: e.title, pages: [e.pageIndex!, top[i + 1]?.pageIndex ?? loaded.getPageCount()] }));
  const t1 = process.cpuUsage();
  partBytes = await split(units);
  const all = process.cpuUsage(t1);
  // Printed, not asserted (no timed assertions): the split includes its own load of the source.
  console.log(
    `split ${units.length} units (${loaded.getPageCount()} pages, ${(sourceBytes.length / 1e6).toFixed(1)} MB): load ${((load.user + load.system) / 1000).toFixed(0)} CPU-ms, ` +
      `load + split ${((all.user + all.system) / 1000).toFixed(0)} CPU-ms, ${(partBytes.reduce((a, b) => a + b.length, 0) / 1e6).toFixed(1)} MB written`,
  );
  parts = partBytes.map((b, i) => {
    const f = join(dir, `part-${String(i).padStart(2, "0")}.pdf`);
    writeFileSync(f, b);
    return f;
  });
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("splitting the scorecards PDF at the units' bookmarks", () => {
  it("gives each part its pages, with the same text as the source's pages", () => {
    expect(units.length).toBeGreaterThan(10);
    units.forEach((u, i) => {
      const info = pdfInfo(parts[i]!);
      expect(Number(info.Pages), u.title).toBe(u.pages[1] - u.pages[0]);
      expect(pagesText(parts[i]!), u.title).toBe(pagesText(source, ...u.pages));
      expect(flat(pagesText(parts[i]!))).toContain(flat(u.title));
    });
  });

  it("declares the part's metadata, language and tags; pdfinfo reads it without errors", async () => {
    for (const [i, u] of units.entries()) {
      const out = execFileSync(requireProgram("pdfinfo"), ["-enc", "UTF-8", parts[i]!], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(out).toMatch(/^Tagged:\s+yes$/m);
      const info = pdfInfo(parts[i]!);
      expect(info.Title).toBe(metaFor(u.title).title);
      expect(info.Author).toBe("重庆市梁平区人民政府办公室");
      expect(info.Subject).toBe(`${u.title}评分卡`);
      expect(info.Keywords).toBe("目标任务, 台账");
      expect((await pdfOutline(parts[i]!)).lang).toBe("zh-CN");
    }
    // Warnings and errors go to stderr: none for any part.
    for (const f of parts.slice(0, 5)) {
      const r = spawnSync(requireProgram("pdfinfo"), ["-struct", f], { encoding: "utf8" });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe("");
    }
  });

  it("keeps the unit's outline entry with its children, and nothing of other units", async () => {
    const src = (await pdfOutline(source)).outline;
    for (const [i, u] of units.entries()) {
      const { outline } = await pdfOutline(parts[i]!);
      expect(outline, u.title).toEqual([src[i]]);
      expect(outline[0]!.items.length).toBeGreaterThan(0);
    }
  });

  it("carries the structure tree of its pages only: its own heading, every cell once over all parts", () => {
    const wholeRoles = roles(structTree(source));
    const sum = new Map<string, number>();
    for (const [i, u] of units.entries()) {
      const tree = structTree(parts[i]!);
      for (const [role, n] of roles(tree)) sum.set(role, (sum.get(role) ?? 0) + n);
      expect(tree.match(/^\s*H1\b/gm), u.title).toHaveLength(1);
      // poppler's -struct-text extracts text per element (seconds for a 3-page part): short parts only.
      if (u.pages[1] - u.pages[0] > 1 || i > 12) continue;
      const s = structText(parts[i]!);
      expect(headings(s, "H1"), u.title).toEqual([u.title]);
      // Every string the tree marks is on the part's pages (none from another unit's pages); -raw
      // keeps the content stream's order, which is the tree's (the layout order interleaves columns).
      const text = flat(execFileSync(requireProgram("pdftotext"), ["-raw", "-enc", "UTF-8", parts[i]!, "-"], { encoding: "utf8" }));
      const own = structStrings(s);
      expect(own.length).toBeGreaterThan(20);
      expect(
        own.filter((t) => !text.includes(flat(t.replace(/\\"/g, '"')))),
        u.title,
      ).toEqual([]);
    }
    // Units start on a new page: no element below the Document spans two units, so the parts hold
    // each element exactly once (and each part its own Document).
    sum.set("Document", (sum.get("Document") ?? 0) - units.length + 1);
    expect(Object.fromEntries(sum)).toEqual(Object.fromEntries(wholeRoles));
    expect(wholeRoles.get("TD")).toBeGreaterThan(100);
  });

  it("writes a consistent structure tree: /Pg on the part's pages, /P back to each parent, a ParentTree from 0 matching every MCID", async () => {
    for (const bytes of partBytes) {
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      checkStructure(doc);
    }
  });

  it("lists subset TrueType fonts, never Type 3", () => {
    for (const f of parts) {
      const fonts = pdfFonts(f);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.type).toBe("CID TrueType");
        expect(font.embedded && font.subset && font.unicode, font.name).toBe(true);
      }
    }
  });

  it("opens in pdf.js, whose structure tree has the unit's heading", async () => {
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    for (const [i, u] of units.entries()) {
      const doc = await pdfjs.getDocument({ data: new Uint8Array(partBytes[i]!), useSystemFonts: false, isEvalSupported: false }).promise;
      try {
        expect(doc.numPages).toBe(u.pages[1] - u.pages[0]);
        const page = await doc.getPage(1);
        const tree = (await page.getStructTree()) as unknown as { children?: unknown[] };
        const roleNames: string[] = [];
        const walk = (n: { role?: string; children?: unknown[] }) => {
          if (n.role) roleNames.push(n.role);
          for (const c of n.children ?? []) walk(c as { role?: string; children?: unknown[] });
        };
        walk(tree);
        expect(roleNames, u.title).toContain("H1");
        const text = await page.getTextContent();
        expect(flat(text.items.map((x) => ("str" in x ? x.str : "")).join(""))).toContain(flat(u.title));
      } finally {
        await doc.destroy();
      }
    }
  });

  it("joins back into the source's text", async () => {
    const chunks: Uint8Array[] = [];
    const joined = await joinPdfs(
      partBytes.map((b, i) => ({ read: async () => b, bookmark: units[i]!.title })),
      metaFor("合并"),
      async (c) => void chunks.push(c),
    );
    const f = join(dir, "joined.pdf");
    writeFileSync(f, Buffer.concat(chunks));
    expect(joined.tagged).toBe(true);
    expect(joined.pages).toBe(Number(pdfInfo(source).Pages));
    expect(pdfText(f)).toBe(pdfText(source));
    expect((await pdfOutline(f)).outline.map((o) => o.title)).toEqual(units.map((u) => u.title));
  });
});

describe("a cut inside a unit", () => {
  it("gives elements spanning the cut a pruned copy in each part, every marked string once", async () => {
    const long = units.find((u) => u.pages[1] - u.pages[0] >= 3)!;
    const [a, b] = long.pages;
    const halves = [
      { title: `${long.title} 上`, pages: [a, a + 1] as [number, number] },
      { title: `${long.title} 下`, pages: [a + 1, b] as [number, number] },
    ];
    const bytes = await split(halves);
    const files = bytes.map((x, i) => {
      const f = join(dir, `half-${i}.pdf`);
      writeFileSync(f, x);
      return f;
    });
    const structs = files.map(structText);
    expect(structStrings(structs[0]!).length + structStrings(structs[1]!).length).toBe(structStrings(structText(parts[units.indexOf(long)]!)).length);
    files.forEach((f, i) => expect(pagesText(f)).toBe(pagesText(source, ...halves[i]!.pages)));
    // The unit's outline entry points at its first page: only the first half has it.
    expect((await pdfOutline(files[0]!)).outline[0]!.title).toBe(long.title);
    expect((await pdfOutline(files[1]!)).outline.map((o) => o.title)).not.toContain(long.title);
    // The unit's Document-level container (its <section>) is in both halves, each a pruned copy.
    for (const x of bytes) checkStructure(await PDFDocument.load(x, { updateMetadata: false }));
  });

  it("hands each part's document to beforeWrite (where fonts are re-subset), and writes what it changed", async () => {
    const u = units[1]!;
    const seen: number[] = [];
    const chunks: Uint8Array[] = [];
    await splitPdf(sourceBytes, [{ pages: u.pages, metadata: metaFor(u.title), sink: async (c) => void chunks.push(c) }], {
      beforeWrite: (doc) => {
        seen.push(doc.getPages().length);
        // What a font subsetter does: walk each page's resources and replace what it finds.
        for (const page of doc.getPages()) expect(page.node.Resources()?.lookup(N("Font"))).toBeInstanceOf(PDFDict);
        doc.setProducer("beforeWrite");
      },
    });
    expect(seen).toEqual([u.pages[1] - u.pages[0]]);
    const f = join(dir, "hook.pdf");
    writeFileSync(f, Buffer.concat(chunks));
    expect(pdfInfo(f).Producer).toBe("beforeWrite");
  });

  it("rejects a page range outside the document", async () => {
    await expect(splitPdf(sourceBytes, [{ pages: [0, 100_000], metadata: metaFor("x"), sink: async () => {} }])).rejects.toThrow(RangeError);
  });
});

/**
 * Walks a part's structure tree: every element's /P is the element (or root) it was reached from,
 * every /Pg is one of the part's pages, and the ParentTree maps each page's (or form's) MCIDs back
 * to the element holding them; no object of the part is a page it does not list.
 */
function checkStructure(doc: PDFDocument): void {
  const ctx = doc.context;
  const pages = new Set(doc.getPages().map((p) => p.ref));
  const pageObjects = ctx.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(N("Type")) === N("Page"));
  expect(pageObjects.length).toBe(pages.size);
  expect(doc.catalog.lookup(N("MarkInfo"), PDFDict).get(N("Marked"))?.toString()).toBe("true");
  const rootRef = doc.catalog.get(N("StructTreeRoot")) as PDFRef;
  const root = ctx.lookup(rootRef, PDFDict);
  const owner = new Map<string, PDFRef>(); // "page-or-stream ref|mcid" → element
  const walk = (ref: PDFRef, parent: PDFRef, page: PDFObject | undefined) => {
    const e = ctx.lookup(ref, PDFDict);
    expect(e.get(N("P"))).toBe(parent);
    const pg = e.get(N("Pg")) ?? page;
    if (e.get(N("Pg"))) expect(pages.has(e.get(N("Pg")) as PDFRef)).toBe(true);
    const k = e.get(N("K"));
    const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
    expect(kids.length).toBeGreaterThan(0);
    for (const kid of kids) {
      if (kid instanceof PDFNumber) owner.set(`${pg}|${kid.asNumber()}`, ref);
      else {
        const d = kid instanceof PDFRef ? ctx.lookup(kid) : kid;
        if (d instanceof PDFDict && d.get(N("Type")) === N("MCR")) {
          const mpg = d.get(N("Pg")) ?? pg;
          expect(pages.has(mpg as PDFRef)).toBe(true);
          owner.set(`${d.get(N("Stm")) ?? mpg}|${(d.get(N("MCID")) as PDFNumber).asNumber()}`, ref);
        } else walk(kid as PDFRef, ref, pg);
      }
    }
  };
  const top = root.get(N("K"));
  for (const t of top instanceof PDFArray ? top.asArray() : [top!]) walk(t as PDFRef, rootRef, undefined);
  const nums = ctx.lookup(root.get(N("ParentTree")), PDFDict).lookup(N("Nums"), PDFArray);
  const tree = new Map<number, PDFObject>();
  for (let i = 0; i < nums.size(); i += 2) tree.set((nums.get(i) as PDFNumber).asNumber(), nums.get(i + 1));
  expect([...tree.keys()]).toEqual([...tree.keys()].map((_, i) => i));
  expect((root.get(N("ParentTreeNextKey")) as PDFNumber).asNumber()).toBe(tree.size);
  // Each page and form XObject with /StructParents owns one ParentTree entry; each MCID there maps to its element.
  const keyed = ctx.enumerateIndirectObjects().flatMap(([ref, o]) => {
    const d = o instanceof PDFDict ? o : "dict" in o ? (o as { dict: PDFDict }).dict : undefined;
    const sp = d?.get(N("StructParents"));
    return sp instanceof PDFNumber ? [[ref, sp.asNumber(), d!.get(N("Type")) === N("Page")] as const] : [];
  });
  expect(new Set(keyed.map(([, key]) => key)).size).toBe(keyed.length);
  let checked = 0;
  for (const [ref, key, isPage] of keyed) {
    const value = ctx.lookup(tree.get(key)!);
    expect(value).toBeInstanceOf(PDFArray);
    (value as PDFArray).asArray().forEach((elem, mcid) => {
      const o = owner.get(`${ref}|${mcid}`);
      if (o) {
        expect(elem, `${isPage ? "page" : "form"} ${ref} MCID ${mcid}`).toBe(o);
        checked++;
      }
    });
  }
  expect(checked).toBe(owner.size);
}
