import { expect, test } from "@playwright/test";
import { LoginPage } from "./fixtures/pages";
import { credentials, screenshot } from "./fixtures/server";

test("logging in with the demo account opens the dashboard", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await expect(page).toHaveTitle(/Log in/);
  // Route changes are announced to screen readers by page title.
  await expect(page.locator('[aria-live="polite"][aria-atomic="true"]')).toHaveText("Log in");
  await screenshot(page, "01-login");

  const { email, password } = credentials();
  await login.logIn(email, password);

  // Straight to the only organization's tokens, or to the picker when
  // other specs have created more.
  await expect(page).toHaveURL(/\/organizations/);
  await expect(page.getByRole("heading", { level: 1, name: /Service Tokens|Organizations/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await expect(page.locator('[aria-live="polite"][aria-atomic="true"]')).toHaveText(/Service Tokens|Organizations/);
});
