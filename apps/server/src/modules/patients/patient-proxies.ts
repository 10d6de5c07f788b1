import type { Proxy, ZCreateProxyRequest, ZLinkProxyAccountRequest } from '@patientdesk/contracts';
import type { z } from 'zod';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit, recordShown } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { uuidv7 } from '../../platform/ids';
import { normalizePhone } from '../../platform/phone';
import { assertMayOpenRecord } from '../confidentiality';
import { patientError } from './patients.errors';
import { findPatient } from './patients.repository';
import type { PatientProxyTable } from './patients.tables';
import { sql, type Selectable } from 'kysely';

type ProxyRow = Selectable<PatientProxyTable>;

function toProxy(row: ProxyRow, today: string): Proxy {
  return {
    id: row.id,
    name: row.name,
    relationship: row.relationship,
    phone: row.phone,
    email: row.email,
    permissions: row.permissions,
    validUntil: row.valid_until,
    hasPortalAccount: row.user_id !== null,
    active: row.ended_at === null && (row.valid_until === null || row.valid_until >= today),
    createdAt: row.created_at.toISOString(),
  };
}

async function requirePatient(db: Db, context: ActorContext, patientId: string, now: Date) {
  if (!(await findPatient(db, context, patientId))) {
    throw patientError('PATIENT_NOT_FOUND', 'No patient with that id.');
  }
  await assertMayOpenRecord(db, context, patientId, now, {
    action: 'read',
    resourceType: 'PatientProxy',
    resourceId: patientId,
  });
}

/** The people who may act for a patient, current ones first. */
export async function listProxies(db: Db, clock: Clock, context: ActorContext, patientId: string) {
  await requirePatient(db, context, patientId, clock.now());
  const rows = await db
    .selectFrom('patient_proxy')
    .selectAll()
    .where('organization_id', '=', context.organizationId)
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .execute();
  await recordShown(db, context, 'read', 'PatientProxy', rows.length ? [patientId] : []);
  const today = clock.now().toISOString().slice(0, 10);
  const proxies = rows.map((row) => toProxy(row, today));
  return { items: [...proxies.filter((p) => p.active), ...proxies.filter((p) => !p.active)] };
}

/** Names someone who may act for the patient: what they may see and do, and until when. */
export async function addProxy(
  db: Db,
  clock: Clock,
  context: ActorContext,
  patientId: string,
  input: z.output<typeof ZCreateProxyRequest>,
) {
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  const problems: { path: string; message: string }[] = [];
  const phone = input.phone ? normalizePhone(input.phone) : null;
  if (input.phone && !phone) problems.push({ path: 'body.phone', message: 'Not a number we can call' });
  if (input.validUntil && input.validUntil < today) {
    problems.push({ path: 'body.validUntil', message: 'Must be today or later' });
  }
  if (problems.length)
    throw patientError('REGISTRATION_INVALID', 'Some fields need another look.', { fields: problems });
  await requirePatient(db, context, patientId, clock.now());
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('patient_proxy')
      .values({
        organization_id: context.organizationId,
        id: uuidv7(now.getTime()),
        patient_id: patientId,
        name: input.name,
        relationship: input.relationship,
        phone,
        email: input.email?.toLowerCase() ?? null,
        permissions: [...new Set(input.permissions)],
        valid_until: input.validUntil ?? null,
        created_by: context.actor?.id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      context,
      { action: 'create', patientId, resourceType: 'PatientProxy', resourceId: row.id },
      now,
    );
    return toProxy(row, today);
  });
}

/** Ends a proxy's authority now (kept for the record); a portal account it had loses the patient. */
export async function endProxy(
  db: Db,
  clock: Clock,
  context: ActorContext,
  patientId: string,
  proxyId: string,
) {
  const now = clock.now();
  await requirePatient(db, context, patientId, clock.now());
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('patient_proxy')
      .set({ ended_at: sql<Date>`coalesce(ended_at, ${now})` })
      .where('organization_id', '=', context.organizationId)
      .where('patient_id', '=', patientId)
      .where('id', '=', proxyId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw patientError('PROXY_NOT_FOUND', 'No such proxy for this patient.');
    if (row.user_id) {
      await trx
        .deleteFrom('account_patient_link')
        .where('organization_id', '=', context.organizationId)
        .where('user_id', '=', row.user_id)
        .where('patient_id', '=', patientId)
        .execute();
    }
    await recordAudit(
      trx,
      context,
      {
        action: 'update',
        patientId,
        resourceType: 'PatientProxy',
        resourceId: proxyId,
        details: { ended: true },
      },
      now,
    );
    return toProxy(row, now.toISOString().slice(0, 10));
  });
}

/**
 * Gives an active proxy their portal account (an existing patient-portal account of the organization, found by
 * email): the account then acts for the patient in the portal, in the areas the proxy's permissions open and until
 * the proxy ends or its last day passes (the session reads both each time).
 */
export async function linkProxyAccount(
  db: Db,
  clock: Clock,
  context: ActorContext,
  patientId: string,
  proxyId: string,
  input: z.output<typeof ZLinkProxyAccountRequest>,
) {
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  await requirePatient(db, context, patientId, now);
  return inTransaction(db, async (trx) => {
    const proxy = await trx
      .selectFrom('patient_proxy')
      .selectAll()
      .where('organization_id', '=', context.organizationId)
      .where('patient_id', '=', patientId)
      .where('id', '=', proxyId)
      .forUpdate()
      .executeTakeFirst();
    if (!proxy) throw patientError('PROXY_NOT_FOUND', 'No such proxy for this patient.');
    if (!toProxy(proxy, today).active) {
      throw patientError(
        'PROXY_NOT_ACTIVE',
        'This proxy has ended; name them again to give them an account.',
      );
    }
    const account = await trx
      .selectFrom('app_user')
      .select(['id'])
      .where('organization_id', '=', context.organizationId)
      .where(sql<string>`lower(email)`, '=', input.email.toLowerCase())
      .where('role', '=', 'patient')
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!account) {
      throw patientError('PROXY_ACCOUNT_NOT_FOUND', 'No portal account has that email.', {
        fields: [{ path: 'body.email', message: 'No portal account with this email' }],
      });
    }
    const links = await trx
      .selectFrom('account_patient_link')
      .select(['user_id', 'relationship'])
      .where('organization_id', '=', context.organizationId)
      .where('patient_id', '=', patientId)
      .where('user_id', '=', account.id)
      .execute();
    if (links.some((link) => link.relationship === 'self')) {
      throw patientError('PROXY_ACCOUNT_CONFLICT', "That is the patient's own account.");
    }
    if (proxy.user_id !== null && proxy.user_id !== account.id) {
      throw patientError(
        'PROXY_ACCOUNT_CONFLICT',
        'This proxy already has another portal account; end the proxy and name them again to change it.',
      );
    }
    const row = await trx
      .updateTable('patient_proxy')
      .set({ user_id: account.id })
      .where('organization_id', '=', context.organizationId)
      .where('id', '=', proxyId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (links.length === 0) {
      await trx
        .insertInto('account_patient_link')
        .values({
          organization_id: context.organizationId,
          user_id: account.id,
          patient_id: patientId,
          relationship: proxy.relationship,
        })
        .execute();
    }
    await recordAudit(
      trx,
      context,
      { action: 'update', patientId, resourceType: 'PatientProxy', resourceId: proxyId },
      now,
    );
    return toProxy(row, today);
  });
}
