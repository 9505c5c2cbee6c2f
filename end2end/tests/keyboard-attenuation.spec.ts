import { expect, Locator, Page, test } from "@playwright/test";
import { openNewRootToken } from "./fixtures/flows";

/** Presses Tab until `target` has focus (fails after `max` presses). */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("the attenuation panel works with the keyboard alone (mode radios, presets, Generate)", async ({
  page,
  request,
}) => {
  const { list, name, tokenPage } = await openNewRootToken(page, request, "Keys");

  const simple = page.getByRole("radio", { name: "Simple" });
  const advanced = page.getByRole("radio", { name: "Advanced" });
  await tabTo(page, simple);
  await page.keyboard.press("ArrowRight");
  await expect(advanced).toBeFocused();
  await expect(advanced).toHaveAttribute("aria-checked", "true");

  await tabTo(page, page.getByRole("button", { name: "Read-only" }));
  await page.keyboard.press("Enter");
  await expect(tokenPage.preview()).toContainText('check if action($a), ["organization:list"');

  await tabTo(page, tokenPage.generateButton());
  await page.keyboard.press("Enter");
  await expect(tokenPage.generated()).toBeVisible();
  // Focus moves to the result.
  await expect(page.getByRole("heading", { name: "Attenuated token" })).toBeFocused();
  await expect(tokenPage.summary()).toContainText("read-only");
});
