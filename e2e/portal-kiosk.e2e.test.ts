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
    assert.deepEqual(cards, [
      'Appointments',
      'Your record',
      'Insurance card and ID',
      'Messages',
      'Bills',
      'Forms',
    ]);
    assert.equal(await page.getByText('Coming soon').count(), 3);
    await page.getByText(/Your next visit|You have no upcoming visits/).waitFor();

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

  it('books a visit in four plain steps, shows it with how to prepare, and cancels it', async () => {
    const page = await freshPage(browser);
    await page.goto('/portal/login');
    await signIn(page, 'patient@demo.test');
    await page.getByRole('link', { name: 'Book a visit' }).click();

    await page.getByRole('heading', { level: 1, name: 'What kind of visit?' }).waitFor();
    const kinds = await page.locator('.choice-title').allInnerTexts();
    assert.deepEqual([...kinds].sort(), [
      'Annual physical',
      'Follow-up visit',
      'Therapy session (video)',
      'Video follow-up',
    ]);
    await page.getByRole('link', { name: /^Follow-up visit/ }).click();

    await page.getByRole('heading', { level: 1, name: 'Which day?' }).waitFor();
    // The second day with free times: the demo's own visit for this patient is on the first.
    const days = page.getByRole('list').getByRole('link');
    await days.nth(1).waitFor();
    const dayText = (await days.nth(1).innerText()).split('\n')[0] ?? '';
    const dayBox = await days.nth(1).boundingBox();
    assert.ok(dayBox && dayBox.height >= 48, `large targets (${dayBox?.height}px)`);
    await days.nth(1).click();

    await page.getByRole('heading', { level: 1, name: 'What time?' }).waitFor();
    const times = page.locator('.time-choice');
    await times.first().waitFor();
    const time = await times.last().innerText();
    await times.last().click();

    await page.getByRole('heading', { level: 1, name: 'Book this visit?' }).waitFor();
    assert.match(await page.locator('.portal-summary').innerText(), new RegExp(time));
    await page.getByRole('button', { name: 'Book this visit' }).click();

    await page.getByRole('status').filter({ hasText: 'Your visit is booked.' }).waitFor();
    const visit = page.getByRole('article', { name: `Follow-up visit, ${dayText}` });
    await visit.waitFor();
    assert.match(await visit.innerText(), new RegExp(time));
    assert.match(await visit.innerText(), /How to prepare\s+Bring your medicines, or a list of them\./);
    const ics = await visit.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
    const calendar = await page.request.get(ics ?? '');
    assert.equal(calendar.status(), 200);
    assert.match(await calendar.text(), /BEGIN:VCALENDAR[\s\S]*SUMMARY:Follow-up visit/);
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);

    await visit.getByRole('link', { name: 'Cancel visit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cancel this visit?' }).waitFor();
    await page.getByLabel('Why are you cancelling?').selectOption({ label: 'I have no way to get there' });
    await page.getByRole('button', { name: 'Cancel this visit' }).click();
    await page.getByRole('status').filter({ hasText: 'Your visit is cancelled.' }).waitFor();
    await page.getByRole('heading', { name: 'Upcoming' }).waitFor();
    assert.equal(await page.getByRole('article', { name: `Follow-up visit, ${dayText}` }).count(), 0);
    assert.match(
      await page.getByRole('region', { name: 'Cancelled' }).innerText(),
      new RegExp(`${dayText}, ${time}[\\s\\S]*Cancelled`),
    );
    await page.close();
  });

  it('shows how to prepare in Spanish when the browser speaks Spanish', async () => {
    const page = await freshPage(browser);
    await page.addInitScript(
      'Object.defineProperty(navigator, "languages", { get: () => ["es-US", "es"] });',
    );
    await page.goto('/portal/login');
    await signIn(page, 'patient@demo.test');
    await page.goto('/portal/appointments');
    const preparation = page.locator('.visit-prep').first();
    await preparation.waitFor();
    assert.equal(await preparation.getAttribute('lang'), 'es');
    assert.match(await preparation.innerText(), /Cómo prepararse/);
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
