import { describe, expect, it } from 'vitest';
import { createRequest, makeOperation } from 'urql';
import { gql } from '@urql/core';
import { withIdempotencyKey } from './client.js';

const MUTATION = gql`mutation CreateTeam($name: String!) { createTeam(input: { name: $name }) { id } }`;
const QUERY = gql`query Me { me { role } }`;
const context = { url: '/graphql', requestPolicy: 'network-only' as const, fetchOptions: { credentials: 'same-origin' as const, headers: { 'content-type': 'application/json' } } };

describe('Idempotency-Key on the admin app’s mutations', () => {
  it('gives each mutation submission its own key and keeps the other headers', () => {
    const first = withIdempotencyKey(makeOperation('mutation', createRequest(MUTATION, { name: 'A' }), context));
    const second = withIdempotencyKey(makeOperation('mutation', createRequest(MUTATION, { name: 'A' }), context));
    const headers = (op: typeof first) => (op.context.fetchOptions as RequestInit).headers as Record<string, string>;
    expect(headers(first)['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    expect(headers(first)['content-type']).toBe('application/json');
    expect(headers(second)['idempotency-key']).not.toBe(headers(first)['idempotency-key']);
  });

  it('reuses the key a resubmission brings, and sends none with queries', () => {
    const retry = withIdempotencyKey(makeOperation('mutation', createRequest(MUTATION, { name: 'A' }), { ...context, idempotencyKey: 'the-first-submission' }));
    expect(((retry.context.fetchOptions as RequestInit).headers as Record<string, string>)['idempotency-key']).toBe('the-first-submission');
    const query = withIdempotencyKey(makeOperation('query', createRequest(QUERY, {}), context));
    expect(((query.context.fetchOptions as RequestInit).headers as Record<string, string>)['idempotency-key']).toBeUndefined();
  });
});
