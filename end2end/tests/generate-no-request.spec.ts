import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, uniqueName } from "./fixtures/server";

test("Generate attenuates in the browser: no request between the click and the token", async ({
  page,
  request,
}) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const name = uniqueName("Offline");
  await list.create(name);
  const tokenPage = await list.open(name);
  await tokenPage.chooseApplication("Storefront");
  await expect(tokenPage.preview()).toBeVisible();
  await page.waitForLoadState("networkidle");

  const requests: string[] = [];
  page.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
  await tokenPage.generateButton().click();
  await expect(tokenPage.generated()).toBeVisible();
  expect(requests).toEqual([]);

  // And the attenuated token is stored nowhere.
  const token = await tokenPage.generated().inputValue();
  const stored = await page.evaluate(() =>
    JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  expect(stored).not.toContain(token);
});
