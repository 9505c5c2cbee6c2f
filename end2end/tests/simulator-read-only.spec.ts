import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, signIn, statusWith, uniqueName } from "./fixtures/server";

// The server's answer, as the simulator words it: 403 is a refusal, anything
// else (200, 201, or 400 for an unknown event type) got past authorization.
const verdict = (status: number) => (status === 403 ? "denied" : "allowed");

test("the simulator's cells for a read-only token agree with what the server answers", async ({ page, request }) => {
  const { session, organizationId, applications } = await demo(request);
  const billing = applications.find((a) => a.name === "Billing")!;
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const name = uniqueName("Simulated read only");
  await list.create(name);
  const tokenPage = await list.open(name);
  await tokenPage.advanced();
  await page.getByRole("button", { name: "Read-only" }).click();
  const token = await tokenPage.generate();
  await page.getByText(/^Permissions: /).click();
  const grid = page.getByRole("table", { name: "What the token may do" });

  const event = {
    application_id: billing.application_id,
    event_type: "billing.invoice.paid",
    payload: "{}",
    payload_content_type: "application/json",
    occurred_at: new Date().toISOString(),
    labels: { env: "test" },
  };
  const samples: [string, number][] = [
    [
      `application:list on Organization`,
      await statusWith(request, token, "GET", `/applications?organization_id=${organizationId}`),
    ],
    [
      `event_type:list on Billing`,
      await statusWith(request, token, "GET", `/event_types?application_id=${billing.application_id}`),
    ],
    [`event:ingest on Billing`, await statusWith(request, token, "POST", "/event", event)],
    [
      `service_token:list on Organization`,
      await statusWith(request, token, "GET", `/service_token?organization_id=${organizationId}`),
    ],
  ];
  const verdicts = samples.map(([, status]) => verdict(status));
  expect(verdicts).toEqual(["allowed", "allowed", "denied", "denied"]);
  for (const [cell, status] of samples) {
    await expect(grid.getByRole("button", { name: `${cell}: ${verdict(status)}`, exact: true })).toBeVisible();
  }

  // A denied cell explains itself: the failed check and what would pass.
  await grid.getByRole("button", { name: "event:ingest on Billing: denied", exact: true }).click();
  const why = page.getByTestId("cell-explanation");
  await expect(why).toContainText("event:ingest on Billing: denied");
  await expect(why).toContainText("Failed: block 1, check");
  await expect(why).toContainText("Suggestion: Add event:ingest to the allowed actions.");
});
