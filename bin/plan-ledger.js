#!/usr/bin/env node
// Entry point of the `plan-ledger` command. The sources are TypeScript, run through tsx's loader,
// so there is no build step between `npm ci` and `npx plan-ledger`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
