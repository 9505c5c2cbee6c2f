import { expect, test } from "@playwright/test";
import { LoginPage } from "./fixtures/pages";
import { credentials, screenshot } from "./fixtures/server";

test("an API that cannot be reached is said so, not shown as a wrong password", async ({ page }) => {
  await page.route("**/api/v1/**", (route) => route.abort("connectionrefused"));
  const login = new LoginPage(page);
  await login.goto();
  const { email, password } = credentials();
  await login.logIn(email, password);
  await expect(page.getByRole("alert").filter({ hasText: "cannot be reached" })).toBeVisible();
  await screenshot(page, "10-api-down");
});
