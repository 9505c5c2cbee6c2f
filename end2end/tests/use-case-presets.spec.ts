import { expect, test } from "@playwright/test";
import { openNewRootToken } from "./fixtures/flows";

test("use-case presets fill the form, say what they still need, and can be cleared", async ({
  page,
  request,
}) => {
  const { list, name, tokenPage } = await openNewRootToken(page, request, "Presets");

  // "Development / testing": one application, 7 days; none chosen yet.
  await page.getByRole("button", { name: /Development \/ testing/ }).click();
  await expect(page.getByRole("button", { name: /Development \/ testing/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Expiry")).toHaveValue("7d");
  await expect(page.getByText("Choose the application this token is for")).toBeVisible();
  await expect(tokenPage.generateButton()).toBeDisabled();
  await tokenPage.chooseApplication("Storefront");
  await expect(tokenPage.preview()).toContainText("check if application_id(hex:");

  // "Production monitoring": the read-only allowlist, no expiry.
  await page.getByRole("button", { name: /Production monitoring/ }).click();
  await expect(page.getByLabel("Expiry")).toHaveValue("never");
  await expect(tokenPage.preview()).toContainText('check if action($a), ["organization:list"');

  await page.getByRole("button", { name: "Clear preset" }).click();
  await expect(page.getByLabel("Expiry")).toHaveValue("30d");
  await expect(tokenPage.preview()).not.toContainText("check if action");
});
