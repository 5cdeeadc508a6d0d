// One formatter for every folder: `npm run format` / `npm run format:check` (addin, reports, shared,
// test, bench, scripts, cli). Options follow the hand-written code: double quotes, semicolons,
// trailing commas, long lines (most of the tree stays within 160 columns).
// addin/ keeps prettier's default width: `npm run lint` (office-addin-lint, the add-in world's own
// checker) runs prettier through eslint with its defaults there, and both must agree.
export default {
  printWidth: 160,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  arrowParens: "always",
  bracketSpacing: true,
  endOfLine: "lf",
  // html`…` templates are the reports' markup as written: never reformat what goes into a page
  embeddedLanguageFormatting: "off",
  overrides: [
    { files: "addin/**", options: { printWidth: 80 } },
    // ES5 only (runs in Internet Explorer 11): a trailing comma in a call is ES2017.
    { files: "addin/taskpane/loader.js", options: { printWidth: 80, trailingComma: "none" } },
  ],
};
