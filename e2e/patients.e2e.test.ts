import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoAxeViolations } from './support/axe';
import { signIn } from './support/flows';
import { recordSuite } from './support/record-suite';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('patient records: registration, editing and history, break-the-glass, and who looked', () => {
  const { open, watch, apiAs, registerByApi, heading, pageErrors, browser } = recordSuite();

  /** Waits until the field with this label has the keyboard focus. */
  const focusOn = (page: Page, label: string) =>
    page.waitForFunction(`document.activeElement?.labels?.[0]?.textContent === ${JSON.stringify(label)}`);

  it('registers a near-twin of a demo patient by keyboard, warning first that they may be registered', async () => {
    const page = await open();
    await page.goto('/desk/login?next=%2Fdesk%2Fpatients');
    await signIn(page, 'frontdesk@demo.test');
    await heading(page, 'Patients').waitFor();

    // "n" from the patients area opens registration, with the cursor in the first field.
    await page.locator('main').focus();
    await page.keyboard.press('n');
    await heading(page, 'Register a patient').waitFor();
    assert.equal(new URL(page.url()).pathname, '/desk/patients/new');
    await focusOn(page, 'Family name');
    await assertNoAxeViolations(page, '/desk/patients/new');

    // Required fields left empty are named next to each field, before anything is sent.
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('3 fields need attention').waitFor();
    assert.match(
      await page.locator('.field', { has: page.getByLabel('Family name') }).innerText(),
      /Required/,
    );

    // Alex Rivera (Jun 14, 1988, (212) 555-0142) is in the demo clinic; Alexander is his near-twin.
    await page.getByLabel('Family name').focus();
    await page.keyboard.type('Rivera');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Alexander');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('06141988');
    await page.getByLabel('Phone', { exact: true }).focus();
    await page.keyboard.type('212 555 0142');
    await page.getByRole('button', { name: '+ Add emergency contact' }).focus();
    await page.keyboard.press('Enter');
    const contact = page.getByRole('group', { name: 'Emergency contact 1' });
    await focusOn(page, 'Name');
    await page.keyboard.type('Jordan Rivera');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Brother');
    await page.keyboard.press('Tab');
    await page.keyboard.type('555 0000');
    await page.keyboard.press('Enter');

    const warning = page.getByRole('region', { name: 'This patient may already be registered' });
    await warning.waitFor();
    const twin = warning.getByRole('listitem').filter({ hasText: 'Rivera, Alex' }).first();
    const reasons = await twin.getByRole('list', { name: 'Why it may be the same person' }).innerText();
    assert.match(reasons, /Same date of birth/);
    assert.match(reasons, /Same phone/);
    assert.match(reasons, /Given name is a nickname of it/);
    assert.match(await twin.innerText(), /Likely the same person/);
    assert.match(await twin.innerText(), /MRN \d+/);
    await assertNoAxeViolations(page, '/desk/patients/new with the duplicate warning');

    // Register anyway: the server refuses the contact's phone, and says so next to it.
    await warning.getByRole('button', { name: 'Register anyway' }).focus();
    await page.keyboard.press('Enter');
    const contactPhone = contact.locator('.field', { has: page.getByLabel('Phone') });
    await contactPhone.locator('.field-error').waitFor();
    assert.match(await contactPhone.locator('.field-error').innerText(), /phone|number/i);
    assert.equal(await contact.getByLabel('Phone').getAttribute('aria-invalid'), 'true');
    await assertNoAxeViolations(page, '/desk/patients/new with a field error from the server');

    await contact.getByLabel('Phone').fill('');
    await page.keyboard.type('(212) 555-0177');
    await page.keyboard.press('Enter');
    await heading(page, 'Rivera, Alexander').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/desk\/patients\/[0-9a-f-]{36}$/);
    await page
      .getByRole('status')
      .getByText(/Registered\. The new record’s MRN is \d+/)
      .waitFor();
    const record = await page.getByRole('main').innerText();
    assert.match(record, /Jordan Rivera/);
    assert.match(record, /\(212\) 555-0177/);
    await page.close();
  });

  it('edits a record, says when someone else saved first, re-applies the change, and lists both in the history', async () => {
    const desk = await apiAs('frontdesk@demo.test');
    const patient = await registerByApi(desk, {
      familyName: 'Conflict',
      givenNames: 'Casey',
      birthDate: '1979-03-08',
      phone: '(212) 555-0161',
      preferredLanguage: 'en',
    });
    const first = await open();
    await first.goto('/desk/login');
    await signIn(first, 'frontdesk@demo.test');
    await first.goto(`/desk/patients/${patient.id}`);
    await heading(first, 'Conflict, Casey').waitFor();
    const second = await browser().context.newPage();
    watch(second);
    await second.goto(`/desk/patients/${patient.id}`);
    await heading(second, 'Conflict, Casey').waitFor();

    // Both open the editor ("e"), on version 1.
    for (const page of [first, second]) {
      await page.locator('main').focus();
      await page.keyboard.press('e');
      await page.getByRole('region', { name: /Edit the record/ }).waitFor();
    }
    await assertNoAxeViolations(first, '/desk/patients/:id editing');

    // The second tab changes the phone and saves first.
    await second.getByLabel('Phone', { exact: true }).fill('(212) 555-0188');
    await second.keyboard.press('Enter');
    await second.getByRole('status').getByText('Saved as version 2').waitFor();

    // The first tab's change meets version 2.
    await first.getByLabel('Preferred name (optional)').fill('Case');
    await first.keyboard.press('Enter');
    const conflict = first.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
    await conflict.waitFor();
    const said = await conflict.innerText();
    assert.match(said, /Fran Desk \(Front desk\)/);
    assert.match(said, /Phone: \(212\) 555-0161 → \(212\) 555-0188/);
    assert.match(said, /Preferred name: Case/);
    await assertNoAxeViolations(first, '/desk/patients/:id with an edit conflict');

    await conflict.getByRole('button', { name: 'Re-apply my changes' }).click();
    await first
      .getByRole('status')
      .getByText(/back on the newest version \(2\)/)
      .waitFor();
    assert.equal(await first.getByLabel('Phone', { exact: true }).inputValue(), '(212) 555-0188');
    assert.equal(await first.getByLabel('Preferred name (optional)').inputValue(), 'Case');
    await first.getByRole('button', { name: 'Save changes' }).click();
    await first.getByRole('status').getByText('Saved as version 3').waitFor();
    await heading(first, 'Conflict, Casey (Case)').waitFor();

    await first.getByRole('tab', { name: 'History' }).click();
    const versions = first.getByRole('list', { name: 'Versions of the record, newest first' });
    await versions.waitFor();
    const v3 = first.getByRole('article', { name: /Version 3/ });
    assert.match(await v3.innerText(), /Changed by Fran Desk \(Front desk\)/);
    const v3Rows = await v3.getByRole('row').allInnerTexts();
    assert.ok(
      v3Rows.some((row) => /Preferred name\s+none\s+Case/.test(row)),
      v3Rows.join(' | '),
    );
    const v2Rows = await first
      .getByRole('article', { name: /Version 2/ })
      .getByRole('row')
      .allInnerTexts();
    assert.ok(
      v2Rows.some((row) => /Phone\s+\(212\) 555-0161\s+\(212\) 555-0188/.test(row)),
      v2Rows.join(' | '),
    );
    assert.match(
      await first.getByRole('article', { name: /Version 1/ }).innerText(),
      /Registered by Fran Desk/,
    );
    // The arrow keys move between the tabs.
    await first.getByRole('tab', { name: 'History' }).focus();
    await first.keyboard.press('ArrowLeft');
    await first.getByRole('heading', { name: 'Demographics' }).waitFor();
    await first.keyboard.press('ArrowRight');
    await versions.waitFor();
    await assertNoAxeViolations(first, '/desk/patients/:id?tab=history');
    await second.close();
    await first.close();
  });

  it('asks for a reason before opening a restricted record, shows until when, and the supervisor reviews it', async () => {
    const supervisor = await apiAs('supervisor@demo.test');
    const patient = await registerByApi(supervisor, {
      familyName: 'Restricted',
      givenNames: 'Robin',
      birthDate: '1966-11-02',
    });
    const restricted = await supervisor.put(`/api/patients/${patient.id}/restriction`, {
      headers: { 'if-match': 'W/"0"' },
      data: { kind: 'vip', reason: 'Well known in the community' },
    });
    assert.equal(restricted.status(), 200, await restricted.text());

    const page = await open();
    await page.goto('/desk/login?next=%2Fdesk%2Fpatients');
    await signIn(page, 'frontdesk@demo.test');
    await heading(page, 'Patients').waitFor();
    await page.goto(`/desk/patients/${patient.id}`);
    const dialog = page.getByRole('dialog', { name: 'This record is restricted' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /VIP/);
    assert.doesNotMatch(await page.locator('body').innerText(), /Robin/);
    await assertNoAxeViolations(page, 'the break-the-glass dialog');

    // Cancel goes back where the user came from.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await heading(page, 'Patients').waitFor();

    await page.goto(`/desk/patients/${patient.id}`);
    await dialog.waitFor();
    await focusOn(page, 'Reason');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.getByText('Choose the reason that fits best.').waitFor();
    await dialog.getByLabel('Reason').selectOption({ label: 'The patient is asking me for help' });
    await dialog.getByLabel('In your own words').fill('At the desk, asking to update their address');
    await dialog.getByRole('button', { name: 'Open record' }).click();
    await heading(page, 'Restricted, Robin').waitFor();
    const banner = page.getByRole('note', { name: 'Break-the-glass access' });
    assert.match(await banner.innerText(), /Opened by break-the-glass until \d{1,2}:\d{2} [AP]M/);
    await assertNoAxeViolations(page, 'a record opened by break-the-glass');

    // The banner stays on a reload while the grant runs.
    await page.reload();
    await heading(page, 'Restricted, Robin').waitFor();
    await banner.waitFor();

    // Sam Supervisor reviews the access: a note is required when it was not appropriate.
    await browser().context.clearCookies();
    await page.goto('/desk/login');
    await signIn(page, 'supervisor@demo.test');
    await page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('link', { name: 'Break-the-glass reviews' })
      .click();
    await heading(page, 'Break-the-glass reviews').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Restricted, Robin' });
    assert.match(await row.innerText(), /Fran Desk/);
    assert.match(await row.innerText(), /The patient is asking me for help/);
    assert.match(await row.innerText(), /At the desk, asking to update their address/);
    assert.match(await row.innerText(), /Open until/);
    await assertNoAxeViolations(page, '/desk/break-glass-reviews');

    await row.getByRole('button', { name: /^Review Fran Desk’s access/ }).click();
    const form = page.getByRole('form', { name: 'Review Fran Desk’s access' });
    await form.getByRole('radio', { name: 'Inappropriate' }).check();
    await form.getByRole('button', { name: 'Save review' }).click();
    await form.getByText('Say what was wrong and what was done about it.').waitFor();
    await assertNoAxeViolations(page, '/desk/break-glass-reviews with the review form');
    await form
      .getByLabel('Note (required)')
      .fill('Address changes go through the records team; spoke with Fran.');
    await form.getByRole('button', { name: 'Save review' }).click();
    await page
      .getByRole('status')
      .getByText(/Review saved: Fran Desk’s access to Restricted, Robin marked inappropriate, and ended/)
      .waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: 'Restricted, Robin' }).count(), 0);

    await page.getByRole('radio', { name: 'All' }).check();
    const reviewed = page.getByRole('row').filter({ hasText: 'Restricted, Robin' });
    await reviewed.getByText('Inappropriate').waitFor();
    assert.match(await reviewed.innerText(), /Ended by review/);
    assert.match(await reviewed.innerText(), /Sam Supervisor/);
    await page.close();
  });

  it('shows billing only the parts of a record its work needs, and no way to change it', async () => {
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'billing@demo.test');
    await page.goto('/desk/patients?q=rivera');
    await page.getByRole('table', { name: /Patients matching/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: /Register patient/ }).count(), 0);
    await page.getByRole('link', { name: 'Rivera, Alex', exact: true }).click();
    await heading(page, 'Rivera, Alex').waitFor();
    await page.getByRole('heading', { name: 'Contact' }).waitFor();
    const main = await page.getByRole('main').innerText();
    assert.match(main, /patient@demo\.test/);
    assert.doesNotMatch(main, /Gender identity|Emergency contacts|Access needs/);
    assert.equal(await page.getByRole('button', { name: /^Edit/ }).count(), 0);
    await page.close();
  });

  it('shows the patient who at the clinic looked at their record, by name and role, on a phone', async () => {
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'frontdesk@demo.test');
    const search = page.getByRole('combobox', { name: 'Search patients' });
    await search.fill('Rivera');
    await search.press('Enter');
    await page
      .getByRole('option', { name: /Rivera, Alex\b/ })
      .first()
      .click();
    await heading(page, 'Rivera, Alex').waitFor();

    await browser().context.clearCookies();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/portal/login');
    await signIn(page, 'patient@demo.test');
    await page.getByRole('link', { name: 'Who looked at my record' }).click();
    await heading(page, 'Who looked at your record').waitFor();
    const opened = page
      .getByRole('listitem')
      .filter({ hasText: 'Fran Desk' })
      .filter({ hasText: 'Looked at your record' });
    await opened.first().waitFor();
    assert.match(await opened.first().innerText(), /Front desk/);
    assert.match(await opened.first().innerText(), /\d{1,2}:\d{2} [AP]M/);
    const text = await page.getByRole('main').innerText();
    assert.doesNotMatch(text, UUID, 'no internal ids');
    assert.doesNotMatch(text, /Alex Rivera\b.*Patient/, 'the patient’s own visits are not listed');
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);
    await assertNoAxeViolations(page, '/portal/access-log');
    await page.close();
  });

  it('names a proxy who may only manage appointments, gives them their portal account, and the portal keeps to it', async () => {
    const desk = await apiAs('frontdesk@demo.test');
    const child = await registerByApi(desk, {
      familyName: 'Proxykid',
      givenNames: 'Sam',
      birthDate: '2017-05-09',
      preferredLanguage: 'en',
    });
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'frontdesk@demo.test');
    await page.goto(`/desk/patients/${child.id}?tab=proxies`);
    await page.getByRole('heading', { name: 'People who may act for this patient' }).waitFor();
    await page.getByText('Nobody else may act for this patient.').waitFor();
    await page.getByRole('button', { name: 'Add a proxy' }).click();
    const form = page.getByRole('form', { name: 'Add a proxy' });
    await form.getByLabel('Name').fill('Alex Rivera');
    await form.getByLabel('Relationship').selectOption('parent');
    assert.equal(await form.getByLabel('Appointments').isChecked(), true, 'appointments by default');
    await assertNoAxeViolations(page, '/desk/patients/:id?tab=proxies');
    await form.getByRole('button', { name: 'Add proxy' }).click();
    await page.getByText('Alex Rivera may now act for this patient.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Alex Rivera' });
    assert.match(await row.innerText(), /Parent\s+Appointments\s+No end date\s+No/);

    await row.getByRole('button', { name: 'Give portal account' }).click();
    await row.getByLabel('Their portal account’s email').fill('patient@demo.test');
    await row.getByRole('button', { name: 'Link account' }).click();
    await page.getByText('Alex Rivera can now use the portal for this patient.').waitFor();
    await page.getByRole('row').filter({ hasText: 'Alex Rivera' }).filter({ hasText: 'Yes' }).waitFor();

    // In the portal, the child is there for appointments but not for the record's access log or documents.
    await browser().context.clearCookies();
    await page.goto('/portal/login');
    await signIn(page, 'patient@demo.test');
    await page.getByRole('link', { name: 'Who looked at my record' }).click();
    await heading(page, 'Who looked at your record').waitFor();
    await page.getByRole('list').first().waitFor();
    assert.equal(
      await page.getByLabel('Whose record').count(),
      0,
      'only the account’s own record is offered',
    );
    const documents = await page.request.get(`/api/portal/patients/${child.id}/documents`);
    assert.equal(documents.status(), 404);
    const session = (await (await page.request.get('/api/auth/session')).json()) as {
      patientAccess: { patientId: string; areas: string[] }[];
    };
    assert.deepEqual(session.patientAccess.find((entry) => entry.patientId === child.id)?.areas, [
      'appointments',
    ]);
    await page.close();
  });

  it('lets a supervisor compare two records of one person, merge them with a reason, and undo the merge', async () => {
    const desk = await apiAs('frontdesk@demo.test');
    const older = await registerByApi(desk, {
      familyName: 'Okoro',
      givenNames: 'Ngozi',
      birthDate: '1985-02-11',
      phone: '(212) 555-0191',
      email: 'ngozi.okoro@example.com',
      preferredLanguage: 'en',
    });
    const newer = await registerByApi(desk, {
      familyName: 'Okoro',
      givenNames: 'Ngozy',
      birthDate: '1985-02-11',
      phone: '(212) 555-0191',
      preferredLanguage: 'en',
    });
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'supervisor@demo.test');
    await page.goto(`/desk/patients/${newer.id}`);
    await heading(page, 'Okoro, Ngozy').waitFor();
    await page.getByRole('link', { name: 'Find records that may be the same person' }).click();
    await heading(page, 'Possible duplicates of Okoro, Ngozy').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Okoro, Ngozi' });
    assert.match(await row.innerText(), /Same date of birth/);
    await row.getByRole('button', { name: 'Compare' }).click();
    const compare = page.getByRole('heading', { name: /^Compare Okoro, Ngozy and Okoro, Ngozi$/ });
    await compare.waitFor();
    // The older registration is kept unless the supervisor chooses otherwise; a reason is required.
    const olderMrn = (await (await desk.get(`/api/patients/${older.id}`)).json()).mrn as string;
    const newerMrn = (await (await desk.get(`/api/patients/${newer.id}`)).json()).mrn as string;
    const mergeButton = page.getByRole('button', { name: `Merge MRN ${newerMrn} into MRN ${olderMrn}` });
    await mergeButton.click();
    await page.getByText('Say why these are the same person').waitFor();
    await assertNoAxeViolations(page, '/desk/duplicates?patientId=… comparing');
    await page
      .getByLabel('Why they are the same person')
      .fill('Same person; given name misspelled at registration');
    await mergeButton.click();
    await page.getByRole('heading', { name: `Merged: MRN ${newerMrn} now opens MRN ${olderMrn}` }).waitFor();
    // The merged record's address now opens the survivor.
    const merged = await page.request.get(`/api/patients/${newer.id}`);
    assert.equal((await merged.json()).id, older.id);

    await page.getByLabel('Why undo it').fill('Merged the wrong pair');
    await page.getByRole('button', { name: 'Undo merge' }).click();
    await page
      .getByRole('heading', {
        name: `Merge undone: MRN ${newerMrn} and MRN ${olderMrn} are separate records again`,
      })
      .waitFor();
    const separate = await page.request.get(`/api/patients/${newer.id}`);
    assert.equal((await separate.json()).id, newer.id);
    await page.close();
  });

  it('uploads an insurance card image at the desk, opens it, refuses a disguised file, and voids one', async () => {
    const desk = await apiAs('frontdesk@demo.test');
    const patient = await registerByApi(desk, {
      familyName: 'Docs',
      givenNames: 'Dana',
      birthDate: '1990-07-07',
      preferredLanguage: 'en',
    });
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'frontdesk@demo.test');
    await page.goto(`/desk/patients/${patient.id}?tab=documents`);
    await page
      .getByText('ID and insurance card images, consents and referrals will be listed here.')
      .waitFor();
    const form = page.getByRole('form', { name: 'Add a document' });
    await form.getByLabel('Kind').selectOption('insurance-card-front');
    // A 1×1 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
      'base64',
    );
    await form.getByLabel('File').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: png });
    await form.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('Added Insurance card (front).').waitFor();
    const link = page.getByRole('link', { name: 'Insurance card (front)' });
    const download = await page.request.get((await link.getAttribute('href')) as string);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'image/png');
    await assertNoAxeViolations(page, '/desk/patients/:id?tab=documents');

    // Text named .png is read for what it is.
    await form.getByLabel('File').setInputFiles({
      name: 'card.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    await form.getByRole('button', { name: 'Upload' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: 'Upload a PDF, or a JPEG, PNG or HEIC photo.' })
      .waitFor();

    const row = page.getByRole('row').filter({ hasText: 'Insurance card (front)' });
    await row.getByRole('button', { name: 'Void' }).click();
    await row.getByLabel('Why void it').fill('Another patient’s card');
    await row.getByRole('button', { name: 'Void document' }).click();
    await page.getByText('Insurance card (front) is void. It stays on the record, marked as void.').waitFor();
    await page.getByText('Void: Another patient’s card').waitFor();
    assert.equal(await row.getByLabel('Why void it').count(), 0);
    await page.close();
  });

  it('lets a patient ask for a copy of their record on a phone, and download it once the clinic has made it', async () => {
    const page = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/portal/login');
    await signIn(page, 'patient@demo.test');
    await page.getByRole('link', { name: 'Copies of my record' }).click();
    await heading(page, 'Copies of your record').waitFor();
    await page.getByRole('button', { name: 'Get a copy of my record' }).click();
    await page.getByText(/^Thank you\. We will have it ready by .+ at the latest/).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'A copy of the record' });
    await item.getByText(/We are preparing it\. Ready by/).waitFor();
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);
    await assertNoAxeViolations(page, '/portal/records');

    // The desk fulfils it; the files appear in the portal.
    const mine = (await (await page.request.get('/api/portal/records-requests')).json()) as {
      items: { id: string; kind: string; status: string; version: number }[];
    };
    const request = mine.items.find((entry) => entry.kind === 'access' && entry.status === 'open');
    assert.ok(request, 'the request is open');
    const desk = await apiAs('frontdesk@demo.test');
    // Extended first: the patient reads why.
    const extended = await desk.post(`/api/records-requests/${request.id}/extend`, {
      headers: { 'if-match': `W/"${request.version}"` },
      data: { reason: 'Older records are in storage off site.' },
    });
    assert.equal(extended.status(), 200, await extended.text());
    await page.reload();
    await page
      .getByText(
        /^Asked on .+\. We need more time: Older records are in storage off site\. Ready by .+ at the latest\.$/,
      )
      .waitFor();
    const fulfilled = await desk.post(`/api/records-requests/${request.id}/fulfil`, {
      headers: { 'if-match': `W/"${((await extended.json()) as { version: number }).version}"` },
      data: {},
    });
    assert.equal(fulfilled.status(), 200, await fulfilled.text());
    await page.reload();
    const ready = page
      .getByRole('listitem')
      .filter({ hasText: 'A copy of the record' })
      .filter({ hasText: 'Ready' });
    const pdf = ready.getByRole('link', { name: 'Download the PDF' });
    const downloaded = await page.request.get((await pdf.getAttribute('href')) as string);
    assert.equal(downloaded.status(), 200);
    assert.equal(downloaded.headers()['content-type'], 'application/pdf');
    await ready.getByRole('link', { name: 'Download the file for health apps' }).waitFor();
    await page.close();
  });

  it('raised no script errors on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
