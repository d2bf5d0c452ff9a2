import { UniqueConstraintViolationException } from '@mikro-orm/core';

/** True when the database refused a write because a unique index already holds the value. */
export function isUniqueViolation(error: unknown, indexName?: string): boolean {
  if (!(error instanceof UniqueConstraintViolationException)) return false;
  return indexName ? String(error.message).includes(indexName) : true;
}
