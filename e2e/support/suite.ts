import { afterAll, beforeAll } from 'vitest';
import { startServer, type E2EServer } from './server.js';
import { launchChromium } from './browser.js';

export type E2EBrowser = Awaited<ReturnType<typeof launchChromium>>;

/**
 * The server (demo company, built admin app) and the Chromium a browser-test
 * suite shares: started before its tests, stopped after them. Read
 * `suite.server` and `suite.browser` inside the tests.
 */
export function serverAndBrowser(): { readonly server: E2EServer; readonly browser: E2EBrowser } {
  const suite = {} as { server: E2EServer; browser: E2EBrowser };
  beforeAll(async () => {
    suite.server = await startServer();
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.cleanup();
    await suite.server?.stop();
  });
  return suite;
}
