import { expect, test } from "@playwright/test";
import { ServiceTokensPage } from "./fixtures/pages";
import { demo, screenshot, signIn, uniqueName } from "./fixtures/server";

test("the name filter narrows the table, and the Name column sorts it", async ({ page, request }) => {
  const { session, organizationId } = await demo(request);
  await signIn(page, session);
  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const tag = uniqueName("Filter").replace(" ", "-");
  await list.create(`${tag} zulu`);
  await list.create(`${tag} alpha`);
  await screenshot(page, "04-tokens-list");

  await list.filter().fill(tag);
  const links = list.table().getByRole("row").getByRole("link", { name: new RegExp(`^${tag}`) });
  await expect(links).toHaveText([`${tag} zulu`, `${tag} alpha`]);

  await list.table().getByRole("button", { name: "Name" }).click();
  await expect(list.table().getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "ascending");
  await expect(links).toHaveText([`${tag} alpha`, `${tag} zulu`]);

  await list.filter().fill(`${tag} nothing like it`);
  await expect(page.getByText("No service token matches this filter.")).toBeVisible();
});
