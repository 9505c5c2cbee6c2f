import { expect, test } from "@playwright/test";
import { demo, signIn } from "./fixtures/server";
import { openNewRootToken } from "./fixtures/flows";

// What people paste by mistake, and worse.
const GARBAGE = [
  "\u0000\u0001\u0002 binary \u007f",
  "}}}{{{ ((( ;;; ]]] [[[",
  "🦀".repeat(300),
  "check if ".repeat(500),
  Array.from({ length: 4000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join(""),
  "<script>alert(1)</script>",
  "EpQBCioKBHR5cGUKDnNlcnZpY2VfYWNjZXNzGAMiCQoHCAoSAxiACCIJCgcIAhIDGIEI",
];

test("garbage in the Datalog editor is an error with its position, and the page keeps working", async ({
  page,
  request,
}) => {
  const { session, list, name, tokenPage } = await openNewRootToken(page, request, "Garbage");
  await tokenPage.advanced();
  await tokenPage.chooseExpiry("No expiry");

  for (const garbage of GARBAGE) {
    await tokenPage.datalog().fill(garbage);
    await expect(page.getByText(/^Line \d+, column \d+: /).first()).toBeVisible();
    await expect(tokenPage.datalog()).toHaveAttribute("aria-invalid", "true");
    await expect(tokenPage.generateButton()).toBeDisabled();
  }
  await expect(page.locator("#panic-banner")).toHaveCount(0);

  // Still works: valid Datalog clears the error and generates.
  await tokenPage.datalog().fill('check if action($a), ["event:list"].contains($a);');
  await expect(page.getByText(/^Line \d+, column/)).toHaveCount(0);
  await expect(tokenPage.generateButton()).toBeEnabled();
  expect(await tokenPage.generate()).toMatch(/^[A-Za-z0-9_-]+=*$/);
});

test("garbage in the inspector says it is not a token, and the page keeps working", async ({ page, request }) => {
  const { session } = await demo(request);
  await signIn(page, session);
  await page.goto("/inspect");
  const field = page.getByLabel("Token to inspect");
  for (const garbage of [...GARBAGE, "A".repeat(200_000)]) {
    await field.fill(garbage);
    await expect(page.getByRole("alert").filter({ hasText: "This is not a valid token" })).toBeVisible();
  }
  await expect(page.locator("#panic-banner")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: "Inspect a token" })).toBeVisible();
});
