import { createHash } from 'node:crypto';
import type { Role, Session } from '@patientdesk/contracts';
import type { Executor } from '../audit/audit.repository';
import { hasPermission, PERMISSIONS, PRIVILEGED_ROLES, type Permission } from '../access/permissions';
import { randomToken } from '../ids';
import {
  findLiveSession,
  insertSession,
  patientAccessOf,
  type PatientAccess,
  revokeAllSessions,
  revokeSession,
  touchSession,
} from './auth.repository';
import type { Clock } from '../clock';
import type { Config } from '../config/config';

export const SESSION_COOKIE = 'pd_session';

/** How long a session may sit unused: the organization's setting, else the server's. */
export function sessionIdleMinutes(
  settings: { sessionIdleMinutes?: number },
  config: Pick<Config, 'sessionIdleMinutes'>,
): number {
  return Number(settings.sessionIdleMinutes) || config.sessionIdleMinutes;
}

/** The session cookie's attributes: secure when configured so, or (auto) when the request came over HTTPS. */
export function sessionCookieOptions(config: Pick<Config, 'cookieSecure'>, protocol: string) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.cookieSecure === 'true' || (config.cookieSecure === 'auto' && protocol === 'https'),
  };
}

/** Who the request is from, as the session row says. */
export type AuthContext = {
  organizationId: string;
  organization: { id: string; slug: string; name: string };
  user: { id: string; email: string; displayName: string; role: Role; mfaEnabled: boolean };
  tokenHash: string;
  permissions: readonly Permission[];
  patientScope: readonly string[] | null;
  /** For portal accounts: each patient in scope and the areas (proxy permissions) open for them. */
  patientAccess: readonly PatientAccess[] | null;
  expiresAt: Date;
  idleTimeoutSeconds: number;
  /** The organization requires TOTP for this role and the account has not enrolled: only enrolment is open. */
  mfaEnrollmentRequired: boolean;
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Splits a cookie value `<organization id>.<token>`; null when it is not of that form. */
export function parseSessionCookie(
  value: string | undefined,
): { organizationId: string; token: string } | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const organizationId = value.slice(0, dot);
  const token = value.slice(dot + 1);
  if (!UUID.test(organizationId) || !/^[A-Za-z0-9_-]{40,64}$/.test(token)) return null;
  return { organizationId, token };
}

/** Creates a session and returns the cookie value that names it. */
export async function openSession(
  db: Executor,
  clock: Clock,
  input: {
    organizationId: string;
    userId: string;
    idleMinutes: number;
    absoluteHours: number;
    sourceAddress: string | null;
    userAgent: string | null;
  },
): Promise<{ cookieValue: string; expiresAt: Date }> {
  const token = randomToken(32);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + input.absoluteHours * 3600_000);
  await insertSession(db, {
    organizationId: input.organizationId,
    tokenHash: hashToken(token),
    userId: input.userId,
    now,
    expiresAt,
    idleTimeoutSeconds: input.idleMinutes * 60,
    sourceAddress: input.sourceAddress,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { cookieValue: `${input.organizationId}.${token}`, expiresAt };
}

/** Loads the live session a cookie names, and marks it used (at most every few seconds, to spare writes). */
export async function loadSession(
  db: Executor,
  clock: Clock,
  cookieValue: string | undefined,
  organizationSettings: (organizationId: string) => Promise<{ mfaRequiredForPrivileged?: boolean }>,
): Promise<AuthContext | null> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return null;
  const now = clock.now();
  const tokenHash = hashToken(parsed.token);
  const row = await findLiveSession(db, parsed.organizationId, tokenHash, now);
  if (!row) return null;
  const touchAfterMs = Math.min(30_000, (row.idle_timeout_seconds * 1000) / 20);
  if (now.getTime() - row.last_seen_at.getTime() > touchAfterMs) {
    await touchSession(db, row.organization_id, tokenHash, now);
  }
  const role = row.role as Role;
  const mfaEnabled = row.totp_enabled_at !== null;
  const settings =
    PRIVILEGED_ROLES.includes(role) && !mfaEnabled ? await organizationSettings(row.organization_id) : {};
  const mfaEnrollmentRequired = settings.mfaRequiredForPrivileged === true;
  const access = role === 'patient' ? await patientAccessOf(db, row.organization_id, row.user_id, now) : null;
  return {
    organizationId: row.organization_id,
    organization: { id: row.organization_id, slug: row.organization_slug, name: row.organization_name },
    user: { id: row.user_id, email: row.email, displayName: row.display_name, role, mfaEnabled },
    tokenHash,
    permissions: mfaEnrollmentRequired
      ? []
      : PERMISSIONS.filter((permission) => hasPermission(role, permission)),
    patientScope: access?.map((entry) => entry.patientId) ?? null,
    patientAccess: access,
    expiresAt: row.expires_at,
    idleTimeoutSeconds: row.idle_timeout_seconds,
    mfaEnrollmentRequired,
  };
}

export async function closeSession(db: Executor, clock: Clock, auth: AuthContext, everywhere: boolean) {
  if (everywhere) return revokeAllSessions(db, auth.organizationId, auth.user.id, clock.now());
  await revokeSession(db, auth.organizationId, auth.tokenHash, clock.now());
  return 1;
}

/** The session as the API shows it. */
export function sessionView(auth: AuthContext): Session {
  return {
    user: {
      id: auth.user.id,
      email: auth.user.email,
      displayName: auth.user.displayName,
      role: auth.user.role,
      patientId: auth.user.role === 'patient' ? (auth.patientScope?.[0] ?? null) : null,
      mfaEnabled: auth.user.mfaEnabled,
    },
    organization: auth.organization,
    permissions: [...auth.permissions],
    expiresAt: auth.expiresAt.toISOString(),
    idleTimeoutSeconds: auth.idleTimeoutSeconds,
    patientScope: [...(auth.patientScope ?? [])],
    patientAccess: (auth.patientAccess ?? []).map((entry) => ({
      patientId: entry.patientId,
      areas: [...entry.areas],
    })),
  };
}
