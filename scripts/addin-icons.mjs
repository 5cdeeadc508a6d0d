// Renders addin/assets/icon.svg to the PNG sizes the manifest names (16, 32, 64, 80 px) with headless
// Chromium. Run once after changing the SVG: `node scripts/addin-icons.mjs`; the PNGs are committed.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer";

const assets = fileURLToPath(new URL("../addin/assets/", import.meta.url));
const svg = await readFile(assets + "icon.svg", "utf8");
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  for (const size of [16, 32, 64, 80]) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` + svg.replace("<svg ", `<svg width="${size}" height="${size}" `) + `</body></html>`,
    );
    await page.screenshot({ path: `${assets}icon-${size}.png`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  }
} finally {
  await browser.close();
}
