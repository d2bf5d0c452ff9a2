import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. On CI a missing browser is a
 * failure (the suite must never silently skip there); on a developer machine
 * the tests are skipped with a message saying what to install.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium not found at ${CHROMIUM}; CI must provide it (apt-get install -y chromium). Refusing to skip the e2e tests on CI.`);
  }
  console.warn(`[e2e] skipping browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  return false;
}

/**
 * Debian's Chromium, headless, with everything that would try the (closed)
 * network turned off. Playwright gives each launch a fresh temporary profile.
 */
export async function launchChromium(): Promise<Browser & { cleanup(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return Object.assign(browser, {
    async cleanup() {
      await browser.close();
    },
  });
}
