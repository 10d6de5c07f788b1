import { after, before } from 'node:test';
import type { Page } from 'playwright-core';
import { freshPage, launchBrowser, type TestBrowser } from './browser';
import { signIn } from './flows';
import { startServer, type TestServer } from './server';

/**
 * What the suites of emailed and texted links share, set up inside their `describe`: the demo server, a desk
 * browser signed in as the front desk, and a 390 px phone browser that never signed in, whose pages' script errors
 * are collected.
 */
export function linkSuite(options: { bypassCSP?: boolean } = {}) {
  let server: TestServer;
  let deskBrowser: TestBrowser;
  let phoneBrowser: TestBrowser;
  let desk: Page;
  const pageErrors: string[] = [];
  const bypass = options.bypassCSP ? { bypassCSP: true } : {};

  before(async () => {
    server = await startServer();
    deskBrowser = await launchBrowser({ baseURL: server.baseUrl, ...bypass });
    phoneBrowser = await launchBrowser({ width: 390, height: 844, baseURL: server.baseUrl, ...bypass });
    desk = await freshPage(deskBrowser);
    desk.on('pageerror', (error) => pageErrors.push(error.message));
    await desk.goto('/desk/login');
    await signIn(desk, 'frontdesk@demo.test');
  });

  after(async () => {
    await deskBrowser?.close();
    await phoneBrowser?.close();
    await server?.close();
  });

  return {
    /** The front desk's page, signed in (once the suite's `before` has run). */
    desk: () => desk,
    /** A new page in the phone browser, which has no session. */
    phone: async (): Promise<Page> => {
      const page = await phoneBrowser.context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return page;
    },
    heading: (page: Page) => page.getByRole('heading', { level: 1 }),
    pageErrors,
  };
}
