import { expect, test } from "@playwright/test";
import { demo, signIn } from "./fixtures/server";

test("tabs share one session: a refresh in one is used by the other, a logout logs both out", async ({
  context,
  request,
}) => {
  const { session, organizationId } = await demo(request);
  const here = `/organizations/${organizationId}/service_tokens`;
  const first = await context.newPage();
  await signIn(first, session);
  await first.goto(here);
  await expect(first.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();

  // The second tab finds the access token about to expire and refreshes it.
  const second = await context.newPage();
  await second.goto("/settings");
  await second.evaluate(
    (auth) => localStorage.setItem("auth", auth),
    JSON.stringify({ ...session, access_token_expiration: new Date(Date.now() + 10_000).toISOString() }),
  );
  await second.goto(here);
  await expect(second.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
  await expect
    .poll(() => second.evaluate(() => JSON.parse(localStorage.getItem("auth") ?? "{}").refresh_token))
    .not.toBe(session.refresh_token);

  // The first tab keeps working with the shared, refreshed session.
  await first.reload();
  await expect(first.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
  await expect(first).toHaveURL(here);

  // Logging out in one tab logs the other out too.
  await second.getByRole("button", { name: "Log out" }).click();
  await expect(second).toHaveURL(/\/login/);
  await expect(first).toHaveURL(/\/login/);
});
