import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { totpCode } from '../apps/server/src/platform/auth/totp';
import { freshPage, launchBrowser, type TestBrowser } from './support/browser';
import { DEMO_PASSWORD, signIn } from './support/flows';
import { bookDragConfirmFlow, scheduleViewsFlow, slotTakenFlow } from './support/schedule-flows';
import { startServer, type TestServer } from './support/server';

const DEMO_ITEMS = [
  'Call back: question about a recent bill',
  'Verify insurance before Thursday visit',
  'Mail records to new cardiologist (authorization on file)',
  'Patient asked for a Spanish-speaking interpreter at next visit',
  'Restock kiosk paper forms at Lakeside',
];

describe('the staff desk', () => {
  let server: TestServer;
  let browser: TestBrowser;
  const pageErrors: string[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ baseURL: server.baseUrl });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<Page> {
    const page = await freshPage(browser);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  const worklistTable = (page: Page) => page.getByRole('table', { name: 'Work items, most urgent first' });
  const rowFor = (page: Page, title: string) =>
    worklistTable(page).getByRole('row').filter({ hasText: title });

  it('signs in, finds a patient from the top bar, shows the worklist, and signs out', async () => {
    const page = await open();
    await page.goto('/desk');
    await page.waitForURL('**/desk/login?next=%2Fdesk');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.match(await page.locator('header').innerText(), /DEMO — synthetic data only/);

    await signIn(page, 'frontdesk@demo.test');
    assert.equal(new URL(page.url()).pathname, '/desk');
    await page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();

    const search = page.getByRole('combobox', { name: 'Search patients' });
    await search.fill('Rivera');
    await search.press('Enter');
    const alex = page.getByRole('option', { name: /Rivera, Alex/ });
    await alex.waitFor();
    assert.match(await alex.innerText(), /Jun 14, 1988/);
    assert.match(await alex.innerText(), /\(212\) 555-0142/);
    await alex.click();

    await page.getByRole('heading', { level: 1, name: 'Rivera, Alex' }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/desk\/patients\/[0-9a-f-]{36}$/);
    assert.match(await page.getByRole('main').innerText(), /patient@demo\.test/);

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Worklist' }).click();
    await worklistTable(page).waitFor();
    const body = await worklistTable(page).innerText();
    for (const title of DEMO_ITEMS) assert.ok(body.includes(title), `worklist shows "${title}"`);
    assert.equal(await worklistTable(page).getByRole('row').count(), DEMO_ITEMS.length + 1);
    const patientLink = rowFor(page, 'Call back: question about a recent bill').getByRole('link');
    assert.match((await patientLink.getAttribute('href')) ?? '', /^\/desk\/patients\/[0-9a-f-]{36}$/);

    await page.getByRole('button', { name: /Fran Desk/ }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/desk/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('You have signed out.').waitFor();

    await page.goto('/desk/outbox');
    await page.waitForURL('**/desk/login?next=%2Fdesk%2Foutbox');
    await page.close();
  });

  it('shows a clear message for a wrong password and stays on the sign-in page', async () => {
    const page = await open();
    await page.goto('/desk/login');
    await page.getByLabel('Email').fill('frontdesk@demo.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), 'The email or password is not correct.');
    assert.equal(new URL(page.url()).pathname, '/desk/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Areas' }).count(), 0);
    await page.close();
  });

  it('asks for the 6-digit code when the account has two-step sign-in', async () => {
    const page = await open();
    // Turn on two-step sign-in for the administrator through the API, as the enrolment screen will.
    const email = 'admin@demo.test';
    assert.equal(
      (await page.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } })).status(),
      200,
    );
    const { secret } = await (await page.request.post('/api/auth/totp/enroll', { data: {} })).json();
    const codeNow = () => totpCode(secret, Math.floor(Date.now() / 30_000));
    const confirmed = await page.request.post('/api/auth/totp/confirm', { data: { code: codeNow() } });
    assert.equal(confirmed.status(), 200);
    await browser.context.clearCookies();

    await page.goto('/desk/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('6-digit code');
    await code.waitFor();
    await page.getByText('Enter the 6-digit code from your authenticator app.').waitFor();
    const codeId = await code.getAttribute('id');
    await page.locator(`[id="${codeId}"]:focus`).waitFor();

    const step = Math.floor(Date.now() / 30_000);
    const near = new Set(
      [step - 1, step, step + 1, step + 2].map((candidate) => totpCode(secret, candidate)),
    );
    const wrong = ['000000', '111111', '222222', '333333', '444444'].find(
      (candidate) => !near.has(candidate),
    );
    await code.fill(wrong ?? '555555');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'That code did not match. Try the newest code.' })
      .waitFor();

    await code.fill(codeNow());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/desk');
    await page.getByRole('button', { name: /Ada Admin/ }).waitFor();
    await page.close();
  });

  it('works from the keyboard: skip link, "/" to search, arrows and Enter to open a patient', async () => {
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'frontdesk@demo.test');
    await page.goto('/desk');
    await worklistTable(page).waitFor();

    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').innerText(), 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(':focus').getAttribute('id'), 'main');

    await page.keyboard.press('/');
    assert.equal(await page.locator(':focus').getAttribute('role'), 'combobox');
    await page.keyboard.type('rivera');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox', { name: 'Matching patients' }).waitFor();
    const names = await page.getByRole('option').allInnerTexts();
    const index = names.findIndex((text) => text.startsWith('Rivera, Alex'));
    assert.ok(index >= 0, `Alex Rivera is among ${JSON.stringify(names)}`);
    for (let step = 0; step < index; step += 1) await page.keyboard.press('ArrowDown');
    const active = await page.locator(':focus').getAttribute('aria-activedescendant');
    assert.match((await page.locator(`[id="${active}"]`).innerText()) ?? '', /^Rivera, Alex/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Rivera, Alex' }).waitFor();
    assert.equal(await page.locator(':focus').innerText(), 'Rivera, Alex');
    await page.close();
  });

  it('starts and finishes a work item, and says so when someone else changed it first', async () => {
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'frontdesk@demo.test');
    const title = 'Restock kiosk paper forms at Lakeside';
    const row = rowFor(page, title);
    await row.waitFor();

    // Someone else changes the item after this list loaded: the page's version is now stale.
    const list = await (await page.request.get('/api/work-items')).json();
    const item = list.items.find((candidate: { title: string }) => candidate.title === title);
    const changed = await page.request.patch(`/api/work-items/${item.id}`, {
      headers: { 'if-match': `W/"${item.version}"` },
      data: { priority: 'low' },
    });
    assert.equal(changed.status(), 200);

    await row.getByRole('button', { name: `Start: ${title}` }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else changed' }).waitFor();

    await row.getByRole('button', { name: `Start: ${title}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Started “${title}”` })
      .waitFor();
    assert.match(await row.innerText(), /In progress/);
    assert.match(await row.innerText(), /Fran Desk/);

    await row.getByRole('button', { name: `Mark done: ${title}` }).click();
    await row.getByText('Done', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Reopen: ${title}` }).waitFor();
    await page.close();
  });

  it('returns to the sign-in page when the session ends, and back to the same page after', async () => {
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'frontdesk@demo.test');
    await page.goto('/desk/patients?q=rivera');
    const link = page.getByRole('link', { name: 'Rivera, Alex' });
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';

    // End every session of this account, as "Sign out everywhere" on another computer would.
    const ended = await page.request.post('/api/auth/logout', { data: { everywhere: true } });
    assert.equal(ended.status(), 204);

    await link.click();
    await page.waitForURL((url) => url.pathname === '/desk/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), href);
    await page.getByText('Your session ended').waitFor();
    await signIn(page, 'frontdesk@demo.test');
    assert.equal(new URL(page.url()).pathname, href);
    await page.getByRole('heading', { level: 1, name: 'Rivera, Alex' }).waitFor();
    await page.close();
  });

  async function signedIn(): Promise<Page> {
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'frontdesk@demo.test');
    return page;
  }

  it('shows the schedule by day or week, by location, provider or room, moving through dates by keyboard', async () => {
    const page = await signedIn();
    await scheduleViewsFlow(page);
    await page.close();
  });

  it('books from a patient record by keyboard, shows it on the schedule, moves it by dragging, confirms it', async () => {
    const page = await signedIn();
    await bookDragConfirmFlow(page);
    await page.close();
  });

  it('puts a dragged appointment back, and says why, when the time it is dropped on is taken', async () => {
    const page = await signedIn();
    await slotTakenFlow(page);
    await page.close();
  });

  it('raised no script errors on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
