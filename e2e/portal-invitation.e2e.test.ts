import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { assertNoAxeViolations } from './support/axe';
import { emailPatient, fitsTheScreen, linkFromOutbox } from './support/link-flows';
import { linkSuite } from './support/link-suite';

const JOIN_LINK = /https?:\/\/\S+\/portal\/join#token=[A-Za-z0-9_-]{43}/;
/** The date of birth `emailPatient` gives every patient it makes. */
const BIRTH_DATE = { month: '2', day: '29', year: '1984' };
const SCREENSHOTS = path.resolve(import.meta.dirname, '../.tmp/scratch');

// The desk invites from the patient's record, at a desk; the patient opens the emailed link on a phone, in a browser
// that has never signed in. The email is read back from the outbox, where messages wait with no SMTP server.
describe('portal invitations: sent from the record, used once from the emailed link', () => {
  const suite = linkSuite({ bypassCSP: true });
  const { phone, heading, pageErrors } = suite;
  let desk: Page;
  before(() => {
    desk = suite.desk();
  });
  before(() => fs.mkdirSync(SCREENSHOTS, { recursive: true }));
  const accessPanel = () => desk.getByRole('region', { name: 'Portal access' });
  const invitationRow = (email: string) =>
    accessPanel()
      .getByRole('table', { name: 'Invitations, newest first' })
      .getByRole('row')
      .filter({ hasText: email });

  async function fillBirthDate(page: Page, date: typeof BIRTH_DATE, language: 'en' | 'es' = 'en') {
    const labels = language === 'en' ? ['Month', 'Day', 'Year'] : ['Mes', 'Día', 'Año'];
    await page.getByLabel(labels[0]!, { exact: true }).fill(date.month);
    await page.getByLabel(labels[1]!, { exact: true }).fill(date.day);
    await page.getByLabel(labels[2]!, { exact: true }).fill(date.year);
  }

  /** True when the field has the keyboard's focus. */
  async function isFocused(field: Locator): Promise<boolean> {
    const id = await field.getAttribute('id');
    return id !== null && (await field.page().evaluate('document.activeElement?.id')) === id;
  }

  /** The text of the error an input's aria-describedby points at (what a screen reader reads with the field). */
  async function describedError(page: Page, field: Locator): Promise<string> {
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
    return texts.join(' ');
  }

  it('invites a new patient from the record; the link makes their account and opens the portal', async () => {
    const patient = await emailPatient(desk.request, { familyName: 'Joiner', givenNames: 'Dana' });
    await desk.goto(`/desk/patients/${patient.id}?tab=proxies`);
    const panel = accessPanel();
    await panel.getByText('No portal account yet').waitFor();
    await panel.getByText('No invitations sent yet.').waitFor();

    await panel.getByRole('button', { name: 'Invite to the portal' }).click();
    const form = desk.getByRole('form', { name: 'Invite to the portal' });
    // For the patient, at the email on file, in the patient's language unless the desk chooses.
    assert.equal(await form.getByLabel('For').inputValue(), 'patient');
    assert.equal(await form.getByLabel('Email').inputValue(), patient.email);
    assert.equal(await form.getByLabel('Language').inputValue(), '');
    assert.equal(await desk.evaluate('document.activeElement?.tagName'), 'SELECT', 'the form takes focus');
    // A refused address is said beside the field.
    const email = form.getByLabel('Email');
    await email.fill('dana.joiner@');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await form.getByRole('alert').waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    await email.fill(patient.email);
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${patient.email}.` })
      .waitFor();
    const row = invitationRow(patient.email);
    await row.getByText('Waiting to be used').waitFor();
    assert.match(await row.innerText(), /Patient[\s\S]*expires [\s\S]*by Fran Desk/);
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'portal-access-panel-pending.png') });

    // The email carries the link; the desk never sees its token.
    const link = await linkFromOutbox(desk.request, patient.email, JOIN_LINK);
    const token = link.split('token=')[1] ?? '';
    assert.equal((await desk.content()).includes(token), false, 'the desk page does not show the token');

    const page = await phone();
    await page.goto(link);
    await heading(page).filter({ hasText: 'Make your portal account' }).waitFor();
    const masked = `d•••@${patient.email.split('@')[1]}`;
    await page.getByText(`You will sign in with ${masked}`).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.evaluate(fitsTheScreen), true);
    await assertNoAxeViolations(page, '/portal/join (open)');

    // The browser checks what it can: the two passwords must be the same.
    await fillBirthDate(page, { ...BIRTH_DATE, day: '28' });
    await page.getByLabel('Choose a password').fill('maple river lantern');
    await page.getByLabel('Type it again').fill('maple river lanterns');
    await page.getByRole('button', { name: 'Make my account' }).click();
    const again = page.getByLabel('Type it again');
    assert.match(await describedError(page, again), /The two passwords are not the same/);
    assert.equal(await isFocused(again), true);

    // A wrong date of birth: the server's refusal is said beside the date, which takes focus.
    await again.fill('maple river lantern');
    await page.getByRole('button', { name: 'Make my account' }).click();
    const month = page.getByLabel('Month');
    await page
      .getByText('That date of birth does not match the clinic’s records.', { exact: false })
      .waitFor();
    assert.match(await describedError(page, month), /does not match the clinic’s records/);
    assert.equal(await month.getAttribute('aria-invalid'), 'true');
    assert.equal(await isFocused(month), true);
    assert.equal(await page.evaluate(fitsTheScreen), true);
    await assertNoAxeViolations(page, '/portal/join (wrong date of birth)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'join-page-390-error.png'), fullPage: true });

    // The right one: the account is made and the portal opens, signed in.
    await fillBirthDate(page, BIRTH_DATE);
    await page.getByRole('button', { name: 'Make my account' }).click();
    await page.waitForURL((url) => url.pathname === '/portal');
    await heading(page).filter({ hasText: 'Hello, Dana' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // The link works once.
    await page.goto(link);
    await heading(page).filter({ hasText: 'This invitation was already used' }).waitFor();
    assert.equal(
      await page.getByRole('link', { name: 'Sign in' }).getAttribute('href'),
      '/portal/login',
      'a way to sign in',
    );
    await page.close();

    // The desk sees the account, and the invitation accepted.
    await desk.reload();
    await panel.getByText(`${patient.email}, since`).waitFor();
    await invitationRow(patient.email).getByText('Accepted').waitFor();
    assert.equal(
      await invitationRow(patient.email)
        .getByRole('button', { name: /Withdraw/ })
        .count(),
      0,
    );
    // With an account and no proxy, there is nobody left to invite.
    await panel.getByRole('button', { name: 'Invite to the portal' }).click();
    await panel.getByText('The patient has a portal account', { exact: false }).waitFor();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'portal-access-panel-accepted.png') });
    await assertNoAxeViolations(desk, '/desk/patients/:id?tab=proxies (portal access)');
  });

  it('withdraws an invitation, after which its link says it can no longer be used', async () => {
    const patient = await emailPatient(desk.request, { familyName: 'Retracted', givenNames: 'Lee' }, 'es');
    await desk.goto(`/desk/patients/${patient.id}?tab=proxies`);
    const panel = accessPanel();
    await panel.getByRole('button', { name: 'Invite to the portal' }).click();
    await desk
      .getByRole('form', { name: 'Invite to the portal' })
      .getByRole('button', { name: 'Send invitation' })
      .click();
    const row = invitationRow(patient.email);
    await row.getByText('Waiting to be used').waitFor();
    const link = await linkFromOutbox(desk.request, patient.email, JOIN_LINK);

    // Opened before it is withdrawn, the page speaks the patient's language.
    const page = await phone();
    await page.goto(link);
    await heading(page).filter({ hasText: 'Cree su cuenta del portal' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'join-page-390-es.png'), fullPage: true });

    await row.getByRole('button', { name: `Withdraw the invitation to ${patient.email}` }).click();
    await panel.getByRole('status').filter({ hasText: 'is withdrawn' }).waitFor();
    await row.getByText('Withdrawn').waitFor();

    // Sent meanwhile with the form still open: the page reloads the invitation and says it is closed.
    await fillBirthDate(page, BIRTH_DATE, 'es');
    await page.getByLabel('Elija una contraseña').fill('maple river lantern');
    await page.getByLabel('Escríbala otra vez').fill('maple river lantern');
    await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
    await heading(page).filter({ hasText: 'Esta invitación ya no se puede usar' }).waitFor();
    assert.equal(await page.evaluate('document.activeElement?.tagName'), 'H1', 'the new state takes focus');

    // Opened afresh, in English.
    await page.goto('about:blank');
    await page.goto(link);
    await heading(page).filter({ hasText: 'Esta invitación ya no se puede usar' }).waitFor();
    await page.getByRole('button', { name: 'In English' }).click();
    await heading(page).filter({ hasText: 'This invitation can no longer be used' }).waitFor();
    await page.getByText('Ask the clinic for a new one.').waitFor();
    const call = page.getByRole('link', { name: /^Call the clinic: / });
    if ((await call.count()) > 0) assert.match((await call.getAttribute('href')) ?? '', /^tel:\+?\d+$/);
    assert.equal(await page.getByRole('button', { name: 'Make my account' }).count(), 0);
    assert.equal(await page.evaluate(fitsTheScreen), true);
    await assertNoAxeViolations(page, '/portal/join (withdrawn)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'join-page-390-closed.png'), fullPage: true });

    // A link cut short by a mail program is not an error page.
    await page.goto(`/portal/join#token=${link.split('token=')[1]?.slice(0, 30)}`);
    await heading(page)
      .filter({ hasText: /We could not open this link|No pudimos abrir este enlace/ })
      .waitFor();
    await page.close();
  });

  it('invites a proxy whose email has a portal account: its password adds the record to it', async () => {
    const patient = await emailPatient(desk.request, { familyName: 'Wardell', givenNames: 'Kit' });
    // The demo patient Alex Rivera, a parent here, already uses the portal with this email.
    const added = await desk.request.post(`/api/patients/${patient.id}/proxies`, {
      data: {
        name: 'Alex Rivera',
        relationship: 'parent',
        permissions: ['appointments'],
        email: 'patient@demo.test',
      },
    });
    assert.equal(added.status(), 201, await added.text());
    await desk.goto(`/desk/patients/${patient.id}?tab=proxies`);
    const panel = accessPanel();
    await panel.getByRole('button', { name: 'Invite to the portal' }).click();
    const form = desk.getByRole('form', { name: 'Invite to the portal' });
    await form.getByLabel('For').selectOption({ label: 'Alex Rivera (parent)' });
    assert.equal(await form.getByLabel('Email').inputValue(), 'patient@demo.test');
    await desk.screenshot({
      path: path.join(SCREENSHOTS, 'desk-proxies-tab-invite-form.png'),
      fullPage: true,
    });
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await invitationRow('patient@demo.test').getByText('Waiting to be used').waitFor();
    assert.match(await invitationRow('patient@demo.test').innerText(), /Alex Rivera/);
    const link = await linkFromOutbox(desk.request, 'patient@demo.test', JOIN_LINK);

    const page = await phone();
    await page.goto(link);
    await heading(page).filter({ hasText: 'Add this to your portal account' }).waitFor();
    await page.getByText('you can help with someone else’s care', { exact: false }).waitFor();
    await page.getByText('You will sign in with p•••@demo.test').waitFor();
    await page.getByRole('group', { name: 'Their date of birth' }).waitFor();
    assert.equal(await page.getByLabel('Choose a password').count(), 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'join-page-390-proxy.png'), fullPage: true });
    await assertNoAxeViolations(page, '/portal/join (a proxy with an account)');

    // A wrong password is said beside the password, which empties and takes focus.
    await fillBirthDate(page, BIRTH_DATE);
    const password = page.getByLabel('Your portal password');
    await password.fill('not-the-password');
    await page.getByRole('button', { name: 'Add to my account' }).click();
    await page.getByText('That password is not right.', { exact: false }).waitFor();
    assert.match(await describedError(page, password), /That password is not right/);
    assert.equal(await password.inputValue(), '');
    assert.equal(await isFocused(password), true);

    await password.fill('demo-password');
    await page.getByRole('button', { name: 'Add to my account' }).click();
    await page.waitForURL((url) => url.pathname === '/portal');
    await heading(page).filter({ hasText: 'Hello, Alex' }).waitFor();
    await page.close();

    // The proxy has their account; the patient still has none of their own.
    await desk.reload();
    await invitationRow('patient@demo.test').getByText('Accepted').waitFor();
    await panel.getByText('No portal account yet').waitFor();
    const proxyRow = desk
      .getByRole('region', { name: 'People who may act for this patient' })
      .getByRole('row')
      .filter({ hasText: 'Alex Rivera' });
    assert.match(await proxyRow.innerText(), /Yes/);
  });

  it('raised no script errors on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
