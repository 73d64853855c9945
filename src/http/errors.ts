/** The API's error answers: `{error: {code, message, fields?}}`, with an HTTP status per code. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type ErrorCode, isJobdeckError } from '../errors.js';
import type { Logger } from '../log.js';

export type ApiCode = ErrorCode | 'internal';

export interface ErrorBody {
  error: { code: ApiCode; message: string; fields?: Record<string, string> };
}

/** An answer the API gives on purpose: status, stable code, words, and per-field problems. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ApiCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

const STATUS: Partial<Record<ApiCode, number>> = {
  unauthorized: 401,
  signature_invalid: 401,
  forbidden: 403,
  link_invalid: 403,
  not_found: 404,
  item_unknown: 404,
  server_unknown: 404,
  run_unknown: 404,
  schedule_unknown: 404,
  conflict: 409,
  incompatible: 409,
  input_invalid: 400,
  parameters_invalid: 400,
  schedule_invalid: 400,
  template_invalid: 400,
  value_refused: 400,
  rate_limited: 429,
  ssh_unreachable: 502,
  ssh_auth_failed: 502,
  host_key_unknown: 502,
  host_key_changed: 502,
  exec_failed: 502,
  notify_failed: 502,
};

/** Field problems from zod, keyed by their dotted path (`parameters.count`, `servers.0`). */
export function zodFields(error: z.ZodError, prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    fields[path || '(body)'] ??= issue.message;
  }
  return fields;
}

export function invalidInput(fields: Record<string, string>, code: ApiCode = 'input_invalid') {
  const names = Object.keys(fields);
  const count = names.length === 1 ? '1 field' : `${names.length} fields`;
  return new ApiError(400, code, `${count} refused: ${names.join(', ')}`, fields);
}

/** Framework errors (bad JSON, too large, wrong content type) worded as API errors. */
function fromFramework(error: FastifyError): ApiError | undefined {
  const status = error.statusCode;
  if (status === undefined || status >= 500) return undefined;
  if (status === 404) return new ApiError(404, 'not_found', error.message);
  return new ApiError(status, 'input_invalid', error.message);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isJobdeckError(error)) {
    const fields = error.details.length > 0 ? { details: error.details.join('; ') } : undefined;
    return new ApiError(STATUS[error.code] ?? 500, error.code, error.message, fields);
  }
  const framework = fromFramework(error as FastifyError);
  return framework ?? new ApiError(500, 'internal', 'internal error; the jobdeck log has details');
}

export function errorBody(error: ApiError): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.fields) body.error.fields = error.fields;
  return body;
}

/** Fastify's error handler: every failure leaves as the JSON envelope. */
export function errorHandler(logger: Logger) {
  return function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
    const answer = toApiError(error);
    if (answer.status >= 500) {
      logger.error({ err: error, url: request.url.split('?')[0] }, 'request failed');
    }
    return reply.code(answer.status).type('application/json').send(errorBody(answer));
  };
}

/** Unknown routes: the same envelope. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0];
  const error = new ApiError(404, 'not_found', `no route ${request.method} ${path}`);
  return reply.code(404).send(errorBody(error));
}
