import { expect, test } from "@playwright/test";
import { openNewRootToken } from "./fixtures/flows";

test("the inspector names the organization's applications, and says which ids it does not know", async ({
  page,
  request,
}) => {
  const { tokenPage } = await openNewRootToken(page, request, "Named apps");
  await tokenPage.chooseApplication("Billing");
  const billingOnly = await tokenPage.generate();
  // A restriction to an application this organization does not have.
  await tokenPage.advanced();
  await tokenPage.datalog().fill("check if application_id(hex:0123456789abcdef0123456789abcdef);");
  const foreign = await tokenPage.generate();

  await page.goto("/inspect");
  const field = page.getByLabel("Token to inspect");
  await field.fill(billingOnly);
  await expect(page.getByTestId("inspect-summary")).toContainText("only application Billing");
  await page.getByText(/^Permissions: /).click();
  const grid = page.getByRole("table", { name: "What the token may do" });
  await expect(grid.getByRole("columnheader", { name: "Billing", exact: true })).toBeVisible();
  await expect(grid.getByRole("columnheader", { name: "Storefront", exact: true })).toBeVisible();
  await expect(grid.getByRole("button", { name: "event:ingest on Billing: allowed", exact: true })).toBeVisible();
  await expect(grid.getByRole("button", { name: "event:ingest on Storefront: denied", exact: true })).toBeVisible();

  await field.fill(foreign);
  await expect(page.getByTestId("inspect-summary")).toContainText("only application Unknown application 01234567");
  // The page may keep the grid open from the previous token.
  if (!(await grid.isVisible())) await page.getByText(/^Permissions: /).click();
  await expect(grid.getByRole("columnheader", { name: "Unknown application 01234567" })).toBeVisible();
  await expect(
    grid.getByRole("button", { name: "event:ingest on Unknown application 01234567: allowed", exact: true }),
  ).toBeVisible();
  await expect(grid.getByRole("button", { name: "event:ingest on Billing: denied", exact: true })).toBeVisible();
});
