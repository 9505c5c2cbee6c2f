import { expect, test } from "@playwright/test";
import { LoginPage } from "./fixtures/pages";
import { credentials } from "./fixtures/server";

test("a wrong password is refused with a clear message and no navigation", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();

  // Empty fields: inline errors, nothing sent.
  await login.submit().click();
  await expect(page.getByText("The e-mail address is required")).toBeVisible();
  await expect(page.getByText("The password is required")).toBeVisible();

  await login.logIn(credentials().email, "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
