/** The kinds of failure the API distinguishes; each maps to exactly one HTTP status in `statusOf`. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'precondition_failed'
  | 'precondition_required'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

export type FieldError = { path: string; message: string };

/** A failure the caller can act on: a typed code, its kind, and a message safe to show. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly extra: {
      fields?: FieldError[];
      retryAfterSeconds?: number;
      /** RFC 9457 extension members for the problem body: what a client acts on, never patient data. */
      members?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The one table from error kind to HTTP status. */
export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'precondition_failed':
      return 412;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'unprocessable':
      return 422;
    case 'precondition_required':
      return 428;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    default:
      return assertNever(kind);
  }
}

export function titleOf(kind: ErrorKind): string {
  switch (kind) {
    case 'invalid':
      return 'The request is not valid';
    case 'unauthenticated':
      return 'Sign in required';
    case 'forbidden':
      return 'Not allowed';
    case 'not_found':
      return 'Not found';
    case 'conflict':
      return 'Conflict';
    case 'precondition_failed':
      return 'The record changed since you loaded it';
    case 'payload_too_large':
      return 'The request is too large';
    case 'unsupported_media_type':
      return 'Unsupported content type';
    case 'unprocessable':
      return 'The request breaks a rule';
    case 'precondition_required':
      return 'A version is required';
    case 'rate_limited':
      return 'Too many attempts';
    case 'unavailable':
      return 'Temporarily unavailable';
    default:
      return assertNever(kind);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

/**
 * Declares a module's error codes with their kinds, and returns a factory for them. Each code's doc comment
 * (on the table entry) says when it is thrown.
 */
export function defineErrors<const T extends Record<string, ErrorKind>>(table: T) {
  return (code: keyof T & string, message: string, extra?: AppError['extra']) =>
    new AppError(code, table[code] as ErrorKind, message, extra);
}

/** Errors every module may raise. */
export const CommonErrors = {
  /** Input failed validation; `errors` lists each field. */
  VALIDATION_FAILED: 'invalid',
  /** No valid session. */
  UNAUTHENTICATED: 'unauthenticated',
  /** Signed in, but the role lacks the permission the route declares. */
  FORBIDDEN: 'forbidden',
  /** A record does not exist, or is outside the caller's organization or patients. */
  NOT_FOUND: 'not_found',
  /** An update did not carry If-Match. */
  VERSION_REQUIRED: 'precondition_required',
  /** If-Match named a version that is no longer current. */
  VERSION_MISMATCH: 'precondition_failed',
  /** An unsafe request came from another site. */
  CROSS_SITE_REQUEST: 'forbidden',
  /** The same Idempotency-Key was reused with a different request. */
  IDEMPOTENCY_KEY_REUSED: 'unprocessable',
} as const satisfies Record<string, ErrorKind>;

export const commonError = defineErrors(CommonErrors);

/** Parses an `If-Match` header (`"3"`, `W/"3"` or `3`) into a version number. */
export function requireVersion(ifMatch: string | undefined): number {
  if (!ifMatch) throw commonError('VERSION_REQUIRED', 'Send If-Match with the version you are changing.');
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match) throw commonError('VERSION_REQUIRED', 'If-Match must carry a version number, as in W/"3".');
  return Number(match[1]);
}
