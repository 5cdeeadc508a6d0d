/** esbuild's "text" loader (scripts/addin-build.ts) bundles .txt files as strings: the embedded plan. */
declare module "*.txt" {
  const text: string;
  export default text;
}
