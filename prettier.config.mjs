// One formatter for every folder: `npm run format` / `npm run format:check` (addin, reports, shared,
// test, bench, scripts, cli). Options follow the hand-written code: double quotes, semicolons,
// trailing commas, long lines (most of the tree stays within 160 columns).
// addin/ keeps prettier's default width for now: `npm run lint` (office-addin-lint runs prettier through
// eslint) already enforces it there, and the tree is reformatted once after the current restructuring;
// drop the override then.
export default {
  printWidth: 160,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  arrowParens: "always",
  bracketSpacing: true,
  endOfLine: "lf",
  overrides: [{ files: "addin/**", options: { printWidth: 80 } }],
};
