import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNoAxeViolations } from './support/axe';
import { signIn } from './support/flows';
import { recordSuite } from './support/record-suite';

describe('patient records: restriction and care team, requests and disclosures, card photos, messages', () => {
  const { open, apiAs, registerByApi, heading, pageErrors } = recordSuite();

  it('lets a supervisor restrict a record and name its care team; others must then give a reason', async () => {
    const desk = await apiAs('frontdesk@demo.test');
    const patient = await registerByApi(desk, {
      familyName: 'Quillfeather',
      givenNames: 'Robin',
      birthDate: '1979-03-21',
      preferredLanguage: 'en',
    });
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'supervisor@demo.test');
    await page.goto(`/desk/patients/${patient.id}?tab=privacy`);
    await page.getByText(/^Not restricted: anyone whose role includes patient records opens it/).waitFor();

    // A sensitive restriction needs its service; the reason goes into the history.
    await page.getByRole('button', { name: 'Restrict this record' }).click();
    const form = page.getByRole('form', { name: 'Restrict the record' });
    await form.getByLabel('Restrict as').selectOption('sensitive');
    await form.getByLabel('Sensitive service').selectOption('behavioral-health');
    await form.getByRole('button', { name: 'Restrict record', exact: true }).click();
    await form.getByRole('alert').waitFor();
    assert.match(
      await form.locator('.field', { has: page.getByLabel('Why', { exact: true }) }).innerText(),
      /At least 5/,
    );
    await form.getByLabel('Why', { exact: true }).fill('Seen in the behavioral health program');
    await form.getByRole('button', { name: 'Restrict record', exact: true }).click();
    await page.getByText('Restricted. Opening it now needs a care relationship or a reason.').waitFor();
    await page.getByRole('row').filter({ hasText: 'Restricted as Sensitive services' }).waitFor();
    const frontDeskOpens = async () => (await desk.get(`/api/patients/${patient.id}`)).status();
    assert.equal(await frontDeskOpens(), 403);

    // The supervisor is not on the care team either: opening the record asks for a reason, or they manage who
    // may open it without opening it.
    await page.goto(`/desk/patients/${patient.id}`);
    const dialog = page.getByRole('dialog', { name: 'This record is restricted' });
    await dialog
      .getByRole('link', { name: 'Manage the restriction and care team without opening the record' })
      .click();
    await heading(page, 'Restricted record').waitFor();
    await page.getByRole('button', { name: 'Open the whole record…' }).waitFor();
    await page.getByText('Seen in the behavioral health program').first().waitFor();
    assert.equal(await page.getByText('Quillfeather').count(), 0);

    // The clinician goes on the care team; the front desk still breaks the glass.
    await page.getByRole('button', { name: 'Add to the care team' }).click();
    const add = page.getByRole('form', { name: 'Add to the care team' });
    await add.getByLabel('Staff member').selectOption({ label: 'Dr. Casey Clinician (Clinician)' });
    await add.getByLabel('On the team as').selectOption('treating-clinician');
    await add.getByRole('button', { name: 'Add to care team' }).click();
    await page.getByText('Dr. Casey Clinician is on the care team.').waitFor();
    const clinician = await apiAs('clinician@demo.test');
    assert.equal((await clinician.get(`/api/patients/${patient.id}`)).status(), 200);
    await assertNoAxeViolations(page, '/desk/patients/:id?tab=privacy');

    // Ending the membership takes a reason; so does lifting the restriction.
    const member = page.getByRole('row').filter({ hasText: 'Dr. Casey Clinician' });
    await member.getByRole('button', { name: 'End Dr. Casey Clinician’s membership' }).click();
    await member.getByLabel('Why end it').fill('Care transferred');
    await member.getByRole('button', { name: 'End membership' }).click();
    await page.getByText('Dr. Casey Clinician is no longer on the care team.').waitFor();
    await page.getByText('Add the staff who look after this patient.').waitFor();
    assert.equal((await clinician.get(`/api/patients/${patient.id}`)).status(), 403);
    await page.getByRole('button', { name: 'Lift restriction' }).click();
    await page.getByLabel('Why lift the restriction').fill('Program ended; the patient asked');
    await page.getByRole('button', { name: 'Lift restriction' }).click();
    // Lifted, the record opens at once.
    await heading(page, /Quillfeather/).waitFor();
    await page.getByRole('row').filter({ hasText: 'Program ended; the patient asked' }).waitFor();
    assert.equal(await frontDeskOpens(), 200);

    // The front desk's record shows no Privacy tab.
    const front = await open();
    await front.goto('/desk/login');
    await signIn(front, 'frontdesk@demo.test');
    await front.goto(`/desk/patients/${patient.id}?tab=privacy`);
    await front.getByRole('tab', { name: 'Record' }).waitFor();
    assert.equal(await front.getByRole('tab', { name: 'Privacy' }).count(), 0);
    await page.close();
    await front.close();
  });

  it('releases a record to a third party against a signed authorization, and keeps the disclosures', async () => {
    const desk = await apiAs('frontdesk@demo.test');
    const patient = await registerByApi(desk, {
      familyName: 'Marlowe',
      givenNames: 'Jules',
      birthDate: '1966-11-02',
      preferredLanguage: 'en',
    });
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'frontdesk@demo.test');
    await page.goto(`/desk/patients/${patient.id}?tab=requests`);
    await page.getByText('Nothing has been disclosed outside the clinic.').waitFor();

    // No authorization on file: the form says where to put it.
    await page.getByRole('button', { name: 'Log a request' }).click();
    const form = page.getByRole('form', { name: 'Log a request for the record' });
    await form.getByLabel('The patient asks for').selectOption('release');
    await form.getByText('No signed authorization is on the record.').waitFor();
    const authorization = await desk.post(`/api/patients/${patient.id}/documents?kind=authorization`, {
      headers: { 'content-type': 'application/octet-stream' },
      data: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    assert.equal(authorization.status(), 201, await authorization.text());
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Log a request' }).click();
    await form.getByLabel('The patient asks for').selectOption('release');
    await form.getByLabel('Send to').fill('Lakeside Orthopedics');
    await form.getByLabel('What to release').fill('Visit notes and imaging reports from 2026');
    await form.getByLabel('Authorization').selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Log request' }).click();
    await page.getByText(/^Logged: release to a third party, due .+\. It is on the worklist\.$/).waitFor();
    const release = page.getByRole('row').filter({ hasText: 'To Lakeside Orthopedics' });
    await release.getByText(/^in 30 days$/).waitFor();
    await assertNoAxeViolations(page, '/desk/patients/:id?tab=requests');

    await release.getByRole('button', { name: 'Fulfil: Release to a third party' }).click();
    await page
      .getByText(
        'Release to a third party: fulfilled and recorded as a disclosure. Send the files to Lakeside Orthopedics.',
      )
      .waitFor();
    await release.getByRole('link', { name: 'PDF' }).waitFor();
    const released = page
      .getByRole('region', { name: 'Disclosures in the last six years' })
      .getByRole('row')
      .nth(1);
    await released.getByText('Lakeside Orthopedics').waitFor();
    await released.getByText('Not in the accounting').waitFor();

    // A disclosure the law required, recorded by hand, belongs in the accounting.
    await page.getByRole('button', { name: 'Record a disclosure' }).click();
    const disclosure = page.getByRole('form', { name: 'Record a disclosure' });
    await disclosure.getByLabel('To', { exact: true }).fill('County health department');
    await disclosure.getByLabel('Legal basis').selectOption('public-health');
    await disclosure.getByLabel('Why', { exact: true }).fill('Reportable disease report');
    await disclosure.getByLabel('What was disclosed').fill('Name, birth date and test result');
    await disclosure.getByRole('button', { name: 'Record disclosure' }).click();
    await page.getByText('Disclosure recorded.').waitFor();
    const reported = page.getByRole('row').filter({ hasText: 'County health department' });
    await reported.getByText('In the accounting').waitFor();

    // A copy of the record: extended once with a reason, then it cannot be extended again; an accounting denied.
    await page.getByRole('button', { name: 'Log a request' }).click();
    await form.getByRole('button', { name: 'Log request' }).click();
    const copy = page.getByRole('row').filter({ hasText: 'Copy of the record' });
    await copy.getByRole('button', { name: 'Extend 30 days' }).click();
    await copy
      .getByLabel('Why it needs more time (the patient sees this in the portal)')
      .fill('Archived films are off site');
    await copy.getByRole('button', { name: 'Extend' }).click();
    await page.getByText('Copy of the record: extended by 30 days.').waitFor();
    await copy.getByText('Extended: Archived films are off site').waitFor();
    assert.equal(await copy.getByRole('button', { name: 'Extend 30 days' }).count(), 0);
    await page.getByRole('button', { name: 'Log a request' }).click();
    await form.getByLabel('The patient asks for').selectOption('accounting');
    await form.getByRole('button', { name: 'Log request' }).click();
    const accounting = page.getByRole('row').filter({ hasText: 'Accounting of disclosures' });
    await accounting.getByRole('button', { name: 'Deny' }).click();
    await accounting.getByRole('button', { name: 'Deny request' }).click();
    await accounting.getByRole('alert').getByText('Give the reason (at least 3 characters).').waitFor();
    await accounting.getByLabel(/^Why it is denied/).fill('Asked for by someone who is not the patient');
    await accounting.getByRole('button', { name: 'Deny request' }).click();
    await page.getByText('Accounting of disclosures: denied.').waitFor();
    await accounting.getByText('Denied').waitFor();

    // The open request's clock is on the record's open work, and leads back to this tab.
    await page.getByRole('tab', { name: 'Record' }).click();
    await page.getByRole('link', { name: 'Records request (extended): finish by the new date' }).click();
    await page.getByRole('tab', { name: 'Requests & disclosures', selected: true }).waitFor();

    // The worklist shows the records requests on their own, each leading to the same tab.
    await page.goto('/desk?kind=records-request');
    await page.getByLabel('Kind').waitFor();
    assert.equal(await page.getByLabel('Kind').inputValue(), 'records-request');
    const item = page.getByRole('row').filter({ hasText: 'Marlowe' });
    await item.getByText('Records request (extended): finish by the new date').waitFor();
    assert.equal(
      await item.getByRole('link', { name: /Marlowe/ }).getAttribute('href'),
      `/desk/patients/${patient.id}?tab=requests`,
    );
    await page.close();
  });

  it('lets a patient send photos of their insurance card from a phone, and refuses a file that is not one', async () => {
    const page = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/portal/login');
    await signIn(page, 'patient@demo.test');
    await page.getByRole('link', { name: 'Send photos of my cards' }).click();
    await heading(page, 'Insurance card and ID').waitFor();
    const front = page.getByRole('listitem').filter({ hasText: 'Insurance card (front)' });
    await front.getByText('Not sent yet').waitFor();
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);
    await assertNoAxeViolations(page, '/portal/cards');

    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
      'base64',
    );
    await front
      .getByLabel('Take or choose a photo: Insurance card (front)')
      .setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: png });
    await front.getByText('Sent. Thank you.').waitFor();
    await front.getByRole('img', { name: 'Insurance card (front), as sent' }).waitFor();
    await front.getByLabel('Send a new photo: Insurance card (front)').waitFor();

    const back = page.getByRole('listitem').filter({ hasText: 'Insurance card (back)' });
    await back.getByLabel('Take or choose a photo: Insurance card (back)').setInputFiles({
      name: 'card.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('<script>alert(1)</script>'),
    });
    await back.getByRole('alert').getByText('Upload a PDF, or a JPEG, PNG or HEIC photo.').waitFor();
    await back.getByText('Not sent yet').waitFor();

    // The desk sees the photo on the record, sent by the patient.
    const patients = (await (await page.request.get('/api/portal/patients')).json()) as {
      items: { id: string }[];
    };
    const desk = await apiAs('frontdesk@demo.test');
    const documents = (await (await desk.get(`/api/patients/${patients.items[0]!.id}/documents`)).json()) as {
      items: { kind: string; uploadedVia: string }[];
    };
    assert.deepEqual(
      documents.items
        .filter((document) => document.kind.startsWith('insurance-card'))
        .map((document) => [document.kind, document.uploadedVia]),
      [['insurance-card-front', 'portal']],
    );
    await page.close();
  });

  it('changes how a patient hears about visits, and shows a change someone else saved first', async () => {
    const desk = await apiAs('frontdesk@demo.test');
    const patient = await registerByApi(desk, {
      familyName: 'Okafor',
      givenNames: 'Chidi',
      birthDate: '1984-02-29',
      preferredLanguage: 'en',
      phone: '(917) 555-0134',
    });
    const page = await open();
    await page.goto('/desk/login');
    await signIn(page, 'frontdesk@demo.test');
    await page.goto(`/desk/patients/${patient.id}`);
    const panel = page.getByRole('region', { name: 'Messages about visits' });
    await panel.getByText('(not chosen: follows the contact details)').waitFor();
    await panel
      .getByText('The patient has not agreed to plain texts: no reminders are sent until they do.')
      .waitFor();

    await panel.getByRole('button', { name: 'Change' }).click();
    await panel.getByLabel('Agreed to plain text messages').check();
    await panel.getByLabel('Quiet from').fill('20:30');
    await panel.getByLabel('Messages say').selectOption('full');
    await assertNoAxeViolations(page, '/desk/patients/:id (messages about visits)');
    // Meanwhile another desk changes the quiet hours.
    const current = (await (
      await desk.get(`/api/patients/${patient.id}/communication-preferences`)
    ).json()) as {
      version: number;
      preferredLanguage: string;
    };
    const other = await desk.put(`/api/patients/${patient.id}/communication-preferences`, {
      headers: { 'if-match': `W/"${current.version}"` },
      data: {
        preferredLanguage: current.preferredLanguage,
        preferredChannel: 'sms',
        smsConsent: false,
        emailConsent: false,
        quietHoursStart: '22:00',
        quietHoursEnd: '07:00',
        messageDetail: 'minimal',
      },
    });
    assert.equal(other.status(), 200, await other.text());
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel
      .getByRole('alert')
      .filter({ hasText: 'Someone else changed these while you were editing.' })
      .filter({ hasText: 'quiet 22:00 to 07:00' })
      .waitFor();
    // Saving again applies this desk's choices over the newer version, knowingly.
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Saved. Reminders from now on follow these.').waitFor();
    await panel.getByText('20:30 to 08:00').waitFor();
    await panel.getByText('Also the kind of visit and the place').waitFor();
    assert.equal(await panel.getByText(/no reminders are sent/).count(), 0);
    await page.close();
  });

  it('raised no script errors on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
