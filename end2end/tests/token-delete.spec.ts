import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, statusWith, uniqueName } from "./fixtures/server";

test("deleting a service token asks for confirmation, then revokes it", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const tokens = new ServiceTokensPage(page, organizationId);
  await tokens.goto();
  const name = uniqueName("Doomed");
  const token = await tokens.create(name);

  // Cancel keeps it.
  await tokens.row(name).getByRole("button", { name: `Delete ${name}` }).click();
  await expect(tokens.dialog()).toContainText(`Delete service token ${name}?`);
  await tokens.dialog().getByRole("button", { name: "Cancel" }).click();
  await expect(tokens.row(name)).toBeVisible();

  await tokens.delete(name);
  await expect(page.getByText("Service token deleted.")).toBeVisible();
  expect(await statusWith(request, token, "GET", `/applications?organization_id=${organizationId}`)).toBe(403);
});
