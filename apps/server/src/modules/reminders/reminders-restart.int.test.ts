import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { manualClock } from '../../platform/clock';
import type { DatabaseHandle } from '../../platform/db/database';
import { planNotices } from './plan-appointment-notices';
import { databaseStore, startReminderDesk } from './test/reminder-desk';
import { reminderFixtures } from './test/reminder-fixtures';

const SETTINGS = { displayName: 'Riverside Health', contactPhone: '(212) 555-0100' };

const textsTo = (database: DatabaseHandle, organizationId: string, phone: string) =>
  database.db
    .selectFrom('outbox_message')
    .select('body')
    .where('organization_id', '=', organizationId)
    .where('recipient', '=', phone)
    .where('purpose', '=', 'appointment-reminder')
    .orderBy('id')
    .execute();

const sendJobs = async (database: DatabaseHandle, appointmentId: string) =>
  (
    await sql<{ state: string; count: number }>`
      select state, count(*)::int as count from job
       where name = 'reminders.send-notice@1' and payload->>'appointmentId' = ${appointmentId}
       group by state order by state`.execute(database.db)
  ).rows;

describe('reminders: durable across a restart', () => {
  it('sends a reminder planned before a restart exactly once, even when its job runs again', async () => {
    const clock = manualClock(new Date('2026-03-02T10:00:00-05:00'));
    const store = await databaseStore();
    try {
      const first = await startReminderDesk({ clock, settings: SETTINGS, store });
      const organization = first.organization;
      const f = await reminderFixtures(first);
      const patient = await f.patient();
      const visit = await f.book(patient.id, '2026-03-06T10:00:00-05:00');
      await first.drain();
      assert.equal((await textsTo(first.database, organization.id, patient.phone!)).length, 1);
      assert.deepEqual(await sendJobs(first.database, visit.id), [
        { state: 'completed', count: 1 },
        { state: 'queued', count: 2 },
      ]);
      // The appointment-changed job runs again (a retry): no second notice, no second job.
      await planNotices(first.database.db, clock, {
        organizationId: organization.id,
        appointmentId: visit.id,
        change: 'booked',
        previousAppointmentId: null,
      });
      assert.deepEqual(await sendJobs(first.database, visit.id), [
        { state: 'completed', count: 1 },
        { state: 'queued', count: 2 },
      ]);
      // The process stops with the reminders still waiting in the queue.
      await first.close();

      const second = await startReminderDesk({ clock, settings: SETTINGS, store, organization });
      try {
        await second.advanceTo('2026-03-03T10:00:00-05:00');
        let texts = await textsTo(second.database, organization.id, patient.phone!);
        assert.equal(texts.length, 2);
        assert.match(texts[1]?.body ?? '', /^Riverside Health: reminder of your visit Fri Mar 6 10:00 AM\./);

        // A worker that died after sending but before marking its jobs done: they all run again.
        await second.database.db
          .updateTable('job')
          .set({ state: 'queued', run_at: new Date(Date.now() - 1000), finished_at: null })
          .where('name', '=', 'reminders.send-notice@1')
          .where('state', '=', 'completed')
          .execute();
        await second.drain();
        texts = await textsTo(second.database, organization.id, patient.phone!);
        assert.equal(texts.length, 2, 'nothing is sent twice');
        const notices = await second.database.db
          .selectFrom('appointment_notice')
          .select(['kind', 'status'])
          .where('organization_id', '=', organization.id)
          .where('appointment_id', '=', visit.id)
          .orderBy('planned_for')
          .execute();
        assert.deepEqual(notices, [
          { kind: 'booked', status: 'sent' },
          { kind: 'reminder-72h', status: 'sent' },
          { kind: 'reminder-24h', status: 'planned' },
        ]);
      } finally {
        await second.close();
      }
    } finally {
      await store.dispose();
    }
  });
});
