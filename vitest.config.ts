import { defineConfig } from "vitest/config";

// Tests drive real engines (LibreOffice, Chromium): generous timeouts, and at most two
// files at a time on these 2-core machines.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    reporters: ["default"],
  },
});
