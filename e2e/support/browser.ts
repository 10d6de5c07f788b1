import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with a fresh profile that is removed on close. Never downloads a browser. */
export type TestBrowser = { context: BrowserContext; close(): Promise<void> };

export async function launchBrowser(
  options: { width?: number; height?: number; baseURL?: string; bypassCSP?: boolean } = {},
): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientdesk-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    bypassCSP: options.bypassCSP ?? false,
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A new tab with its cookies cleared: each test signs in for itself. */
export async function freshPage(browser: TestBrowser): Promise<Page> {
  await browser.context.clearCookies();
  return browser.context.newPage();
}
