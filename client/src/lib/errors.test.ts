// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema, isEnumType } from 'graphql';
import { CombinedError } from 'urql';
import { ErrorCode } from '../generated/enums.js';
import { ERROR_TITLES, problemsOf } from './errors.js';

/** Straight from the committed schema, so a stale generated enum cannot hide a code. */
function schemaErrorCodes(): string[] {
  const type = buildSchema(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8')).getType('ErrorCode');
  if (!isEnumType(type)) throw new Error('schema/schema.graphql has no ErrorCode enum');
  return type.getValues().map((v) => v.name);
}

describe('error titles', () => {
  it('should give every code the server can raise a human title of its own', () => {
    const codes = schemaErrorCodes();
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.sort()).toEqual(Object.values(ErrorCode).sort());
    const titles: Record<string, string | undefined> = ERROR_TITLES;
    const untitled = codes.filter((code) => !titles[code]?.trim() || titles[code] === 'Something went wrong');
    expect(untitled).toEqual([]);
  });

  it('should show the title of a code the app used to call "Something went wrong"', () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'Complaints can be reopened within 14 days', extensions: { code: 'REOPEN_WINDOW_PASSED', field: 'status' } }] });
    expect(problemsOf(error)).toEqual([{ code: 'REOPEN_WINDOW_PASSED', title: 'Too late to reopen', message: 'Complaints can be reopened within 14 days', field: 'status' }]);
  });

  it('should fall back to a generic title for a code this build does not know', () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'New rule', extensions: { code: 'SOMETHING_NEW' } }] });
    expect(problemsOf(error)[0]).toMatchObject({ code: 'SOMETHING_NEW', title: 'Something went wrong', message: 'New rule' });
  });
});
