import { PROXY_PERMISSIONS, type ProxyPermission } from '@patientdesk/contracts';
import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository';
import type { OrganizationSettings } from '../db/schema';

export type AccountRow = {
  id: string;
  organization_id: string;
  organization_slug: string;
  organization_name: string;
  organization_settings: Record<string, unknown>;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  disabled_at: Date | null;
};

const ACCOUNT_COLUMNS = [
  'u.id',
  'u.organization_id',
  'o.slug as organization_slug',
  'o.name as organization_name',
  'o.settings as organization_settings',
  'u.email',
  'u.display_name',
  'u.role',
  'u.password_hash',
  'u.totp_secret',
  'u.totp_enabled_at',
  'u.disabled_at',
] as const;

/** Accounts with this email, in any organization (sign-in does not know the organization yet). */
export async function findAccountsByEmail(db: Executor, email: string): Promise<AccountRow[]> {
  return await db
    .selectFrom('app_user as u')
    .innerJoin('organization as o', 'o.id', 'u.organization_id')
    .select(ACCOUNT_COLUMNS)
    .where(sql<string>`lower(u.email)`, '=', email.toLowerCase())
    .execute();
}

export async function findAccount(db: Executor, organizationId: string, userId: string) {
  return await db
    .selectFrom('app_user as u')
    .innerJoin('organization as o', 'o.id', 'u.organization_id')
    .select(ACCOUNT_COLUMNS)
    .where('u.organization_id', '=', organizationId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export async function recordLoginAttempt(
  db: Executor,
  attempt: {
    organizationId: string | null;
    accountKey: string;
    sourceAddress: string;
    succeeded: boolean;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('login_attempt')
    .values({
      organization_id: attempt.organizationId,
      account_key: attempt.accountKey,
      source_address: attempt.sourceAddress,
      succeeded: attempt.succeeded,
      attempted_at: attempt.at,
    })
    .execute();
}

/** Failed attempts since `since` (and since the last success), newest first, for one key. */
export async function recentFailures(
  db: Executor,
  by: 'account' | 'address',
  key: string,
  since: Date,
  limit: number,
): Promise<Date[]> {
  const column = by === 'account' ? 'account_key' : 'source_address';
  const lastSuccess = db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.max('attempted_at').as('at'))
    .where(column, '=', key)
    .where('succeeded', '=', true);
  const rows = await db
    .selectFrom('login_attempt')
    .select('attempted_at')
    .where(column, '=', key)
    .where('succeeded', '=', false)
    .where('attempted_at', '>=', since)
    .where((eb) => eb.or([eb(lastSuccess, 'is', null), eb('attempted_at', '>', lastSuccess)]))
    .orderBy('attempted_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.attempted_at);
}

export type SessionRow = {
  organization_id: string;
  token_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  idle_timeout_seconds: number;
  email: string;
  display_name: string;
  role: string;
  totp_enabled_at: Date | null;
  organization_slug: string;
  organization_name: string;
};

export async function insertSession(
  db: Executor,
  session: {
    organizationId: string;
    tokenHash: string;
    userId: string;
    now: Date;
    expiresAt: Date;
    idleTimeoutSeconds: number;
    sourceAddress: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('app_session')
    .values({
      organization_id: session.organizationId,
      token_hash: session.tokenHash,
      user_id: session.userId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
      idle_timeout_seconds: session.idleTimeoutSeconds,
      source_address: session.sourceAddress,
      user_agent: session.userAgent,
    })
    .execute();
}

/**
 * A live session: not revoked, not past its absolute or idle limit, and its account still enabled. Written as
 * plain SQL because it runs on every request and a builder would rebuild the same text each time.
 */
export async function findLiveSession(
  db: Executor,
  organizationId: string,
  tokenHash: string,
  now: Date,
): Promise<SessionRow | undefined> {
  const result = await sql<SessionRow>`
    select s.organization_id, s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at,
           s.idle_timeout_seconds, u.email, u.display_name, u.role, u.totp_enabled_at,
           o.slug as organization_slug, o.name as organization_name
      from app_session s
      join app_user u on u.organization_id = s.organization_id and u.id = s.user_id
      join organization o on o.id = s.organization_id
     where s.organization_id = ${organizationId}::uuid
       and s.token_hash = ${tokenHash}
       and s.revoked_at is null
       and s.expires_at > ${now}::timestamptz
       and s.last_seen_at + make_interval(secs => s.idle_timeout_seconds) > ${now}::timestamptz
       and u.disabled_at is null`.execute(db);
  return result.rows[0];
}

export async function touchSession(db: Executor, organizationId: string, tokenHash: string, now: Date) {
  await db
    .updateTable('app_session')
    .set({ last_seen_at: now })
    .where('organization_id', '=', organizationId)
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function revokeSession(db: Executor, organizationId: string, tokenHash: string, now: Date) {
  await db
    .updateTable('app_session')
    .set({ revoked_at: now })
    .where('organization_id', '=', organizationId)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session of an account; returns how many. */
export async function revokeAllSessions(db: Executor, organizationId: string, userId: string, now: Date) {
  const result = await db
    .updateTable('app_session')
    .set({ revoked_at: now })
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What a portal account may see and do for one patient (the proxy permissions, or all of them). */
export type PatientAccess = { patientId: string; areas: readonly ProxyPermission[] };

/**
 * Patients this account may act for, now, and in which areas. Its own record: everything. A record it is linked to
 * as someone's proxy: what the patient's active proxy entries naming this account allow (an entry ends on its
 * `ended_at` or after its `valid_until` day, UTC); when every such entry has ended, the patient is out of scope.
 * A link with no proxy entry at all (set up by staff before proxies were recorded) keeps every area.
 */
export async function patientAccessOf(
  db: Executor,
  organizationId: string,
  userId: string,
  now: Date,
): Promise<PatientAccess[]> {
  // patient_proxy belongs to the patients module; the session reads it here, once per request of a portal account.
  const result = await sql<{ patient_id: string; self: boolean; has_proxy: boolean; areas: string[] | null }>`
    select l.patient_id, l.relationship = 'self' as self,
           exists (select from patient_proxy p
                    where p.organization_id = l.organization_id and p.patient_id = l.patient_id
                      and p.user_id = l.user_id) as has_proxy,
           (select array_agg(distinct area order by area)
              from patient_proxy p, unnest(p.permissions) as area
             where p.organization_id = l.organization_id and p.patient_id = l.patient_id
               and p.user_id = l.user_id and p.ended_at is null
               and (p.valid_until is null or p.valid_until >= (${now}::timestamptz at time zone 'UTC')::date)) as areas
      from account_patient_link l
     where l.organization_id = ${organizationId}::uuid and l.user_id = ${userId}::uuid
       and (l.valid_until is null or l.valid_until > ${now}::timestamptz)
     -- The account's own record first.
     order by l.relationship = 'self' desc, l.created_at`.execute(db);
  const access: PatientAccess[] = [];
  for (const row of result.rows) {
    if (row.self || !row.has_proxy) access.push({ patientId: row.patient_id, areas: PROXY_PERMISSIONS });
    else if (row.areas?.length) {
      access.push({
        patientId: row.patient_id,
        areas: PROXY_PERMISSIONS.filter((area) => row.areas?.includes(area)),
      });
    }
  }
  return access;
}

export async function setTotpSecret(
  db: Executor,
  organizationId: string,
  userId: string,
  secret: string | null,
) {
  await db
    .updateTable('app_user')
    .set({ totp_secret: secret, totp_enabled_at: null })
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .execute();
}

export async function enableTotp(db: Executor, organizationId: string, userId: string, now: Date) {
  await db
    .updateTable('app_user')
    .set({ totp_enabled_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .execute();
}

/** An organization's settings (empty when it has none). */
export async function organizationSettings(
  db: Executor,
  organizationId: string,
): Promise<OrganizationSettings> {
  const row = await db
    .selectFrom('organization')
    .select('settings')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return row?.settings ?? {};
}

/** Demo accounts, while any exist (they make every page show a DEMO banner). */
export async function demoAccounts(db: Executor): Promise<{ email: string; role: string }[]> {
  return db
    .selectFrom('app_user')
    .select(['email', 'role'])
    .where('is_demo', '=', true)
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .limit(20)
    .execute();
}

export async function insertAccount(
  executor: Executor,
  account: {
    organization_id: string;
    id: string;
    email: string;
    display_name: string;
    role: string;
    password_hash: string;
    is_demo: boolean;
  },
): Promise<void> {
  await executor.insertInto('app_user').values(account).execute();
}

export async function insertPatientLink(
  executor: Executor,
  link: {
    organization_id: string;
    user_id: string;
    patient_id: string;
    relationship: 'self' | 'parent' | 'guardian' | 'caregiver' | 'other';
  },
): Promise<void> {
  await executor.insertInto('account_patient_link').values(link).execute();
}

/** Disables the account with this email; returns its id, or null when there is none. */
export async function setAccountDisabled(
  executor: Executor,
  organizationId: string,
  email: string,
  now: Date,
) {
  const row = await executor
    .updateTable('app_user')
    .set((eb) => ({ disabled_at: now, version: eb('version', '+', 1) }))
    .where('organization_id', '=', organizationId)
    .where(sql<string>`lower(email)`, '=', email)
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}
