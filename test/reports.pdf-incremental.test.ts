/**
 * Object-level edits at the byte level (reports/pdf/incremental.ts): an incremental update, and the
 * file written again with objects replaced (the page totals' patched content streams).
 */
import { describe, expect, it } from "vitest";
import { PDFDocument, PDFHexString, PDFName, PDFRef, StandardFonts } from "pdf-lib";
import { appendUpdate, readTrailer, replaceObjects } from "../reports/pdf/incremental";

async function classicPdf(): Promise<{ pdf: Buffer; infoNum: number; pageNum: number }> {
  const doc = await PDFDocument.create();
  doc.setTitle("原标题");
  const page = doc.addPage([200, 200]);
  page.drawText("page one", { x: 10, y: 100, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.addPage([200, 200]);
  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  const infoRef = doc.context.trailerInfo.Info as PDFRef;
  return { pdf, infoNum: infoRef.objectNumber, pageNum: page.ref.objectNumber };
}

const infoBody = (title: string) => Buffer.from(`<</Title ${PDFHexString.fromText(title).toString()}>>`, "latin1");
const pageBody = async (pdf: Buffer, pageNum: number, rotate: number) => {
  const doc = await PDFDocument.load(pdf);
  const page = doc.getPages().find((p) => p.ref.objectNumber === pageNum)!;
  page.node.set(PDFName.of("Rotate"), doc.context.obj(rotate));
  const bytes = new Uint8Array(page.node.sizeInBytes());
  page.node.copyBytesInto(bytes, 0);
  return Buffer.from(bytes);
};

describe("replaceObjects", () => {
  it("writes the file once with the objects replaced, versions left behind by updates dropped", async () => {
    const { pdf, infoNum, pageNum } = await classicPdf();
    // An update first (as setPdfMetadata makes), then the replacement over both sections.
    const updated = appendUpdate(pdf, readTrailer(pdf)!, [{ num: infoNum, gen: 0, body: infoBody("更新") }]);
    const rotated = await pageBody(updated, pageNum, 90);
    const out = replaceObjects(updated, readTrailer(updated)!, [{ num: pageNum, gen: 0, body: rotated }])!;
    expect(out).not.toBeNull();
    expect(out.toString("latin1").match(/\bxref\b/g)).toHaveLength(1);
    expect(out.toString("latin1")).not.toContain("/Prev");
    // Smaller than the updated file (the old Info object is gone), about the size of the original.
    expect(out.length).toBeLessThan(updated.length);
    const doc = await PDFDocument.load(out);
    expect(doc.getTitle()).toBe("更新");
    expect(doc.getPages().map((p) => p.getRotation().angle)).toEqual([90, 0]);
    expect(doc.getPageCount()).toBe(2);
  });

  it("refuses (null) a file whose cross-reference is a stream: the caller appends an update instead", async () => {
    const doc = await PDFDocument.create();
    doc.addPage([100, 100]);
    const pdf = Buffer.from(await doc.save({ useObjectStreams: true }));
    const trailer = { startxref: Number(/startxref\s+(\d+)/.exec(pdf.toString("latin1"))![1]), size: 10, root: "1 0 R" };
    expect(replaceObjects(pdf, trailer, [])).toBeNull();
  });
});
