import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, uniqueName } from "./fixtures/server";

test("a token can be created with the keyboard alone, and the dialog gives focus back to the page", async ({
  page,
  request,
}) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();

  // Tab to the "Create service token" link and press Enter.
  const create = page.getByRole("link", { name: "Create service token" }).first();
  for (let i = 0; i < 30 && !(await create.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(create).toBeFocused();
  await page.keyboard.press("Enter");

  // Focus lands in the dialog's name field; typing and Enter create it.
  const dialog = list.dialog();
  await expect(dialog.getByLabel("Name")).toBeFocused();
  const name = uniqueName("Keyboard");
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Done" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(list.row(name)).toBeVisible();

  // Escape closes a dialog without doing anything.
  await create.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // Focus goes back to what opened the dialog.
  await expect(create).toBeFocused();
});
