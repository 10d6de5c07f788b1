import type { NewPortalInvitation, PortalAccess, PortalInvitation } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { uuidv7 } from '../../platform/ids';
import { newLinkToken } from '../../platform/link-token';
import { organizationProfile } from '../../platform/tenancy/organizations.repository';
import { queueMessage } from '../../platform/notify/queue-message';
import { assertMayOpenRecord } from '../confidentiality';
import { clinicName, clinicPhone, messageLanguage } from '../reminders';
import { invitationError } from './invitations.errors';
import {
  accountOfEmail,
  findProxy,
  invitationPatient,
  listInvitations,
  replacePendingInvitations,
  type ListedInvitation,
} from './invitations.repository';
import { invitationEmail } from './invitation-text';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

export type InvitationDeps = { db: Db; clock: Clock; linkBase: string };

/** The page an invitation opens; the token rides in the fragment, which browsers never send to a server. */
export function invitationLink(linkBase: string, token: string): string {
  return `${linkBase}/portal/join#token=${token}`;
}

const RELATIONSHIP_WORDS: Record<string, string> = {
  parent: 'parent',
  guardian: 'guardian',
  caregiver: 'caregiver',
  other: 'proxy',
};

export function toInvitation(row: ListedInvitation, now: Date): PortalInvitation {
  const state = row.accepted_at
    ? 'accepted'
    : row.revoked_at
      ? 'revoked'
      : now >= row.expires_at
        ? 'expired'
        : 'pending';
  return {
    id: row.id,
    proxyId: row.proxy_id,
    recipientLabel: row.proxy_id
      ? `${row.proxy_name ?? 'Proxy'} (${RELATIONSHIP_WORDS[row.proxy_relationship ?? 'other'] ?? 'proxy'})`
      : 'Patient',
    email: row.email,
    language: row.language,
    state,
    sentAt: row.created_at.toISOString(),
    sentByName: row.created_by_name,
    expiresAt: row.expires_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedReason: row.revoked_reason,
  };
}

async function openPatient(
  db: Db,
  context: ActorContext,
  patientId: string,
  now: Date,
  action: 'read' | 'update',
) {
  const patient = await invitationPatient(db, context.organizationId, patientId);
  if (!patient) throw invitationError('PATIENT_NOT_FOUND', 'No patient with that id.');
  await assertMayOpenRecord(db, context, patientId, now, {
    action,
    resourceType: 'PortalInvitation',
    resourceId: patientId,
  });
  return patient;
}

/** Whether the patient has a portal account, the email on file, and every invitation sent (audited as a read). */
export async function readPortalAccess(
  deps: Pick<InvitationDeps, 'db' | 'clock'>,
  context: ActorContext,
  patientId: string,
): Promise<PortalAccess> {
  const now = deps.clock.now();
  const patient = await openPatient(deps.db, context, patientId, now, 'read');
  const rows = await listInvitations(deps.db, context.organizationId, patientId);
  await recordAudit(
    deps.db,
    context,
    { action: 'read', patientId, resourceType: 'PortalInvitation', resourceId: patientId },
    now,
  );
  return {
    account: patient.account_id
      ? {
          email: patient.account_email!,
          since: patient.account_created_at!.toISOString(),
          disabled: patient.account_disabled_at !== null,
        }
      : null,
    emailOnFile: patient.email,
    invitations: rows.map((row) => toInvitation(row, now)),
  };
}

/**
 * Emails the patient (or one of their active proxies) a single-use link to make a portal account, replacing any
 * invitation of theirs still open. The email names the clinic, not the patient.
 */
export async function inviteToPortal(
  deps: InvitationDeps,
  context: ActorContext,
  patientId: string,
  input: NewPortalInvitation,
): Promise<PortalInvitation> {
  const now = deps.clock.now();
  const patient = await openPatient(deps.db, context, patientId, now, 'update');
  if (patient.merged_into) throw invitationError('PATIENT_NOT_FOUND', 'This record was merged into another.');
  let email: string | null;
  if (input.proxyId) {
    const proxy = await findProxy(deps.db, context.organizationId, patientId, input.proxyId);
    const today = now.toISOString().slice(0, 10);
    if (!proxy || proxy.ended_at || (proxy.valid_until !== null && proxy.valid_until < today)) {
      throw invitationError('PROXY_NOT_ACTIVE', 'That person does not act for this patient now.', {
        fields: [{ path: 'body.proxyId', message: 'Not an active proxy of this patient' }],
      });
    }
    if (proxy.user_id) {
      throw invitationError('PORTAL_ACCOUNT_EXISTS', 'This proxy already uses the portal for the patient.');
    }
    email = input.email ?? proxy.email;
  } else {
    if (patient.account_id) {
      throw invitationError('PORTAL_ACCOUNT_EXISTS', 'The patient already has a portal account.');
    }
    email = input.email ?? patient.email;
  }
  if (!email) {
    throw invitationError('NO_EMAIL', 'There is no email on file. Type the address to send it to.', {
      fields: [{ path: 'body.email', message: 'Needed: none on file' }],
    });
  }
  email = email.trim().toLowerCase();
  // Caught here rather than when the link is used: a staff address, a disabled account, or another patient's own.
  const owner = await accountOfEmail(deps.db, context.organizationId, email);
  if (
    owner &&
    (owner.role !== 'patient' ||
      owner.disabled_at !== null ||
      (!input.proxyId && owner.own_patient_id !== null && owner.own_patient_id !== patientId))
  ) {
    throw invitationError(
      'EMAIL_BELONGS_TO_ANOTHER',
      'This email belongs to another account here. Use an address of the patient’s (or the proxy’s) own.',
      { fields: [{ path: 'body.email', message: 'Belongs to another account' }] },
    );
  }
  const language = input.language ?? messageLanguage(patient.preferred_language);
  const organization = (await organizationProfile(deps.db, context.organizationId))!;
  const { token, hash } = newLinkToken(context.organizationId);
  const message = invitationEmail(language, {
    clinicName: clinicName(organization.name, organization.settings),
    clinicPhone: clinicPhone(null, organization.settings),
    link: invitationLink(deps.linkBase, token),
    days: INVITATION_DAYS,
    forProxy: input.proxyId !== undefined,
  });
  const id = uuidv7(now.getTime());
  const proxyId = input.proxyId ?? null;
  await inTransaction(deps.db, async (trx) => {
    await replacePendingInvitations(
      trx,
      context.organizationId,
      { patientId, proxyId },
      now,
      context.actor?.id ?? null,
    );
    await trx
      .insertInto('portal_invitation')
      .values({
        organization_id: context.organizationId,
        id,
        patient_id: patientId,
        proxy_id: proxyId,
        email,
        language,
        token_hash: hash,
        expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
        created_by: context.actor?.id ?? null,
        created_at: now,
      })
      .execute();
    await queueMessage(trx, context, {
      channel: 'email',
      recipient: email,
      subject: message.subject,
      body: message.body,
      patientId,
      purpose: 'portal-invitation',
    });
    await recordAudit(
      trx,
      context,
      {
        action: 'create',
        patientId,
        resourceType: 'PortalInvitation',
        resourceId: id,
        details: { forProxy: proxyId !== null },
      },
      now,
    );
  });
  const [sent] = await listInvitations(deps.db, context.organizationId, patientId, id);
  return toInvitation(sent!, now);
}

/** Withdraws an invitation not yet used: its link stops working at once. */
export async function withdrawInvitation(
  deps: Pick<InvitationDeps, 'db' | 'clock'>,
  context: ActorContext,
  patientId: string,
  invitationId: string,
): Promise<PortalInvitation> {
  const now = deps.clock.now();
  await openPatient(deps.db, context, patientId, now, 'update');
  const withdrawn = await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('portal_invitation')
      .set({ revoked_at: now, revoked_by: context.actor?.id ?? null, revoked_reason: 'withdrawn' })
      .where('organization_id', '=', context.organizationId)
      .where('patient_id', '=', patientId)
      .where('id', '=', invitationId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (row) {
      await recordAudit(
        trx,
        context,
        {
          action: 'update',
          patientId,
          resourceType: 'PortalInvitation',
          resourceId: invitationId,
          reason: 'withdrawn',
        },
        now,
      );
    }
    return row !== undefined;
  });
  const [current] = await listInvitations(deps.db, context.organizationId, patientId, invitationId);
  if (!current) throw invitationError('INVITATION_NOT_FOUND', 'No such invitation for this patient.');
  if (!withdrawn)
    throw invitationError('INVITATION_CLOSED', 'This invitation was already used, withdrawn or replaced.');
  return toInvitation(current, now);
}
