import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. They never carry patient data: requests are logged by route pattern (never the URL with its
 * query), bodies are never logged, and errors by message and code only.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'patientdesk' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password', 'totp', '*.totp'],
      censor: '[redacted]',
    },
  });
}

/** An error as a log line may carry it: the message and code, never a driver's detail (which can hold values). */
export function describeError(error: unknown): { message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message.slice(0, 500), ...(typeof code === 'string' ? { code } : {}) };
  }
  return { message: String(error).slice(0, 500) };
}
