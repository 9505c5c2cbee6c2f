import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, uniqueName } from "./fixtures/server";

test("a masked token can be revealed and copied to the clipboard", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const tokens = new ServiceTokensPage(page, organizationId);
  await tokens.goto();
  const name = uniqueName("Reveal");
  const token = await tokens.create(name);

  const row = tokens.row(name);
  const field = row.getByLabel(`Token of ${name}`);
  await expect(field).toHaveText("•".repeat(32));
  await row.getByRole("button", { name: "Show" }).click();
  await expect(field).toHaveValue(token);
  await row.getByRole("button", { name: "Hide" }).click();
  await expect(field).toHaveText("•".repeat(32));

  await row.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText("The service token has been copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
});
