import { randomBytes } from 'node:crypto';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { hashToken } from '../auth/tokens.js';
import { Customer } from '../customers/customer.entity.js';
import { Survey, SurveyAudience } from '../surveys/survey.entity.js';
import { MailAddress } from '../mail/outbox.entity.js';
import { checkEmail, enqueueMail } from '../mail/outbox.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { inTransaction } from '../pubsub/events.js';
import { parseId } from '../graphql/ids.js';
import { toDate } from '../db/raw.js';
import { ReferralAsk } from './referral-ask.entity.js';
import { ReferralKind } from './referral.entity.js';
import { createReferral } from './referral.service.js';

/**
 * Promoter → referrer (closed loop, part 4): promoters (9–10) of a named
 * customer NPS survey are asked, by email, to recommend us, each with a
 * personal link `/r/<token>`. Whoever opens it leaves their own details on
 * the public referral page, which records a referral by the promoter under
 * every guard of `createReferral`. Asks honour one-click unsubscribe, bouncing
 * addresses and the contact budget; a promoter is asked once per survey.
 */

const DAY = 86_400_000;
const TOKEN_PREFIX = 'rrf_';

export enum PromoterSkipReason {
  ALREADY_ASKED = 'ALREADY_ASKED',
  ALREADY_REFERRED = 'ALREADY_REFERRED',
  CHURNED = 'CHURNED',
  UNSUBSCRIBED = 'UNSUBSCRIBED',
  BOUNCING = 'BOUNCING',
  CONTACT_BUDGET = 'CONTACT_BUDGET',
}

export enum ReferralLinkState {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  USED_UP = 'USED_UP',
  UNKNOWN = 'UNKNOWN',
}

export interface PromoterAskResult {
  asked: Customer[];
  skipped: Array<{ customer: Customer; reason: PromoterSkipReason; lastAskedAt?: Date | null }>;
}

export function newReferralLinkToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function referralLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/r/${encodeURIComponent(token)}`;
}

/** A named customer survey with an NPS question, or the reason it is not one. */
async function promoterSurvey(em: EntityManager, surveyId: string): Promise<Survey> {
  const survey = await em.findOne(Survey, { id: parseId(surveyId, 'surveyId') });
  if (!survey) throw notFound('Survey', surveyId);
  if (survey.audience !== SurveyAudience.CUSTOMERS) throw badInput('surveyId', 'Only customers are asked to refer: this is an employee survey');
  if (survey.anonymous) throw badInput('surveyId', 'An anonymous survey does not know who its promoters are');
  const nps = await em.execute<Array<{ n: string | number }>>(`select count(*) as n from survey_question where survey_id = ? and type = 'NPS'`, [survey.id]);
  if (!Number(nps[0]?.n)) throw badInput('surveyId', 'This survey has no NPS question, so it has no promoters');
  return survey;
}

/** Customers who answered 9–10 to an NPS question of the survey, with when they first did. */
async function promoters(em: EntityManager, surveyId: number): Promise<Array<{ customerId: number; answeredAt: Date }>> {
  const rows = await em.execute<Array<{ customer_id: number; answered_at: string | number | Date }>>(
    `select r.customer_id, min(r.submitted_at) as answered_at from survey_response r
       join survey_wave w on w.id = r.wave_id join survey_answer a on a.response_id = r.id join survey_question q on q.id = a.question_id
      where w.survey_id = ? and q.type = 'NPS' and a.numeric_value >= 9 and r.customer_id is not null
      group by r.customer_id order by r.customer_id`,
    [surveyId],
  );
  return rows.map((r) => ({ customerId: Number(r.customer_id), answeredAt: toDate(r.answered_at)! }));
}

/**
 * The last ask to each address inside the contact budget: survey invitations
 * (except those of the survey being followed up: its promoters were invited
 * to it, and this ask is the answer's closed loop) and referral asks.
 */
async function lastAsks(em: EntityManager, emails: string[], since: Date, exceptSurveyId: number): Promise<Map<string, Date>> {
  if (!emails.length) return new Map();
  const marks = emails.map(() => '?').join(',');
  const rows = await em.execute<Array<{ email: string; last: string | number | Date }>>(
    `select email, max(at) as last from (
       select i.recipient_email as email, i.invited_at as at from survey_invitation i join survey_wave w on w.id = i.wave_id
        where w.survey_id <> ? and i.invited_at >= ? and i.recipient_email in (${marks})
       union all
       select recipient_email as email, asked_at as at from referral_ask where asked_at >= ? and recipient_email in (${marks})
     ) asks group by email`,
    [exceptSurveyId, since, ...emails, since, ...emails],
  );
  return new Map(rows.map((r) => [r.email, toDate(r.last)!]));
}

/**
 * Writes one referral ask (and its email) per promoter of the survey who can
 * be asked; reports everyone skipped with the reason. One transaction.
 */
export async function invitePromotersToRefer(ctx: Context, surveyId: string): Promise<PromoterAskResult> {
  const now = ctx.deps.now();
  const { mail, contactBudgetDays } = ctx.config;
  return inTransaction(ctx, async (em, events) => {
    const survey = await promoterSurvey(em, surveyId);
    const found = await promoters(em, survey.id);
    if (!found.length) throw badInput('surveyId', 'Nobody answered 9 or 10 in this survey yet: there are no promoters to ask');
    const customers = new Map((await em.find(Customer, { id: { $in: found.map((p) => p.customerId) } })).map((c) => [c.id, c]));
    const emails = [...customers.values()].map((c) => c.email);
    const asked = new Set((await em.find(ReferralAsk, { survey: survey.id }, { fields: ['customer'] })).map((a) => a.customer.id));
    const referredSince = await em.execute<Array<{ referrer_customer_id: number; first: string | number | Date }>>(
      `select referrer_customer_id, min(invited_at) as first from referral where referrer_customer_id in (${found.map(() => '?').join(',')}) group by referrer_customer_id`,
      found.map((p) => p.customerId),
    );
    const firstReferral = new Map(referredSince.map((r) => [Number(r.referrer_customer_id), toDate(r.first)!]));
    const addresses = new Map((await em.find(MailAddress, { email: { $in: emails } })).map((a) => [a.email, a]));
    const budget = contactBudgetDays === 0 ? new Map<string, Date>() : await lastAsks(em, emails, new Date(now.getTime() - contactBudgetDays * DAY), survey.id);

    const result: PromoterAskResult = { asked: [], skipped: [] };
    const toAsk: Customer[] = [];
    for (const promoter of found) {
      const customer = customers.get(promoter.customerId);
      if (!customer) continue;
      const address = addresses.get(customer.email);
      const referredAfter = firstReferral.get(customer.id);
      const skip = (reason: PromoterSkipReason, lastAskedAt?: Date) => result.skipped.push({ customer, reason, lastAskedAt: lastAskedAt ?? null });
      if (asked.has(customer.id)) skip(PromoterSkipReason.ALREADY_ASKED);
      else if (customer.churnedAt) skip(PromoterSkipReason.CHURNED);
      else if (referredAfter && referredAfter >= promoter.answeredAt) skip(PromoterSkipReason.ALREADY_REFERRED);
      else if (address?.bouncingAt) skip(PromoterSkipReason.BOUNCING);
      else if (address?.unsubscribedAt) skip(PromoterSkipReason.UNSUBSCRIBED);
      else if (budget.has(customer.email)) skip(PromoterSkipReason.CONTACT_BUDGET, budget.get(customer.email));
      else toAsk.push(customer);
    }
    const validDays = mail.referralLinkDays;
    const links: Array<{ ask: ReferralAsk; customer: Customer; token: string }> = [];
    for (const customer of toAsk) {
      const token = newReferralLinkToken();
      const ask = em.create(ReferralAsk, {
        survey,
        customer,
        tokenHash: hashToken(token),
        recipientEmail: customer.email,
        askedAt: now,
        expiresAt: new Date(now.getTime() + validDays * DAY),
        maxUses: mail.referralLinkUses,
      });
      links.push({ ask, customer, token });
    }
    await em.flush();
    for (const { ask, customer, token } of links) {
      await enqueueMail(em, events, mail, now, {
        template: 'REFERRAL_ASK',
        to: customer.email,
        toField: 'customer.email',
        name: customer.name,
        language: customer.language,
        params: { surveyId: survey.id, surveyTitle: survey.title, validDays },
        secretParams: { link: referralLinkUrl(mail.publicUrl, token) },
        reference: `referral-ask:${ask.id}`,
        customerId: customer.id,
      });
      result.asked.push(customer);
    }
    await em.flush();
    return result;
  });
}

/** The asks of one survey, newest first (who was asked, until when, how many friends came through). */
export async function referralAsksOf(ctx: Context, surveyId: string): Promise<ReferralAsk[]> {
  return ctx.em.find(ReferralAsk, { survey: parseId(surveyId, 'surveyId') }, { orderBy: { askedAt: 'desc', id: 'desc' } });
}

async function askByToken(em: EntityManager, token: string): Promise<ReferralAsk | null> {
  if (!token || token.length > 200 || !token.startsWith(TOKEN_PREFIX)) return null;
  return em.findOne(ReferralAsk, { tokenHash: hashToken(token) }, { populate: ['customer'] });
}

function stateOf(ask: ReferralAsk | null, now: Date): ReferralLinkState {
  if (!ask) return ReferralLinkState.UNKNOWN;
  if (ask.expiresAt <= now || ask.customer.getEntity().churnedAt) return ReferralLinkState.EXPIRED;
  if (ask.uses >= ask.maxUses) return ReferralLinkState.USED_UP;
  return ReferralLinkState.VALID;
}

/** What the public referral page may know about a link: whether it works, and the referrer's first name. */
export async function referralLink(ctx: Context, token: string): Promise<{ state: ReferralLinkState; referrerFirstName: string | null; expiresAt: Date | null }> {
  const ask = await askByToken(ctx.em, token);
  const state = stateOf(ask, ctx.deps.now());
  return {
    state,
    referrerFirstName: ask && state === ReferralLinkState.VALID ? (ask.customer.getEntity().name.split(/\s+/)[0] ?? null) : null,
    expiresAt: ask && state === ReferralLinkState.VALID ? ask.expiresAt : null,
  };
}

export interface PublicReferralInput {
  token: string;
  name: string;
  email: string;
  consent: boolean;
}

/** Guard errors as the referred person may see them: no other person's name, date or record id. */
const PUBLIC_MESSAGES: Record<string, string> = {
  SELF_REFERRAL: 'This is the address of the person who sent you the link: they cannot recommend themselves.',
  ALREADY_CUSTOMER: 'This address already belongs to one of our customers.',
  ALREADY_REFERRED: 'Someone has already recommended this address to us; we will be in touch.',
  REFERRAL_CYCLE: 'This address is already part of this chain of recommendations.',
  REFERRAL_DEPTH_EXCEEDED: 'This chain of recommendations cannot grow any longer.',
  REFERRER_INACTIVE: 'This referral link is no longer active.',
};

/**
 * The public referral page: the referred person leaves their name and email
 * (with consent to be contacted). Rate-limited per client address; the link
 * must be valid (not expired, not used up). The referral is made by the
 * promoter through `createReferral`, so every guard applies (self-referral,
 * already a customer, already referred, cycles); its errors name the field.
 */
export async function submitPublicReferral(ctx: Context, input: PublicReferralInput): Promise<{ remainingUses: number }> {
  const limiter = ctx.deps.referralIntakeLimiter;
  const address = ctx.http?.clientAddress ?? 'ws';
  const wait = limiter ? await limiter.retryAfter(address) : 0;
  if (wait > 0) throw new DomainError('RATE_LIMITED', `Too many recommendations from here; try again in ${Math.ceil(wait / 1000)} s`, { retryAfterSeconds: Math.ceil(wait / 1000) });
  await limiter?.record(address);

  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) throw badInput('name', 'Tell us the name of the person you recommend');
  if (name.length > 200) throw badInput('name', 'The name must be at most 200 characters');
  const email = checkEmail(input.email, 'email');
  if (!input.consent) throw badInput('consent', 'The person recommended must agree to be contacted');

  const now = ctx.deps.now();
  const em = ctx.deps.db.fork();
  const ask = await askByToken(em, input.token);
  const state = stateOf(ask, now);
  if (state === ReferralLinkState.UNKNOWN) throw new DomainError('NOT_FOUND', 'This referral link is unknown', { field: 'token' });
  if (state === ReferralLinkState.EXPIRED) throw new DomainError('REFERRAL_LINK_EXPIRED', 'This referral link has expired', { field: 'token' });
  if (state === ReferralLinkState.USED_UP) throw new DomainError('REFERRAL_LINK_USED_UP', 'This referral link has been used for as many recommendations as it allows', { field: 'token' });
  // Claim one use first (a conditional UPDATE: two friends at once cannot exceed the limit), give it back if the referral is refused.
  const claim = await em
    .createQueryBuilder(ReferralAsk)
    .update({ uses: raw('uses + 1'), lastUsedAt: now })
    .where({ id: ask!.id, uses: { $lt: ask!.maxUses }, expiresAt: { $gt: now } })
    .execute('run');
  if (!claim.affectedRows) throw new DomainError('REFERRAL_LINK_USED_UP', 'This referral link has been used for as many recommendations as it allows', { field: 'token' });
  try {
    await createReferral(ctx, {
      kind: ReferralKind.CUSTOMER,
      referrerCustomerId: String(ask!.customer.id),
      referredName: name,
      referredEmail: email,
      note: `Left on the public referral page (link from survey ${ask!.survey.id})`,
    } as Parameters<typeof createReferral>[1]);
  } catch (error) {
    await em.execute('update referral_ask set uses = uses - 1 where id = ? and uses > 0', [ask!.id]);
    const code = (error as DomainError).extensions?.code as string | undefined;
    if (error instanceof DomainError && code && PUBLIC_MESSAGES[code]) {
      throw new DomainError(code as never, PUBLIC_MESSAGES[code]!, { field: code === 'REFERRER_INACTIVE' ? 'token' : 'email' });
    }
    throw error;
  }
  return { remainingUses: Math.max(0, ask!.maxUses - ask!.uses - 1) };
}
