import { expect, test } from "@playwright/test";
import { screenshot, statusWith } from "./fixtures/server";
import { openNewRootToken } from "./fixtures/flows";
import { eventFor, expectCellsAgree } from "./fixtures/simulator";

test("the simulator's cells for a one-application token agree with what the server answers", async ({
  page,
  request,
}) => {
  const { organizationId, list, name, applications, tokenPage } = await openNewRootToken(page, request, "Simulated one app");
  const billing = applications.find((a) => a.name === "Billing")!;
  const storefront = applications.find((a) => a.name === "Storefront")!;
  await tokenPage.chooseApplication("Billing");
  const token = await tokenPage.generate();
  await page.getByText(/^Permissions: /).click();
  const grid = page.getByRole("table", { name: "What the token may do" });

  const samples: [string, number][] = [
    [
      "event_type:list on Billing",
      await statusWith(request, token, "GET", `/event_types?application_id=${billing.application_id}`),
    ],
    [
      "event_type:list on Storefront",
      await statusWith(request, token, "GET", `/event_types?application_id=${storefront.application_id}`),
    ],
    ["event:ingest on Billing", await statusWith(request, token, "POST", "/event", eventFor(billing.application_id))],
    [
      "event:ingest on Storefront",
      await statusWith(request, token, "POST", "/event", eventFor(storefront.application_id)),
    ],
    [
      "application:list on Organization",
      await statusWith(request, token, "GET", `/applications?organization_id=${organizationId}`),
    ],
  ];
  await expectCellsAgree(grid, samples, ["allowed", "denied", "allowed", "denied", "denied"]);

  await grid.getByRole("button", { name: "event_type:list on Storefront: denied", exact: true }).click();
  const why = page.getByTestId("cell-explanation");
  await expect(why).toContainText("Failed: block 1, check");
  await expect(why).toContainText("Suggestion: Add Storefront to the token's applications.");
  await grid.getByRole("button", { name: "application:list on Organization: denied", exact: true }).press("Enter");
  await expect(why).toContainText("Organization-level actions never carry an application id");
  await screenshot(page, "21-simulator-explanation");
});
