import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.repository';
import type { PortalInvitationTable } from './invitations.tables';

export type InvitationRow = Selectable<PortalInvitationTable>;

/** The patient as an invitation needs them: who they are, where mail goes, their language, their own account. */
export async function invitationPatient(executor: Executor, organizationId: string, patientId: string) {
  return executor
    .selectFrom('patient as p')
    .leftJoin('account_patient_link as l', (join) =>
      join
        .onRef('l.organization_id', '=', 'p.organization_id')
        .onRef('l.patient_id', '=', 'p.id')
        .on('l.relationship', '=', 'self'),
    )
    .leftJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'l.organization_id').onRef('u.id', '=', 'l.user_id'),
    )
    .select([
      'p.id',
      'p.given_names',
      'p.family_name',
      'p.email',
      'p.preferred_language',
      'p.merged_into',
      'u.id as account_id',
      'u.email as account_email',
      'u.created_at as account_created_at',
      'u.disabled_at as account_disabled_at',
    ])
    .where('p.organization_id', '=', organizationId)
    .where('p.id', '=', patientId)
    .executeTakeFirst();
}

export async function findProxy(
  executor: Executor,
  organizationId: string,
  patientId: string,
  proxyId: string,
) {
  return executor
    .selectFrom('patient_proxy')
    .select(['id', 'name', 'relationship', 'email', 'user_id', 'ended_at', 'valid_until'])
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('id', '=', proxyId)
    .executeTakeFirst();
}

/** A patient's invitations (or one of them), newest first, with who sent each and who each is for. */
export async function listInvitations(
  executor: Executor,
  organizationId: string,
  patientId: string,
  invitationId?: string,
) {
  let query = executor
    .selectFrom('portal_invitation as i')
    .leftJoin('app_user as u', (join) =>
      join.onRef('u.organization_id', '=', 'i.organization_id').onRef('u.id', '=', 'i.created_by'),
    )
    .leftJoin('patient_proxy as x', (join) =>
      join.onRef('x.organization_id', '=', 'i.organization_id').onRef('x.id', '=', 'i.proxy_id'),
    )
    .selectAll('i')
    .select([
      'u.display_name as created_by_name',
      'x.name as proxy_name',
      'x.relationship as proxy_relationship',
    ])
    .where('i.organization_id', '=', organizationId)
    .where('i.patient_id', '=', patientId);
  if (invitationId) query = query.where('i.id', '=', invitationId);
  return query.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').execute();
}

export type ListedInvitation = Awaited<ReturnType<typeof listInvitations>>[number];

/** Closes the recipient's invitations still open for use (a new one replaces them). */
export async function replacePendingInvitations(
  executor: Executor,
  organizationId: string,
  recipient: { patientId: string; proxyId: string | null },
  now: Date,
  byUserId: string | null,
) {
  await executor
    .updateTable('portal_invitation')
    .set({ revoked_at: now, revoked_by: byUserId, revoked_reason: 'replaced' })
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', recipient.patientId)
    .where(sql<boolean>`proxy_id is not distinct from ${recipient.proxyId}::uuid`)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * An invitation by its token, with what the link page and the acceptance need: the patient's date of birth and
 * names, the proxy it is for, the organization's name and settings, and whether the email has an account.
 */
export async function findInvitationByToken(executor: Executor, organizationId: string, tokenHash: string) {
  return executor
    .selectFrom('portal_invitation as i')
    .innerJoin('patient as p', (join) =>
      join.onRef('p.organization_id', '=', 'i.organization_id').onRef('p.id', '=', 'i.patient_id'),
    )
    .innerJoin('organization as o', 'o.id', 'i.organization_id')
    .leftJoin('patient_proxy as x', (join) =>
      join.onRef('x.organization_id', '=', 'i.organization_id').onRef('x.id', '=', 'i.proxy_id'),
    )
    .leftJoin('app_user as u', (join) =>
      join
        .onRef('u.organization_id', '=', 'i.organization_id')
        .on(sql`lower(u.email)`, '=', sql`lower(i.email)`),
    )
    .selectAll('i')
    .select([
      'p.birth_date',
      'p.given_names',
      'p.family_name',
      'p.merged_into',
      'o.name as organization_name',
      'o.settings as organization_settings',
      'x.name as proxy_name',
      'x.relationship as proxy_relationship',
      'x.ended_at as proxy_ended_at',
      'x.valid_until as proxy_valid_until',
      'x.user_id as proxy_user_id',
      'u.id as existing_user_id',
      'u.role as existing_role',
      'u.password_hash as existing_password_hash',
      'u.disabled_at as existing_disabled_at',
      'u.totp_enabled_at as existing_totp_enabled_at',
      (eb) =>
        eb
          .selectFrom('account_patient_link as own')
          .select('own.user_id')
          .whereRef('own.organization_id', '=', 'i.organization_id')
          .whereRef('own.patient_id', '=', 'i.patient_id')
          .where('own.relationship', '=', 'self')
          .limit(1)
          .as('own_account_id'),
    ])
    .where('i.organization_id', '=', organizationId)
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export type InvitationByToken = NonNullable<Awaited<ReturnType<typeof findInvitationByToken>>>;

/**
 * Counts a wrong answer given with the link, in its own statement (so a refusal still counts it); at `limit` the
 * invitation is revoked. Returns whether it is still usable.
 */
export async function countFailedTry(
  executor: Executor,
  organizationId: string,
  id: string,
  limit: number,
  now: Date,
): Promise<boolean> {
  const row = await executor
    .updateTable('portal_invitation')
    .set((eb) => ({
      failed_tries: eb('failed_tries', '+', 1),
      revoked_at: sql`case when failed_tries + 1 >= ${limit} then ${now}::timestamptz end`,
      revoked_reason: sql`case when failed_tries + 1 >= ${limit} then 'too-many-tries' end`,
    }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('revoked_at')
    .executeTakeFirst();
  return row !== undefined && row.revoked_at === null;
}

/** Marks an open invitation used by an account; false when it was used or closed meanwhile. */
export async function markAccepted(
  executor: Executor,
  organizationId: string,
  id: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const result = await executor
    .updateTable('portal_invitation')
    .set({ accepted_at: now, accepted_user_id: userId })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The account an email has in the organization, if any: its role, whether disabled, whose own account it is. */
export async function accountOfEmail(executor: Executor, organizationId: string, email: string) {
  return executor
    .selectFrom('app_user as u')
    .leftJoin('account_patient_link as l', (join) =>
      join
        .onRef('l.organization_id', '=', 'u.organization_id')
        .onRef('l.user_id', '=', 'u.id')
        .on('l.relationship', '=', 'self'),
    )
    .select(['u.id', 'u.role', 'u.disabled_at', 'l.patient_id as own_patient_id'])
    .where('u.organization_id', '=', organizationId)
    .where(sql<string>`lower(u.email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}
