import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import type { Logger } from '../logger.js';
import { ERROR_CODES } from './error-codes.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './outage.js';

/** Codes a client may see; anything else is an internal error and is masked. */
const PUBLIC_CODES = new Set<string>(ERROR_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR'));

/** The first failing property as a dotted path ("serviceAgreement.strengths") with its first message. */
function firstViolation(errors: ValidationError[], prefix = ''): { field: string; message: string } | undefined {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (message) return { field: path, message };
    const nested = firstViolation(error.children ?? [], path);
    if (nested) return nested;
  }
  return undefined;
}

function originalOf(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) {
    current = current.originalError;
  }
  return current;
}

/**
 * One mapping from any thrown error to what a client sees, used by Apollo
 * (HTTP) and graphql-ws alike. Validation errors name the field; auth errors
 * become UNAUTHENTICATED/FORBIDDEN; unknown errors (SQL, bugs) are logged with
 * the request id and reach the client as a bare INTERNAL_SERVER_ERROR — except
 * an unreachable database, which is SERVICE_UNAVAILABLE (HTTP 503, retry).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const original = originalOf(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof ArgumentValidationError) {
    const violation = firstViolation(original.extensions.validationErrors);
    const argName = violation?.field ?? 'input';
    return {
      ...base,
      message: violation ? `Invalid value for ${argName}: ${violation.message}` : 'Invalid input',
      extensions: { code: 'BAD_USER_INPUT', field: argName },
    };
  }
  if (original instanceof AuthenticationError) {
    return { ...base, message: 'Log in or send a bearer token to use this operation', extensions: { code: 'UNAUTHENTICATED' } };
  }
  if (original instanceof AuthorizationError) {
    return { ...base, message: 'Your role may not use this field or operation', extensions: { code: 'FORBIDDEN' } };
  }

  // Apollo relabels every validation error GRAPHQL_VALIDATION_FAILED; our guards' own code is more precise.
  const ownCode = original instanceof GraphQLError ? original.extensions?.code : undefined;
  const code = typeof ownCode === 'string' && PUBLIC_CODES.has(ownCode) ? ownCode : formatted.extensions?.code;
  // Thrown on purpose (a GraphQLError all the way down), or produced by graphql-js itself (no original error).
  const deliberate = original instanceof GraphQLError || !(error instanceof GraphQLError && error.originalError);
  if (deliberate && typeof code === 'string' && PUBLIC_CODES.has(code)) {
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...base, extensions: { ...extensions, code } };
  }
  if (deliberate && code === undefined) {
    // graphql-js parse, validation and variable errors carry no code on the WebSocket path.
    return { ...base, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }

  if (isDatabaseUnavailable(error)) {
    logger.warn('database unreachable', { err: original instanceof Error ? original.message : String(original), path: formatted.path });
    return {
      message: 'The database is unreachable right now; retry shortly',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
    };
  }

  logger.error('internal error', { err: original instanceof Error ? original : new Error(String(original)), path: formatted.path });
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
