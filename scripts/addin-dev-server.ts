/**
 * `npm run dev-server`: serves dist/ at https://localhost:3000 with the certificates of
 * office-addin-dev-certs (installed into the user's trust store on first run, as the Yeoman template does).
 * Run `npm run build:dev` (or `npm run watch` in another terminal) first.
 *   --offline   also serve node_modules/@microsoft/office-js/dist at /office-js/ (offline development:
 *               point taskpane.html's office.js at /office-js/office.js by hand; production uses the CDN)
 */
import { createServer } from "node:https";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getHttpsServerOptions } from "office-addin-dev-certs";
import { staticHandler } from "./addin-static";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.npm_package_config_dev_server_port ?? process.env.PORT ?? 3000);
if (!existsSync(root + "dist/taskpane.html")) {
  console.error("dist/taskpane.html 不存在：请先运行 npm run build:dev（build first）。");
  process.exit(1);
}
const extra: Record<string, string> = process.argv.includes("--offline") ? { "/office-js/": root + "node_modules/@microsoft/office-js/dist" } : {};
let options: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer };
try {
  options = await getHttpsServerOptions();
} catch (e) {
  // Installing the CA into the trust store needs admin rights (sudo on Linux). Serve with the generated
  // certificate anyway; Office will refuse it until the CA is trusted (`npx office-addin-dev-certs install`).
  const dir = join(homedir(), ".office-addin-dev-certs");
  if (!existsSync(join(dir, "localhost.key"))) throw e;
  console.warn(`未能把开发证书加入受信任列表（${e instanceof Error ? e.message.split("\n")[0] : e}）：请以管理员身份运行 npx office-addin-dev-certs install。`);
  options = { key: readFileSync(join(dir, "localhost.key")), cert: readFileSync(join(dir, "localhost.crt")), ca: readFileSync(join(dir, "ca.crt")) };
}
createServer(options, staticHandler(root + "dist", extra)).listen(port, () => {
  console.log(`加载项开发服务器：https://localhost:${port}/taskpane.html（Ctrl+C 结束）`);
});
