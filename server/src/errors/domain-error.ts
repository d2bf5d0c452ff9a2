import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-codes.js';

export type { ErrorCode };

/** An expected, user-facing failure: its stable code (see error-codes.ts) goes to `extensions.code`. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: { field?: string; [key: string]: unknown } = {}) {
    super(message, { extensions: { code, ...extra } });
    this.name = 'DomainError';
  }
}

/** A value the caller sent is wrong; `field` names it (dotted path from the input root). */
export function badInput(field: string, message: string): DomainError {
  return new DomainError('BAD_USER_INPUT', message, { field });
}

export function notFound(what: string, id: string | number): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} was not found`, { id: String(id) });
}
