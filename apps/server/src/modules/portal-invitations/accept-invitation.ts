import type { AcceptPortalInvitation, PortalInvitationLink } from '@patientdesk/contracts';
import { systemContext, type ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import { createAccount } from '../../platform/auth/accounts';
import { insertPatientLink } from '../../platform/auth/auth.repository';
import { passwordProblem, verifyPassword } from '../../platform/auth/passwords';
import { openSession, sessionIdleMinutes } from '../../platform/auth/sessions';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config/config';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { readLinkToken } from '../../platform/link-token';
import { clinicName, clinicPhone } from '../reminders';
import { invitationError } from './invitations.errors';
import {
  countFailedTry,
  findInvitationByToken,
  markAccepted,
  type InvitationByToken,
} from './invitations.repository';
import { maskEmail } from './invitation-text';

/** Wrong dates of birth (or passwords of an existing account) before an invitation closes. */
export const MAX_FAILED_TRIES = 5;

export type AcceptDeps = {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>;
};
type Source = { requestId: string; sourceAddress: string; userAgent: string | null };

function linkState(invitation: InvitationByToken, now: Date): PortalInvitationLink['state'] {
  if (invitation.accepted_at) return 'accepted';
  if (invitation.revoked_at || !stillApplies(invitation, now)) return 'revoked';
  if (now >= invitation.expires_at || invitation.merged_into) return 'expired';
  return 'open';
}

/**
 * Whether what the invitation was for still stands: the proxy still acts for the patient and has no account for
 * them yet; the patient has no account of their own, other than the one the address already is.
 */
function stillApplies(invitation: InvitationByToken, now: Date): boolean {
  if (invitation.proxy_id !== null) {
    const today = now.toISOString().slice(0, 10);
    return (
      invitation.proxy_ended_at === null &&
      (invitation.proxy_valid_until === null || invitation.proxy_valid_until >= today) &&
      invitation.proxy_user_id === null
    );
  }
  return invitation.own_account_id === null || invitation.own_account_id === invitation.existing_user_id;
}

/** An account the email already has can take the record only if it is a patient's, enabled, and not someone else's own. */
function usableExisting(invitation: InvitationByToken) {
  return (
    invitation.existing_user_id !== null &&
    invitation.existing_role === 'patient' &&
    !invitation.existing_disabled_at
  );
}

async function lookUp(db: Db, token: string, source: Source) {
  const parsed = readLinkToken(token);
  const invitation = parsed ? await findInvitationByToken(db, parsed.organizationId, parsed.hash) : undefined;
  if (!parsed || !invitation) throw invitationError('INVITATION_NOT_FOUND', 'This link is not valid.');
  const context: ActorContext = {
    ...systemContext(parsed.organizationId, source.requestId),
    sourceAddress: source.sourceAddress,
  };
  return { invitation, context };
}

/**
 * What an invitation link is for, for the page it opens: the clinic, the account's email partly hidden, whether
 * that email has an account already. No name and no date of birth: whoever holds the link learns only this, and the
 * read is audited against the patient.
 */
export async function describeInvitation(
  deps: Pick<AcceptDeps, 'db' | 'clock'>,
  token: string,
  source: Source,
): Promise<PortalInvitationLink> {
  const now = deps.clock.now();
  const { invitation, context } = await lookUp(deps.db, token, source);
  await recordAudit(
    deps.db,
    context,
    {
      action: 'read',
      patientId: invitation.patient_id,
      resourceType: 'PortalInvitation',
      resourceId: invitation.id,
      reason: 'invitation link opened',
    },
    now,
  );
  const settings = invitation.organization_settings;
  return {
    state: linkState(invitation, now),
    clinicName: clinicName(invitation.organization_name, settings),
    clinicPhone: clinicPhone(null, settings),
    language: invitation.language,
    email: maskEmail(invitation.email),
    existingAccount: usableExisting(invitation),
    forProxy: invitation.proxy_id !== null,
  };
}

/**
 * Uses an invitation: the patient's date of birth must match; then a new portal account is made with the email and
 * password (or, when the email has a patient account already, its password adds the record to it), the account is
 * linked to the record as the patient's own or as the proxy's, the invitation is spent, and a session opens.
 * A wrong date of birth or password counts against the invitation, which closes after five.
 */
export async function acceptInvitation(
  deps: AcceptDeps,
  input: AcceptPortalInvitation,
  source: Source,
): Promise<{ cookieValue: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const { invitation, context } = await lookUp(deps.db, input.token, source);
  if (linkState(invitation, now) !== 'open') {
    throw invitationError(
      'INVITATION_CLOSED',
      'This invitation can no longer be used. Ask the clinic for a new one.',
    );
  }
  const refuse = async (
    code: 'BIRTH_DATE_MISMATCH' | 'WRONG_PASSWORD',
    path: string,
    message: string,
  ): Promise<never> => {
    const usable = await countFailedTry(
      deps.db,
      invitation.organization_id,
      invitation.id,
      MAX_FAILED_TRIES,
      now,
    );
    await recordAudit(
      deps.db,
      context,
      {
        action: 'update',
        outcome: 'denied',
        patientId: invitation.patient_id,
        resourceType: 'PortalInvitation',
        resourceId: invitation.id,
        reason: code === 'BIRTH_DATE_MISMATCH' ? 'wrong date of birth' : 'wrong password',
      },
      now,
    );
    if (!usable) {
      throw invitationError(
        'INVITATION_CLOSED',
        'That did not match too many times, so this invitation is closed. Ask the clinic for a new one.',
      );
    }
    throw invitationError(code, message, { fields: [{ path, message }] });
  };
  if (input.birthDate !== invitation.birth_date) {
    await refuse('BIRTH_DATE_MISMATCH', 'body.birthDate', 'That date of birth does not match our records.');
  }
  const forProxy = invitation.proxy_id !== null;
  const userId = invitation.existing_user_id;
  if (userId) {
    if (!usableExisting(invitation)) {
      throw invitationError(
        'EMAIL_BELONGS_TO_ANOTHER',
        'This email cannot be used for the portal here. Call the clinic to use another one.',
      );
    }
    if (invitation.existing_totp_enabled_at) {
      throw invitationError(
        'TWO_STEP_ACCOUNT',
        'Your account uses two-step sign-in, which this link cannot get around. Call the clinic for help.',
      );
    }
    if (!(await verifyPassword(invitation.existing_password_hash, input.password))) {
      await refuse('WRONG_PASSWORD', 'body.password', 'That is not the password of this account.');
    }
  } else {
    const problem = passwordProblem(input.password);
    if (problem)
      throw invitationError('PASSWORD_WEAK', problem, {
        fields: [{ path: 'body.password', message: problem }],
      });
  }
  return inTransaction(deps.db, async (trx) => {
    const organizationId = invitation.organization_id;
    const links = await trx
      .selectFrom('account_patient_link')
      .select(['user_id', 'patient_id', 'relationship'])
      .where('organization_id', '=', organizationId)
      .where((eb) =>
        eb.or([
          eb('patient_id', '=', invitation.patient_id).and('relationship', '=', 'self'),
          ...(userId ? [eb('user_id', '=', userId)] : []),
        ]),
      )
      .execute();
    const ownAccount = links.find(
      (link) => link.patient_id === invitation.patient_id && link.relationship === 'self',
    );
    if (!forProxy && ownAccount && ownAccount.user_id !== userId) {
      throw invitationError('INVITATION_CLOSED', 'This record has a portal account already. Sign in to it.');
    }
    if (
      !forProxy &&
      userId &&
      links.some(
        (link) =>
          link.user_id === userId &&
          link.relationship === 'self' &&
          link.patient_id !== invitation.patient_id,
      )
    ) {
      throw invitationError(
        'EMAIL_BELONGS_TO_ANOTHER',
        "This email is another person's own portal account. Call the clinic to use another email.",
      );
    }
    // A new account of the patient's own is linked to the record as it is made; any other gets its link here.
    const linked =
      userId !== null &&
      links.some((link) => link.user_id === userId && link.patient_id === invitation.patient_id);
    const accountId =
      userId ??
      (await createAccount(trx, {
        organizationId,
        email: invitation.email,
        displayName: forProxy
          ? (invitation.proxy_name ?? invitation.email)
          : `${invitation.given_names} ${invitation.family_name}`,
        role: 'patient',
        password: input.password,
        ...(forProxy ? {} : { patientId: invitation.patient_id }),
      }));
    if (!linked && (userId !== null || forProxy)) {
      await insertPatientLink(trx, {
        organization_id: organizationId,
        user_id: accountId,
        patient_id: invitation.patient_id,
        relationship: forProxy ? (invitation.proxy_relationship ?? 'other') : 'self',
      });
    }
    if (forProxy) {
      await trx
        .updateTable('patient_proxy')
        .set({ user_id: accountId })
        .where('organization_id', '=', organizationId)
        .where('id', '=', invitation.proxy_id!)
        .execute();
    }
    if (!(await markAccepted(trx, organizationId, invitation.id, accountId, now))) {
      throw invitationError('INVITATION_CLOSED', 'This invitation was just used or withdrawn.');
    }
    await recordAudit(
      trx,
      { ...context, actor: { id: accountId, role: 'patient' } },
      {
        action: 'update',
        patientId: invitation.patient_id,
        resourceType: 'PortalInvitation',
        resourceId: invitation.id,
        reason: 'invitation accepted',
        details: { forProxy, existingAccount: invitation.existing_user_id !== null },
      },
      now,
    );
    return openSession(trx, deps.clock, {
      organizationId,
      userId: accountId,
      idleMinutes: sessionIdleMinutes(invitation.organization_settings, deps.config),
      absoluteHours: deps.config.sessionAbsoluteHours,
      sourceAddress: source.sourceAddress,
      userAgent: source.userAgent,
    });
  });
}
