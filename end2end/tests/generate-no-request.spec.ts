import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, statusWith, uniqueName } from "./fixtures/server";

test("Generate attenuates in the browser: no request between the click and the token", async ({
  page,
  request,
}) => {
  const { session, organizationId, applications } = await demo(request);
  const storefront = applications.find((a) => a.name === "Storefront")!;
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

  // The token made offline is a real one: good on Storefront, refused above it.
  expect(await statusWith(request, token, "GET", `/event_types?application_id=${storefront.application_id}`)).toBe(200);
  expect(await statusWith(request, token, "GET", `/applications?organization_id=${organizationId}`)).toBe(403);
});
