// Attenuation in Chromium: the token core (crates/wasm-bench, built by
// scripts/bench) and npm @biscuit-auth/biscuit-wasm 0.6 in the same page,
// served by a tiny static server with cross-origin isolation headers
// (microsecond timers). The page itself is attenuation/page.js.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { figure, here, stats } from "./lib.mjs";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serves `mounts` (URL prefix → folder) on a loopback port. */
function serve(mounts) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const prefix = Object.keys(mounts)
      .filter((p) => path === p || path.startsWith(p.endsWith("/") ? p : `${p}/`))
      .sort((a, b) => b.length - a.length)[0];
    let file = null;
    if (prefix !== undefined) {
      const folder = mounts[prefix];
      const rest = decodeURIComponent(path.slice(prefix.length)).replace(/^\/+/, "");
      const candidate = resolve(folder, rest ? normalize(rest) : "index.html");
      if (candidate.startsWith(folder + sep) && existsSync(candidate) && statSync(candidate).isFile()) {
        file = candidate;
      }
    }
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
      "cross-origin-resource-policy": "same-origin",
      "cache-control": "no-store",
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

export async function attenuationInBrowser({ browser, oursPkg, runs }) {
  const pkg = resolve(oursPkg);
  if (!existsSync(join(pkg, "wasm_bench.js"))) {
    throw new Error(`${pkg}/wasm_bench.js is missing (scripts/bench builds crates/wasm-bench)`);
  }
  const server = await serve({
    "/": resolve(here, "attenuation"),
    "/ours": pkg,
    "/biscuit-wasm": resolve(here, "..", "node_modules", "@biscuit-auth", "biscuit-wasm", "module"),
  });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.runBench === "function", null, { timeout: 30_000 }).catch(() => {
      throw new Error(`the bench page did not load: ${errors.join("; ") || "no error reported"}`);
    });
    const result = await page.evaluate(
      (options) => window.runBench(options),
      { runs, warmup: Math.min(100, runs), round: 100 },
    );
    if (!result.isolated) throw new Error("the bench page is not cross-origin isolated: timers would be coarse");
    const ours = stats(result.ours, 4);
    const theirs = stats(result.theirs, 4);
    return {
      figures: [
        figure("attenuation.browser.core", `token core (wasm), median of ${runs}`, ours.median * 1000, "µs", {
          goal: "faster than biscuit-wasm, ≤ 2× native",
          detail: ours,
        }),
        figure("attenuation.browser.biscuit_wasm", `npm biscuit-wasm 0.6, same page, median of ${runs}`, theirs.median * 1000, "µs", {
          detail: theirs,
        }),
        figure("attenuation.browser.ratio", "token core / biscuit-wasm (below 1: the core is faster)", ours.median / theirs.median, "×"),
      ],
      details: { block_appended: result.block },
    };
  } finally {
    await context.close();
    server.close();
  }
}
