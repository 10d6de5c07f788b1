import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '../../platform/clock';
import { createClinic } from '../../../test/factories/clinic';
import { startTestDesk, type TestDesk } from '../../../test/harness';

const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
const CONTENDERS = 200;

// On PostgreSQL the requests really run side by side over a pool; on PGlite they are serialized, and the answer
// must be the same: exactly one booking.
describe('booking under contention', () => {
  let t: TestDesk;
  let clinic: Awaited<ReturnType<typeof createClinic>>;
  before(async () => {
    t = await startTestDesk({ clock, poolSize: 20 });
    clinic = await createClinic(t.database, t.organization.id);
  });
  after(() => t.close());

  it(`books one of ${CONTENDERS} concurrent requests for the same slot and refuses the rest with SLOT_TAKEN`, async () => {
    const cookie = await t.login('front_desk');
    const patients: string[] = [];
    for (let index = 0; index < CONTENDERS; index += 1)
      patients.push(await clinic.patient(`Contender${index}`));
    const responses = await Promise.all(
      patients.map((patientId) =>
        t.request({
          method: 'POST',
          url: '/api/appointments',
          cookie,
          payload: {
            patientId,
            appointmentTypeId: clinic.types.followUp,
            providerId: clinic.providers.ada,
            locationId: clinic.locations.east,
            start: '2026-03-05T10:00:00-05:00',
          },
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    assert.equal(statuses.filter((status) => status === 201).length, 1, JSON.stringify(statuses));
    assert.equal(statuses.filter((status) => status === 409).length, CONTENDERS - 1);
    assert.ok(responses.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'SLOT_TAKEN'));
    const rows = await t.database.db
      .selectFrom('appointment')
      .select('id')
      .where('organization_id', '=', t.organization.id)
      .where('provider_id', '=', clinic.providers.ada)
      .where('status', '!=', 'cancelled')
      .execute();
    assert.equal(rows.length, 1);
  });
});
