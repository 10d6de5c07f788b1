import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, statusOf, titleOf, type FieldError } from './errors';
import { describeError } from '../logging/logger';

type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  traceId: string;
};

function send(reply: FastifyReply, body: ProblemBody, headers: Record<string, string> = {}) {
  return reply.status(body.status).headers(headers).type('application/problem+json').send(body);
}

function problem(
  request: FastifyRequest,
  status: number,
  code: string,
  title: string,
  detail?: string,
  errors?: FieldError[],
) {
  return {
    type: `urn:patientdesk:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    code,
    ...(errors ? { errors } : {}),
    traceId: request.id,
  };
}

const LOCATION_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

/** Maps every error to RFC 9457 problem+json. Never a stack trace, SQL text or driver detail. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const status = statusOf(error.kind);
    return send(
      reply,
      {
        ...error.extra.members,
        ...problem(request, status, error.code, titleOf(error.kind), error.message, error.extra.fields),
      },
      error.extra.retryAfterSeconds ? { 'retry-after': String(error.extra.retryAfterSeconds) } : {},
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = LOCATION_NAMES[error.validationContext ?? 'body'] ?? 'body';
    const errors = error.validation.flatMap((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const at = (...parts: string[]) => [location, ...parts].filter(Boolean).join('.');
      const keys = (issue.params as { keys?: unknown }).keys;
      if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        // One error per unknown field, at the field's own path.
        return keys.map((key) => ({ path: at(path, String(key)), message: 'Unknown field' }));
      }
      return [{ path: at(path), message: issue.message ?? 'Invalid value' }];
    });
    return send(
      reply,
      problem(
        request,
        400,
        'VALIDATION_FAILED',
        'The request is not valid',
        'Some fields need attention.',
        errors,
      ),
    );
  }
  const code = (error as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(
        reply,
        problem(request, 400, 'MALFORMED_JSON', 'The body is not valid JSON', 'Send a JSON object.'),
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(
        reply,
        problem(
          request,
          413,
          'PAYLOAD_TOO_LARGE',
          'The request is too large',
          'The body exceeds the size limit.',
        ),
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return send(
        reply,
        problem(request, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type', 'Send application/json.'),
      );
    default:
      break;
  }
  if (error instanceof SyntaxError && (error as FastifyError).statusCode === 400) {
    return send(
      reply,
      problem(request, 400, 'MALFORMED_JSON', 'The body is not valid JSON', 'Send a JSON object.'),
    );
  }
  const statusCode = (error as FastifyError).statusCode;
  if (statusCode && statusCode >= 400 && statusCode < 500 && !isResponseSerializationError(error)) {
    return send(reply, problem(request, statusCode, 'BAD_REQUEST', 'The request could not be processed'));
  }
  request.log.error({ err: describeError(error) }, 'unhandled error');
  return send(
    reply,
    problem(request, 500, 'INTERNAL', 'Something went wrong', 'The error was logged with this trace id.'),
  );
}

export function notFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, problem(request, 404, 'NOT_FOUND', 'Not found', 'There is nothing at this address.'));
}
