// The service-tokens page with 1,000 tokens (created through the real API in
// a fresh organization): time to render the list, and time per keystroke in
// the name filter. Both are measured inside the page with performance.now():
//   render:    from the end of the list response (Resource Timing's
//              responseEnd of GET /api/v1/service_token) to the moment the
//              table holds all 1,000 rows (a MutationObserver sees them) and
//              style and layout are done (a forced synchronous layout).
//   keystroke: from setting the input's value and dispatching its `input`
//              event to the moment the dashboard's reactive updates have run
//              (a macrotask later: Leptos runs its effects as microtasks) and
//              layout is done. Each keystroke's row count is checked against
//              the names (visible rows: a page may hide rather than
//              remove), so the clock never stops on a stale table.
// Paint is excluded from both (headless Chromium paints on its own clock).
import { api, figure, login, median, signedInContext } from "./lib.mjs";

const NAME = (i) => `Bench token ${String(i).padStart(4, "0")}`;
// Typed one character at a time, then erased one at a time: the list
// narrows from 1,000 rows to 1 and grows back to 1,000.
const TYPED = "token 0999";

const RENDER_PROBE = `
(() => {
  const marks = {};
  window.__benchList = marks;
  const observer = new MutationObserver(() => {
    const body = document.querySelector("table.tokens-table tbody");
    if (!body || body.rows.length < ${1000}) return;
    marks.rows = performance.now();
    void document.body.offsetHeight;
    marks.layout = performance.now();
    const entry = performance
      .getEntriesByType("resource")
      .filter((e) => new URL(e.name).pathname === "/api/v1/service_token")
      .pop();
    marks.responseEnd = entry ? entry.responseEnd : null;
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true });
})();
`;

async function createTokens(base, credentials, count) {
  let session = await login(base, credentials);
  const org = await api(base, "POST", "/organizations", {
    token: session.access_token,
    body: { name: `Bench ${Date.now().toString(36)}` },
  });
  // The new organization is in the next session's claims.
  session = await login(base, credentials);
  let next = 1;
  const worker = async () => {
    while (next <= count) {
      const i = next++;
      await api(base, "POST", "/service_token", {
        token: session.access_token,
        body: { organization_id: org.organization_id, name: NAME(i) },
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const listed = await api(base, "GET", `/service_token?organization_id=${org.organization_id}`, {
    token: session.access_token,
  });
  if (listed.length !== count) throw new Error(`the organization lists ${listed.length} tokens, not ${count}`);
  return { session, organizationId: org.organization_id };
}

export async function bigList({ browser, base, credentials, count, rounds }) {
  if (count !== 1000) throw new Error("RENDER_PROBE waits for 1,000 rows");
  const { session, organizationId } = await createTokens(base, credentials, count);
  const names = Array.from({ length: count }, (_, i) => NAME(i + 1).toLowerCase());
  const steps = [];
  for (let i = 1; i <= TYPED.length; i++) steps.push(TYPED.slice(0, i));
  for (let i = TYPED.length - 1; i >= 0; i--) steps.push(TYPED.slice(0, i));
  const expected = steps.map((value) => {
    const needle = value.trim().toLowerCase();
    return names.filter((n) => n.includes(needle)).length;
  });

  const context = await signedInContext(browser, base, session);
  await context.addInitScript(RENDER_PROBE);
  const page = await context.newPage();
  const render = [];
  const split = [];
  const keystrokes = [];
  try {
    for (let round = 0; round < rounds; round++) {
      await page.goto(`/organizations/${organizationId}/service_tokens`);
      await page
        .waitForFunction(() => window.__benchList && "layout" in window.__benchList, null, { timeout: 60_000 })
        .catch(async () => {
          const rows = await page.locator("table.tokens-table tbody tr").count();
          throw new Error(`the list never showed ${count} rows (${rows} seen)`);
        });
      const marks = await page.evaluate(() => window.__benchList);
      if (marks.responseEnd == null) throw new Error("no Resource Timing entry for the list request");
      render.push(marks.layout - marks.responseEnd);
      split.push({ script: marks.rows - marks.responseEnd, layout: marks.layout - marks.rows });

      const times = await page.evaluate(
        async ({ steps, expected }) => {
          const input = document.getElementById("token-filter");
          const body = document.querySelector("table.tokens-table tbody");
          const channel = new MessageChannel();
          const macrotask = () =>
            new Promise((ok) => {
              channel.port1.onmessage = () => ok();
              channel.port2.postMessage(null);
            });
          const out = [];
          for (let i = 0; i < steps.length; i++) {
            await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
            const start = performance.now();
            input.value = steps[i];
            input.dispatchEvent(new Event("input", { bubbles: true }));
            await macrotask();
            void document.body.offsetHeight;
            const took = performance.now() - start;
            // Rows the page hides (rather than removes) do not count.
            const shown = [...body.rows].filter((r) => r.checkVisibility()).length;
            if (shown !== expected[i]) {
              throw new Error(`after typing "${steps[i]}" the table shows ${shown} rows, expected ${expected[i]}`);
            }
            out.push(took);
          }
          return out;
        },
        { steps, expected },
      );
      keystrokes.push(...times);
    }
  } finally {
    await context.close();
  }
  const round = (n) => Number(n.toFixed(2));
  return {
    figures: [
      figure("list.render", `render ${count} tokens (median of ${rounds})`, median(render), "ms", {
        goal: "≤ 100 ms",
        detail: {
          runs: render.map(round),
          // Up to the rows being in the DOM (parse, filter, build), then style and layout.
          script_ms: split.map((s) => round(s.script)),
          layout_ms: split.map((s) => round(s.layout)),
        },
      }),
      figure("list.filter.median", `filter: per keystroke, median (${keystrokes.length} keystrokes)`, median(keystrokes), "ms", {
        goal: "≤ 16 ms",
      }),
      figure("list.filter.max", "filter: slowest keystroke (1 → 1,000 rows)", Math.max(...keystrokes), "ms"),
    ],
    details: { steps, expected_rows: expected, keystroke_ms: keystrokes.map(round) },
  };
}
