import { expect, test } from "@playwright/test";
import { openNewRootToken } from "./fixtures/flows";
import { statusWith } from "./fixtures/server";
import { eventFor, expectCellsAgree } from "./fixtures/simulator";

test("the simulator's cells for a read-only token agree with what the server answers", async ({ page, request }) => {
  const { organizationId, applications, tokenPage } = await openNewRootToken(page, request, "Simulated read only");
  const billing = applications.find((a) => a.name === "Billing")!;
  await tokenPage.advanced();
  await page.getByRole("button", { name: "Read-only" }).click();
  const token = await tokenPage.generate();
  await page.getByText(/^Permissions: /).click();
  const grid = page.getByRole("table", { name: "What the token may do" });

  const samples: [string, number][] = [
    [
      `application:list on Organization`,
      await statusWith(request, token, "GET", `/applications?organization_id=${organizationId}`),
    ],
    [
      `event_type:list on Billing`,
      await statusWith(request, token, "GET", `/event_types?application_id=${billing.application_id}`),
    ],
    [`event:ingest on Billing`, await statusWith(request, token, "POST", "/event", eventFor(billing.application_id))],
    [
      `service_token:list on Organization`,
      await statusWith(request, token, "GET", `/service_token?organization_id=${organizationId}`),
    ],
  ];
  await expectCellsAgree(grid, samples, ["allowed", "allowed", "denied", "denied"]);

  // A denied cell explains itself: the failed check and what would pass.
  await grid.getByRole("button", { name: "event:ingest on Billing: denied", exact: true }).click();
  const why = page.getByTestId("cell-explanation");
  await expect(why).toContainText("event:ingest on Billing: denied");
  await expect(why).toContainText("Failed: block 1, check");
  await expect(why).toContainText("Suggestion: Add event:ingest to the allowed actions.");
});
