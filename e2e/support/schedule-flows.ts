// The schedule's flows in a real browser, run by desk.e2e.test.ts on its server (one server start fewer).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** The wall clock an API instant is written in (`…T09:00:00-05:00` → 540), i.e. the location's local time. */
function localMinutes(iso: string): number {
  const match = /T(\d{2}):(\d{2})/.exec(iso);
  return Number(match?.[1]) * 60 + Number(match?.[2]);
}

function clock(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${((hours + 11) % 12) + 1}:${String(minutes % 60).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** Waits until the date line above the calendar says something else. */
function noteChangedFrom(page: Page, before: string | null) {
  return page.waitForFunction(
    `document.querySelector('.page-head-note')?.textContent !== ${JSON.stringify(before)}`,
  );
}

type ApiAppointment = {
  id: string;
  start: string;
  status: string;
  provider: { id: string };
  location: { id: string };
};

const dateNote = (page: Page) => page.locator('.page-head-note');
const calendar = (page: Page) => page.getByRole('region', { name: /^Calendar/ });

/** Day and week, by location, provider or room; the arrows, t, d and w. Starts signed in at the desk. */
export async function scheduleViewsFlow(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Schedule' }).click();
  await page.getByRole('heading', { level: 1, name: 'Schedule' }).waitFor();
  await page.getByRole('radio', { name: 'Day' }).waitFor();
  assert.match(await dateNote(page).innerText(), /Riverside Main Clinic · times in Eastern Time/);

  // Go to the first day with appointments (the demo books the coming days), moving a day at a time.
  for (let step = 0; step < 7 && (await page.locator('.appt').count()) === 0; step += 1) {
    await page.locator('main').focus();
    const before = await dateNote(page).textContent();
    await page.keyboard.press('ArrowRight');
    await noteChangedFrom(page, before);
    await page.locator('.cal, .schedule-empty').first().waitFor();
  }
  assert.ok((await page.locator('.appt').count()) > 0, 'a day with appointments');
  const day = await dateNote(page).innerText();
  const providerColumns = await calendar(page).getByRole('group').count();
  assert.ok(providerColumns >= 3, `one column per provider at the location (${providerColumns})`);

  await page.keyboard.press('w');
  await page.getByText(/Week of/).waitFor();
  assert.ok((await calendar(page).getByRole('group').count()) >= 5, 'a column per weekday');
  await page.keyboard.press('d');
  await page.locator('.page-head-note', { hasNotText: 'Week of' }).waitFor();
  assert.equal(await dateNote(page).innerText(), day);

  await page.getByRole('radio', { name: 'Provider' }).check();
  const provider = page.getByRole('combobox', { name: 'Provider' });
  await provider.selectOption({ label: 'Adaeze Okonkwo, MD' });
  await page.getByText(/Riverside Main Clinic · Adaeze Okonkwo, MD/).waitFor();
  assert.equal(await calendar(page).getByRole('group').count(), 1);
  await page.getByRole('radio', { name: 'Room' }).check();
  await calendar(page)
    .getByRole('group', { name: /Echo Lab|Counseling|X-ray/ })
    .first()
    .waitFor();
  await page.getByRole('radio', { name: 'Location' }).check();

  // t: today; the arrows step a week at a time in the week view.
  await page.locator('main').focus();
  await page.keyboard.press('t');
  await page.keyboard.press('w');
  const week = await dateNote(page).textContent();
  await page.keyboard.press('ArrowRight');
  await noteChangedFrom(page, week);
  assert.notEqual(await dateNote(page).textContent(), week);
}

/** b on a patient's record, book by keyboard, see it on the calendar, drag it to a later time, confirm it. */
export async function bookDragConfirmFlow(page: Page): Promise<void> {
  const created = await page.request.post('/api/patients', {
    data: { familyName: 'Keyboard', givenNames: 'Casey', birthDate: '1979-04-02' },
  });
  assert.equal(created.status(), 201);
  const patient = await created.json();
  await page.goto(`/desk/patients/${patient.id}`);
  await page.getByRole('heading', { level: 1, name: 'Keyboard, Casey' }).waitFor();
  await page.getByRole('heading', { name: 'Appointments' }).waitFor();

  // b → type a few letters → Enter picks the type → the first free times take focus → Enter books.
  await page.keyboard.press('b');
  const typeField = page.getByRole('combobox', { name: 'Visit type' });
  await page.locator('[role="combobox"]:focus').waitFor();
  assert.equal(await page.locator(':focus').getAttribute('id'), await typeField.getAttribute('id'));
  await page.keyboard.type('follow-up v');
  await page.keyboard.press('Enter');
  assert.equal(await typeField.inputValue(), 'Follow-up visit');
  const slots = page.getByRole('listbox', { name: 'Free times for Follow-up visit' });
  await slots.waitFor();
  await page.locator('[role="listbox"]:focus').waitFor();
  // Take the first time before 3 PM (so the day has later times to drag it to): arrows, Page Down, Enter.
  let chosen = -1;
  for (let pageDown = 0; pageDown < 6 && chosen < 0; pageDown += 1) {
    if (pageDown > 0) {
      const firstBefore = await slots.getByRole('option').first().textContent();
      await page.keyboard.press('PageDown');
      await page.waitForFunction(
        `document.querySelector('[role="option"]')?.textContent !== ${JSON.stringify(firstBefore)}`,
      );
    }
    const labels = await slots
      .getByRole('option')
      .evaluateAll((options) => options.map((option) => option.textContent ?? ''));
    chosen = labels.findIndex((label) => {
      const match = /, (\d+):(\d{2})[\s\u202f](AM|PM)/.exec(label);
      const hour = (Number(match?.[1]) % 12) + (match?.[3] === 'PM' ? 12 : 0);
      return hour < 15;
    });
  }
  assert.ok(chosen >= 0, 'a free time before 3 PM');
  for (let step = 0; step < chosen; step += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const done = page.getByRole('status').filter({ hasText: 'Booked:' });
  await done.waitFor();

  const list = await page.request.get(
    `/api/appointments?patientId=${patient.id}&from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 40 * 86_400_000).toISOString()}`,
  );
  const [booked] = (await list.json()).items;
  const zone = booked.location.timeZone;
  const expected = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(booked.start));
  assert.ok(
    (await done.innerText()).includes(expected.replace(/\u202f/g, ' ')),
    `says ${expected} in ${zone}`,
  );
  await page.getByRole('list').filter({ hasText: 'Follow-up visit' }).waitFor();

  // On the calendar: the provider's day, with the new appointment open in the side panel.
  await done.getByRole('link', { name: 'Show on the schedule' }).click();
  const block = page.locator(`[data-appointment-id="${booked.id}"]`);
  await block.waitFor();
  assert.match(await block.innerText(), /Keyboard, Casey/);
  await page.getByRole('complementary', { name: 'Keyboard, Casey' }).waitFor();

  // Drag it to another free time that day (asked of the server: the slots around it).
  const day = booked.start.slice(0, 10);
  const free = await page.request.get(
    `/api/slots?appointmentTypeId=${booked.appointmentType.id}&providerId=${booked.provider.id}&locationId=${booked.location.id}&from=${encodeURIComponent(booked.start)}&to=${encodeURIComponent(`${day}T23:59:00${booked.start.slice(19)}`)}`,
  );
  const from = localMinutes(booked.start);
  const target = (await free.json()).items
    .map((slot: { start: string }) => localMinutes(slot.start))
    .find((minutes: number) => minutes - from >= 45);
  assert.ok(target !== undefined, 'a later free time that day');
  const column = page.locator('.cal-col').first();
  const firstMinute = Number(await column.getAttribute('data-first-minute'));
  const pixelsPerMinute = Number(await column.getAttribute('data-pixels-per-minute'));
  const columnBox = await column.boundingBox();
  const blockBox = await block.boundingBox();
  assert.ok(columnBox && blockBox);
  await page.mouse.move(blockBox.x + 30, blockBox.y + 5);
  await page.mouse.down();
  await page.mouse.move(blockBox.x + 30, blockBox.y + 25, { steps: 4 });
  await page.mouse.move(blockBox.x + 30, columnBox.y + (target - firstMinute) * pixelsPerMinute + 5, {
    steps: 6,
  });
  await page.getByText(`Move to ${clock(target)}`).waitFor();
  await page.mouse.up();
  await page.getByRole('status').filter({ hasText: 'Moved Keyboard, Casey' }).waitFor();

  await block.waitFor({ state: 'detached' });
  const moved = page.locator('.appt').filter({ hasText: 'Keyboard, Casey' });
  assert.equal(await moved.count(), 1, 'the old time is gone (cancelled, hidden) and the new one shows');
  assert.match(await moved.innerText(), new RegExp(`${clock(target)}–`));

  // Confirm it from the side panel: the block shows it with a mark, not colour alone.
  await moved.click();
  const panel = page.getByRole('complementary', { name: 'Keyboard, Casey' });
  await panel.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('status').filter({ hasText: 'Keyboard, Casey: confirmed.' }).waitFor();
  await panel.getByText('✓ Confirmed').waitFor();
  assert.match(await moved.innerText(), /✓/);
  assert.match((await moved.textContent()) ?? '', /Confirmed/);
}

/** A block dropped on a taken time goes back, with the reason said plainly. */
export async function slotTakenFlow(page: Page): Promise<void> {
  const list = await page.request.get(
    `/api/appointments?from=${new Date().toISOString()}&to=${new Date(Date.now() + 7 * 86_400_000).toISOString()}`,
  );
  const items: ApiAppointment[] = (await list.json()).items.filter(
    (item: ApiAppointment) => item.status === 'booked',
  );
  // Two appointments of one provider on one day: drop the later one onto the earlier one's time.
  const pair = items
    .flatMap((first) =>
      items
        .filter(
          (second) =>
            second.provider.id === first.provider.id &&
            second.location.id === first.location.id &&
            second.start.slice(0, 10) === first.start.slice(0, 10) &&
            localMinutes(second.start) - localMinutes(first.start) >= 60,
        )
        .map((second): [ApiAppointment, ApiAppointment] => [first, second]),
    )
    .at(0);
  assert.ok(pair, 'two appointments of one provider on one day');
  const [first, second] = pair;
  await page.goto(
    `/desk/schedule?date=${first.start.slice(0, 10)}&view=provider&provider=${first.provider.id}&location=${first.location.id}`,
  );
  const block = page.locator(`[data-appointment-id="${second.id}"]`);
  await block.waitFor();
  const target = (await page.locator(`[data-appointment-id="${first.id}"]`).boundingBox())!;
  const box = (await block.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 5);
  await page.mouse.down();
  await page.mouse.move(box.x + 30, target.y + 5, { steps: 8 });
  await page.mouse.up();
  await page.getByRole('alert').filter({ hasText: 'That time is already taken' }).waitFor();
  assert.match(await page.getByRole('alert').first().innerText(), /back where it was/);
  assert.equal(await block.count(), 1);
  assert.match(await block.innerText(), new RegExp(`${clock(localMinutes(second.start))}–`));
}
