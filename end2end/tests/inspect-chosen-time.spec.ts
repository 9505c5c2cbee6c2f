import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, uniqueName } from "./fixtures/server";

test("the inspector's simulator decides at a chosen time: a 30-day token is denied after it expires", async ({
  page,
  request,
}) => {
  const { session, organizationId, applications } = await demo(request);
  const billing = applications.find((a) => a.name === "Billing")!;
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const name = uniqueName("Expiring");
  await list.create(name);
  const tokenPage = await list.open(name);
  await tokenPage.chooseApplication("Billing");
  const derived = await tokenPage.generate();

  await page.goto("/inspect");
  await page.getByLabel("Token to inspect").fill(derived);
  await page.getByText(/^Permissions: /).click();
  const grid = page.getByRole("table", { name: "What the token may do" });
  // Named from the organization's application list.
  const cell = `event_type:list on ${billing.name}`;
  await expect(grid.getByRole("button", { name: `${cell}: allowed`, exact: true })).toBeVisible();

  await page.getByLabel("Decide the permissions at").fill("2099-01-01T00:00");
  await expect(page.getByText(/^Permissions: 0 of/)).toBeVisible();
  if (!(await grid.isVisible())) await page.getByText(/^Permissions: /).click();
  const denied = grid.getByRole("button", { name: `${cell}: denied`, exact: true });
  await expect(denied).toBeVisible();
  await denied.click();
  await expect(page.getByTestId("cell-explanation")).toContainText("expir");
});
