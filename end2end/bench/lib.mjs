// Shared pieces of the browser benchmarks (scripts/bench runs them through
// run.mjs): Debian's Chromium, the real token server on loopback with a fresh
// database, a few API calls, and statistics.
//
// A benchmark never fails on a slow number; these helpers throw only when a
// measurement cannot be made (server down, page never ready, wrong result).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../chromium.mjs";

export const here = fileURLToPath(new URL(".", import.meta.url));
export const root = resolve(here, "..", "..");

/** Chromium as the Playwright suite runs it (../chromium.mjs). */
export function launchBrowser() {
  return chromium.launch(chromiumLaunchOptions);
}

/** A free loopback port. */
export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/**
 * Starts the release token server (start-server.mjs: fresh SQLite file, demo
 * data, no login rate limit) serving `dist`. Returns its base URL, the demo
 * credentials and a stop function.
 */
export async function startServer({ dist, binary }) {
  const port = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), "bench-server-"));
  const child = spawn(process.execPath, [join(root, "end2end", "start-server.mjs"), String(port)], {
    cwd: join(root, "end2end"),
    env: { ...process.env, E2E_STATE_DIR: stateDir, DIST_DIR: dist, TOKEN_SERVER: binary, E2E_SKIP_BUILD: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.on("exit", () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error("the token server exited during start-up");
    try {
      const credentials = JSON.parse(readFileSync(join(stateDir, "credentials.json"), "utf8"));
      const answer = await fetch(`${base}/api/v1/instance`);
      if (answer.ok) {
        const stop = async () => {
          if (!exited) {
            const gone = new Promise((ok) => child.once("exit", ok));
            child.kill("SIGTERM");
            await gone;
          }
          rmSync(stateDir, { recursive: true, force: true });
        };
        return { base, credentials, stop };
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error("the token server did not answer within 30 s");
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** A JSON API call; throws unless the status is the expected one. */
export async function api(base, method, path, { token, body, expect = [200, 201] } = {}) {
  const answer = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!expect.includes(answer.status)) {
    throw new Error(`${method} ${path} answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`);
  }
  return answer.status === 204 ? null : answer.json();
}

/** Logs in through the API; the LoginResponse the dashboard stores. */
export function login(base, credentials) {
  return api(base, "POST", "/auth/login", { body: credentials });
}

/** The demo organization's id (start-server.mjs seeds it). */
export async function demoOrganization(base, session) {
  const orgs = await api(base, "GET", "/organizations", { token: session.access_token });
  const org = orgs.find((o) => o.name === "Demo organization") ?? orgs[0];
  if (!org) throw new Error("the demo user has no organization");
  return org.organization_id;
}

/**
 * A browser context that starts signed in: the session is in localStorage
 * where the dashboard keeps it, before any page runs (nothing cached).
 */
export function signedInContext(browser, base, session) {
  return browser.newContext({
    baseURL: base,
    storageState: {
      cookies: [],
      origins: [{ origin: base, localStorage: [{ name: "auth", value: JSON.stringify(session) }] }],
    },
  });
}

export function median(values) {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** median, min, max and count, rounded for the JSON. */
export function stats(values, digits = 3) {
  const round = (n) => Number(n.toFixed(digits));
  return {
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    runs: values.length,
  };
}

/**
 * One figure of the report: `id` is stable across runs (the comparison with
 * the previous run goes by id); `better` says which way is an improvement.
 */
export function figure(id, label, value, unit, { better = "lower", goal, detail } = {}) {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${id}: no number measured (${value})`);
  }
  return { id, label, value, unit, better, ...(goal ? { goal } : {}), ...(detail ? { detail } : {}) };
}
