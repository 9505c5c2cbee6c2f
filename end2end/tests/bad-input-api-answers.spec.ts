import { expect, Route, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn } from "./fixtures/server";

// The token list when the API answers badly: each failure is said in an
// alert, nothing crashes, and Retry works once the API is back.
const FAILURES: { what: string; alert: RegExp; answer: Parameters<Route["fulfill"]>[0] | "abort" }[] = [
  {
    what: "a 500 problem",
    alert: /Internal server error \(500\)/,
    answer: {
      status: 500,
      contentType: "application/problem+json",
      body: JSON.stringify({
        type: "https://documentation.hook0.com/reference/error-codes#internalservererror",
        title: "Internal server error",
        status: 500,
        detail: "Something went wrong on our side.",
        id: "InternalServerError",
        validation: null,
      }),
    },
  },
  { what: "a bare 500", alert: /\(500\)/, answer: { status: 500, contentType: "text/html", body: "<h1>oops</h1>" } },
  { what: "garbage JSON", alert: /Unexpected response \(200\)/, answer: { status: 200, contentType: "application/json", body: '{"not": json' } },
  { what: "JSON of another shape", alert: /Unexpected response \(200\)/, answer: { status: 200, contentType: "application/json", body: '{"tokens": 3}' } },
  { what: "an empty body", alert: /Unexpected response \(200\)/, answer: { status: 200, contentType: "application/json", body: "" } },
  { what: "nothing at all", alert: /cannot be reached/, answer: "abort" },
];

for (const failure of FAILURES) {
  test(`the token list survives ${failure.what}`, async ({ page, request }) => {
    const { session, organizationId } = await demo(request);
    await signIn(page, session);
    const list = new ServiceTokensPage(page, organizationId);
    const route = "**/api/v1/service_token?*";
    await page.route(route, (r) =>
      r.request().method() !== "GET"
        ? r.fallback()
        : failure.answer === "abort"
          ? r.abort("connectionreset")
          : r.fulfill(failure.answer),
    );
    await page.goto(`/organizations/${organizationId}/service_tokens`);
    const alert = page.getByRole("alert").filter({ hasText: failure.alert });
    await expect(alert).toBeVisible();
    await expect(page.locator("#panic-banner")).toHaveCount(0);

    await page.unroute(route);
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(alert).toHaveCount(0);
    // The list itself (a table, or its empty state) with its filter.
    await expect(list.filter()).toBeVisible();
    await expect(page.locator("#panic-banner")).toHaveCount(0);
  });
}
