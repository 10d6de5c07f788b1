import type { LoginRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../access/context';
import { recordAudit, type Executor } from '../audit/audit.repository';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import { inTransaction } from '../db/transaction';
import type { Db } from '../db/database';
import { authError } from './auth.errors';
import { findAccountsByEmail, recentFailures, recordLoginAttempt, type AccountRow } from './auth.repository';
import { verifyPassword } from './passwords';
import { openSession, sessionIdleMinutes } from './sessions';
import { verifyTotp } from './totp';

export type LoginSource = { sourceAddress: string; userAgent: string | null; requestId: string | null };

type LockPolicy = Config['login'];

/**
 * When the failures (newest first) lock the key: `max` failures within the window lock it until the newest plus
 * the lock time. Null when not locked.
 */
export function lockedUntil(
  failures: readonly Date[],
  max: number,
  policy: LockPolicy,
  now: Date,
): Date | null {
  if (failures.length < max) return null;
  const newest = failures[0] as Date;
  const oldestCounted = failures[max - 1] as Date;
  if (newest.getTime() - oldestCounted.getTime() >= policy.windowMinutes * 60_000) return null;
  const until = new Date(newest.getTime() + policy.lockMinutes * 60_000);
  return until > now ? until : null;
}

async function lockFor(db: Executor, policy: LockPolicy, accountKey: string, address: string, now: Date) {
  const since = new Date(now.getTime() - (policy.windowMinutes + policy.lockMinutes) * 60_000);
  const [byAccount, byAddress] = await Promise.all([
    recentFailures(db, 'account', accountKey, since, policy.maxFailures),
    recentFailures(db, 'address', address, since, policy.addressMaxFailures),
  ]);
  const candidates = [
    lockedUntil(byAccount, policy.maxFailures, policy, now),
    lockedUntil(byAddress, policy.addressMaxFailures, policy, now),
  ].filter((until): until is Date => until !== null);
  return candidates.length ? new Date(Math.max(...candidates.map((until) => until.getTime()))) : null;
}

function contextFor(account: AccountRow, source: LoginSource): ActorContext {
  return {
    organizationId: account.organization_id,
    actor: null,
    patientScope: null,
    requestId: source.requestId,
    sourceAddress: source.sourceAddress,
  };
}

/**
 * Signs in with email, password and (when enrolled) a TOTP code. Failed attempts are counted per account and per
 * address; past the limit the answer is 429 until the lock ends, whatever the password. Every outcome on a real
 * account is audited in its organization.
 */
export async function login(
  deps: { db: Db; clock: Clock; config: Config },
  input: LoginRequest,
  source: LoginSource,
): Promise<{ cookieValue: string; expiresAt: Date; account: AccountRow }> {
  const { db, clock, config } = deps;
  const policy = config.login;
  const now = clock.now();
  const accountKey = input.email.trim().toLowerCase();

  let accounts = await findAccountsByEmail(db, accountKey);
  if (input.organization)
    accounts = accounts.filter((account) => account.organization_slug === input.organization);
  if (accounts.length > 1) {
    throw authError(
      'ORGANIZATION_REQUIRED',
      'This email has accounts in more than one organization. Choose one.',
      {
        fields: [{ path: 'organization', message: 'Choose the organization to sign in to' }],
      },
    );
  }
  const account = accounts[0] ?? null;

  const locked = await lockFor(db, policy, accountKey, source.sourceAddress, now);
  if (locked) {
    if (account) {
      await recordAudit(
        db,
        contextFor(account, source),
        { action: 'login-locked', outcome: 'denied', actorId: account.id, actorRole: account.role },
        now,
      );
    }
    throw authError('LOGIN_RATE_LIMITED', 'Too many failed sign-ins. Wait before trying again.', {
      retryAfterSeconds: Math.max(1, Math.ceil((locked.getTime() - now.getTime()) / 1000)),
    });
  }

  const passwordOk = await verifyPassword(account?.password_hash ?? null, input.password);
  const usable = account !== null && account.disabled_at === null && passwordOk;

  if (usable && account.totp_enabled_at && account.totp_secret && !input.totp) {
    throw authError('MFA_REQUIRED', 'Enter the 6-digit code from your authenticator app.', {
      fields: [{ path: 'totp', message: 'Required for this account' }],
    });
  }
  const totpOk =
    !usable || !account.totp_enabled_at || verifyTotp(account.totp_secret ?? '', input.totp ?? '', now);

  if (!usable || !totpOk) {
    await inTransaction(db, async (trx) => {
      await recordLoginAttempt(trx, {
        organizationId: account?.organization_id ?? null,
        accountKey,
        sourceAddress: source.sourceAddress,
        succeeded: false,
        at: now,
      });
      if (!account) return;
      const context = contextFor(account, source);
      const reason = !passwordOk ? 'bad-password' : account.disabled_at ? 'account-disabled' : 'bad-mfa-code';
      await recordAudit(
        trx,
        context,
        {
          action: 'login-failed',
          outcome: 'failure',
          actorId: account.id,
          actorRole: account.role,
          details: { reason },
        },
        now,
      );
      if (await lockFor(trx, policy, accountKey, source.sourceAddress, now)) {
        await recordAudit(
          trx,
          context,
          { action: 'login-locked', outcome: 'denied', actorId: account.id, actorRole: account.role },
          now,
        );
      }
    });
    if (usable && !totpOk) throw authError('MFA_INVALID', 'That code did not match. Try the newest code.');
    throw authError('INVALID_CREDENTIALS', 'The email or password is not correct.');
  }

  const idleMinutes = sessionIdleMinutes(account.organization_settings, config);
  return inTransaction(db, async (trx) => {
    await recordLoginAttempt(trx, {
      organizationId: account.organization_id,
      accountKey,
      sourceAddress: source.sourceAddress,
      succeeded: true,
      at: now,
    });
    const opened = await openSession(trx, clock, {
      organizationId: account.organization_id,
      userId: account.id,
      idleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
      sourceAddress: source.sourceAddress,
      userAgent: source.userAgent,
    });
    await recordAudit(
      trx,
      contextFor(account, source),
      { action: 'login', actorId: account.id, actorRole: account.role },
      now,
    );
    return { ...opened, account };
  });
}
