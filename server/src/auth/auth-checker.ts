import type { AuthChecker } from 'type-graphql';
import { filter, pipe } from '@graphql-yoga/subscription';
import type { Context } from '../context.js';
import { Role } from './auth.entity.js';
import { DomainError } from '../errors/domain-error.js';
import type { TopicPayloads } from '../pubsub/topics.js';

/** Reading the people graph: admins and BI tokens. */
export const READ_ROLES = [Role.ADMIN, Role.ANALYST];
/** Changing anything: admins only. */
export const WRITE_ROLES = [Role.ADMIN];

export function assertRole(ctx: Context, roles: readonly Role[]): void {
  if (!ctx.viewer) throw new DomainError('UNAUTHENTICATED', 'Log in or send a bearer token to use this operation');
  if (roles.length && !roles.includes(ctx.viewer.role)) {
    throw new DomainError('FORBIDDEN', `The ${ctx.viewer.role} role may not use this operation`);
  }
}

/**
 * `@Authorized()` (no roles) admits any authenticated viewer; with roles, only
 * those roles. Every root field carries the decorator; a schema test fails if
 * one is added without it.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  assertRole(context, roles);
  return true;
};

/**
 * A subscription source that checks the viewer's role when the subscription
 * starts (so a refused client gets FORBIDDEN at once, not silence) and then
 * yields the topic's events that pass `accept`.
 */
export function authorizedTopic<K extends keyof TopicPayloads>(
  topic: K,
  roles: readonly Role[],
  accept: (payload: TopicPayloads[K][0], args: Record<string, unknown>, context: Context) => boolean = () => true,
) {
  return ({ context, args }: { context: Context; args: Record<string, unknown> }) => {
    assertRole(context, roles);
    return pipe(
      context.deps.pubSub.subscribe(topic as never) as AsyncIterable<TopicPayloads[K][0]>,
      filter((payload: TopicPayloads[K][0]) => accept(payload, args, context)),
    );
  };
}
