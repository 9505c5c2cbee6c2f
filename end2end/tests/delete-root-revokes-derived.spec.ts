import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, statusWith, uniqueName } from "./fixtures/server";

test("deleting the root token makes every token derived from it fail", async ({ page, request }) => {
  const { session, organizationId, applications } = await demo(request);
  const billing = applications.find((a) => a.name === "Billing")!;
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const name = uniqueName("Root");
  await list.create(name);
  const tokenPage = await list.open(name);
  await tokenPage.chooseApplication("Billing");
  const derived = await tokenPage.generate();
  const allowed = `/event_types?application_id=${billing.application_id}`;
  expect(await statusWith(request, derived, "GET", allowed)).toBe(200);

  await page.getByRole("link", { name: "← Service tokens" }).click();
  await list.delete(name);

  expect(await statusWith(request, derived, "GET", allowed)).toBe(403);
});
