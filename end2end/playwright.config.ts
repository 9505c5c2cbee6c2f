import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium.mjs";

// Where the dashboard under test is served. scripts/test builds `dist/` first;
// BASE_URL points the suite at an already running server instead.
const port = Number(process.env.E2E_PORT ?? 8089);
const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./tests",
  // Screenshots, traces and reports stay out of git (see .gitignore).
  outputDir: "../test-output/playwright",
  reporter: [["list"], ["html", { outputFolder: "../test-output/playwright-report", open: "never" }]],
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores: one browser at a time keeps timings stable.
  workers: 1,
  timeout: 30_000,
  use: {
    baseURL,
    screenshot: "only-on-failure",
    // The copy buttons write to the clipboard; tests read it back.
    permissions: ["clipboard-read", "clipboard-write"],
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's Chromium, launched as the benchmarks launch it.
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
  // The real server (release build, fresh SQLite file, serving dist/) unless
  // BASE_URL names a running one; start-server.mjs saves the demo password.
  webServer: process.env.BASE_URL
    ? undefined
    : {
        command: `node start-server.mjs ${port}`,
        url: `${baseURL}/api/v1/instance`,
        reuseExistingServer: false,
        // The first release build of the server can take minutes.
        timeout: 900_000,
        stdout: "pipe",
      },
});
