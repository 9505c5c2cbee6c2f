import { expect, test } from "@playwright/test";
import { demo, signIn } from "./fixtures/server";

test("Hook0's old services_tokens links still land on the service tokens", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  await page.goto(`/organizations/${organizationId}/services_tokens`);
  await expect(page).toHaveURL(`/organizations/${organizationId}/service_tokens`);
  await expect(page.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
});
