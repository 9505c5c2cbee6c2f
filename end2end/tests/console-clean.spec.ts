import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, uniqueName } from "./fixtures/server";

test("the whole token workflow runs without a console error or an uncaught exception", async ({
  page,
  request,
}) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));

  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const name = uniqueName("Clean");
  await list.create(name);
  await list.rename(name, `${name} renamed`);
  const tokenPage = await list.open(`${name} renamed`);
  await tokenPage.chooseApplication("Billing");
  await tokenPage.generate();
  await tokenPage.advanced();
  await page.getByRole("button", { name: "Read-only" }).click();
  await tokenPage.generate();
  await page.getByRole("link", { name: "← Service tokens" }).click();
  await list.delete(`${name} renamed`);
  await page.getByRole("link", { name: "Inspect" }).click();
  await page.getByRole("link", { name: "Actions" }).click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);

  expect(errors).toEqual([]);
});
