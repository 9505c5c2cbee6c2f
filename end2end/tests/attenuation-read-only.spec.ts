import { expect, test } from "@playwright/test";
import { screenshot, statusWith } from "./fixtures/server";
import { openNewRootToken } from "./fixtures/flows";

test("advanced attenuation with the read-only allowlist: reads pass, writes are refused", async ({
  page,
  request,
}) => {
  const { organizationId, list, name, tokenPage } = await openNewRootToken(page, request, "Read only");

  await tokenPage.advanced();
  await page.getByRole("button", { name: "Read-only" }).click();
  await tokenPage.chooseExpiry("No expiry");
  await expect(tokenPage.preview()).toContainText('check if action($a), ["organization:list", "organization:get"');
  await screenshot(page, "09-advanced");

  const token = await tokenPage.generate();
  await expect(tokenPage.summary()).toContainText("read-only");
  await expect(page.getByLabel("MCP: Cursor (.cursor/mcp.json)")).toHaveValue(/"HOOK0_READ_ONLY": "true"/);

  expect(await statusWith(request, token, "GET", `/applications?organization_id=${organizationId}`)).toBe(200);
  expect(
    await statusWith(request, token, "POST", "/service_token", { organization_id: organizationId, name: "nope" }),
  ).toBe(403);
});
