/**
 * Regenerates test/fixtures/plan/liangping-2023.docx, the seed plan as a Word file (one paragraph
 * per line), made by LibreOffice from seeds/liangping-2023.txt. The tests read the committed file
 * instead of converting at test time (slow, and it needs LibreOffice in every test run);
 * test/plan.input.test.ts checks that it still parses to the same Plan as the seed text.
 *
 *   npx tsx scripts/plan-fixture-docx.ts     after editing the seed text; commit the new .docx
 */
import { copyFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { textToDocx } from "../test/helpers/libreoffice";

const root = fileURLToPath(new URL("..", import.meta.url));
const target = root + "test/fixtures/plan/liangping-2023.docx";
copyFileSync(await textToDocx(root + "seeds/liangping-2023.txt"), target);
console.log(`已生成 ${target}（generated from seeds/liangping-2023.txt）`);
