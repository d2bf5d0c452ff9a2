// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import config from '../../codegen.js';

describe('generated GraphQL types', () => {
  it('should match every client document against schema/schema.graphql and be up to date (`npm run codegen` rewrites them)', async () => {
    // Throws on a document that does not match the schema (unknown field, wrong argument, bad variable type).
    const outputs: Array<{ filename: string; content: string }> = await generate({ ...config, silent: true, errorsOnly: true }, false);
    expect(outputs.map((o) => o.filename).sort()).toEqual(['client/src/generated/enums.ts', 'client/src/generated/gql.ts', 'client/src/generated/graphql.ts', 'client/src/generated/index.ts']);
    for (const output of outputs) {
      expect(output.content, `${output.filename} is stale: run \`npm run codegen\``).toBe(readFileSync(resolve(output.filename), 'utf8'));
    }
  }, 60_000);
});
