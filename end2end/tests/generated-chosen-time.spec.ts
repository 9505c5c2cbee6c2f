import { expect, test } from "@playwright/test";
import { openNewRootToken } from "./fixtures/flows";

test("the generated token's simulator decides at a chosen time: denied after its 30-day expiry", async ({
  page,
  request,
}) => {
  const { tokenPage } = await openNewRootToken(page, request, "Generated expiry");
  await tokenPage.chooseApplication("Billing");
  await tokenPage.generate();

  const generated = page.getByRole("region", { name: "Attenuated token" });
  await generated.getByText(/^Permissions: /).click();
  const grid = generated.getByRole("table", { name: "What the token may do" });
  const cell = (name: string) => grid.getByRole("button", { name, exact: true });
  await expect(cell("event:ingest on Billing: allowed")).toBeVisible();

  const at = generated.getByLabel("Decide the permissions at");
  await at.fill("2099-01-01T00:00");
  await expect(generated.getByText(/^Permissions: 0 of/)).toBeVisible();
  // The grid stayed open and follows the moment.
  await cell("event:ingest on Billing: denied").click();
  await expect(generated.getByTestId("cell-explanation")).toContainText("expir");

  await at.fill("");
  await expect(cell("event:ingest on Billing: allowed")).toBeVisible();
  await expect(generated.getByTestId("cell-explanation")).toContainText("event:ingest on Billing: allowed");
});
