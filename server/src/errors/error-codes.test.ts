import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEnumType } from 'graphql';
import { rapportSchema } from '../app/schema.js';
import { ERROR_CODE_DESCRIPTIONS, ERROR_CODES } from './error-codes.js';

const SERVER_SRC = new URL('..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Codes written at throw sites: `new DomainError('X'`, `refusal('X'`, `code: 'X'` (hand-built GraphQL errors and bodies). */
function codesRaisedInSource(): Map<string, string[]> {
  const raised = new Map<string, string[]>();
  const pattern = /(?:DomainError\(\s*|refusal\(\s*|\bcode: )'([A-Z][A-Z_]+)'/g;
  for (const file of sourceFiles(SERVER_SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      raised.set(match[1]!, [...(raised.get(match[1]!) ?? []), file.slice(SERVER_SRC.length)]);
    }
  }
  return raised;
}

describe('error codes', () => {
  it('should list every code a throw site in the server raises', () => {
    const raised = codesRaisedInSource();
    // The scan really sees the throw sites (a broken pattern would find nothing and pass).
    expect(raised.get('INVALID_TRANSITION')).toEqual(expect.arrayContaining(['complaints/complaint.service.ts', 'referrals/referral.service.ts']));
    expect(raised.get('QUERY_TOO_COMPLEX')).toContain('graphql/guards.ts');
    expect(raised.size).toBeGreaterThan(30);
    const unlisted = [...raised.keys()].filter((code) => !(code in ERROR_CODE_DESCRIPTIONS));
    expect(unlisted).toEqual([]);
  });

  it('should publish every code with its description as the ErrorCode enum of the schema', async () => {
    const type = (await rapportSchema()).getType('ErrorCode');
    expect(isEnumType(type)).toBe(true);
    if (!isEnumType(type)) return;
    expect(type.getValues().map((v) => [v.name, v.description])).toEqual(ERROR_CODES.map((code) => [code, ERROR_CODE_DESCRIPTIONS[code]]));
    expect(type.getValues().every((v) => v.description && v.description.length > 10)).toBe(true);
  });
});
