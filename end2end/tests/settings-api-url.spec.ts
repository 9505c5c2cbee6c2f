import { expect, test } from "@playwright/test";
import { LoginPage } from "./fixtures/pages";
import { credentials } from "./fixtures/server";

test("Settings points the dashboard at another API, checks the URL, and can go back to the same origin", async ({
  page,
}) => {
  await page.goto("/settings");
  const field = page.getByLabel("API base URL");

  await field.fill("ftp://hook0.example");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The URL must start with http:// or https://")).toBeVisible();

  // Nothing listens there: logging in says the API cannot be reached.
  await field.fill("http://127.0.0.1:9/api/v1/");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("In use now:")).toContainText("http://127.0.0.1:9");
  expect(await page.evaluate(() => localStorage.getItem("hook0-api-url"))).toBe("http://127.0.0.1:9");

  const login = new LoginPage(page);
  await login.goto();
  const { email, password } = credentials();
  await login.logIn(email, password);
  await expect(page.getByRole("alert").filter({ hasText: "http://127.0.0.1:9 cannot be reached" })).toBeVisible();

  await page.goto("/settings");
  await page.getByRole("button", { name: "Use the same origin" }).click();
  await expect(page.getByText("In use now:")).toContainText(new URL(page.url()).origin);
  await login.goto();
  await login.logIn(email, password);
  await expect(page).toHaveURL(/\/organizations/);
});
