import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { Context } from '../context.js';
import { Complaint } from './complaint.entity.js';
import { ComplaintType } from './complaint.types.js';
import { ComplaintThreadLinkType, PublicComplaintThread, SendComplaintThreadLinkInput } from './complaint-thread.types.js';
import * as thread from './complaint-thread.service.js';
import { OutboxMessage } from '../mail/outbox.entity.js';
import { OutboxMessageType } from '../mail/outbox.types.js';
import { WRITE_ROLES } from '../auth/auth-checker.js';

/**
 * A complainant's private thread page (public: the `rct_` link is the
 * credential) and, for admins, who has a link and which mails went out.
 */
@Resolver(() => ComplaintType)
export class ComplaintThreadResolver {
  @Query(() => PublicComplaintThread, {
    description: 'A complaint as its complainant sees it, by the private link from their email (no login). THREAD_LINK_INVALID for an unknown or revoked link; unknown links are rate-limited per address.',
  })
  complaintThread(@Arg('token', () => String, { description: 'The token from the link (`rct_…`).' }) token: string, @Ctx() ctx: Context) {
    return thread.publicThread(ctx, token);
  }

  @Mutation(() => PublicComplaintThread, {
    description: `The complainant answers on their page (no login): a customer message in the thread, heard live by staff. At most ${thread.MAX_REPLY_LENGTH} characters; rate-limited per link; COMPLAINT_CLOSED once closed.`,
  })
  replyToComplaintThread(
    @Arg('token', () => String, { description: 'The token from the link.' }) token: string,
    @Arg('body', () => String, { description: `The answer (1–${thread.MAX_REPLY_LENGTH} characters).` }) body: string,
    @Ctx() ctx: Context,
  ) {
    return thread.replyOnThread(ctx, token, body);
  }

  @Mutation(() => PublicComplaintThread, {
    description: 'The complainant rates how the resolved complaint was handled (recovery satisfaction, 1–5), once (no login); RECOVERY_ALREADY_RATED the second time.',
  })
  rateComplaintRecovery(
    @Arg('token', () => String, { description: 'The token from the link.' }) token: string,
    @Arg('rating', () => Int, { description: '1 (very unhappy) to 5 (very happy).' }) rating: number,
    @Ctx() ctx: Context,
    @Arg('comment', () => String, { nullable: true, description: 'Optional comment (at most 2,000 characters).' }) comment?: string | null,
  ) {
    return thread.rateOnThread(ctx, token, rating, comment);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintThreadLinkType, {
    description: "Gives an address (the customer's by default) a private link to the complaint's thread and emails it; for the same address again, a new link replaces the old one.",
  })
  sendComplaintThreadLink(@Arg('input', () => SendComplaintThreadLinkInput, { description: 'What to do; see the input type.' }) input: SendComplaintThreadLinkInput, @Ctx() ctx: Context) {
    return thread.sendThreadLink(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => ComplaintThreadLinkType, { description: 'Revokes a complainant link: it opens nothing any more, and no further mail goes to that address about this complaint.' })
  revokeComplaintThreadLink(@Arg('linkId', () => ID, { description: 'The link.' }) linkId: string, @Ctx() ctx: Context) {
    return thread.revokeThreadLink(ctx, linkId);
  }

  @Authorized(WRITE_ROLES)
  @FieldResolver(() => [ComplaintThreadLinkType], { description: 'Addresses with a private link to this thread (ADMIN).' })
  threadLinks(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return thread.threadLinks(ctx, complaint);
  }

  @Authorized(WRITE_ROLES)
  @FieldResolver(() => [OutboxMessageType], { description: 'Mail to the complainants about this complaint, newest first, with its delivery status from the outbox (ADMIN).' })
  complainantMails(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return thread.complainantMails(ctx, complaint);
  }

  @Authorized(WRITE_ROLES)
  @FieldResolver(() => OutboxMessageType, { nullable: true, description: 'The mail that told the complainant about the shipped improvement (ADMIN); null when told another way or not yet.' })
  complainantToldMessage(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return complaint.complainantToldMessageId ? ctx.em.findOne(OutboxMessage, { id: complaint.complainantToldMessageId }) : null;
  }

  @FieldResolver(() => GraphQLDateTimeISO, { nullable: true, description: 'When the complainant was asked, once, how it was handled (with the resolution mail).' })
  recoveryAskedAt(@Root() complaint: Complaint): Date | null {
    return complaint.recoveryAskedAt ?? null;
  }
}
