import { expect, test } from "@playwright/test";
import { openNewRootToken } from "./fixtures/flows";

// The live simulator decides for the token the form would make, before
// Generate, in the browser: no request leaves the page while editing.
test("the live simulator follows the form before Generate: one application, read-only, invalid Datalog", async ({
  page,
  request,
}) => {
  const { tokenPage } = await openNewRootToken(page, request, "Live simulation");
  const sent: string[] = [];
  page.on("request", (r) => sent.push(`${r.method()} ${r.url()}`));

  await page.getByText(/^Simulation: /).click();
  const live = page.getByRole("table", { name: "What the token being built would do" });
  const cell = (name: string) => live.getByRole("button", { name, exact: true });
  // The default 30-day expiry restricts nothing else yet.
  await expect(cell("event:ingest on Storefront: allowed")).toBeVisible();
  await expect(cell("application:list on Organization: allowed")).toBeVisible();

  // Simple mode, one application: the other column and organization-level
  // actions become denied.
  await tokenPage.chooseApplication("Billing");
  await expect(cell("event:ingest on Billing: allowed")).toBeVisible();
  await expect(cell("event:ingest on Storefront: denied")).toBeVisible();
  await expect(cell("event_type:list on Storefront: denied")).toBeVisible();
  await expect(cell("application:list on Organization: denied")).toBeVisible();

  // Advanced mode, Read-only: writes denied, reads allowed.
  await tokenPage.advanced();
  await page.getByRole("button", { name: "Read-only" }).click();
  await expect(cell("event:ingest on Billing: denied")).toBeVisible();
  await expect(cell("application:create on Organization: denied")).toBeVisible();
  await expect(cell("event_type:list on Storefront: allowed")).toBeVisible();
  await expect(cell("application:list on Organization: allowed")).toBeVisible();
  await cell("event:ingest on Billing: denied").click();
  await expect(page.getByTestId("live-cell-explanation")).toContainText(
    "Suggestion: Add event:ingest to the allowed actions.",
  );

  // Datalog that does not parse: no stale grid, a sentence instead.
  await tokenPage.datalog().fill("check if nope(");
  await expect(page.getByText(/^Fix the Datalog to see the simulation/)).toBeVisible();
  await expect(live).toBeHidden();
  // Valid again: the grid comes back with the Datalog's effect.
  await tokenPage.datalog().fill('check if action($a), ["event_type:list"].contains($a);');
  await expect(page.getByText(/^Fix the Datalog/)).toHaveCount(0);
  await expect(cell("event_type:list on Billing: allowed")).toBeVisible();
  await expect(cell("application:list on Organization: denied")).toBeVisible();

  // Nothing was generated, and nothing was sent to build any of this.
  await expect(tokenPage.generated()).toHaveCount(0);
  expect(sent).toEqual([]);
});
