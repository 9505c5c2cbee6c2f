import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, screenshot, signIn, statusWith, uniqueName } from "./fixtures/server";

test("creating a service token checks the name as you type, then shows the token once", async ({
  page,
  request,
}) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const tokens = new ServiceTokensPage(page, organizationId);
  await tokens.goto();

  await page.getByRole("link", { name: "Create service token" }).first().click();
  await expect(page).toHaveURL(/\/service_tokens\/new$/);
  const dialog = tokens.dialog();
  await expect(dialog).toBeVisible();
  const name = dialog.getByLabel("Name");
  await expect(name).toBeFocused();
  await name.fill("x".repeat(51));
  await expect(dialog.getByText("Use at most 50 characters")).toBeVisible();
  await name.fill("   ");
  await expect(dialog.getByText("A name is required")).toBeVisible();
  await screenshot(page, "05-create-dialog");

  const tokenName = uniqueName("CI pipeline");
  await name.fill(tokenName);
  await name.press("Enter");

  const shown = dialog.getByLabel("New service token");
  await expect(shown).toBeVisible();
  await expect(dialog.getByRole("alert")).toContainText("Store this token now");
  const token = await shown.inputValue();
  expect(token.length).toBeGreaterThan(100);
  await screenshot(page, "06-token-created");

  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/organizations/${organizationId}/service_tokens$`));

  // Once: the list shows it masked only.
  const row = tokens.row(tokenName);
  await expect(row).toBeVisible();
  await expect(row.getByLabel(`Token of ${tokenName}`)).toHaveText("•".repeat(32));
  await expect(page.getByText(token)).toHaveCount(0);

  // And it works: a root token may list the organization's applications.
  expect(await statusWith(request, token, "GET", `/applications?organization_id=${organizationId}`)).toBe(200);
});
