import {
  ZLoginRequest,
  ZLogoutRequest,
  ZMeta,
  ZSession,
  ZTotpConfirmRequest,
  ZTotpEnrollment,
  type Role,
} from '@patientdesk/contracts';
import { recordAudit } from '../audit/audit.repository';
import { actorContext } from '../http/context';
import { commonError } from '../http/errors';
import type { App, ServerDeps } from '../http/server';
import { inTransaction } from '../db/transaction';
import { authError } from './auth.errors';
import { demoAccounts, enableTotp, findAccount, setTotpSecret } from './auth.repository';
import { login } from './login';
import { closeSession, loadSession, SESSION_COOKIE, sessionCookieOptions, sessionView } from './sessions';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp';

const VERSION = '0.1.0';

/** Sign-in, sign-out, the current session, TOTP enrolment, and what the web app needs to know before sign-in. */
export function registerAuthRoutes(app: App, deps: ServerDeps): void {
  const { database, clock, config } = deps;
  const db = database.db;

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        security: [],
        body: ZLoginRequest,
        response: { 200: ZSession },
      },
    },
    async (request, reply) => {
      const result = await login({ db, clock, config }, request.body, {
        sourceAddress: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      reply.setCookie(SESSION_COOKIE, result.cookieValue, {
        ...sessionCookieOptions(config, request.protocol),
        expires: result.expiresAt,
      });
      const auth = await loadSession(
        db,
        clock,
        result.cookieValue,
        async () => result.account.organization_settings,
      );
      if (!auth) throw commonError('UNAUTHENTICATED', 'The session could not be opened.');
      return sessionView(auth);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Sign out (here, or everywhere)', body: ZLogoutRequest.optional() },
    },
    async (request, reply) => {
      const auth = request.auth;
      if (!auth) throw commonError('UNAUTHENTICATED', 'Sign in to continue.');
      const everywhere = request.body?.everywhere ?? false;
      await inTransaction(db, async (trx) => {
        const ended = await closeSession(trx, clock, auth, everywhere);
        await recordAudit(trx, actorContext(request), {
          action: 'logout',
          details: { everywhere, sessionsEnded: ended },
        });
      });
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config, request.protocol));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: 'The current session', response: { 200: ZSession } },
    },
    async (request) => {
      if (!request.auth) throw commonError('UNAUTHENTICATED', 'Sign in to continue.');
      return sessionView(request.auth);
    },
  );

  app.post(
    '/api/auth/totp/enroll',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment: returns a secret to add to an authenticator app',
        response: { 200: ZTotpEnrollment },
      },
    },
    async (request) => {
      const auth = request.auth;
      if (!auth) throw commonError('UNAUTHENTICATED', 'Sign in to continue.');
      if (auth.user.mfaEnabled)
        throw authError('MFA_NOT_PENDING', 'Two-step sign-in is already on for this account.');
      const secret = newTotpSecret();
      await setTotpSecret(db, auth.organizationId, auth.user.id, secret);
      return {
        secret,
        otpauthUri: otpauthUri(secret, auth.user.email, `PatientDesk ${auth.organization.name}`),
      };
    },
  );

  app.post(
    '/api/auth/totp/confirm',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Finish TOTP enrolment with a code from the app',
        body: ZTotpConfirmRequest,
        response: { 200: ZSession },
      },
    },
    async (request) => {
      const auth = request.auth;
      if (!auth) throw commonError('UNAUTHENTICATED', 'Sign in to continue.');
      const account = await findAccount(db, auth.organizationId, auth.user.id);
      if (!account?.totp_secret || account.totp_enabled_at) {
        throw authError('MFA_NOT_PENDING', 'Start enrolment first.');
      }
      if (!verifyTotp(account.totp_secret, request.body.code, clock.now())) {
        throw authError('MFA_INVALID', 'That code did not match. Try the newest code.', {
          fields: [{ path: 'body.code', message: 'Code did not match' }],
        });
      }
      await inTransaction(db, async (trx) => {
        await enableTotp(trx, auth.organizationId, auth.user.id, clock.now());
        await recordAudit(trx, actorContext(request), {
          action: 'mfa-enroll',
          resourceType: 'User',
          resourceId: auth.user.id,
        });
      });
      const refreshed = await loadSession(db, clock, request.cookies[SESSION_COOKIE], async () => ({}));
      if (!refreshed) throw commonError('UNAUTHENTICATED', 'Sign in to continue.');
      return sessionView(refreshed);
    },
  );

  app.get(
    '/api/meta',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['meta'],
        summary: 'Product name, version, and whether demo accounts exist',
        security: [],
        response: { 200: ZMeta },
      },
    },
    async () => {
      const accounts = await demoAccounts(db);
      return {
        name: 'PatientDesk' as const,
        version: VERSION,
        demo: accounts.length > 0,
        demoAccounts: accounts.map((account) => ({ email: account.email, role: account.role as Role })),
      };
    },
  );
}
