import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { APIRequestContext, Page } from 'playwright-core';
import {
  bookSoon,
  clinicWhen,
  emailPatient,
  fitsTheScreen,
  linkFromOutbox,
  OFFER_LINK,
  RESPONSE_LINK,
  type BookedVisit,
} from './support/link-flows';
import { linkSuite } from './support/link-suite';

/** The demo's New York clinic, whose number the link pages show ((212) 555-0100). */
const MAIN_CLINIC = 'Riverside Main Clinic';

const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

// The desk works at a desk; the patient answers on a phone, with no sign-in. Messages are read back from the
// outbox, as the desk's own Outbox page shows them when no SMTP server is set up.
describe('links from emails and texts, on a phone, and the waitlist at the desk', () => {
  const suite = linkSuite();
  const { phone, heading, pageErrors } = suite;
  let desk: Page;
  before(() => {
    desk = suite.desk();
  });

  async function appointment(request: APIRequestContext, id: string): Promise<BookedVisit> {
    const response = await request.get(`/api/appointments/${id}`);
    assert.equal(response.status(), 200);
    return (await response.json()) as BookedVisit;
  }

  it('confirms a visit from the reminder email’s link once, in plain words, with large buttons', async () => {
    const patient = await emailPatient(desk.request, { familyName: 'Linkwell', givenNames: 'Robin' });
    const visit = await bookSoon(desk.request, patient.id, 'Follow-up visit', { location: MAIN_CLINIC });
    const link = await linkFromOutbox(desk.request, patient.email, RESPONSE_LINK);
    assert.match(link, /^\/portal\/appointment-response#token=/);

    const page = await phone();
    await page.goto(link);
    await heading(page).filter({ hasText: 'Can you come to your visit?' }).waitFor();
    const when = clinicWhen(visit.start, visit.location.timeZone);
    const card = page.getByRole('region', { name: 'Your visit' });
    const cardText = plain(await card.innerText());
    assert.ok(cardText.includes(when.day), `the card says ${when.day}: ${cardText}`);
    assert.ok(cardText.includes(when.time), `the card says ${when.time}: ${cardText}`);
    assert.match(cardText, /Riverside Health/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    const yes = page.getByRole('button', { name: 'Yes, I’ll be there' });
    const other = page.getByRole('button', { name: 'I need a different time' });
    for (const button of [yes, other]) {
      const box = await button.boundingBox();
      assert.ok(box && box.height >= 48 && box.width >= 300, `a large target (${JSON.stringify(box)})`);
    }
    assert.equal(await page.evaluate(fitsTheScreen), true);

    await yes.click();
    await heading(page).filter({ hasText: 'Thank you. Your visit is confirmed.' }).waitFor();
    assert.equal(await page.evaluate('document.activeElement?.tagName'), 'H1', 'the result takes focus');
    assert.equal((await appointment(desk.request, visit.id)).status, 'confirmed');

    // The link works once: opened again, it says what was answered, and how to reach the clinic.
    await page.reload();
    await heading(page).filter({ hasText: 'You already answered' }).waitFor();
    await page.getByText('You confirmed this visit. There is nothing more to do.').waitFor();
    const call = page.getByRole('link', { name: /Call the clinic: \(212\) 555-0100/ });
    assert.equal(await call.getAttribute('href'), 'tel:+12125550100');
    assert.equal(await page.getByRole('button', { name: 'Yes, I’ll be there' }).count(), 0);
    await page.close();
  });

  it('asks for a new time in Spanish, and says calmly when a link no longer works', async () => {
    const patient = await emailPatient(desk.request, { familyName: 'Enlace', givenNames: 'Sofía' }, 'es');
    const first = await bookSoon(desk.request, patient.id, 'Follow-up visit', { location: MAIN_CLINIC });
    const firstLink = await linkFromOutbox(desk.request, patient.email, RESPONSE_LINK);

    const page = await phone();
    await page.goto(firstLink);
    // The page speaks the language the patient chose at the clinic, and says so to the browser.
    await heading(page).filter({ hasText: '¿Puede venir a su cita?' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await page.getByRole('button', { name: 'Necesito otra hora' }).click();
    await heading(page).filter({ hasText: 'Gracias. Le llamaremos.' }).waitFor();
    await page.getByText('Mientras tanto, su cita sigue reservada.', { exact: false }).waitFor();

    // The desk's worklist has the request, and the visit stays booked.
    const work = await (await desk.request.get(`/api/work-items?patientId=${patient.id}`)).json();
    assert.deepEqual(
      work.items.map((item: { title: string }) => item.title),
      ['The patient asked for a new time'],
    );
    assert.equal((await appointment(desk.request, first.id)).status, 'booked');

    // The same page in English, at the press of one button.
    await page.getByRole('button', { name: 'In English' }).click();
    await heading(page).filter({ hasText: 'Thank you. We will call you.' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    // A visit cancelled since its email: the link says so, with the clinic's phone.
    const second = await bookSoon(desk.request, patient.id, 'Follow-up visit', {
      daysAhead: 6,
      location: MAIN_CLINIC,
    });
    const secondLink = await linkFromOutbox(desk.request, patient.email, RESPONSE_LINK, [firstLink]);
    const cancelled = await desk.request.post(`/api/appointments/${second.id}/cancel`, {
      headers: { 'if-match': `W/"${second.version}"` },
      data: { reason: 'patient-request', by: 'patient' },
    });
    assert.equal(cancelled.status(), 200, await cancelled.text());
    await page.goto(secondLink);
    await heading(page).filter({ hasText: 'Esta cita se canceló o cambió de hora' }).waitFor();
    assert.equal(
      await page.getByRole('link', { name: 'Llamar a la clínica: (212) 555-0100' }).getAttribute('href'),
      'tel:+12125550100',
    );
    assert.equal(await page.getByRole('button', { name: 'Sí, ahí estaré' }).count(), 0);

    // Half a link (cut off by a mail program) is not an error page.
    await page.goto(`/portal/appointment-response#token=${secondLink.split('token=')[1]?.slice(0, 30)}`);
    await heading(page).filter({ hasText: 'We could not open this link' }).waitFor();
    await page.getByText('Check that you opened the whole link from the email.', { exact: false }).waitFor();
    await page.close();
  });

  it('puts a patient on the waitlist, offers a freed time, and books the first to accept', async () => {
    // A booked visit a few days out, which its patient will cancel.
    const list = await desk.request.get(
      `/api/appointments?status=booked&from=${new Date(Date.now() + 2 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 9 * 86_400_000).toISOString()}`,
    );
    const freed = ((await list.json()).items as BookedVisit[]).find(
      (item) => item.appointmentType.name === 'Follow-up visit',
    );
    assert.ok(freed, 'a booked follow-up visit in the coming days');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: freed.location.timeZone }).format(
      new Date(freed.start),
    );
    const quick = await emailPatient(desk.request, { familyName: 'Quick', givenNames: 'Morgan' });
    const slow = await emailPatient(desk.request, { familyName: 'Slow', givenNames: 'Jordan' });

    // Staff add Morgan Quick from the patient's record, by keyboard.
    await desk.goto(`/desk/patients/${quick.id}`);
    await desk.getByRole('heading', { level: 1, name: quick.name }).waitFor();
    await desk.getByRole('heading', { name: 'Waitlist' }).waitFor();
    await desk.keyboard.press('w');
    const form = desk.getByRole('region', { name: `Add ${quick.name} to the waitlist` });
    await desk.locator('[role="combobox"]:focus').waitFor();
    await desk.keyboard.type('follow-up v');
    await desk.keyboard.press('Enter');
    assert.equal(await form.getByRole('combobox', { name: 'Visit type' }).inputValue(), 'Follow-up visit');
    await form.getByLabel('Provider').selectOption({ label: freed.provider.name });
    await form.getByLabel('Location').selectOption({ label: freed.location.name });
    await form.getByLabel('From', { exact: true }).fill(day);
    await form.getByLabel('To', { exact: true }).fill(day);
    await form.getByRole('radio', { name: 'High (clinically urgent)' }).check();
    await form.getByRole('button', { name: 'Add to waitlist' }).click();
    await desk
      .getByRole('status')
      .filter({ hasText: 'Added to the waitlist for Follow-up visit.' })
      .waitFor();
    await desk.getByRole('region', { name: 'Waitlist' }).getByText('No offer yet').waitFor();

    // Jordan Slow joins too (through the API, as the portal would), for any provider.
    const joined = await desk.request.post('/api/waitlist-entries', {
      data: {
        patientId: slow.id,
        appointmentTypeId: freed.appointmentType.id,
        earliestDate: day,
        latestDate: day,
      },
    });
    assert.equal(joined.status(), 201, await joined.text());

    // The visit is cancelled from the schedule's side panel: its time is offered to both.
    await desk.goto(
      `/desk/schedule?date=${day}&view=provider&provider=${freed.provider.id}&location=${freed.location.id}&appointment=${freed.id}`,
    );
    const panel = desk.getByRole('complementary');
    await panel.getByRole('button', { name: 'Cancel…' }).click();
    await panel.getByRole('button', { name: 'Cancel appointment' }).click();
    await desk.getByRole('status').filter({ hasText: 'Cancelled' }).waitFor();

    await desk.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Waitlist' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor();
    const table = desk.getByRole('table', { name: /Waitlist entries/ });
    const row = (name: string) => table.getByRole('row').filter({ hasText: name });
    for (let tries = 0; (await row(slow.name).getByText('Offered').count()) === 0; tries += 1) {
      assert.ok(tries < 40, 'the offer reaches the waitlist within 20 seconds');
      await desk.waitForTimeout(500);
      await desk.getByRole('button', { name: /^Refresh/ }).click();
      await desk.getByRole('button', { name: 'Refresh' }).waitFor();
    }
    await row(quick.name).getByText('Offered').waitFor();
    const offeredAt = plain(clinicWhen(freed.start, freed.location.timeZone).time);
    for (const name of [quick.name, slow.name]) {
      const text = plain(await row(name).innerText());
      assert.ok(text.includes(offeredAt), `${name}'s row shows the offered time ${offeredAt}: ${text}`);
      assert.match(text, /by email/);
      assert.match(text, /Expires .+\(in (\d+ minutes|\d+ hours?)\)/);
    }
    // High priority first.
    const names = await table.locator('tbody tr th').allInnerTexts();
    assert.ok(
      names.findIndex((text) => text.startsWith(quick.name)) <
        names.findIndex((text) => text.startsWith(slow.name)),
    );
    await desk.getByLabel('Latest offer').selectOption({ label: 'Accepted' });
    await desk.getByText('No entries match this filter').waitFor();
    await desk.getByLabel('Latest offer').selectOption({ label: 'Offered' });
    await row(quick.name).waitFor();

    // Jordan opens the offer first, but Morgan accepts first.
    const slowPage = await phone();
    await slowPage.goto(await linkFromOutbox(desk.request, slow.email, OFFER_LINK));
    await heading(slowPage).filter({ hasText: 'A visit time opened up' }).waitFor();
    const quickPage = await phone();
    await quickPage.goto(await linkFromOutbox(desk.request, quick.email, OFFER_LINK));
    await heading(quickPage).filter({ hasText: 'A visit time opened up' }).waitFor();
    const offerText = plain(await quickPage.getByRole('region', { name: 'The time offered' }).innerText());
    const when = clinicWhen(freed.start, freed.location.timeZone);
    assert.ok(offerText.includes(when.day) && offerText.includes(when.time), offerText);
    assert.ok(offerText.includes(freed.location.name), offerText);
    await quickPage.getByText(/^Answer by /).waitFor();
    assert.equal(await quickPage.evaluate(fitsTheScreen), true);
    await quickPage.getByRole('button', { name: 'Accept this time' }).click();
    await heading(quickPage).filter({ hasText: 'You are booked' }).waitFor();
    assert.equal(await quickPage.evaluate('document.activeElement?.tagName'), 'H1');

    await slowPage.getByRole('button', { name: 'Accept this time' }).click();
    await heading(slowPage).filter({ hasText: 'Sorry, someone else took this time' }).waitFor();
    await slowPage.getByText('You are still on the waitlist.', { exact: false }).waitFor();

    // The desk: Morgan is booked at the freed time; Jordan still waits, the offer marked taken.
    const booked = await desk.request.get(
      `/api/appointments?patientId=${quick.id}&from=${new Date().toISOString()}&to=${new Date(Date.now() + 10 * 86_400_000).toISOString()}`,
    );
    const visits = (await booked.json()).items as BookedVisit[];
    assert.deepEqual(
      visits.map((visit) => [Date.parse(visit.start), visit.provider.id, visit.status]),
      [[Date.parse(freed.start), freed.provider.id, 'booked']],
    );
    await desk.getByLabel('Latest offer').selectOption({ label: 'Any' });
    await desk.getByRole('button', { name: 'Refresh' }).click();
    await row(slow.name).getByText('Taken').waitFor();
    assert.equal(await row(quick.name).count(), 0, 'a booked entry leaves the waiting list');
    await desk.getByLabel('Entries').selectOption({ label: 'Booked' });
    await row(quick.name).getByText('Accepted').waitFor();
    const toSchedule = row(quick.name).getByRole('link', { name: new RegExp(when.time.replace(/ /g, '.')) });
    assert.match((await toSchedule.getAttribute('href')) ?? '', /^\/desk\/schedule\?date=/);

    // Opened again, the offer still says it is booked.
    await quickPage.reload();
    await heading(quickPage).filter({ hasText: 'You are booked' }).waitFor();
    await quickPage.close();
    await slowPage.close();
  });

  it('keeps a patient who says no thanks on the waitlist, and says plainly when a link is not whole', async () => {
    const list = await desk.request.get(
      `/api/appointments?status=booked&from=${new Date(Date.now() + 2 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 9 * 86_400_000).toISOString()}`,
    );
    const freed = ((await list.json()).items as BookedVisit[]).at(-1);
    assert.ok(freed, 'a booked visit in the coming days');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: freed.location.timeZone }).format(
      new Date(freed.start),
    );
    const patient = await emailPatient(desk.request, { familyName: 'Nothanks', givenNames: 'Riley' });
    const joined = await desk.request.post('/api/waitlist-entries', {
      data: {
        patientId: patient.id,
        appointmentTypeId: freed.appointmentType.id,
        providerId: freed.provider.id,
        earliestDate: day,
        latestDate: day,
        priority: 'high',
      },
    });
    assert.equal(joined.status(), 201, await joined.text());
    const cancelled = await desk.request.post(`/api/appointments/${freed.id}/cancel`, {
      headers: { 'if-match': `W/"${freed.version}"` },
      data: { reason: 'schedule-conflict', by: 'patient' },
    });
    assert.equal(cancelled.status(), 200, await cancelled.text());

    const page = await phone();
    const link = await linkFromOutbox(desk.request, patient.email, OFFER_LINK);
    await page.goto(link);
    await heading(page).filter({ hasText: 'A visit time opened up' }).waitFor();
    await page.getByRole('button', { name: 'No thanks' }).click();
    await heading(page).filter({ hasText: 'Thank you for letting us know' }).waitFor();
    await page.getByText('You are still on the waitlist.', { exact: false }).waitFor();

    await desk.goto('/desk/waitlist');
    const row = desk
      .getByRole('table', { name: /Waitlist entries/ })
      .getByRole('row')
      .filter({
        hasText: patient.name,
      });
    await row.getByText('Declined').waitFor();
    await row.getByRole('button', { name: `Remove: ${patient.name}` }).waitFor();

    // A link cut short: a calm page, in either language.
    await page.goto(`/portal/offer#${link.split('#')[1]?.slice(0, 20)}`);
    await heading(page).filter({ hasText: 'We could not open this link' }).waitFor();
    await page.getByRole('button', { name: 'En español' }).click();
    await heading(page).filter({ hasText: 'No pudimos abrir este enlace' }).waitFor();
    await page.close();
  });

  it('raised no script errors on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
