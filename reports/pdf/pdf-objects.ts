/** Reading pdf-lib objects the join, the split and the outline all need: one home for each. */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument, type PDFObject } from "pdf-lib";

/** The dictionary an object is or refers to; undefined for anything else. */
export function lookupDict(doc: PDFDocument, o: PDFObject | undefined): PDFDict | undefined {
  const v = o instanceof PDFRef ? doc.context.lookup(o) : o;
  return v instanceof PDFDict ? v : undefined;
}

/** A number tree's (key → value) pairs (a structure tree's ParentTree): flat (/Nums) or with /Kids. */
export function numberTree(doc: PDFDocument, node: PDFDict | undefined, into = new Map<number, PDFObject>()): Map<number, PDFObject> {
  if (!node) return into;
  const nums = node.lookup(PDFName.of("Nums"));
  if (nums instanceof PDFArray)
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const key = nums.lookup(i);
      if (key instanceof PDFNumber) into.set(key.asNumber(), nums.get(i + 1));
    }
  const kids = node.lookup(PDFName.of("Kids"));
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) numberTree(doc, lookupDict(doc, kids.get(i)), into);
  return into;
}
