import { expect, test } from "@playwright/test";
import { demo, signIn, uniqueName } from "./fixtures/server";

test("the picker and the top-bar switcher change organization, and the choice is remembered", async ({
  page,
  request,
}) => {
  const { session, organizationId } = await demo(request);
  // A second organization, so there is something to switch to.
  const name = uniqueName("Switch");
  const created = await request.post("/api/v1/organizations", {
    headers: { Authorization: `Bearer ${session.access_token}` },
    data: { name },
  });
  expect(created.status()).toBe(200);
  const other = (await created.json()).organization_id as string;
  // A fresh session: memberships are read when a token is minted.
  const fresh = await demo(request);
  await signIn(page, fresh.session);

  await page.goto("/organizations");
  await page.getByRole("link", { name: /Demo organization/ }).click();
  await expect(page).toHaveURL(`/organizations/${organizationId}/service_tokens`);

  const switcher = page.getByLabel("Organization", { exact: true });
  await switcher.selectOption({ label: name });
  await expect(page).toHaveURL(`/organizations/${other}/service_tokens`);
  await expect(page.getByRole("heading", { name: "No service tokens" })).toBeVisible();

  // "/" reopens the organization picked last.
  await page.goto("/");
  await expect(page).toHaveURL(`/organizations/${other}/service_tokens`);
});
