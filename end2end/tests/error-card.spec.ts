import { expect, test } from "@playwright/test";
import { demo, screenshot, signIn } from "./fixtures/server";

test("a failed load shows the problem's title, status and detail, with a Retry that works", async ({
  page,
  request,
}) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);

  // A token that does not exist: the API's 404 problem, shown as it is.
  await page.goto(`/organizations/${organizationId}/service_tokens/00000000-0000-4000-8000-000000000000`);
  const card = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: /\(404\)$/ }) });
  await expect(card).toBeVisible();
  await screenshot(page, "18-error-card");

  // The list fails once (a 500 problem), then Retry loads it.
  let failures = 1;
  await page.route("**/api/v1/service_token?*", async (route) => {
    if (failures-- > 0) {
      await route.fulfill({
        status: 500,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "https://documentation.hook0.com/reference/error-codes#internal",
          title: "Internal server error",
          status: 500,
          detail: "Something broke.",
          id: "InternalServerError",
          validation: null,
        }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto(`/organizations/${organizationId}/service_tokens`);
  await expect(page.getByRole("heading", { name: "Internal server error (500)" })).toBeVisible();
  await expect(page.getByText("Something broke.")).toBeVisible();
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("heading", { name: "Internal server error (500)" })).toBeHidden();
  await expect(page.getByRole("table").or(page.getByText("No service tokens"))).toBeVisible();
});
