import { expect, test } from "@playwright/test";
import { LoginPage } from "./fixtures/pages";
import { credentials, demo, signIn } from "./fixtures/server";

test("an ended session sends you to login, then back to the page you were on", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const here = `/organizations/${organizationId}/service_tokens`;
  await page.goto(here);
  await expect(page.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();

  // The server ends the session behind the dashboard's back.
  const logout = await request.post("/api/v1/auth/logout", {
    headers: { Authorization: `Bearer ${session.access_token}` },
  });
  expect(logout.status()).toBe(204);

  await page.reload();
  await expect(page).toHaveURL(/\/login\?redirect_to=/);
  await expect(page.getByText("Your session has expired. Please log in again.")).toBeVisible();

  const { email, password } = credentials();
  await new LoginPage(page).logIn(email, password);
  await expect(page).toHaveURL(here);
  await expect(page.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
});
