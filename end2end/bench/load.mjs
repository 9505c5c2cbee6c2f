// Transfer size and cold load of the dashboard, in headless Chromium on
// loopback against the real token server.
//
// "Ready" is read from the DOM by a MutationObserver installed before any
// page script runs; the time is performance.now() at the first DOM change
// after which the state holds, i.e. milliseconds since the navigation began.
//   login: the wasm app has mounted the login form: e-mail and password
//          inputs, and an enabled "Log in" submit button (Leptos attaches the
//          handlers as it creates the elements, so the form works from then).
//   token: on a service token's page: the root token has been parsed,
//          verified with the instance key and inspected (its summary and
//          "Signed by this instance's key." are shown), and the attenuation
//          form is rendered with its block preview and an enabled Generate
//          button (the instance's configuration has loaded).
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { api, figure, signedInContext, stats } from "./lib.mjs";

// Runs in the page (as a string, before the dashboard's own scripts).
const PROBES = `
(() => {
  const probes = {
    login() {
      const button = document.querySelector('main form button[type="submit"]');
      return !!button && !button.disabled && button.textContent.trim() === "Log in"
        && !!document.getElementById("login-email") && !!document.getElementById("login-password");
    },
    token() {
      const summary = document.querySelector("p.summary");
      const signed = [...document.querySelectorAll("p")].some(
        (p) => p.textContent.trim() === "Signed by this instance's key.");
      const form = document.querySelector("form.attenuation-form");
      const button = form && form.querySelector('button[type="submit"]');
      return !!summary && signed && !!form && !!form.querySelector(".block-preview")
        && !!button && !button.disabled;
    },
  };
  const marks = {};
  window.__benchMarks = marks;
  const check = () => {
    for (const [name, probe] of Object.entries(probes)) {
      if (!(name in marks) && probe()) marks[name] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
})();
`;

/** Loads `path` in a fresh context; returns the page once `mark` is reached. */
async function coldLoad(browser, base, session, path, mark, onResponse) {
  const context = session
    ? await signedInContext(browser, base, session)
    : await browser.newContext({ baseURL: base });
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  if (onResponse) page.on("response", onResponse);
  await page.goto(path);
  try {
    await page.waitForFunction((name) => name in window.__benchMarks, mark, { timeout: 30_000 });
  } catch (error) {
    const text = (await page.locator("body").innerText().catch(() => "")).slice(0, 300);
    await context.close();
    throw new Error(`${path}: never reached "${mark}" (${error.message.split("\n")[0]}); page text: ${text}`);
  }
  const ms = await page.evaluate((name) => window.__benchMarks[name], mark);
  return { context, page, ms };
}

/** A service token to open (created through the API). */
async function serviceToken(base, session, organizationId) {
  return api(base, "POST", "/service_token", {
    token: session.access_token,
    body: { organization_id: organizationId, name: "Bench load" },
  });
}

function kind(url, contentType) {
  const path = new URL(url).pathname;
  if (path.endsWith(".wasm") || contentType.includes("wasm")) return "wasm";
  if (path.endsWith(".js") || contentType.includes("javascript")) return "js";
  if (path.endsWith(".css") || contentType.includes("css")) return "css";
  if (contentType.includes("html")) return "html";
  return "other";
}

/** Every non-API file the browser downloads to reach the token page, ready. */
export async function transferSize({ browser, base, session, organizationId }) {
  const token = await serviceToken(base, session, organizationId);
  const responses = [];
  const { context } = await coldLoad(
    browser,
    base,
    session,
    `/organizations/${organizationId}/service_tokens/${token.token_id}`,
    "token",
    (response) => {
      if (!new URL(response.url()).pathname.startsWith("/api/")) responses.push(response);
    },
  );
  const files = [];
  for (const response of responses) {
    const body = await response.body();
    const contentType = response.headers()["content-type"] ?? "";
    const sizes = await response.request().sizes();
    const k = kind(response.url(), contentType);
    files.push({
      // Every client-side route is answered with index.html.
      path: k === "html" ? "/index.html" : new URL(response.url()).pathname,
      kind: k,
      status: response.status(),
      served_encoding: response.headers()["content-encoding"] ?? "identity",
      served: sizes.responseBodySize,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }).length,
    });
  }
  await context.close();
  if (!files.some((f) => f.kind === "wasm")) throw new Error("no wasm file was downloaded: wrong page?");
  const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
  const figures = [];
  for (const k of ["html", "js", "wasm", "css", "other"]) {
    const list = files.filter((f) => f.kind === k);
    if (list.length === 0) continue;
    for (const enc of ["raw", "gzip", "brotli"]) {
      figures.push(figure(`size.${k}.${enc}`, `${k} (${list.length} file${list.length > 1 ? "s" : ""}), ${enc}`, sum(list, enc) / 1024, "KiB"));
    }
  }
  figures.push(figure("size.total.served", "total, as this server sent it (its own compression)", sum(files, "served") / 1024, "KiB"));
  for (const enc of ["raw", "gzip"]) {
    figures.push(figure(`size.total.${enc}`, `total, ${enc}`, sum(files, enc) / 1024, "KiB"));
  }
  figures.push(
    figure("size.total.brotli", "total, brotli (to the token page, attenuation ready)", sum(files, "brotli") / 1024, "KiB", {
      goal: "≤ 250 KB (≈ 244 KiB) [Hook0: 1,078 KB]",
    }),
  );
  return { figures, details: { files } };
}

/** Cold loads, each in a fresh context (empty cache): median of `runs`. */
export async function coldLoads({ browser, base, session, organizationId, runs }) {
  const token = await serviceToken(base, session, organizationId);
  const tokenPath = `/organizations/${organizationId}/service_tokens/${token.token_id}`;
  const login = [];
  const tokenPage = [];
  for (let i = 0; i < runs; i++) {
    const a = await coldLoad(browser, base, null, "/login", "login");
    login.push(a.ms);
    await a.context.close();
    const b = await coldLoad(browser, base, session, tokenPath, "token");
    tokenPage.push(b.ms);
    await b.context.close();
  }
  const l = stats(login, 1);
  const t = stats(tokenPage, 1);
  return {
    figures: [
      figure("load.login", `login page → form interactive (median of ${runs}, cold)`, l.median, "ms", {
        goal: "≤ 300 ms [Hook0: ~1.2 s]",
        detail: l,
      }),
      figure("load.token", `token page → attenuation ready (median of ${runs}, cold)`, t.median, "ms", { detail: t }),
    ],
    details: { login_ms: login, token_ms: tokenPage },
  };
}
