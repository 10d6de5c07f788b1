import type { Role } from '@patientdesk/contracts';
import { systemContext } from '../access/context';
import { recordAudit, type Executor } from '../audit/audit.repository';
import { defineErrors } from '../http/errors';
import { uuidv7 } from '../ids';
import { hashPassword, passwordProblem } from './passwords';
import { insertAccount, insertPatientLink, setAccountDisabled } from './auth.repository';
import { revokeAllSessions } from './auth.repository';
import { pgConstraint, pgErrorCode } from '../db/transaction';

export const AccountErrors = {
  /** The password is too short or too long. */
  PASSWORD_WEAK: 'unprocessable',
  /** Another account in the organization has this email. */
  EMAIL_TAKEN: 'conflict',
  /** No account with that email in the organization. */
  ACCOUNT_NOT_FOUND: 'not_found',
} as const;
export const accountError = defineErrors(AccountErrors);

export type NewAccount = {
  organizationId: string;
  email: string;
  displayName: string;
  role: Role;
  password: string;
  isDemo?: boolean;
  /** For a patient account: the patient record it belongs to. */
  patientId?: string;
};

/** Creates a staff or patient account. A patient account is linked to its own record. */
export async function createAccount(executor: Executor, account: NewAccount): Promise<string> {
  const problem = passwordProblem(account.password);
  if (problem) throw accountError('PASSWORD_WEAK', problem);
  const id = uuidv7();
  const passwordHash = await hashPassword(account.password);
  try {
    await insertAccount(executor, {
      organization_id: account.organizationId,
      id,
      email: account.email.trim().toLowerCase(),
      display_name: account.displayName,
      role: account.role,
      password_hash: passwordHash,
      is_demo: account.isDemo ?? false,
    });
  } catch (error) {
    if (pgErrorCode(error) === '23505' && pgConstraint(error) === 'app_user_email_per_organization') {
      throw accountError('EMAIL_TAKEN', 'An account with this email already exists in the organization.');
    }
    throw error;
  }
  if (account.role === 'patient' && account.patientId) {
    await insertPatientLink(executor, {
      organization_id: account.organizationId,
      user_id: id,
      patient_id: account.patientId,
      relationship: 'self',
    });
  }
  await recordAudit(executor, systemContext(account.organizationId), {
    action: 'create',
    resourceType: 'User',
    resourceId: id,
    patientId: account.patientId ?? null,
    details: { role: account.role },
  });
  return id;
}

/** Disables an account and ends all its sessions at once. */
export async function disableAccount(executor: Executor, organizationId: string, email: string, now: Date) {
  const userId = await setAccountDisabled(executor, organizationId, email.trim().toLowerCase(), now);
  if (!userId) throw accountError('ACCOUNT_NOT_FOUND', 'No account with that email in the organization.');
  const sessions = await revokeAllSessions(executor, organizationId, userId, now);
  await recordAudit(executor, systemContext(organizationId), {
    action: 'update',
    resourceType: 'User',
    resourceId: userId,
    details: { disabled: true, sessionsEnded: sessions },
  });
  return { userId, sessionsEnded: sessions };
}
