import { expect, test } from "@playwright/test";
import { openNewRootToken } from "./fixtures/flows";

test("a sealed token says so in its summary, with its size in bytes", async ({ page, request }) => {
  const { tokenPage } = await openNewRootToken(page, request, "Sealed");
  await tokenPage.advanced();
  await page.getByLabel("Seal the token (nobody can restrict it further)").check();
  const token = await tokenPage.generate();
  await expect(tokenPage.summary()).toContainText("sealed");
  // The size shown is the token's decoded length (URL-safe base64 of the bytes).
  const bytes = Buffer.from(token, "base64url").length;
  await expect(page.getByTestId("token-size")).toHaveText(`Size: ${bytes} bytes`);
});
