import { expect, test } from "@playwright/test";

test("the dashboard loads and lists the action catalogue from the core", async ({ page }) => {
  // Uncaught exceptions and console errors (a Content-Security-Policy
  // violation is reported as one) fail the test.
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });

  await page.goto("/");

  await expect(page).toHaveTitle("Hook0 Service Tokens");
  await expect(page.getByRole("heading", { level: 1, name: "Hook0 Service Tokens" })).toBeVisible();

  const catalogue = page.getByRole("table");
  await expect(catalogue).toBeVisible();
  const ingest = catalogue.getByRole("row", { name: /event:ingest/ });
  await expect(ingest).toBeVisible();
  await expect(ingest.getByRole("cell", { name: "Write" })).toBeVisible();

  await page.screenshot({ path: test.info().outputPath("dashboard.png"), fullPage: true });
  expect(errors).toEqual([]);
});
