import { vi } from 'vitest';
import { concat, fromValue, makeSubject, map, never, pipe, take, toPromise, type Subject } from 'wonka';
import { CombinedError, type Client, type GraphQLRequest, type OperationResult } from 'urql';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';

export type Reply = { data?: unknown; error?: CombinedError } | undefined;
export type Handler = (variables: Record<string, any>) => Reply;

function operationName(query: DocumentNode | string): string {
  if (typeof query === 'string') return /(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1] ?? '';
  const def = query.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  return def?.name?.value ?? '';
}

/** A server error as urql reports it. */
export function gqlError(message: string, extensions: Record<string, unknown>): CombinedError {
  return new CombinedError({ graphQLErrors: [{ message, extensions } as any] });
}

/**
 * An urql client without a network: each operation is answered by the handler
 * named like the operation (`Employees`, `AssignLeader`, …), synchronously via
 * wonka's `fromValue` (kept open like a real stream). Unknown operations never answer (stay loading).
 * Subscriptions stay silent until the test calls `push(name, data)`, which
 * delivers one event to every open subscription of that name.
 */
export function mockClient(handlers: Record<string, Handler>) {
  const calls: Array<{ name: string; variables: Record<string, any> }> = [];
  const execute = (request: GraphQLRequest) => {
    const name = operationName(request.query);
    const variables = (request.variables ?? {}) as Record<string, any>;
    calls.push({ name, variables });
    const handler = handlers[name];
    if (!handler) return never;
    const reply = handler(variables) ?? {};
    const result = { operation: { ...request, kind: 'query', context: {} }, data: reply.data, error: reply.error, stale: false, hasNext: false } as unknown as OperationResult;
    // Like a real exchange stream, stay open after the result: urql's hooks clear `error` when a source ends.
    return concat([fromValue(result), never]);
  };
  const asPromiseSource = (request: GraphQLRequest) => {
    const source = execute(request);
    return Object.assign(source, { toPromise: () => pipe(source, take(1), toPromise) });
  };
  const subjects = new Map<string, Subject<unknown>>();
  const subjectFor = (name: string) => {
    let subject = subjects.get(name);
    if (!subject) subjects.set(name, (subject = makeSubject<unknown>()));
    return subject;
  };
  const subscribe = (request: GraphQLRequest) => {
    const name = operationName(request.query);
    calls.push({ name, variables: (request.variables ?? {}) as Record<string, any> });
    return pipe(
      subjectFor(name).source,
      map((data) => ({ operation: { ...request, kind: 'subscription', context: {} }, data, stale: false, hasNext: true }) as unknown as OperationResult),
    );
  };
  const push = (name: string, data: unknown) => subjectFor(name).next(data);
  const client = {
    executeQuery: vi.fn(execute),
    executeMutation: vi.fn(execute),
    executeSubscription: vi.fn(subscribe),
    query: vi.fn((query: DocumentNode, variables: Record<string, any>) => asPromiseSource({ query, variables, key: 0 } as GraphQLRequest)),
    mutation: vi.fn((query: DocumentNode, variables: Record<string, any>) => asPromiseSource({ query, variables, key: 0 } as GraphQLRequest)),
    readQuery: vi.fn(() => null),
    suspense: false,
  } as unknown as Client;
  return { client, calls, push };
}
