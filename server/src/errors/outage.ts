import { ConnectionException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';

/** Seconds a client should wait before retrying an answer of 503. */
export const RETRY_AFTER_SECONDS = 2;

/** Socket-level codes of a database that cannot be reached (Node) and PostgreSQL's "cannot serve now" states. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL SQLSTATE: connection exceptions, too many connections, shutting down / starting up.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
  '57P01',
  '57P02',
  '57P03',
  // SQLite: another writer kept the database locked beyond busy_timeout.
  'SQLITE_BUSY',
]);

const UNREACHABLE_MESSAGES =
  /Connection terminated|connection (is )?closed|Timeout acquiring a connection|ECONNREFUSED|ECONNRESET|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|database is locked/i;

function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && !seen.has(current)) {
    seen.add(current);
    yield current;
    current =
      current instanceof GraphQLError && current.originalError
        ? current.originalError
        : (current as { cause?: unknown; previous?: unknown }).cause ?? (current as { previous?: unknown }).previous;
  }
}

/**
 * True when an error means "the database cannot be reached right now" (down,
 * restarting, network cut, pool exhausted by dead connections) rather than a
 * bug or a refused statement: such answers are 503 SERVICE_UNAVAILABLE, worth
 * a retry, never 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    if (e instanceof ServiceUnavailableError) return true;
    if (e instanceof ConnectionException) return true;
    if (!e || typeof e !== 'object') continue;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message)) return true;
    // AggregateError (e.g. ECONNREFUSED on both ::1 and 127.0.0.1)
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** The answer to give while a dependency Rapport cannot work without is unreachable. */
export class ServiceUnavailableError extends GraphQLError {
  constructor(message = 'The database is unreachable right now; retry shortly') {
    super(message, {
      extensions: {
        code: 'SERVICE_UNAVAILABLE',
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      },
    });
    this.name = 'ServiceUnavailableError';
  }
}
