import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, screenshot, signIn, uniqueName } from "./fixtures/server";

test("the inspector names the root a derived token comes from, and calls it dead once that root is deleted", async ({
  page,
  request,
}) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const name = uniqueName("Lineage root");
  await list.create(name);
  const tokenPage = await list.open(name);
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
