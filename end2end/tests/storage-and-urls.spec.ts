import { expect, test } from "@playwright/test";
import { LoginPage, ServiceTokensPage } from "./fixtures/pages";
import { credentials, demo, uniqueName } from "./fixtures/server";

// Secrets: the dashboard keeps nothing but the login session, and no token
// or password ever travels in a URL.
test("only the session is stored, and no secret is ever in a URL", async ({ page, request }) => {
  const { organizationId } = await demo(request);
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));

  const login = new LoginPage(page);
  await login.goto();
  const { email, password } = credentials();
  await login.logIn(email, password);
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();

  const list = new ServiceTokensPage(page, organizationId);
  await list.goto();
  const name = uniqueName("Stored");
  const root = await list.create(name);
  const tokenPage = await list.open(name);
  await tokenPage.chooseExpiry("No expiry");
  await tokenPage.advanced();
  await tokenPage.datalog().fill('check if action($a), ["event:list"].contains($a);');
  const attenuated = await tokenPage.generate();

  const storage = await page.evaluate(() => ({
    local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k) ?? ""])),
    session: Object.keys(sessionStorage),
    cookies: document.cookie,
  }));
  const allowed = ["auth", "hook0-api-url", "hook0-organization", "hook0-theme"];
  for (const key of Object.keys(storage.local)) {
    expect(allowed, `localStorage key ${key}`).toContain(key);
  }
  expect(storage.session).toEqual([]);
  expect(storage.cookies).toBe("");
  const session = JSON.parse(storage.local["auth"]);
  const everything = JSON.stringify(storage.local);
  // The session's own tokens are there (as in Hook0); nothing else is.
  expect(everything).toContain(session.access_token);
  for (const secret of [root, attenuated, password]) {
    expect(everything.includes(secret), "a secret in localStorage").toBe(false);
  }

  const secrets = [root, attenuated, password, session.access_token, session.refresh_token];
  for (const url of urls) {
    const decoded = decodeURIComponent(url);
    for (const secret of secrets) {
      expect(decoded.includes(secret.slice(0, 40)), `a secret in ${url.slice(0, 80)}`).toBe(false);
    }
  }
  expect(urls.length).toBeGreaterThan(5);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(login.submit()).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("auth"))).toBeNull();
});
