// The browser half of scripts/bench: transfer size, cold loads, attenuation
// side by side with biscuit-wasm, and the 1,000-token list, in headless
// Chromium against the real server on loopback. Writes one JSON file:
//   { "sections": { "<name>": { "figures": [...], "details": {...} } | { "error": "..." } } }
// A section that cannot be measured records its error; the exit code is 1
// then (a broken measurement), never because a number is slow.
//
// Usage: node bench/run.mjs --out FILE [--only size,load,attenuation,list] [--quick]
// Env: BENCH_DIST (built dashboard), TOKEN_SERVER (release binary),
//      BENCH_WASM_PKG (wasm-bindgen output of crates/wasm-bench).
import { writeFileSync } from "node:fs";
import { attenuationInBrowser } from "./attenuation.mjs";
import { bigList } from "./big-list.mjs";
import { demoOrganization, launchBrowser, login, startServer } from "./lib.mjs";
import { coldLoads, transferSize } from "./load.mjs";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = option("--out");
if (!out) {
  console.error("usage: node bench/run.mjs --out FILE [--only size,load,attenuation,list] [--quick]");
  process.exit(2);
}
const quick = args.includes("--quick");
const all = ["size", "load", "attenuation", "list"];
const only = (option("--only") ?? all.join(",")).split(",").filter((s) => all.includes(s));

const sections = {};
const browser = await launchBrowser();
let server = null;
try {
  if (only.some((s) => s !== "attenuation")) {
    server = await startServer({ dist: process.env.BENCH_DIST, binary: process.env.TOKEN_SERVER });
  }
  const steps = {
    size: async () => {
      const session = await login(server.base, server.credentials);
      return transferSize({ browser, base: server.base, session, organizationId: await demoOrganization(server.base, session) });
    },
    load: async () => {
      const session = await login(server.base, server.credentials);
      const organizationId = await demoOrganization(server.base, session);
      return coldLoads({ browser, base: server.base, session, organizationId, runs: quick ? 3 : 5 });
    },
    attenuation: () => attenuationInBrowser({ browser, oursPkg: process.env.BENCH_WASM_PKG, runs: quick ? 200 : 1000 }),
    list: () => bigList({ browser, base: server.base, credentials: server.credentials, count: 1000, rounds: quick ? 2 : 5 }),
  };
  for (const name of only) {
    const started = Date.now();
    process.stdout.write(`    browser bench: ${name}…`);
    try {
      sections[name] = await steps[name]();
      process.stdout.write(` ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      sections[name] = { error: String(error?.message ?? error) };
      process.stdout.write(` FAILED: ${sections[name].error}\n`);
    }
  }
} catch (error) {
  for (const name of only) sections[name] ??= { error: `could not start: ${error?.message ?? error}` };
} finally {
  await browser.close();
  if (server) await server.stop();
}
writeFileSync(out, JSON.stringify({ sections }, null, 2));
process.exit(Object.values(sections).some((s) => s.error) ? 1 : 0);
