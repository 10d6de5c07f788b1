import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createClinic } from '../../../../test/factories/clinic';
import {
  createTestOrganization,
  openPrivateDatabase,
  testConfig,
  TEST_PASSWORD,
  type TestDesk,
} from '../../../../test/harness';
import { createPatientDesk } from '../../../app';
import { createLogger } from '../../../platform/logging/logger';
import { systemContext } from '../../../platform/access/context';
import { systemClock, type manualClock } from '../../../platform/clock';
import type { OrganizationSettings } from '../../../platform/db/schema';
import { enqueue } from '../../../platform/jobs/jobs';
import { createPatient } from '../../patients';
import { WaitlistSweepJob } from '../jobs/waitlist-jobs';

export type Clinic = Awaited<ReturnType<typeof createClinic>>;

/**
 * The whole server over a database of its own (on PostgreSQL a private database, dropped at close). Waitlist tests
 * drive the job queue, and `Worker.drain()` claims every organization's jobs: on a shared database one test file's
 * worker would run another's jobs under its own clock. A queue of their own keeps them apart.
 */
async function startPrivateDesk(clock: ReturnType<typeof manualClock>, settings: OrganizationSettings) {
  const database = await openPrivateDatabase();
  const desk = await createPatientDesk({
    config: testConfig(),
    database,
    logger: createLogger('silent'),
    clock,
    transports: { email: null, sms: null },
  });
  await desk.app.ready();
  const organization = await createTestOrganization(database, settings);
  const request: TestDesk['request'] = ({ cookie, headers, ...rest }) =>
    desk.app.inject({ ...rest, headers: { ...(cookie ? { cookie } : {}), ...(headers ?? {}) } });
  const t: TestDesk = {
    desk,
    database,
    organization,
    request,
    async login(role, org = organization) {
      const response = await request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: org.users[role].email, password: TEST_PASSWORD },
      });
      const cookie = response.cookies.find((c) => c.name === 'pd_session');
      if (response.statusCode !== 200 || !cookie)
        throw new Error(`login as ${role} failed: ${response.body}`);
      return `pd_session=${cookie.value}`;
    },
    async close() {
      await desk.close();
      await database.close();
    },
  };
  return t;
}

/**
 * A desk for waitlist tests: the clinic factory, a front-desk session, and helpers that drive the real HTTP app
 * and the real job queue under a manual clock.
 */
export async function startWaitlistDesk(
  clock: ReturnType<typeof manualClock>,
  settings: OrganizationSettings & Record<string, unknown> = {},
) {
  const t = await startPrivateDesk(clock, { displayName: 'Riverside Health', ...settings });
  const clinic = await createClinic(t.database, t.organization.id);
  const desk = await t.login('front_desk');
  return new WaitlistKit(t, clinic, desk, clock);
}

export class WaitlistKit {
  constructor(
    readonly t: TestDesk,
    readonly clinic: Clinic,
    public desk: string,
    readonly clock: ReturnType<typeof manualClock>,
  ) {}

  /** Puts a patient on the waitlist through the desk; entries made one after another are a minute apart. */
  async join(payload: Record<string, unknown>) {
    this.clock.advance(60_000);
    const response = await this.t.request({
      method: 'POST',
      url: '/api/waitlist-entries',
      cookie: this.desk,
      payload,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; version: number; patient: { id: string } }>();
  }

  /** A patient with only an email address, or with no way to be reached at all. */
  async patient(family: string, contact: { email?: string; phone?: string } = {}) {
    const created = await createPatient(
      this.t.database.db,
      systemClock,
      systemContext(this.t.organization.id),
      {
        familyName: family,
        givenNames: 'Pat',
        birthDate: '1980-01-01',
        sex: 'unknown',
        ...contact,
      },
    );
    return created.id;
  }

  async book(patientId: string, start: string, providerId = this.clinic.providers.ada) {
    const response = await this.t.request({
      method: 'POST',
      url: '/api/appointments',
      cookie: this.desk,
      payload: {
        patientId,
        appointmentTypeId: this.clinic.types.followUp,
        providerId,
        locationId: this.clinic.locations.east,
        start,
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; version: number }>();
  }

  async cancel(appointment: { id: string; version: number }) {
    const response = await this.t.request({
      method: 'POST',
      url: `/api/appointments/${appointment.id}/cancel`,
      cookie: this.desk,
      headers: { 'if-match': `W/"${appointment.version}"` },
      payload: { reason: 'patient-request', by: 'patient' },
    });
    assert.equal(response.statusCode, 200, response.body);
  }

  /** Runs every job that is due: appointment events, offers, expiries, messages. */
  drain() {
    return this.t.desk.worker.drain();
  }

  /** Runs this organization's sweep, as the worker's timer would (only this organization: the database is shared). */
  async sweep() {
    const organizationId = this.t.organization.id;
    await enqueue(this.t.database.db, WaitlistSweepJob, { organizationId }, { organizationId });
    await this.drain();
  }

  /**
   * Moves the manual clock, and this organization's queued jobs as far: the queue runs on the database's clock,
   * so a job due in two hours becomes due when the test's two hours have passed. Signs the desk in again.
   */
  async passTime(milliseconds: number) {
    this.clock.advance(milliseconds);
    await sql`
      update job set run_at = run_at - make_interval(secs => ${milliseconds / 1000})
       where organization_id = ${this.t.organization.id} and state = 'queued'`.execute(this.t.database.db);
    // A quarter of an hour idle ends a session.
    this.desk = await this.t.login('front_desk');
  }

  /** The offer messages sent to a patient, newest first. */
  async messagesTo(patientId: string) {
    return this.t.database.db
      .selectFrom('outbox_message')
      .select(['channel', 'recipient', 'subject', 'body', 'status'])
      .where('organization_id', '=', this.t.organization.id)
      .where('patient_id', '=', patientId)
      .where('purpose', '=', 'waitlist-offer')
      .orderBy('id', 'desc')
      .execute();
  }

  /** The token of the newest offer link sent to a patient. */
  async tokenOf(patientId: string) {
    const [message] = await this.messagesTo(patientId);
    const token = /\/portal\/offer#([A-Za-z0-9_-]{43})/.exec(message?.body ?? '')?.[1];
    assert.ok(token, `no offer link sent to ${patientId}`);
    return token;
  }

  /** Answers an offer link without a session, as the patient's browser does. */
  answer(action: 'lookup' | 'accept' | 'decline', token: string) {
    return this.t.request({ method: 'POST', url: `/api/waitlist-offers/${action}`, payload: { token } });
  }

  /** The desk's waitlist. */
  async entries(query = '') {
    const response = await this.t.request({
      method: 'GET',
      url: `/api/waitlist-entries${query}`,
      cookie: this.desk,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: ListedEntry[]; nextCursor: string | null }>().items;
  }

  /** Every entry, whatever its status, by patient id. */
  async entriesByPatient(query = '') {
    const all: ListedEntry[] = [];
    for (const status of ['active', 'booked', 'cancelled', 'expired']) {
      all.push(...(await this.entries(`?status=${status}${query ? `&${query}` : ''}`)));
    }
    return new Map(all.map((entry) => [entry.patient.id, entry]));
  }

  /** Each entry's newest offer state (null: never offered), by patient id. */
  async offerStates(query = '') {
    const byPatient = await this.entriesByPatient(query);
    return Object.fromEntries(
      [...byPatient].map(([patientId, entry]) => [patientId, entry.offers[0]?.state ?? null]),
    );
  }
}

export type ListedEntry = {
  id: string;
  status: string;
  priority: string;
  version: number;
  appointmentId: string | null;
  patient: { id: string; name: string };
  offers: {
    id: string;
    state: string;
    channel: string;
    start: string;
    sentAt: string;
    expiresAt: string;
    appointmentId: string | null;
  }[];
};
