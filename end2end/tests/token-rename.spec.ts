import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, uniqueName } from "./fixtures/server";

test("renaming a service token through its edit dialog (deep link included)", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const tokens = new ServiceTokensPage(page, organizationId);
  await tokens.goto();
  const before = uniqueName("Before");
  await tokens.create(before);

  const after = uniqueName("After");
  await tokens.rename(before, after);
  await expect(page.getByText("Service token updated.")).toBeVisible();
  await expect(tokens.row(after)).toBeVisible();
  await expect(tokens.row(before)).toHaveCount(0);

  // The edit dialog has its own address, and Escape closes it.
  const href = await tokens.row(after).getByRole("link", { name: `Edit ${after}` }).getAttribute("href");
  await page.goto(href!);
  await expect(tokens.dialog().getByLabel("Name")).toHaveValue(after);
  await page.keyboard.press("Escape");
  await expect(tokens.dialog()).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/service_tokens$`));
});
