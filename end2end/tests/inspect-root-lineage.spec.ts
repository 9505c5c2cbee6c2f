import { expect, test } from "@playwright/test";
import { screenshot } from "./fixtures/server";
import { openNewRootToken } from "./fixtures/flows";

test("the inspector names the root a derived token comes from, and calls it dead once that root is deleted", async ({
  page,
  request,
}) => {
  const { list, name, tokenPage } = await openNewRootToken(page, request, "Lineage root");
  await tokenPage.chooseApplication("Billing");
  const derived = await tokenPage.generate();

  await page.goto("/inspect");
  await page.getByLabel("Token to inspect").fill(derived);
  const lineage = page.getByTestId("token-lineage");
  await expect(lineage).toContainText(`Derived from the root token “${name}” of Demo organization.`);
  await screenshot(page, "22-inspect-lineage");

  await list.goto();
  await list.delete(name);
  await page.goto("/inspect");
  await page.getByLabel("Token to inspect").fill(derived);
  await expect(lineage).toContainText("its root has been deleted");
  await expect(lineage).toContainText("This token is dead");
});
