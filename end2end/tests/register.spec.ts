import { expect, test } from "@playwright/test";
import { screenshot } from "./fixtures/server";

test("registering creates the account and its personal organization, then opens it", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL("/register");

  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("The first name is required")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await screenshot(page, "19-register");

  const email = `ada.${Date.now()}@example.com`;
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Lovelace");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("analytical engine 1843");
  await page.getByRole("button", { name: "Create account" }).click();

  // Straight into the only organization the new account has.
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]+\/service_tokens$/);
  await expect(page.getByLabel("Organization", { exact: true })).toHaveText(/Ada Lovelace's personal organization/);
  await expect(page.getByRole("heading", { name: "No service tokens" })).toBeVisible();
});
