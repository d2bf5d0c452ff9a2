// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema, isEnumType } from 'graphql';
import { CombinedError } from 'urql';
import { ErrorCode } from '../generated/enums.js';
import { LANGUAGES } from '../i18n/index.js';
import { errorTitle, problemsOf } from './errors.js';

/** Straight from the committed schema, so a stale generated enum cannot hide a code. */
function schemaErrorCodes(): string[] {
  const type = buildSchema(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8')).getType('ErrorCode');
  if (!isEnumType(type)) throw new Error('schema/schema.graphql has no ErrorCode enum');
  return type.getValues().map((v) => v.name);
}

describe('error titles', () => {
  it.each(LANGUAGES)('should give every code the server can raise a human title of its own in %s', (language) => {
    const codes = schemaErrorCodes();
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.sort()).toEqual(Object.values(ErrorCode).sort());
    const generic = new Set(['Something went wrong', 'Etwas ist schiefgelaufen']);
    const untitled = codes.filter((code) => {
      const title = errorTitle(code as ErrorCode, language);
      return !title.trim() || title === `errors.codes.${code}` || generic.has(title);
    });
    expect(untitled).toEqual([]);
  });

  it('should title codes in German when the app is in German', () => {
    expect(errorTitle('REOPEN_WINDOW_PASSED', 'de')).toBe('Zu spät zum Wiedereröffnen');
    expect(errorTitle('REOPEN_WINDOW_PASSED', 'en')).toBe('Too late to reopen');
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
