import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { Referral, ReferralKind, ReferralReward, ReferralStatus } from './referral.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Employee } from '../people/employee.entity.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { uniqueOr } from '../errors/db-errors.js';
import { inTransaction, type DomainEvent } from '../pubsub/events.js';
import { Topic, type ReferralChangeKind } from '../pubsub/topics.js';
import { parseId } from '../graphql/ids.js';
import { SortDirection, type PageRequest } from '../graphql/connection.js';
import { keysetConnection } from '../graphql/keyset.js';
import { normaliseEmail, createEmployeeInTransaction } from '../people/employee.service.js';
import { createCustomerInTransaction } from '../customers/customer.service.js';
import { MAX_REFERRAL_DEPTH, chainEmails, type GenerationRow } from './referral.queries.js';
import { createRewardsOnConversion, settleDueRewards } from './reward.service.js';
import type { ConvertReferralInput, CreateReferralInput, ReferralFilter, RewardFilter, UpdateReferralStatusInput } from './referral.types.js';
import { likePattern, num } from '../db/raw.js';

/** Suspicion rules: flagged for a human to review, never blocked. */
export const VELOCITY_LIMIT = 5;
export const VELOCITY_WINDOW_MS = 24 * 3_600_000;

/** Status moves allowed by `updateReferralStatus` (CONVERTED only through `convertReferral`). */
const TRANSITIONS: Record<ReferralStatus, ReferralStatus[]> = {
  [ReferralStatus.INVITED]: [ReferralStatus.ENGAGED, ReferralStatus.REJECTED, ReferralStatus.EXPIRED],
  [ReferralStatus.ENGAGED]: [ReferralStatus.REJECTED, ReferralStatus.EXPIRED],
  [ReferralStatus.CONVERTED]: [],
  [ReferralStatus.REJECTED]: [],
  [ReferralStatus.EXPIRED]: [],
};
/** `convertReferral` takes a referral that is still live. */
const CONVERTIBLE: ReferralStatus[] = [ReferralStatus.INVITED, ReferralStatus.ENGAGED];

/** Every status a referral can move to from `status`: through `updateReferralStatus`, or CONVERTED through `convertReferral`. */
export function nextStatuses(status: ReferralStatus): ReferralStatus[] {
  return CONVERTIBLE.includes(status) ? [...TRANSITIONS[status], ReferralStatus.CONVERTED] : TRANSITIONS[status];
}

/** Same mailbox in practice: case, dots in the local part and `+tags` ignored. */
export function canonicalEmail(email: string): string {
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  return `${local.split('+')[0]!.replace(/\./g, '')}@${domain}`;
}

export function canonicalName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

function referralEvent(kind: ReferralChangeKind, referral: Referral, at: Date): DomainEvent {
  return {
    topic: Topic.REFERRAL_CHANGED,
    payload: { kind, referralId: referral.id, rootId: referral.root?.id ?? referral.id, at: at.toISOString() },
  };
}

export async function getReferral(ctx: Context, id: string): Promise<Referral> {
  const referral = await ctx.loaders.referral.load(parseId(id, 'id'));
  if (!referral) throw notFound('Referral', id);
  return referral;
}

export async function listReferrals(ctx: Context, page: PageRequest, filter?: ReferralFilter) {
  const qb = ctx.em.createQueryBuilder(Referral, 'r');
  if (filter?.kind) qb.andWhere({ kind: filter.kind });
  if (filter?.status?.length) qb.andWhere({ status: { $in: filter.status } });
  if (filter?.referrerCustomerId) qb.andWhere({ referrerCustomer: parseId(filter.referrerCustomerId, 'filter.referrerCustomerId') });
  if (filter?.referrerEmployeeId) qb.andWhere({ referrerEmployee: parseId(filter.referrerEmployeeId, 'filter.referrerEmployeeId') });
  if (filter?.rootId) {
    const rootId = parseId(filter.rootId, 'filter.rootId');
    qb.andWhere({ $or: [{ id: rootId }, { root: rootId }] });
  }
  if (filter?.invitedFrom) qb.andWhere({ invitedAt: { $gte: filter.invitedFrom } });
  if (filter?.invitedTo) qb.andWhere({ invitedAt: { $lt: filter.invitedTo } });
  if (filter?.flagged === true) qb.andWhere(`r.flags <> '[]'`);
  if (filter?.flagged === false) qb.andWhere(`r.flags = '[]'`);
  if (filter?.search?.trim()) {
    const pattern = likePattern(filter.search);
    qb.andWhere(`(lower(r.referred_name) like ? escape '!' or r.referred_email like ? escape '!')`, [pattern, pattern]);
  }
  const connection = await keysetConnection(qb, page, 'invitedAt', SortDirection.DESC, { isDate: true });
  for (const { node } of connection.edges) ctx.loaders.referral.prime(node.id, node);
  return connection;
}

async function findReferrer(em: EntityManager, input: CreateReferralInput): Promise<Customer | Employee> {
  if (Boolean(input.referrerCustomerId) === Boolean(input.referrerEmployeeId)) {
    throw new DomainError('REFERRER_REQUIRED', 'Give exactly one of referrerCustomerId and referrerEmployeeId', { field: 'referrerCustomerId' });
  }
  if (input.referrerCustomerId) {
    const customer = await em.findOne(Customer, { id: parseId(input.referrerCustomerId, 'referrerCustomerId') });
    if (!customer) throw new DomainError('NOT_FOUND', `Customer ${input.referrerCustomerId} was not found`, { field: 'referrerCustomerId' });
    if (customer.churnedAt) throw new DomainError('REFERRER_INACTIVE', `${customer.name} is no longer a customer`, { field: 'referrerCustomerId' });
    return customer;
  }
  const employee = await em.findOne(Employee, { id: parseId(input.referrerEmployeeId!, 'referrerEmployeeId') });
  if (!employee) throw new DomainError('NOT_FOUND', `Employee ${input.referrerEmployeeId} was not found`, { field: 'referrerEmployeeId' });
  if (employee.exitedAt) throw new DomainError('REFERRER_INACTIVE', `${employee.name} has left the company`, { field: 'referrerEmployeeId' });
  return employee;
}

/**
 * Records a referral after every guard: one referrer; no self-referral (same
 * person or same email); the referred person is not already a customer (or
 * employee, for hires); not already referred (the first referrer keeps the
 * credit); not already in the referrer's own chain (no cycles); at most
 * MAX_REFERRAL_DEPTH generations. Suspicious patterns are flagged.
 */
export async function createReferral(ctx: Context, input: CreateReferralInput): Promise<Referral> {
  const now = ctx.deps.now();
  const email = normaliseEmail(input.referredEmail);
  const name = input.referredName.trim().replace(/\s+/g, ' ');
  if (!name) throw badInput('referredName', '`referredName` must not be blank');
  return uniqueOr(
    () => inTransaction(ctx, async (em, events) => {
      const referrer = await findReferrer(em, input);
      if (referrer.email === email) {
        throw new DomainError('SELF_REFERRAL', 'Nobody can refer themselves', { field: 'referredEmail' });
      }
      if (input.kind === ReferralKind.CUSTOMER && (await em.count(Customer, { email }))) {
        throw new DomainError('ALREADY_CUSTOMER', `${email} is already a customer`, { field: 'referredEmail' });
      }
      if (input.kind === ReferralKind.HIRE && (await em.count(Employee, { email, exitedAt: null }))) {
        throw new DomainError('ALREADY_EMPLOYEE', `${email} already works here`, { field: 'referredEmail' });
      }
      const earlier = await em.findOne(
        Referral,
        { referredEmail: email, kind: input.kind, status: { $ne: ReferralStatus.EXPIRED } },
        { populate: ['referrerCustomer', 'referrerEmployee'] },
      );
      if (earlier) {
        const by = earlier.referrerCustomer?.getEntity().name ?? earlier.referrerEmployee?.getEntity().name;
        throw new DomainError('ALREADY_REFERRED', `${email} was already referred by ${by} on ${earlier.invitedAt.toISOString().slice(0, 10)}; the first referrer keeps the credit`, {
          field: 'referredEmail',
          firstReferralId: String(earlier.id),
        });
      }

      // The referral through which the referrer came in, if any: that is where this one hangs.
      const parent = await em.findOne(Referral, referrer instanceof Customer ? { convertedCustomer: referrer.id } : { convertedEmployee: referrer.id });
      if (parent) {
        if (parent.generation >= MAX_REFERRAL_DEPTH) {
          throw new DomainError('REFERRAL_DEPTH_EXCEEDED', `Referral chains are at most ${MAX_REFERRAL_DEPTH} generations deep`, { field: 'referredEmail' });
        }
        if ((await chainEmails(em, parent.id)).has(email)) {
          throw new DomainError('REFERRAL_CYCLE', `${email} is already above ${referrer.name} in this referral chain`, { field: 'referredEmail' });
        }
      }

      const flags: string[] = [];
      const referrerFilter = referrer instanceof Customer ? { referrerCustomer: referrer.id } : { referrerEmployee: referrer.id };
      const recent = await em.count(Referral, { ...referrerFilter, invitedAt: { $gte: new Date(now.getTime() - VELOCITY_WINDOW_MS) } });
      if (recent >= VELOCITY_LIMIT) flags.push('VELOCITY');
      const emailKey = canonicalEmail(email);
      const nameKey = canonicalName(name);
      if (await em.count(Referral, { referredEmailCanonical: emailKey, referredEmail: { $ne: email } })) flags.push('NEAR_DUPLICATE_EMAIL');
      if (await em.count(Referral, { referredNameCanonical: nameKey, referredEmail: { $ne: email } })) flags.push('NEAR_DUPLICATE_NAME');

      const referral = em.create(Referral, {
        kind: input.kind,
        status: ReferralStatus.INVITED,
        referrerCustomer: referrer instanceof Customer ? referrer : null,
        referrerEmployee: referrer instanceof Employee ? referrer : null,
        referredName: name,
        referredEmail: email,
        referredEmailCanonical: emailKey,
        referredNameCanonical: nameKey,
        note: input.note?.trim() || null,
        parent: parent ?? null,
        root: parent ? (parent.root ?? parent) : null,
        generation: parent ? parent.generation + 1 : 1,
        flags,
        invitedAt: input.invitedAt ?? now,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      events.push(referralEvent('CREATED', referral, now));
      return referral;
    }),
    () => new DomainError('ALREADY_REFERRED', `${email} was referred by someone else a moment ago; the first referrer keeps the credit`, {
      field: 'referredEmail',
    }),
    'referral_one_live_per_person',
  );
}

function refuseTransition(from: ReferralStatus, to: ReferralStatus): never {
  const allowed = TRANSITIONS[from];
  throw new DomainError(
    'INVALID_TRANSITION',
    `A ${from} referral cannot become ${to}${allowed.length ? `; allowed: ${allowed.join(', ')}` : '; it is final'}`,
    { field: 'status', from, to, allowed },
  );
}

export async function updateReferralStatus(ctx: Context, input: UpdateReferralStatusInput): Promise<Referral> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const referral = await em.findOne(Referral, { id: parseId(input.referralId, 'referralId') });
    if (!referral) throw notFound('Referral', input.referralId);
    if (!TRANSITIONS[referral.status].includes(input.status)) refuseTransition(referral.status, input.status);
    referral.status = input.status;
    if (input.status === ReferralStatus.ENGAGED) referral.engagedAt = now;
    else referral.closedAt = now;
    referral.updatedAt = now;
    await em.flush();
    events.push(referralEvent('STATUS_CHANGED', referral, now));
    return referral;
  });
}

/** The referred person became a customer or an employee: create them, link them, start the staged rewards. */
export async function convertReferral(ctx: Context, input: ConvertReferralInput): Promise<Referral> {
  const now = ctx.deps.now();
  return uniqueOr(
    () => inTransaction(ctx, async (em, events) => {
      const referral = await em.findOne(Referral, { id: parseId(input.referralId, 'referralId') });
      if (!referral) throw notFound('Referral', input.referralId);
      if (!CONVERTIBLE.includes(referral.status)) refuseTransition(referral.status, ReferralStatus.CONVERTED);
      if (referral.kind === ReferralKind.CUSTOMER) {
        if (input.employee) throw badInput('employee', 'A CUSTOMER referral converts into a customer; give `customer`, not `employee`');
        if (await em.count(Customer, { email: referral.referredEmail })) {
          throw new DomainError('ALREADY_CUSTOMER', `${referral.referredEmail} is already a customer`, { field: 'referralId' });
        }
        referral.convertedCustomer = (await createCustomerInTransaction(ctx, em, events, {
          name: referral.referredName,
          email: referral.referredEmail,
          company: input.customer?.company,
          segment: input.customer?.segment,
          accountOwnerId: input.customer?.accountOwnerId,
          customerSince: now,
        })) as never;
      } else {
        if (input.customer) throw badInput('customer', 'A HIRE referral converts into an employee; give `employee`, not `customer`');
        if (await em.count(Employee, { email: referral.referredEmail })) {
          throw new DomainError('ALREADY_EMPLOYEE', `${referral.referredEmail} is already an employee record`, { field: 'referralId' });
        }
        referral.convertedEmployee = (await createEmployeeInTransaction(ctx, em, events, {
          name: referral.referredName,
          email: referral.referredEmail,
          title: input.employee?.title,
          teamId: input.employee?.teamId,
          leaderId: input.employee?.leaderId,
          hiredAt: input.employee?.hiredAt ?? now,
        })) as never;
      }
      referral.status = ReferralStatus.CONVERTED;
      referral.engagedAt ??= now;
      referral.convertedAt = now;
      referral.updatedAt = now;
      await em.flush();
      await createRewardsOnConversion(em, referral, now);
      events.push(referralEvent('CONVERTED', referral, now));
      return referral;
    }),
    () => new DomainError('ALREADY_CUSTOMER', 'The referred person was created by someone else a moment ago', { field: 'referralId' }),
  );
}

/** Adds rates and K-factor to raw generation counts. */
export function withRates(rows: GenerationRow[]) {
  return rows.map((row) => {
    const conversionRate = row.referrals ? row.converted / row.referrals : 0;
    const invitesPerReferrer = row.referrers ? row.referrals / row.referrers : 0;
    return { ...row, conversionRate, invitesPerReferrer, kFactor: invitesPerReferrer * conversionRate };
  });
}

export function treeStats(rows: GenerationRow[]) {
  const generations = withRates(rows);
  return {
    size: rows.reduce((sum, r) => sum + r.referrals, 0),
    converted: rows.reduce((sum, r) => sum + r.converted, 0),
    depth: rows.reduce((max, r) => Math.max(max, r.generation), 0),
    generations,
  };
}

export async function funnel(ctx: Context, kind?: ReferralKind, from?: Date, to?: Date) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (kind) (where.push('kind = ?'), params.push(kind));
  if (from) (where.push('invited_at >= ?'), params.push(from));
  if (to) (where.push('invited_at < ?'), params.push(to));
  const [row] = await ctx.em.execute<Array<Record<string, unknown>>>(
    `select count(*) as invited,
            sum(case when status = 'CONVERTED' or engaged_at is not null then 1 else 0 end) as engaged,
            sum(case when status = 'CONVERTED' then 1 else 0 end) as converted,
            sum(case when status = 'REJECTED' then 1 else 0 end) as rejected,
            sum(case when status = 'EXPIRED' then 1 else 0 end) as expired
       from referral ${where.length ? `where ${where.join(' and ')}` : ''}`,
    params,
  );
  return { invited: num(row?.invited), engaged: num(row?.engaged), converted: num(row?.converted), rejected: num(row?.rejected), expired: num(row?.expired) };
}

export async function listRewards(ctx: Context, page: PageRequest, filter?: RewardFilter) {
  await settleDueRewards(ctx.em, ctx.deps.now());
  const qb = ctx.em.createQueryBuilder(ReferralReward, 'w');
  if (filter?.status?.length) qb.andWhere({ status: { $in: filter.status } });
  if (filter?.referrerCustomerId) qb.andWhere({ referral: { referrerCustomer: parseId(filter.referrerCustomerId, 'filter.referrerCustomerId') } });
  if (filter?.referrerEmployeeId) qb.andWhere({ referral: { referrerEmployee: parseId(filter.referrerEmployeeId, 'filter.referrerEmployeeId') } });
  return keysetConnection(qb, page, 'dueAt', SortDirection.DESC, { isDate: true });
}
