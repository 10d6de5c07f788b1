import { ZProblem, type Problem } from '@patientdesk/contracts';
import type { z } from 'zod';

/** A failed API call: the HTTP status, the problem's code (or NETWORK, RESPONSE_INVALID), and a message to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem | null;
  readonly retryAfterSeconds: number | null;
  /** The problem body as the server sent it, with any extension members (BREAK_THE_GLASS_REQUIRED carries some). */
  readonly body: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    problem: Problem | null = null,
    retryAfterSeconds: number | null = null,
    body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }

  /** Field messages by path without its location prefix (`body.totp` → `totp`). */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const error of this.problem?.errors ?? []) {
      const key = error.path.replace(/^(body|query|path|header)\./, '');
      fields[key] ??= error.message;
    }
    return fields;
  }
}

/** True for an ApiError with this status (and, when given, this code). */
export function isApiError(error: unknown, status?: number, code?: string): error is ApiError {
  return (
    error instanceof ApiError &&
    (status === undefined || error.status === status) &&
    (code === undefined || error.code === code)
  );
}

/** True when a request was cancelled because the page no longer needs it. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The If-Match header for a change to something read at `version` (a stale version answers 412). */
export const ifMatch = (resource: { version: number }) => ({ 'if-match': `W/"${resource.version}"` });

export type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A 401 here is an ordinary answer (sign-in, the first session check), not a session that ended. */
  unauthorizedIsExpected?: boolean;
};

let sessionEnded: (() => void) | null = null;
let lastActivity = Date.now();

/** Registers what happens when a call answers 401: the session timed out or was ended elsewhere. */
export function onSessionEnded(handler: () => void): () => void {
  sessionEnded = handler;
  return () => {
    if (sessionEnded === handler) sessionEnded = null;
  };
}

/** When this page last talked to the server (each call renews the server's idle timer). */
export function lastApiActivity(): number {
  return lastActivity;
}

function urlFor(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** File types the upload routes take as they are; any other file is sent as bytes for the server to judge. */
const UPLOAD_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/heic']);

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  // A file goes as itself (the server reads its type from the bytes); anything else as JSON.
  const file = options.body instanceof Blob ? options.body : null;
  if (file) headers['content-type'] = UPLOAD_TYPES.has(file.type) ? file.type : 'application/octet-stream';
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(urlFor(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: file ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(
      0,
      'NETWORK',
      'PatientDesk could not be reached. Check the network connection, then try again.',
    );
  }
  lastActivity = Date.now();
  if (response.ok) return response;
  throw await toApiError(response, options);
}

async function toApiError(response: Response, options: RequestOptions): Promise<ApiError> {
  let problem: Problem | null = null;
  let body: unknown = null;
  try {
    body = await response.json();
    const parsed = ZProblem.safeParse(body);
    if (parsed.success) problem = parsed.data;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status alone.
  }
  const retryHeader = Number(response.headers.get('retry-after'));
  const error = new ApiError(
    response.status,
    problem?.code ?? `HTTP_${response.status}`,
    problem?.detail ?? problem?.title ?? fallbackMessage(response.status),
    problem,
    Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null,
    body,
  );
  if (response.status === 401 && !options.unauthorizedIsExpected) sessionEnded?.();
  return error;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Sign in to continue.';
  if (status === 403) return 'Your role does not allow this.';
  if (status === 404) return 'Nothing was found at this address.';
  if (status >= 500) return 'Something went wrong on the server. Try again in a moment.';
  return 'The request could not be completed.';
}

/** Calls the API and checks the answer against its contract schema. */
export async function requestJson<T extends z.ZodType>(
  path: string,
  schema: T,
  options: RequestOptions = {},
): Promise<z.infer<T>> {
  const response = await send(path, options);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'RESPONSE_INVALID',
      'The server answered in a form this page does not understand. Reload the page; if it persists, tell your administrator.',
    );
  }
  return parsed.data;
}

/** Calls the API where the answer has no body (204). */
export async function requestEmpty(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}
