// A tiny static server for the built dashboard (`dist/`), used by Playwright
// and by `scripts/run` until the real server serves the page itself.
// Usage: node serve-dist.mjs [dist-dir] [port]   (defaults: ../dist, 8080;
// or DIST_DIR / PORT). Unknown paths get index.html, as client-side routes need.
// Every response carries the strict Content-Security-Policy the dashboard is
// built to run under, so the end-to-end tests prove it does.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(process.argv[2] ?? process.env.DIST_DIR ?? join(here, "..", "dist"));
const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
const host = process.env.HOST ?? "127.0.0.1";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

// No inline script or style; wasm compilation allowed; API calls to this origin.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

async function fileFor(urlPath) {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, "");
  const candidate = resolve(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
  } catch {
    // not a file: fall through to the page
  }
  return extname(relative) ? null : join(root, "index.html");
}

const server = createServer(async (request, response) => {
  try {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = await fileFor(path);
    if (!file) {
      response.writeHead(404, { "content-type": types[".txt"] }).end("not found\n");
      return;
    }
    response.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      "content-security-policy": contentSecurityPolicy,
      "x-content-type-options": "nosniff",
    });
    createReadStream(file).pipe(response);
  } catch (error) {
    response.writeHead(400, { "content-type": types[".txt"] }).end(`${error}\n`);
  }
});

server.listen(port, host, () => {
  console.log(`Serving ${root} on http://${host}:${port}/`);
});
