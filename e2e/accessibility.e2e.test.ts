import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoAxeViolations } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signIn } from './support/flows';
import { startServer, type TestServer } from './support/server';

// One tab walks every page in turn (desk as a supervisor, who sees every desk page, then the portal as the
// patient), so each check runs on a page reached the way a person would reach it.
describe('accessibility (axe-core, WCAG 2.1 A and AA, best practices) on every page', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ width: 1280, height: 800, baseURL: server.baseUrl, bypassCSP: true });
    page = await browser.context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

  it('desk sign-in', async () => {
    await page.goto('/desk/login');
    await heading('Sign in');
    await assertNoAxeViolations(page, '/desk/login');
  });

  it('desk sign-in showing an error', async () => {
    await page.getByLabel('Email').fill('supervisor@demo.test');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await assertNoAxeViolations(page, '/desk/login with an error');
  });

  it('worklist', async () => {
    await signIn(page, 'supervisor@demo.test');
    await page.getByRole('table', { name: 'Work items, most urgent first' }).waitFor();
    await assertNoAxeViolations(page, '/desk');
  });

  it('worklist with the patient search open', async () => {
    await page.getByRole('combobox', { name: 'Search patients' }).fill('rivera');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await assertNoAxeViolations(page, '/desk with search results open');
    await page.keyboard.press('Escape');
  });

  it('patient search results', async () => {
    await page.goto('/desk/patients?q=smith');
    await page.getByRole('table', { name: /Patients matching/ }).waitFor();
    await assertNoAxeViolations(page, '/desk/patients?q=smith');
  });

  it('patient page', async () => {
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Demographics' }).waitFor();
    await page.getByRole('heading', { name: 'Open work' }).waitFor();
    await assertNoAxeViolations(page, '/desk/patients/:id');
  });

  it('outbox', async () => {
    await page.goto('/desk/outbox');
    await heading('Outbox');
    await page
      .getByText(/No messages yet|messages?$/)
      .first()
      .waitFor();
    await assertNoAxeViolations(page, '/desk/outbox');
  });

  it('audit log', async () => {
    await page.goto('/desk/audit');
    await heading('Audit log');
    await page.getByRole('table', { name: 'Audit events, newest first' }).waitFor();
    await assertNoAxeViolations(page, '/desk/audit');
  });

  it('an area that is not built yet', async () => {
    await page.goto('/desk/schedule');
    await heading('Schedule');
    await page.getByText('This area is not built yet.').waitFor();
    await assertNoAxeViolations(page, '/desk/schedule');
  });

  it('portal sign-in', async () => {
    await page.getByRole('button', { name: /Sam Supervisor/ }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/desk/login');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/portal/login');
    await heading('Sign in to your patient portal');
    await assertNoAxeViolations(page, '/portal/login');
  });

  it('portal home', async () => {
    await signIn(page, 'patient@demo.test');
    await heading('Hello, Alex');
    await assertNoAxeViolations(page, '/portal');
  });

  it('kiosk', async () => {
    await page.goto('/kiosk');
    await heading('Welcome');
    await assertNoAxeViolations(page, '/kiosk');
  });
});
