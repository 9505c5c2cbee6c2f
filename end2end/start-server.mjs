// Starts the real token server for the end-to-end tests: the release build,
// a fresh SQLite file in a temporary folder, the built dashboard (`dist/`).
// The demo password the server prints on its first start is written to
// <state dir>/credentials.json for the tests (fixtures/server.ts reads it).
//
// Usage (from end2end/, as Playwright's webServer does):
//   node start-server.mjs <port>
// Env: E2E_STATE_DIR (default ../test-output/e2e-server), DIST_DIR (../dist),
//      TOKEN_SERVER (../target/release/token-server), E2E_SKIP_BUILD=1 to use
//      the binary as it is instead of `cargo build --release -p token-server`.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "..");
const port = Number(process.argv[2] ?? process.env.E2E_PORT ?? 8089);
const stateDir = resolve(process.env.E2E_STATE_DIR ?? join(root, "test-output", "e2e-server"));
const dist = resolve(process.env.DIST_DIR ?? join(root, "dist"));
const binary = resolve(process.env.TOKEN_SERVER ?? join(root, "target", "release", "token-server"));

if (!process.env.E2E_SKIP_BUILD) {
  // A no-op when the release build is up to date.
  const build = spawnSync("cargo", ["build", "--release", "--locked", "-p", "token-server"], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) {
    console.error("start-server: cargo build --release -p token-server failed");
    process.exit(1);
  }
}

// A fresh database (and key) for every run.
rmSync(stateDir, { recursive: true, force: true });
mkdirSync(stateDir, { recursive: true });

const server = spawn(
  binary,
  [
    "--listen",
    `127.0.0.1:${port}`,
    "--database",
    join(stateDir, "token-server.db"),
    "--dist",
    dist,
    "--auth-rate-limit-per-minute",
    "0",
    "--log-level",
    "warn",
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);

let buffered = "";
server.stdout.on("data", (chunk) => {
  const text = chunk.toString();
  buffered += text;
  const match = buffered.match(/Log in as (\S+) with password (\S+)/);
  if (match) {
    writeFileSync(
      join(stateDir, "credentials.json"),
      JSON.stringify({ email: match[1], password: match[2] }),
    );
    buffered = "";
    process.stdout.write("start-server: demo credentials saved\n");
  } else if (!/password/i.test(text)) {
    process.stdout.write(text);
  }
});

server.on("exit", (code) => process.exit(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
