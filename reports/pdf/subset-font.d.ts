/** The part of subset-font (harfbuzz's hb-subset in wasm) the reports use; the package ships no types. */
declare module "subset-font" {
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: { targetFormat?: "truetype" | "woff" | "woff2" | "sfnt"; noLayoutClosure?: boolean; keepFeatures?: string[] },
  ): Promise<Buffer>;
}
