// office-addin-lint's configuration (eslint-plugin-office-addins: sync/load rules, prettier) for the
// add-in's TypeScript, run from this folder (`npm run lint`) so it applies to addin/ only.
// Additions: browser globals, and no-undef off — TypeScript already checks names (typescript-eslint's advice).
import base from "../node_modules/office-addin-lint/config/eslint.config.mjs";
import globals from "globals";

export default [
  ...base,
  {
    languageOptions: {
      globals: {
        ...globals.browser,
        Office: "readonly",
        Excel: "readonly",
        OfficeExtension: "readonly",
      },
    },
    rules: { "no-undef": "off" },
  },
];
