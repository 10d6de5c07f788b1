import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoAxeViolations } from './support/axe';
import { launchBrowser, type TestBrowser } from './support/browser';
import { signIn } from './support/flows';
import {
  bookSoon,
  emailPatient,
  linkFromOutbox,
  OFFER_LINK,
  RESPONSE_LINK,
  type BookedVisit,
} from './support/link-flows';
import { startServer, type TestServer } from './support/server';

// One tab walks every page in turn (desk as a supervisor, who sees every desk page, then the portal as the
// patient), so each check runs on a page reached the way a person would reach it.
describe('accessibility (axe-core, WCAG 2.1 A and AA, best practices) on every page', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  // Links a patient would get by email, made while the desk is signed in, opened later on a phone.
  let responseLink = '';
  let offerLink = '';

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

  it('schedule, day view (by location), with appointments', async () => {
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const list = await (await page.request.get(`/api/appointments?from=${from}&to=${to}`)).json();
    const first = list.items[0];
    await page.goto(`/desk/schedule?date=${first.start.slice(0, 10)}&location=${first.location.id}`);
    await heading('Schedule');
    await page.locator('.appt').first().waitFor();
    await assertNoAxeViolations(page, '/desk/schedule (day)');
  });

  it('schedule, week view', async () => {
    await page.getByRole('radio', { name: 'Week' }).check();
    await page.getByText(/Week of/).waitFor();
    await page.locator('.appt').first().waitFor();
    await assertNoAxeViolations(page, '/desk/schedule (week)');
  });

  it('schedule, side panel open on an appointment', async () => {
    await page.getByRole('radio', { name: 'Day' }).check();
    await page.locator('.appt').first().click();
    await page.getByRole('complementary').getByRole('button', { name: 'Confirm' }).waitFor();
    await assertNoAxeViolations(page, '/desk/schedule with the side panel');
  });

  it('patient record with the booking panel and its free times', async () => {
    await page.goto('/desk/patients?q=rivera');
    await page.getByRole('link', { name: 'Rivera, Alex' }).click();
    await page.getByRole('heading', { name: 'Appointments' }).waitFor();
    await page.getByRole('button', { name: /Book appointment/ }).click();
    await page.getByRole('combobox', { name: 'Visit type' }).fill('annual');
    await page.getByRole('listbox', { name: 'Visit type' }).waitFor();
    await assertNoAxeViolations(page, 'the booking panel with the type list open');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox', { name: /Free times/ }).waitFor();
    await assertNoAxeViolations(page, 'the booking panel with free times');
  });

  it('waitlist, with an offer out', async () => {
    // A patient waiting for a visit, and a booked visit of that kind cancelled: its time is offered to them.
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 9 * 86_400_000).toISOString();
    const list = await page.request.get(`/api/appointments?status=booked&from=${from}&to=${to}`);
    const freed = ((await list.json()).items as BookedVisit[])[0];
    if (!freed) throw new Error('The demo has no booked visit in the coming days.');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: freed.location.timeZone }).format(
      new Date(freed.start),
    );
    const waiting = await emailPatient(page.request, { familyName: 'Waiting', givenNames: 'Avery' });
    const joined = await page.request.post('/api/waitlist-entries', {
      data: {
        patientId: waiting.id,
        appointmentTypeId: freed.appointmentType.id,
        earliestDate: day,
        latestDate: day,
        note: 'Prefers mornings; can come at short notice',
      },
    });
    if (joined.status() !== 201) throw new Error(await joined.text());
    await page.request.post(`/api/appointments/${freed.id}/cancel`, {
      headers: { 'if-match': `W/"${freed.version}"` },
      data: { reason: 'patient-request', by: 'patient' },
    });
    offerLink = await linkFromOutbox(page.request, waiting.email, OFFER_LINK);
    const reminded = await emailPatient(page.request, { familyName: 'Reminded', givenNames: 'Quinn' });
    await bookSoon(page.request, reminded.id, 'Follow-up visit');
    responseLink = await linkFromOutbox(page.request, reminded.email, RESPONSE_LINK);

    await page.goto('/desk/waitlist');
    await heading('Waitlist');
    await page
      .getByRole('table', { name: /Waitlist entries/ })
      .getByText('Offered')
      .waitFor();
    await assertNoAxeViolations(page, '/desk/waitlist');
  });

  it('patient record with the add-to-waitlist form, and its error', async () => {
    await page.goto('/desk/patients?q=rivera');
    await page.getByRole('link', { name: 'Rivera, Alex' }).click();
    await page.getByRole('heading', { name: 'Waitlist' }).waitFor();
    await page.getByRole('button', { name: /Add to waitlist/ }).click();
    const form = page.getByRole('region', { name: 'Add Rivera, Alex to the waitlist' });
    await form.getByRole('radio', { name: 'Between…' }).check();
    await form.getByLabel('Earliest start').waitFor();
    await assertNoAxeViolations(page, 'the add-to-waitlist form');
    await form.getByRole('button', { name: 'Add to waitlist' }).click();
    await form.getByText('Choose a visit type.').waitFor();
    await assertNoAxeViolations(page, 'the add-to-waitlist form with an error');
  });

  it('an area that is not built yet', async () => {
    await page.goto('/desk/check-in');
    await heading('Check-in');
    await page.getByText('This area is not built yet.').waitFor();
    await assertNoAxeViolations(page, '/desk/check-in');
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

  it('portal appointments', async () => {
    await page.goto('/portal/appointments');
    await page.getByRole('heading', { name: 'Upcoming' }).waitFor();
    await page.locator('.visit-card').first().waitFor();
    await assertNoAxeViolations(page, '/portal/appointments');
  });

  it('portal booking, every step', async () => {
    await page.goto('/portal/book');
    await heading('What kind of visit?');
    await assertNoAxeViolations(page, '/portal/book (type)');
    await page.getByRole('link', { name: /^Annual physical/ }).click();
    await heading('Which day?');
    await page.locator('.choice').first().waitFor();
    await assertNoAxeViolations(page, '/portal/book (day)');
    await page.locator('.choice').first().click();
    await heading('What time?');
    await page.locator('.time-choice').first().waitFor();
    await assertNoAxeViolations(page, '/portal/book (time)');
    await page.locator('.time-choice').first().click();
    await heading('Book this visit?');
    await assertNoAxeViolations(page, '/portal/book (confirm)');
  });

  it('portal, cancelling a visit', async () => {
    await page.goto('/portal/appointments');
    await page.locator('.visit-card').first().getByRole('link', { name: 'Cancel visit' }).click();
    await heading('Cancel this visit?');
    await page.getByLabel('Why are you cancelling?').waitFor();
    await assertNoAxeViolations(page, '/portal/appointments/:id/cancel');
  });

  it('reminder link page: the question, the answer, and a link that is not whole', async () => {
    await page.goto(responseLink);
    await heading('Can you come to your visit?');
    await assertNoAxeViolations(page, '/portal/appointment-response (open)');
    await page.getByRole('button', { name: 'Yes, I’ll be there' }).click();
    await heading('Thank you. Your visit is confirmed.');
    await assertNoAxeViolations(page, '/portal/appointment-response (confirmed)');
    await page.reload();
    await heading('You already answered');
    await page.getByRole('button', { name: 'En español' }).click();
    await heading('Usted ya respondió');
    await assertNoAxeViolations(page, '/portal/appointment-response (used, in Spanish)');
    await page.goto('/portal/appointment-response#token=cut-short');
    await heading('We could not open this link');
    await assertNoAxeViolations(page, '/portal/appointment-response (not whole)');
  });

  it('waitlist offer page: the offer and its acceptance', async () => {
    await page.goto(offerLink);
    await heading('A visit time opened up');
    await assertNoAxeViolations(page, '/portal/offer (open)');
    await page.getByRole('button', { name: 'Accept this time' }).click();
    await heading('You are booked');
    await assertNoAxeViolations(page, '/portal/offer (accepted)');
  });

  it('kiosk', async () => {
    await page.goto('/kiosk');
    await heading('Welcome');
    await assertNoAxeViolations(page, '/kiosk');
  });
});
