import { expect, test } from "@playwright/test";
import { demo, screenshot, signIn, uniqueName } from "./fixtures/server";

test("the inspector decodes a pasted token in the browser, without sending it", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  const created = await request.post("/api/v1/service_token", {
    headers: { Authorization: `Bearer ${session.access_token}` },
    data: { organization_id: organizationId, name: uniqueName("Inspected") },
  });
  expect(created.status()).toBe(201);
  const { biscuit } = await created.json();
  await signIn(page, session);
  await page.goto("/inspect");
  await expect(page.getByRole("heading", { level: 1, name: "Inspect a token" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  const requests: { url: string; body: string; auth: string }[] = [];
  page.on("request", (r) =>
    requests.push({ url: r.url(), body: r.postData() ?? "", auth: r.headers()["authorization"] ?? "" }),
  );
  const field = page.getByLabel("Token to inspect");
  await field.fill("not a token");
  await expect(page.getByRole("alert").filter({ hasText: "This is not a valid token" })).toBeVisible();

  await field.fill(biscuit);
  await expect(page.getByTestId("inspect-summary")).toHaveText("full access to its organization · never expires");
  await expect(page.getByText("Signed by this instance's key.")).toBeVisible();
  await expect(page.getByText("Block 0")).toBeVisible();
  // Action by action: a root token may ingest into any of the
  // organization's applications (named from its list).
  await page.getByText(/^Permissions: /).click();
  const grid = page.getByRole("table", { name: "What the token may do" });
  await expect(grid.getByRole("columnheader", { name: "Billing", exact: true })).toBeVisible();
  await expect(grid.getByRole("row", { name: /^event:ingest/ }).getByRole("cell").last()).toHaveText("✓ Allowed");
  await screenshot(page, "17-inspect");
  // Only the organization's token list is fetched (to find the root); the
  // pasted token goes nowhere.
  await expect(page.getByTestId("token-lineage")).toContainText("This is the root token");
  expect(requests.some((r) => r.url.includes("/api/v1/service_token?organization_id="))).toBe(true);
  for (const r of requests) {
    expect(r.url + r.body + r.auth).not.toContain(biscuit);
  }
});
