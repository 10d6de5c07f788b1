import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshPage, launchBrowser, type TestBrowser } from './support/browser';
import { signIn } from './support/flows';
import { startServer, type TestServer } from './support/server';

describe('the patient portal and the kiosk, on a phone', () => {
  let server: TestServer;
  let browser: TestBrowser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ width: 390, height: 844, baseURL: server.baseUrl });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs a patient in, greets them by name, and signs them out', async () => {
    const page = await freshPage(browser);
    await page.goto('/portal');
    await page.waitForURL('**/portal/login?next=%2Fportal');
    await page.getByRole('heading', { level: 1, name: 'Sign in to your patient portal' }).waitFor();
    await signIn(page, 'patient@demo.test');

    assert.equal(new URL(page.url()).pathname, '/portal');
    await page.getByRole('heading', { level: 1, name: 'Hello, Alex' }).waitFor();
    assert.match(await page.locator('header').innerText(), /DEMO — synthetic data only/);
    const cards = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    assert.deepEqual(cards, ['Appointments', 'Messages', 'Bills', 'Forms']);
    assert.equal(await page.getByText('Coming soon').count(), 4);

    // Large targets on a phone, and nothing wider than the screen.
    const signOut = page.getByRole('button', { name: 'Sign out' });
    const box = await signOut.boundingBox();
    assert.ok(box && box.height >= 44, `the sign-out button is at least 44px tall (${box?.height})`);
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);

    await signOut.click();
    await page.waitForURL((url) => url.pathname === '/portal/login');
    await page.getByText('You have signed out.').waitFor();
    await page.close();
  });

  it('sends a patient who signs in at the desk to the portal', async () => {
    const page = await freshPage(browser);
    await page.goto('/desk/login');
    await signIn(page, 'patient@demo.test');
    await page.getByRole('heading', { level: 1, name: 'Hello, Alex' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/portal');
    await page.close();
  });

  it('shows a calm kiosk page that says check-in is coming', async () => {
    const page = await freshPage(browser);
    await page.goto('/kiosk');
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    await page.getByText('Self check-in on this screen is coming soon.').waitFor();
    assert.match(await page.locator('header').innerText(), /DEMO — synthetic data only/);
    await page.close();
  });
});
