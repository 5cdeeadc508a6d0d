// Validates add-in manifests offline against the XSDs in addin/manifest-xsd/ with xmllint --nonet.
// `npm run validate` checks manifest.xml (and dist/manifest.xml when a build exists).
// Usage: node scripts/addin-validate.mjs [manifest.xml ...]   Exit 0 = valid, 1 = invalid, 2 = xmllint missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const schema = root + "addin/manifest-xsd/OfficeAppManifestV1_1.xsd";
const files = process.argv.slice(2);
if (files.length === 0) {
  files.push(root + "manifest.xml");
  if (existsSync(root + "dist/manifest.xml")) files.push(root + "dist/manifest.xml");
}
let failed = 0;
for (const file of files) {
  const r = spawnSync("xmllint", ["--nonet", "--noout", "--schema", schema, file], { encoding: "utf8" });
  if (r.error) {
    console.error("找不到 xmllint（xmllint not found）：请安装 libxml2-utils。");
    process.exit(2);
  }
  if (r.status === 0) console.log(`清单有效（valid）：${file}`);
  else {
    failed++;
    console.error(`清单无效（invalid）：${file}\n${r.stderr.trim()}`);
  }
}
process.exit(failed ? 1 : 0);
