import { expect, Page, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn } from "./fixtures/server";

// Markup in names is text everywhere: no element is made of it, no script runs.
const MARKUP = "<img src=x onerror=alert(1)>";

async function noMarkupRendered(page: Page) {
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator("#panic-banner")).toHaveCount(0);
}

test("a token and an application named with markup are shown as text", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  const auth = { Authorization: `Bearer ${session.access_token}` };
  // A unique suffix keeps the markup intact and the spec independent.
  const name = `${MARKUP}${Date.now() % 100000}`;
  expect(name.length).toBeLessThanOrEqual(50);
  const token = await request.post("/api/v1/service_token", {
    headers: auth,
    data: { organization_id: organizationId, name },
  });
  expect(token.status()).toBe(201);
  const app = await request.post("/api/v1/applications", {
    headers: auth,
    data: { organization_id: organizationId, name },
  });
  expect(app.status()).toBe(201);

  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  await expect(list.table().getByRole("link", { name, exact: true })).toBeVisible();
  await noMarkupRendered(page);

  const tokenPage = await list.open(name);
  await expect(tokenPage.heading()).toContainText(name);
  // The application chooser lists the application by its name, as text.
  await expect(page.getByLabel("Reduce scope to one of your applications").locator("option", { hasText: name })).toHaveCount(1);
  await noMarkupRendered(page);
  expect(dialogs).toEqual([]);
});
