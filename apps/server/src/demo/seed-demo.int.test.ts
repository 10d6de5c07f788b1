import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPatientDesk, type PatientDesk } from '../app';
import { createLogger } from '../platform/logging/logger';
import type { DatabaseHandle } from '../platform/db/database';
import { openPrivateDatabase, testConfig } from '../../test/harness';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, seedDemoIfEmpty } from './seed-demo';

describe('the demo clinic', () => {
  let database: DatabaseHandle;
  let desk: PatientDesk;
  before(async () => {
    database = await openPrivateDatabase();
    desk = await createPatientDesk({ config: testConfig(), database, logger: createLogger('silent') });
    await desk.app.ready();
  });
  after(async () => {
    await desk.close();
    await database.close();
  });

  it('is seeded into an empty database once, with a believable clinic', async () => {
    const meta = await desk.app.inject({ method: 'GET', url: '/api/meta' });
    assert.equal(meta.json().demo, false);

    const seeded = await seedDemoIfEmpty(database.db);
    assert.ok(seeded);
    assert.equal(seeded.patients, 400);
    // The coming days are partly booked, through the real booking path.
    assert.ok(seeded.appointments >= 20, `only ${seeded.appointments} demo appointments`);
    const templates = await database.db.selectFrom('availability_template').select('id').execute();
    assert.equal(templates.length, 8 * 5 * 2);
    assert.equal(await seedDemoIfEmpty(database.db), null, 'never twice');
    await assert.rejects(seedDemo(database.db), /already exists/);

    const db = database.db;
    const locations = await db.selectFrom('location').select(['name', 'time_zone']).orderBy('name').execute();
    assert.deepEqual(locations.map((location) => location.time_zone).sort(), [
      'America/Chicago',
      'America/New_York',
    ]);
    const providers = await db.selectFrom('provider').select(['specialty', 'npi']).execute();
    assert.equal(providers.length, 8);
    assert.deepEqual([...new Set(providers.map((provider) => provider.specialty))].sort(), [
      'behavioral_health',
      'cardiology',
      'imaging',
      'primary_care',
    ]);
    assert.ok((await db.selectFrom('room').select('id').execute()).length >= 6);
    const types = await db.selectFrom('appointment_type').select(['duration_minutes', 'modality']).execute();
    assert.ok(types.length >= 8 && types.every((type) => type.duration_minutes > 0));
  });

  it('has every demo account, each able to sign in, and says so on every page', async () => {
    const meta = await desk.app.inject({ method: 'GET', url: '/api/meta' });
    assert.equal(meta.json().demo, true);
    assert.equal(meta.json().demoAccounts.length, DEMO_ACCOUNTS.length);
    for (const account of DEMO_ACCOUNTS) {
      const response = await desk.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: account.email, password: DEMO_PASSWORD },
      });
      assert.equal(response.statusCode, 200, account.email);
      assert.equal(response.json().user.role, account.role);
    }
  });

  it('gives the portal patient their own record, and the desk a worklist and searchable patients', async () => {
    const login = async (email: string) => {
      const response = await desk.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: DEMO_PASSWORD },
      });
      return { session: response.json(), cookie: `pd_session=${response.cookies[0]?.value ?? ''}` };
    };
    const patient = await login('patient@demo.test');
    assert.equal(patient.session.patientScope.length, 1);
    const desk1 = await login('frontdesk@demo.test');
    const worklist = await desk.app.inject({
      method: 'GET',
      url: '/api/work-items',
      headers: { cookie: desk1.cookie },
    });
    assert.equal(worklist.json().items.length, 5);
    const search = await desk.app.inject({
      method: 'GET',
      url: '/api/patients?q=rivera',
      headers: { cookie: desk1.cookie },
    });
    assert.ok(
      search.json().items.some((item: { id: string }) => item.id === patient.session.patientScope[0]),
    );
  });
});
