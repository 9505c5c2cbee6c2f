import { expect, test } from "@playwright/test";
import { demo, signIn } from "./fixtures/server";

test("the dashboard loads under the strict CSP and lists the action catalogue from the core", async ({
  page,
  request,
}) => {
  // Uncaught exceptions and console errors (a Content-Security-Policy
  // violation is reported as one) fail the test.
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });

  await page.goto("/");
  // Not logged in: the login page, named after the product.
  await expect(page).toHaveURL(/\/login/);
  await expect(page).toHaveTitle("Log in — Hook0 Service Tokens");
  await expect(page.getByText("Hook0 Service Tokens")).toBeVisible();

  const { session } = await demo(request);
  await signIn(page, session);
  await page.goto("/actions");
  const catalogue = page.getByRole("table");
  await expect(catalogue).toBeVisible();
  const ingest = catalogue.getByRole("row", { name: /event:ingest/ });
  await expect(ingest).toBeVisible();
  await expect(ingest.getByRole("cell", { name: "Write" })).toBeVisible();

  await page.screenshot({ path: test.info().outputPath("dashboard.png"), fullPage: true });
  expect(errors).toEqual([]);
});
