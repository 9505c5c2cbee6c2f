import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { apiLogin, signIn, uniqueName } from "./fixtures/server";

// Rows far below the fold must be there for everyone: in Chromium's
// accessibility tree as table rows with their cells, found by find-in-page,
// and reached by the keyboard. (Rendering tricks that skip offscreen rows,
// such as content-visibility: auto, fail this in Chromium: table.rs.)
test("every row of a long list, far below the fold, is exposed to assistive technology, find-in-page and Tab", async ({
  page,
  request,
}) => {
  const COUNT = 60;
  let session = await apiLogin(request);
  const auth = () => ({ Authorization: `Bearer ${session.access_token}` });
  const created = await request.post("/api/v1/organizations", { headers: auth(), data: { name: uniqueName("Long list") } });
  expect(created.status()).toBe(200);
  const { organization_id: organizationId } = await created.json();
  // The new organization is in the next session's claims.
  session = await apiLogin(request);
  const names = Array.from({ length: COUNT }, (_, i) => `Row ${String(i + 1).padStart(2, "0")} of the long list`);
  for (const name of names) {
    const response = await request.post("/api/v1/service_token", {
      headers: auth(),
      data: { organization_id: organizationId, name },
    });
    expect(response.status()).toBe(201);
  }

  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const last = names[COUNT - 1];
  const lastLink = list.table().getByRole("link", { name: last, exact: true });
  await expect(lastLink).toBeAttached();

  await expect(lastLink).not.toBeInViewport();

  // Chromium's own accessibility tree has every row, header and cells.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const rowHeaders = nodes.filter((n) => n.role?.value === "rowheader").map((n) => n.name?.value);
  expect(rowHeaders).toEqual(names);
  expect(nodes.filter((n) => n.role?.value === "row")).toHaveLength(COUNT + 1);
  const lastCells = nodes.filter((n) => n.role?.value === "cell" && n.name?.value?.includes(last));
  expect(lastCells.map((n) => n.name?.value)).toEqual([
    `Token of ${last}, hidden Show Copy`,
    `Edit ${last} Delete ${last}`,
  ]);

  // Find-in-page finds it, and Tab reaches it from the row above.
  expect(await page.evaluate((text) => window.find(text), last)).toBe(true);
  await list.table().getByRole("button", { name: `Delete ${names[COUNT - 2]}` }).focus();
  await page.keyboard.press("Tab");
  await expect(lastLink).toBeFocused();
  await expect(lastLink).toBeInViewport();
});
