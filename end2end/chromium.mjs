// How Debian's Chromium is launched, by the Playwright suite
// (playwright.config.ts) and the benchmarks (bench/lib.mjs) alike, so both
// measure and test the same browser the same way. Playwright's own browser
// download is impossible here; CHROMIUM names another binary.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  // Safe as root in a container, and no background connections.
  args: [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
};
