import { expect, Page, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, screenshot, signIn, uniqueName } from "./fixtures/server";

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("every main screen fits a 360 px wide screen, in the dark theme too", async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, "11-login-360px");

  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const name = uniqueName("Narrow");
  await list.create(name);
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, "12-tokens-360px");

  const tokenPage = await list.open(name);
  await page.getByRole("radio", { name: "Advanced" }).click();
  await page.getByRole("button", { name: "Read-only" }).click();
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, "13-token-page-360px");
  await tokenPage.generate();
  await page.getByText(/^Permissions: /).click();
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, "13b-generated-360px");

  // Dark theme chosen in Settings, kept across reloads.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/settings");
  await page.getByLabel("Theme").selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await screenshot(page, "20-settings-dark");
  await list.goto();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(15, 18, 23)");
  await screenshot(page, "14-tokens-dark");
});

test("the system's dark preference is followed when no theme is chosen", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(15, 18, 23)");
  await screenshot(page, "15-login-dark");
});
