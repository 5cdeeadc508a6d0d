/**
 * Finding and launching the system Chromium. Puppeteer never downloads a browser here
 * (.puppeteerrc.cjs): we use PUPPETEER_EXECUTABLE_PATH, else Debian's chromium-headless-shell
 * (old headless: launches ~4× faster and prints faster), else Debian's chromium.
 */
import { existsSync } from "node:fs";
import puppeteer, { type Browser } from "puppeteer";

export interface BrowserChoice {
  executablePath: string;
  /** "shell" for chromium-headless-shell, true (new headless) for a full chromium. */
  headless: true | "shell";
  source: "env" | "headless-shell" | "chromium";
}

const HEADLESS_SHELL = ["/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium-headless-shell"];
const CHROMIUM = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"];

export class BrowserNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `未找到 Chromium 浏览器，无法生成 PDF。请安装 Debian 软件包 chromium-headless-shell（或 chromium）：` +
        `apt-get install -y chromium-headless-shell，或设置 PUPPETEER_EXECUTABLE_PATH。` +
        ` (No Chromium found: install the chromium-headless-shell package or set PUPPETEER_EXECUTABLE_PATH. ${detail})`,
    );
    this.name = "BrowserNotFoundError";
  }
}

/** Pure choice from the environment and a file-exists predicate (testable without a browser). */
export function chooseBrowser(env: Record<string, string | undefined> = process.env, exists: (path: string) => boolean = existsSync): BrowserChoice {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH?.trim();
  if (fromEnv) {
    if (!exists(fromEnv)) throw new BrowserNotFoundError(`PUPPETEER_EXECUTABLE_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv, headless: /headless-shell/.test(fromEnv) ? "shell" : true, source: "env" };
  }
  const shell = HEADLESS_SHELL.find(exists);
  if (shell) return { executablePath: shell, headless: "shell", source: "headless-shell" };
  const full = CHROMIUM.find(exists);
  if (full) return { executablePath: full, headless: true, source: "chromium" };
  throw new BrowserNotFoundError(`looked in ${[...HEADLESS_SHELL, ...CHROMIUM].join(", ")}`);
}

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-extensions",
  "--disable-sync",
  "--no-first-run",
  "--no-default-browser-check",
  "--mute-audio",
  "--font-render-hinting=none",
];

export async function launchBrowser(choice: BrowserChoice = chooseBrowser()): Promise<Browser> {
  return puppeteer.launch({
    executablePath: choice.executablePath,
    headless: choice.headless,
    args: CHROMIUM_ARGS,
    // No network for the browser's own services; pages get nothing but our in-memory assets.
    // A city's summary (hundreds of pages) can take minutes to print on a loaded machine.
    protocolTimeout: 600_000,
  });
}
