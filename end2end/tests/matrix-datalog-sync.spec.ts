import { expect, test } from "@playwright/test";
import { screenshot } from "./fixtures/server";
import { openNewRootToken } from "./fixtures/flows";

test("the permission matrix and the custom Datalog stay in step", async ({ page, request }) => {
  const { list, name, tokenPage } = await openNewRootToken(page, request, "Matrix");
  await tokenPage.advanced();
  const radio = (label: string) => page.getByRole("radio", { name: label, exact: true });

  // Unrestricted: every row at write. Event to read compiles to an allowlist.
  await expect(radio("Event: write")).toBeChecked();
  await radio("Event: read").check();
  await expect(radio("Event: read")).toBeChecked();
  await expect(tokenPage.preview()).toContainText('"event:list", "event:get"');
  await expect(tokenPage.preview()).not.toContainText('"event:ingest"');
  await expect(tokenPage.preview()).toContainText('"service_token:create"');

  // The read-only recipe typed as Datalog: the matrix reads it back.
  await page.getByRole("button", { name: "Read-only" }).click();
  const recipe = (await tokenPage.preview().innerText())
    .split("\n")
    .find((line) => line.startsWith("check if action($a)"));
  expect(recipe).toBeTruthy();
  await page.getByRole("button", { name: "All actions" }).click();
  await expect(radio("Service token: write")).toBeChecked();
  await tokenPage.datalog().fill(recipe!);
  await expect(radio("Service token: none")).toBeChecked();
  await expect(radio("Application secret: none")).toBeChecked();
  await expect(radio("Event: read")).toBeChecked();
  await expect(radio("Application: read")).toBeChecked();
  await screenshot(page, "20-matrix-read-only");

  // An ingest-only allowlist is not a matrix: said in words.
  await tokenPage.datalog().fill('check if action($a), ["event:ingest"].contains($a);');
  await expect(page.getByText("The Datalog's allowlist cannot be shown as a matrix")).toBeVisible();
});
