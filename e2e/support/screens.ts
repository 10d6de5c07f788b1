// Takes screenshots of the main pages for a person to look at: node --import tsx e2e/support/screens.ts [dir]
import fs from 'node:fs';
import { launchBrowser } from './browser';
import { request } from 'playwright-core';
import { DEMO_PASSWORD, signIn } from './flows';
import {
  bookSoon,
  emailPatient,
  linkFromOutbox,
  OFFER_LINK,
  RESPONSE_LINK,
  type BookedVisit,
} from './link-flows';
import { startServer } from './server';

const outDir = process.argv[2] ?? '/tmp/shots';
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const wide = await launchBrowser({ width: 1440, height: 900, baseURL: server.baseUrl });
const phone = await launchBrowser({ width: 390, height: 844, baseURL: server.baseUrl });
try {
  const page = await wide.context.newPage();
  await page.goto('/desk/login');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-login.png` });
  await page.getByLabel('Email').fill('frontdesk@demo.test');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  await page.screenshot({ path: `${outDir}/desk-login-error.png` });
  await signIn(page, 'supervisor@demo.test');
  await page.getByRole('table').waitFor();
  await page.screenshot({ path: `${outDir}/desk-worklist.png` });
  await page.getByRole('button', { name: /^Start: Verify insurance/ }).click();
  await page.getByRole('status').filter({ hasText: 'Started' }).waitFor();
  await page.getByRole('button', { name: /^Start: Restock/ }).click();
  await page.getByRole('button', { name: /^Mark done: Restock/ }).click();
  await page.getByRole('button', { name: /^Reopen: Restock/ }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-worklist-actions.png` });
  await page.getByRole('combobox', { name: 'Search patients' }).fill('Rivera');
  await page.keyboard.press('Enter');
  await page.getByRole('listbox').waitFor();
  await page.screenshot({ path: `${outDir}/desk-search-popup.png` });
  await page.goto('/desk/patients?q=smith');
  await page.getByRole('table').waitFor();
  await page.screenshot({ path: `${outDir}/desk-patient-results.png`, fullPage: true });
  await page.getByRole('table').getByRole('link').first().click();
  await page.getByText('Demographics').waitFor();
  await page.screenshot({ path: `${outDir}/desk-patient.png` });

  // Registration: the form, the duplicate warning for a near-twin of Alex Rivera, and the new record.
  await page.goto('/desk/patients');
  await page.getByRole('link', { name: /Register patient/ }).click();
  await page.getByRole('heading', { name: 'Register a patient' }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-register.png`, fullPage: true });
  await page.getByLabel('Family name').fill('Rivera');
  await page.getByLabel('Given names').fill('Alexander');
  await page.getByLabel('Date of birth').fill('1988-06-14');
  await page.getByLabel('Phone', { exact: true }).fill('212 555 0142');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: '+ Add address' }).click();
  await page.getByRole('group', { name: 'Address 1' }).getByLabel('Street').fill('12 Example Street');
  await page.getByLabel('Preferred language').selectOption({ label: 'Spanish' });
  await page.getByRole('checkbox', { name: 'Needs an interpreter' }).check();
  await page.getByRole('checkbox', { name: 'Uses a wheelchair' }).check();
  await page.getByRole('button', { name: '+ Add emergency contact' }).click();
  await page.getByRole('group', { name: 'Emergency contact 1' }).getByLabel('Name').fill('Jordan Rivera');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await page
    .getByRole('alert')
    .getByText(/need attention/)
    .waitFor();
  await page.screenshot({ path: `${outDir}/desk-register-errors.png`, fullPage: true });
  await page.getByLabel('Email').fill('alexander.rivera@example.org');
  const address = page.getByRole('group', { name: 'Address 1' });
  await address.getByLabel('City').fill('New York');
  await address.getByLabel('State').fill('NY');
  await address.getByLabel('ZIP code').fill('10027');
  const contact = page.getByRole('group', { name: 'Emergency contact 1' });
  await contact.getByLabel('Relationship').fill('Brother');
  await contact.getByLabel('Phone').fill('(212) 555-0177');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await page.getByRole('heading', { name: 'This patient may already be registered' }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-register-duplicates.png` });
  await page.getByRole('button', { name: 'Register anyway' }).click();
  await page.getByRole('heading', { level: 1, name: 'Rivera, Alexander' }).waitFor();
  await page.getByRole('heading', { name: 'Open work' }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-patient-registered.png`, fullPage: true });

  // Editing, with someone else saving first (through the API), then the history.
  const registeredId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await page.getByRole('button', { name: /^Edit/ }).click();
  await page.getByRole('region', { name: /Edit the record/ }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-patient-edit.png` });
  await page.request.patch(`/api/patients/${registeredId}`, {
    headers: { 'if-match': 'W/"1"' },
    data: { phone: '(212) 555-0199', pronouns: 'he/him' },
  });
  await page.getByLabel('Preferred name (optional)').fill('Xander');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Someone else changed this record').waitFor();
  await page.screenshot({ path: `${outDir}/desk-patient-conflict.png` });
  await page.getByRole('button', { name: 'Re-apply my changes' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('status')
    .getByText(/Saved as version 3/)
    .waitFor();
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('article', { name: /Version 1/ }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-patient-history.png`, fullPage: true });

  // Break-the-glass: a restricted record, the dialog, the banner, and the supervisors' reviews.
  const restrictedPatient = await (
    await page.request.post('/api/patients', {
      data: {
        familyName: 'Restricted',
        givenNames: 'Robin',
        birthDate: '1966-11-02',
        phone: '(212) 555-0133',
      },
    })
  ).json();
  await page.request.put(`/api/patients/${restrictedPatient.id}/restriction`, {
    headers: { 'if-match': 'W/"0"' },
    data: { kind: 'vip', reason: 'Well known in the community' },
  });
  const frontDesk = await request.newContext({ baseURL: server.baseUrl });
  await frontDesk.post('/api/auth/login', {
    data: { email: 'frontdesk@demo.test', password: DEMO_PASSWORD },
  });
  await frontDesk.post(`/api/patients/${restrictedPatient.id}/break-glass`, {
    data: { reason: 'scheduling-or-check-in', detail: 'Checking the patient in for a visit moved to today' },
  });
  await frontDesk.dispose();
  await page.goto(`/desk/patients/${restrictedPatient.id}`);
  await page.getByRole('dialog').waitFor();
  await page.getByLabel('Reason').selectOption({ label: 'Emergency care' });
  await page.getByLabel('In your own words').fill('Patient collapsed in the waiting room');
  await page.screenshot({ path: `${outDir}/desk-break-glass.png` });
  await page.getByRole('button', { name: 'Open record' }).click();
  await page.getByRole('note', { name: 'Break-the-glass access' }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-break-glass-banner.png` });
  await page.goto('/desk/break-glass-reviews');
  await page.getByRole('table').waitFor();
  await page.getByRole('button', { name: /^Review Fran Desk/ }).click();
  await page.getByRole('radio', { name: 'Inappropriate' }).check();
  await page.screenshot({ path: `${outDir}/desk-break-glass-reviews.png` });
  await page.goto('/desk/outbox');
  await page.getByRole('heading', { name: 'Outbox' }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-outbox.png` });
  await page.goto('/desk/audit');
  await page.getByRole('table').waitFor();
  await page.screenshot({ path: `${outDir}/desk-audit.png` });
  await page.goto('/desk/check-in');
  await page.getByRole('heading', { name: 'Check-in' }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-not-built.png` });

  // The schedule on the first day the demo has appointments, as the front desk sees it.
  const range = `from=${new Date().toISOString()}&to=${new Date(Date.now() + 7 * 86_400_000).toISOString()}`;
  const first = (await (await page.request.get(`/api/appointments?${range}`)).json()).items[0];
  await page.goto(`/desk/schedule?date=${first.start.slice(0, 10)}&location=${first.location.id}`);
  await page.locator('.appt').first().waitFor();
  await page.screenshot({ path: `${outDir}/desk-schedule-day.png` });
  await page.keyboard.press('w');
  await page.getByText(/Week of/).waitFor();
  await page.screenshot({ path: `${outDir}/desk-schedule-week.png` });
  await page.keyboard.press('d');
  await page.locator('.appt').nth(2).click();
  await page.getByRole('complementary').getByRole('button', { name: 'Reschedule…' }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-schedule-panel.png` });
  await page.getByRole('radio', { name: 'Provider' }).check();
  await page.getByRole('complementary').getByRole('button', { name: 'Reschedule…' }).click();
  await page.getByRole('listbox', { name: /Free times/ }).waitFor();
  await page.screenshot({ path: `${outDir}/desk-schedule-reschedule.png` });
  await page.goto('/desk/patients?q=rivera');
  await page.getByRole('link', { name: 'Rivera, Alex', exact: true }).click();
  await page.getByRole('heading', { name: 'Appointments' }).waitFor();
  await page.keyboard.press('b');
  await page.getByRole('combobox', { name: 'Visit type' }).waitFor();
  await page.keyboard.type('annual');
  await page.keyboard.press('Enter');
  await page.getByRole('listbox', { name: /Free times/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.screenshot({ path: `${outDir}/desk-patient-booking.png` });
  await page.keyboard.press('Escape');
  await page.keyboard.press('w');
  await page.getByRole('region', { name: /to the waitlist/ }).waitFor();
  await page.keyboard.type('follow');
  await page.keyboard.press('ArrowDown');
  await page.screenshot({ path: `${outDir}/desk-patient-waitlist-types.png` });
  await page.keyboard.press('Enter');
  await page.getByRole('radio', { name: 'Between…' }).check();
  await page.getByRole('checkbox', { name: 'Tue' }).check();
  await page.getByRole('checkbox', { name: 'Thu' }).check();
  await page.screenshot({ path: `${outDir}/desk-patient-waitlist-form.png` });
  await page
    .getByRole('region', { name: /to the waitlist/ })
    .getByRole('button', { name: 'Add to waitlist' })
    .click();
  await page.getByRole('status').getByText('Added to the waitlist').waitFor();
  await page.screenshot({ path: `${outDir}/desk-patient-waitlisted.png` });

  // The waitlist with offers out: two patients wait for a kind of visit, and a visit of that kind is cancelled.
  const soon = `from=${new Date(Date.now() + 2 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 9 * 86_400_000).toISOString()}`;
  const freed = (
    (await (await page.request.get(`/api/appointments?status=booked&${soon}`)).json()).items as BookedVisit[]
  )[0];
  if (!freed) throw new Error('The demo has no booked visit in the coming days.');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: freed.location.timeZone }).format(
    new Date(freed.start),
  );
  const waiting = [
    await emailPatient(page.request, { familyName: 'Okafor', givenNames: 'Chidi' }),
    await emailPatient(page.request, { familyName: 'Lindqvist', givenNames: 'Maja' }),
  ];
  for (const [index, patient] of waiting.entries()) {
    await page.request.post('/api/waitlist-entries', {
      data: {
        patientId: patient.id,
        appointmentTypeId: freed.appointmentType.id,
        earliestDate: day,
        latestDate: day,
        ...(index === 0
          ? { priority: 'high', providerId: freed.provider.id, weekdays: [1, 2, 3, 4, 5] }
          : {}),
        ...(index === 1 ? { note: 'Can come at short notice' } : {}),
      },
    });
  }
  const later = await emailPatient(page.request, { familyName: 'Ito', givenNames: 'Ren' });
  await page.request.post('/api/waitlist-entries', {
    data: {
      patientId: later.id,
      appointmentTypeId: freed.appointmentType.id,
      earliestDate: day,
      latestDate: new Intl.DateTimeFormat('en-CA').format(new Date(Date.now() + 40 * 86_400_000)),
      earliestTime: '08:00',
      latestTime: '11:30',
    },
  });
  await page.request.post(`/api/appointments/${freed.id}/cancel`, {
    headers: { 'if-match': `W/"${freed.version}"` },
    data: { reason: 'patient-request', by: 'patient' },
  });
  const offerLink = await linkFromOutbox(page.request, waiting[0]!.email, OFFER_LINK);
  const reminded = await emailPatient(page.request, { familyName: 'Reminded', givenNames: 'Quinn' });
  await bookSoon(page.request, reminded.id, 'Follow-up visit');
  const responseLink = await linkFromOutbox(page.request, reminded.email, RESPONSE_LINK);
  await page.goto('/desk/waitlist');
  await page.getByRole('table').getByText('Offered').first().waitFor();
  await page.screenshot({ path: `${outDir}/desk-waitlist.png` });

  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto('/desk');
  await page.getByRole('table').waitFor();
  await page.screenshot({ path: `${outDir}/desk-worklist-narrow.png` });

  const mobile = await phone.context.newPage();
  await mobile.goto('/portal/login');
  await mobile.getByRole('heading', { name: /patient portal/ }).waitFor();
  await mobile.screenshot({ path: `${outDir}/portal-login.png` });
  await signIn(mobile, 'patient@demo.test');
  await mobile.getByRole('heading', { name: /Hello/ }).waitFor();
  await mobile.getByText(/Your next visit|no upcoming visits/).waitFor();
  await mobile.screenshot({ path: `${outDir}/portal-home.png`, fullPage: true });
  await mobile.getByRole('link', { name: 'Who looked at my record' }).click();
  await mobile.getByRole('heading', { name: 'Who looked at your record' }).waitFor();
  await mobile.locator('.access-entry').first().waitFor();
  await mobile.screenshot({ path: `${outDir}/portal-access-log.png`, fullPage: true });
  await mobile.goto('/portal/appointments');
  await mobile.locator('.visit-card').first().waitFor();
  await mobile.screenshot({ path: `${outDir}/portal-appointments.png`, fullPage: true });
  await mobile.goto('/portal/book');
  await mobile.getByRole('heading', { name: 'What kind of visit?' }).waitFor();
  await mobile.screenshot({ path: `${outDir}/portal-book-type.png`, fullPage: true });
  await mobile.getByRole('link', { name: /^Follow-up visit/ }).click();
  await mobile.locator('.choice').first().waitFor();
  await mobile.screenshot({ path: `${outDir}/portal-book-day.png`, fullPage: true });
  await mobile.locator('.choice').nth(1).click();
  await mobile.locator('.time-choice').first().waitFor();
  await mobile.screenshot({ path: `${outDir}/portal-book-time.png` });
  await mobile.locator('.time-choice').last().click();
  await mobile.getByRole('heading', { name: 'Book this visit?' }).waitFor();
  await mobile.screenshot({ path: `${outDir}/portal-book-confirm.png` });
  const patientLinks = await phone.context.newPage();
  await patientLinks.goto(responseLink);
  await patientLinks.getByRole('button', { name: 'Yes, I’ll be there' }).waitFor();
  await patientLinks.screenshot({ path: `${outDir}/link-response.png`, fullPage: true });
  await patientLinks.getByRole('button', { name: 'En español' }).click();
  await patientLinks.getByRole('button', { name: 'Sí, ahí estaré' }).waitFor();
  await patientLinks.screenshot({ path: `${outDir}/link-response-es.png`, fullPage: true });
  await patientLinks.getByRole('button', { name: 'Sí, ahí estaré' }).click();
  await patientLinks.getByRole('heading', { name: /Gracias/ }).waitFor();
  await patientLinks.screenshot({ path: `${outDir}/link-response-confirmed-es.png`, fullPage: true });
  await patientLinks.getByRole('button', { name: 'In English' }).click();
  await patientLinks.reload();
  await patientLinks.getByRole('heading', { name: 'You already answered' }).waitFor();
  await patientLinks.screenshot({ path: `${outDir}/link-response-used.png`, fullPage: true });
  await patientLinks.goto('/portal/appointment-response#token=cut-short');
  await patientLinks.getByRole('heading', { name: 'We could not open this link' }).waitFor();
  await patientLinks.screenshot({ path: `${outDir}/link-response-invalid.png`, fullPage: true });
  // Maja opens her offer of the same time first; Chidi accepts first.
  const takenPage = await phone.context.newPage();
  await takenPage.goto(await linkFromOutbox(page.request, waiting[1]!.email, OFFER_LINK));
  await takenPage.getByRole('button', { name: 'Accept this time' }).waitFor();
  await patientLinks.goto(offerLink);
  await patientLinks.getByRole('button', { name: 'Accept this time' }).waitFor();
  await patientLinks.screenshot({ path: `${outDir}/link-offer.png`, fullPage: true });
  await patientLinks.getByRole('button', { name: 'Accept this time' }).click();
  await patientLinks.getByRole('heading', { name: 'You are booked' }).waitFor();
  await patientLinks.screenshot({ path: `${outDir}/link-offer-accepted.png`, fullPage: true });
  await takenPage.getByRole('button', { name: 'Accept this time' }).click();
  await takenPage.getByRole('heading', { name: /someone else/ }).waitFor();
  await takenPage.screenshot({ path: `${outDir}/link-offer-taken.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/desk/waitlist');
  await page.getByRole('table').getByText('Taken').waitFor();
  await page.screenshot({ path: `${outDir}/desk-waitlist-after.png` });
  await page.goto('/desk/waitlist?status=booked');
  await page.getByRole('table').getByText('Accepted').waitFor();
  await page.screenshot({ path: `${outDir}/desk-waitlist-booked.png` });
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto('/desk/waitlist');
  await page.getByRole('table').waitFor();
  await page.screenshot({ path: `${outDir}/desk-waitlist-narrow.png` });

  await mobile.goto('/kiosk');
  await mobile.getByRole('heading', { name: 'Welcome' }).waitFor();
  await mobile.screenshot({ path: `${outDir}/kiosk.png` });
  console.log(`Screenshots in ${outDir}`);
} finally {
  await wide.close();
  await phone.close();
  await server.close();
}
