import { expect, test } from "@playwright/test";
import { screenshot, statusWith } from "./fixtures/server";
import { openNewRootToken } from "./fixtures/flows";

test("simple attenuation: one application for 30 days, allowed there and refused elsewhere", async ({
  page,
  request,
}) => {
  const { organizationId, list, name, applications, tokenPage } = await openNewRootToken(page, request, "Simple");
  const billing = applications.find((a) => a.name === "Billing")!;
  const storefront = applications.find((a) => a.name === "Storefront")!;

  await expect(page.getByText("This token has full access to your organization. Keep it confidential.")).toBeVisible();
  await expect(page.getByLabel("Expiry")).toHaveValue("30d");
  await tokenPage.chooseApplication("Billing");
  const hex = billing.application_id.replaceAll("-", "");
  await expect(tokenPage.preview()).toContainText(`check if application_id(hex:${hex});`);
  await expect(tokenPage.preview()).toContainText("check if time($t), $t <");
  await screenshot(page, "07-token-page");

  const token = await tokenPage.generate();
  await expect(page.getByText("This token is shown only once.")).toBeVisible();
  await expect(tokenPage.summary()).toContainText("only application Billing");
  await expect(page.getByText("Organization-level actions are impossible with this token.")).toBeVisible();
  await expect(page.getByText("Block 1")).toBeVisible();
  await expect(page.getByLabel("MCP: Claude Desktop (claude_desktop_config.json)")).toHaveValue(/HOOK0_API_URL/);
  // The browser's own decision grid agrees with what the server will say.
  await page.getByText(/^Permissions: /).click();
  const grid = page.getByRole("table", { name: "What the token may do" });
  const eventTypes = grid.getByRole("row", { name: /^event_type:list/ });
  const column = async (name: string) =>
    (await grid.getByRole("columnheader").allInnerTexts()).findIndex((t) => t.trim() === name);
  await expect(eventTypes.getByRole("cell").nth((await column("Billing")) - 1)).toHaveText("✓ Allowed");
  await expect(eventTypes.getByRole("cell").nth((await column("Storefront")) - 1)).toHaveText("✗ Denied");
  await expect(grid.getByRole("row", { name: /^application:list/ }).getByRole("cell").first()).toHaveText(
    "✗ Denied",
  );
  await screenshot(page, "08-attenuated-simple");

  expect(await statusWith(request, token, "GET", `/event_types?application_id=${billing.application_id}`)).toBe(200);
  expect(await statusWith(request, token, "GET", `/event_types?application_id=${storefront.application_id}`)).toBe(
    403,
  );
  expect(await statusWith(request, token, "GET", `/applications?organization_id=${organizationId}`)).toBe(403);
});
