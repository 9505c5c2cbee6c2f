import { expect, test } from "@playwright/test";
import { demo, signIn } from "./fixtures/server";

test("an access token about to expire is refreshed before it is used", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  // Pretend the 5-minute access token has only 10 seconds left.
  const soon = new Date(Date.now() + 10_000).toISOString();
  await signIn(page, { ...session, access_token_expiration: soon });

  const refreshes: number[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/api/v1/auth/refresh")) refreshes.push(r.status());
  });
  await page.goto(`/organizations/${organizationId}/service_tokens`);
  await expect(page.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
  await expect(page.getByRole("table").or(page.getByText("No service tokens"))).toBeVisible();

  // One refresh (shared by the concurrent first calls), and the new tokens kept.
  await expect.poll(() => refreshes).toEqual([201]);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("auth") ?? "{}"));
  expect(stored.access_token).not.toBe(session.access_token);
  expect(stored.refresh_token).not.toBe(session.refresh_token);
  expect(new Date(stored.access_token_expiration).getTime()).toBeGreaterThan(Date.now() + 60_000);
});
