import { UniqueConstraintViolationException } from '@mikro-orm/core';

/** True when the database refused a write because a unique index already holds the value. */
export function isUniqueViolation(error: unknown, indexName?: string): boolean {
  if (!(error instanceof UniqueConstraintViolationException)) return false;
  return indexName ? String(error.message).includes(indexName) : true;
}

/**
 * Runs `work`; when the database refuses it with a unique-index violation
 * (a concurrent write won the race the pre-checks could not see), throws the
 * domain error from `toError` instead of an internal one.
 */
export async function uniqueOr<T>(work: () => Promise<T>, toError: () => Error, indexName?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, indexName)) throw toError();
    throw error;
  }
}
