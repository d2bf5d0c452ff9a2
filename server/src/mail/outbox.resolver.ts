import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import { WRITE_ROLES, assertRole } from '../auth/auth-checker.js';
import { pageRequest } from '../graphql/connection.js';
import { keysetConnection } from '../graphql/keyset.js';
import { SortDirection } from '../graphql/connection.js';
import { parseId } from '../graphql/ids.js';
import { DomainError, notFound } from '../errors/domain-error.js';
import { inTransaction } from '../pubsub/events.js';
import { snapshotTicks } from '../pubsub/streams.js';
import { Topic } from '../pubsub/topics.js';
import { MailAddress, OutboxMessage, OutboxStatus } from './outbox.entity.js';
import { renderPreview } from './outbox.js';
import { MailDelivery, OutboxChange, OutboxFilter, OutboxMessageConnection, OutboxMessageType, OutboxPreview } from './outbox.types.js';

/** The admin app's Outbox: ADMIN only (it names who was asked what). */
@Resolver(() => OutboxMessageType)
export class OutboxResolver {
  @Authorized(WRITE_ROLES)
  @Query(() => OutboxMessageConnection, { description: 'Outbound email, newest first, a page at a time (ADMIN).' })
  outboxMessages(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
    @Arg('filter', () => OutboxFilter, { nullable: true, description: 'Conditions.' }) filter?: OutboxFilter,
  ) {
    const qb = ctx.em.createQueryBuilder(OutboxMessage, 'm');
    if (filter?.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter?.customerId) qb.andWhere({ customerId: parseId(filter.customerId, 'filter.customerId') });
    if (filter?.employeeId) qb.andWhere({ employeeId: parseId(filter.employeeId, 'filter.employeeId') });
    return keysetConnection(qb, pageRequest(first, after, ctx.config.limits.maxPageSize), 'id', SortDirection.DESC);
  }

  @Authorized(WRITE_ROLES)
  @Query(() => MailDelivery, { description: 'Whether email is configured, and the outbox counts (ADMIN).' })
  async mailDelivery(@Ctx() ctx: Context): Promise<MailDelivery> {
    const rows = await ctx.em.execute<Array<{ status: OutboxStatus; n: string | number }>>('select status, count(*) as n from outbox_message group by status');
    const count = (...statuses: OutboxStatus[]) => rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + Number(r.n), 0);
    return {
      configured: Boolean(ctx.config.mail.smtpUrl),
      from: ctx.config.mail.from,
      waiting: count(OutboxStatus.PENDING, OutboxStatus.SENDING),
      failed: count(OutboxStatus.FAILED),
      sent: count(OutboxStatus.SENT),
      suppressed: count(OutboxStatus.SUPPRESSED),
    };
  }

  @FieldResolver(() => OutboxPreview, { description: 'Subject, text and HTML as sent, personal links replaced by placeholders.' })
  preview(@Root() message: OutboxMessage): OutboxPreview {
    return renderPreview(message);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => OutboxMessageType, {
    description:
      'Sends a message again (ADMIN). A FAILED one is queued again as it is (it never arrived: same Message-ID); a SENT one is copied with a new Message-ID, so the receiver does not drop it as a duplicate. Refused for a bouncing address and for asks to an address that unsubscribed.',
  })
  resendOutboxMessage(@Arg('id', () => ID, { description: 'The message.' }) id: string, @Ctx() ctx: Context) {
    const now = ctx.deps.now();
    return inTransaction(ctx, async (em, events) => {
      const message = await em.findOne(OutboxMessage, { id: parseId(id, 'id') });
      if (!message) throw notFound('Outbox message', id);
      const address = await em.findOne(MailAddress, { email: message.recipientEmail });
      if (address?.bouncingAt) throw new DomainError('ADDRESS_BOUNCING', `${message.recipientEmail} is refused by its mail server: ${address.bounceReason ?? ''}`.trim(), { field: 'id' });
      if (message.isAsk && address?.unsubscribedAt) throw new DomainError('ADDRESS_UNSUBSCRIBED', `${message.recipientEmail} asked not to get surveys or requests`, { field: 'id' });
      if (message.status === OutboxStatus.PENDING || message.status === OutboxStatus.SENDING) {
        throw new DomainError('ALREADY_QUEUED', 'This message is waiting to be sent already', { field: 'id' });
      }
      events.push({ topic: Topic.OUTBOX_CHANGED, payload: { at: now.toISOString(), count: 1 } });
      if (message.status !== OutboxStatus.SENT) {
        Object.assign(message, { status: OutboxStatus.PENDING, attempts: 0, nextAttemptAt: now, lastError: null, claimToken: null, lockedUntil: null });
        return message;
      }
      const { id: _id, messageId: _messageId, ...rest } = message;
      return em.create(OutboxMessage, {
        ...rest,
        messageId: message.messageId.replace(/^<[^@]+/, `<${randomUUID()}`),
        status: OutboxStatus.PENDING,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        claimToken: null,
        lockedUntil: null,
        sentAt: null,
        createdAt: now,
      });
    });
  }

  @Subscription(() => OutboxChange, {
    description: 'Ticks when the outbox changes (batched per second); reload the list (ADMIN).',
    subscribe: ({ context }: { context: Context }) => {
      assertRole(context, WRITE_ROLES);
      return snapshotTicks(context, Topic.OUTBOX_CHANGED, 1000, () => true, { leading: true });
    },
  })
  outboxChanged(@Root() tick: { at: number }): OutboxChange {
    return { at: new Date(tick.at) };
  }
}
