import { expect, test } from "@playwright/test";
import { screenshot } from "./fixtures/server";
import { openNewRootToken } from "./fixtures/flows";

test("custom Datalog is checked while typing, with line and column, before anything is generated", async ({
  page,
  request,
}) => {
  const { list, name, tokenPage } = await openNewRootToken(page, request, "Datalog");
  await tokenPage.advanced();
  await tokenPage.chooseExpiry("No expiry");

  await tokenPage.datalog().pressSequentially('check if action($a),\n  ["event:list"].contains($a');
  await expect(page.getByText(/^Line 2, column \d+: /)).toBeVisible();
  await expect(tokenPage.datalog()).toHaveAttribute("aria-invalid", "true");
  await expect(tokenPage.generateButton()).toBeDisabled();
  await screenshot(page, "16-datalog-error");

  await tokenPage.datalog().press("End");
  await tokenPage.datalog().pressSequentially(")");
  await expect(page.getByText(/^Line 2, column/)).toHaveCount(0);
  await expect(tokenPage.generateButton()).toBeEnabled();
  await expect(tokenPage.preview()).toContainText('["event:list"].contains($a)');

  // A typo in an action name parses, but the core's lint says so.
  await tokenPage.datalog().fill('check if action($a), ["event:lsit"].contains($a)');
  await expect(page.getByText(/Warning: .*did you mean "event:list"/)).toBeVisible();
});
