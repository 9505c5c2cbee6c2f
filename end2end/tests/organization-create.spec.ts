import { expect, test } from "@playwright/test";
import { demo, screenshot, signIn, uniqueName } from "./fixtures/server";

test("creating an organization makes it usable at once (session refreshed)", async ({ page, request }) => {
  const { session } = await demo(request);
  await signIn(page, session);
  await page.goto("/organizations");
  await expect(page.getByRole("link", { name: /Demo organization/ })).toBeVisible();
  await screenshot(page, "02-organizations");

  const name = uniqueName("Org");
  const field = page.getByLabel("Organization name");
  await field.fill("x");
  await expect(page.getByText("Use at least 2 characters")).toBeVisible();
  await field.fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();

  // Its (empty) token list loads: the refreshed access token carries the membership.
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]+\/service_tokens$/);
  await expect(page.getByRole("heading", { name: "No service tokens" })).toBeVisible();
  await expect(page.getByLabel("Organization", { exact: true })).toHaveValue(
    page.url().split("/organizations/")[1].split("/")[0],
  );
  await screenshot(page, "03-empty-state");
});
