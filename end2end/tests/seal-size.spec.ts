import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, uniqueName } from "./fixtures/server";

test("a sealed token says so in its summary, with its size in bytes", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const name = uniqueName("Sealed");
  await list.create(name);
  const tokenPage = await list.open(name);
  await tokenPage.advanced();
  await page.getByLabel("Seal the token (nobody can restrict it further)").check();
  const token = await tokenPage.generate();
  await expect(tokenPage.summary()).toContainText("sealed");
  // The size shown is the token's decoded length (URL-safe base64 of the bytes).
  const bytes = Buffer.from(token, "base64url").length;
  await expect(page.getByTestId("token-size")).toHaveText(`Size: ${bytes} bytes`);
});
