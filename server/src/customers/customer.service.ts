import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import { Customer } from './customer.entity.js';
import { Employee } from '../people/employee.entity.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { uniqueOr } from '../errors/db-errors.js';
import { validate } from 'class-validator';
import { customerEvent, inTransaction, type DomainEvent } from '../pubsub/events.js';
import { parseId } from '../graphql/ids.js';
import { SortDirection, type PageRequest } from '../graphql/connection.js';
import { keysetConnection } from '../graphql/keyset.js';
import { normaliseEmail } from '../people/employee.service.js';
import { likePattern } from '../db/raw.js';
import {
  CustomerSortField,
  CustomerStatus,
  type CreateCustomerInput,
  type CustomerFilter,
  type CustomerSort,
  type RecordChurnInput,
  type UpdateCustomerInput,
} from './customer.types.js';

const SORT_PROPERTY = {
  [CustomerSortField.NAME]: 'name',
  [CustomerSortField.CUSTOMER_SINCE]: 'customerSince',
  [CustomerSortField.CREATED_AT]: 'createdAt',
} as const;

export async function getCustomer(ctx: Context, id: string): Promise<Customer> {
  const customer = await ctx.loaders.customer.load(parseId(id, 'id'));
  if (!customer) throw notFound('Customer', id);
  return customer;
}

export async function listCustomers(ctx: Context, page: PageRequest, filter?: CustomerFilter, sort?: CustomerSort) {
  const qb = ctx.em.createQueryBuilder(Customer, 'c');
  if (filter?.search?.trim()) {
    const pattern = likePattern(filter.search);
    qb.andWhere(`(lower(c.name) like ? escape '!' or c.email like ? escape '!' or lower(c.company) like ? escape '!')`, [pattern, pattern, pattern]);
  }
  if (filter?.segment) qb.andWhere({ segment: filter.segment });
  if (filter?.accountOwnerId) qb.andWhere({ accountOwner: parseId(filter.accountOwnerId, 'filter.accountOwnerId') });
  if (filter?.status === CustomerStatus.ACTIVE) qb.andWhere({ churnedAt: null });
  if (filter?.status === CustomerStatus.CHURNED) qb.andWhere({ churnedAt: { $ne: null } });
  const property = SORT_PROPERTY[sort?.field ?? CustomerSortField.NAME];
  const connection = await keysetConnection(qb, page, property, sort?.direction ?? SortDirection.ASC, { isDate: property !== 'name' });
  for (const { node } of connection.edges) ctx.loaders.customer.prime(node.id, node);
  return connection;
}

function emailTaken() {
  return new DomainError('EMAIL_TAKEN', 'Another customer already uses this email', { field: 'email' });
}

async function findOwner(em: EntityManager, id: string): Promise<Employee> {
  const owner = await em.findOne(Employee, { id: parseId(id, 'accountOwnerId') });
  if (!owner) throw new DomainError('NOT_FOUND', `Employee ${id} was not found`, { field: 'accountOwnerId' });
  return owner;
}

/** Creates a customer inside a caller's transaction (also used when a referral converts). */
export async function createCustomerInTransaction(
  ctx: Context,
  em: EntityManager,
  events: DomainEvent[],
  input: Omit<CreateCustomerInput, 'email'> & { email: string },
): Promise<Customer> {
  const email = normaliseEmail(input.email);
  if (await em.count(Customer, { email })) throw emailTaken();
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) throw badInput('name', '`name` must not be blank');
  const now = ctx.deps.now();
  const customer = em.create(Customer, {
    name,
    email,
    company: input.company?.trim() || null,
    segment: input.segment?.trim() || null,
    accountOwner: input.accountOwnerId ? await findOwner(em, input.accountOwnerId) : null,
    customerSince: input.customerSince ?? now,
    language: input.language ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  events.push(customerEvent('CREATED', customer.id, now));
  return customer;
}

export async function createCustomer(ctx: Context, input: CreateCustomerInput): Promise<Customer> {
  return uniqueOr(
    () => inTransaction(ctx, (em, events) => createCustomerInTransaction(ctx, em, events, input)),
    () => emailTaken(),
  );
}

export async function updateCustomer(ctx: Context, input: UpdateCustomerInput): Promise<Customer> {
  return uniqueOr(
    () => inTransaction(ctx, async (em, events) => {
      const customer = await em.findOne(Customer, { id: parseId(input.id, 'id') });
      if (!customer) throw notFound('Customer', input.id);
      if (input.name) {
        const name = input.name.trim().replace(/\s+/g, ' ');
        if (!name) throw badInput('name', '`name` must not be blank');
        customer.name = name;
      }
      if (input.email) {
        const email = normaliseEmail(input.email);
        if (await em.count(Customer, { email, id: { $ne: customer.id } })) throw emailTaken();
        customer.email = email;
      }
      if (input.company !== undefined) customer.company = input.company?.trim() || null;
      if (input.segment !== undefined) customer.segment = input.segment?.trim() || null;
      if (input.language !== undefined) customer.language = input.language ?? null;
      if (input.accountOwnerId !== undefined) {
        customer.accountOwner = input.accountOwnerId === null ? null : ((await findOwner(em, input.accountOwnerId)) as never);
      }
      customer.updatedAt = ctx.deps.now();
      await em.flush();
      events.push(customerEvent('UPDATED', customer.id, customer.updatedAt));
      return customer;
    }),
    () => emailTaken(),
  );
}

/** Records that a customer left; rewards for having referred them inside the retention period are reversed. */
export async function recordChurn(ctx: Context, input: RecordChurnInput): Promise<Customer> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const customer = await em.findOne(Customer, { id: parseId(input.customerId, 'customerId') });
    if (!customer) throw notFound('Customer', input.customerId);
    if (customer.churnedAt) throw new DomainError('ALREADY_CHURNED', `${customer.name} already churned`, { field: 'customerId' });
    const churnedAt = input.churnedAt ?? now;
    if (churnedAt < customer.customerSince) throw badInput('churnedAt', '`churnedAt` must not be before `customerSince`');
    customer.churnedAt = churnedAt;
    customer.churnReason = input.reason?.trim() || null;
    customer.updatedAt = now;
    await em.flush();
    // Referrals react to this event in the same transaction (rewards reversed): see app/reactions.ts.
    events.push(customerEvent('CHURNED', customer.id, now));
    return customer;
  });
}

export const MAX_IMPORT_ROWS = 1000;

/**
 * Imports customers all or nothing: every row is checked first (blank names,
 * emails used twice in the file or already taken, unknown owners) and the
 * answer lists every problem by row; only a clean file is written, in one
 * transaction.
 */
export async function importCustomers(ctx: Context, rows: CreateCustomerInput[]): Promise<Customer[]> {
  if (rows.length > MAX_IMPORT_ROWS) throw badInput('rows', `At most ${MAX_IMPORT_ROWS} rows per import`);
  const problems: Array<{ row: number; field: string; message: string }> = [];
  // The field rules of CreateCustomerInput (email format, lengths), reported per row like every other problem.
  for (const [i, row] of rows.entries()) {
    for (const error of await validate(row)) {
      problems.push({ row: i + 1, field: error.property, message: Object.values(error.constraints ?? {})[0] ?? 'Invalid value' });
    }
  }
  const seen = new Map<string, number>();
  const emails = rows.map((r) => normaliseEmail(r.email));
  rows.forEach((row, i) => {
    if (!row.name.trim()) problems.push({ row: i + 1, field: 'name', message: 'Name is blank' });
    const first = seen.get(emails[i]!);
    if (first !== undefined) problems.push({ row: i + 1, field: 'email', message: `Same email as row ${first + 1}` });
    else seen.set(emails[i]!, i);
  });
  const taken = new Set((await ctx.em.find(Customer, { email: { $in: emails } }, { fields: ['email'] })).map((c) => c.email));
  emails.forEach((email, i) => {
    if (taken.has(email)) problems.push({ row: i + 1, field: 'email', message: `${email} is already a customer` });
  });
  const ownerIds = [...new Set(rows.filter((r) => r.accountOwnerId).map((r) => parseId(r.accountOwnerId!, 'accountOwnerId')))];
  const owners = new Set((await ctx.em.find(Employee, { id: { $in: ownerIds } }, { fields: ['id'] })).map((e) => e.id));
  rows.forEach((row, i) => {
    if (row.accountOwnerId && !owners.has(Number(row.accountOwnerId))) problems.push({ row: i + 1, field: 'accountOwnerId', message: `No employee ${row.accountOwnerId}` });
  });
  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    throw new DomainError('BAD_USER_INPUT', `${problems.length} problem${problems.length === 1 ? '' : 's'} in the file; nothing was imported`, {
      field: 'rows',
      rows: problems,
    });
  }
  return uniqueOr(
    () => inTransaction(ctx, async (em, events) => {
      const created: Customer[] = [];
      for (const row of rows) created.push(await createCustomerInTransaction(ctx, em, events, row));
      return created;
    }),
    () => emailTaken(),
  );
}
