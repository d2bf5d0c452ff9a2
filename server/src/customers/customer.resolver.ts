import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context.js';
import { Customer } from './customer.entity.js';
import { Employee } from '../people/employee.entity.js';
import { EmployeeType } from '../people/employee.types.js';
import { CreateCustomerInput, CustomerChangeEvent, CustomerChangeKind, CustomerConnection, CustomerFilter, CustomerSort, CustomerStatus, CustomerType, RecordChurnInput, UpdateCustomerInput } from './customer.types.js';
import * as service from './customer.service.js';
import { READ_ROLES, WRITE_ROLES, authorizedTopic } from '../auth/auth-checker.js';
import { Topic, type CustomerChangedPayload } from '../pubsub/topics.js';
import { notFound } from '../errors/domain-error.js';
import { pageRequest } from '../graphql/connection.js';

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Authorized(READ_ROLES)
  @Query(() => CustomerType, { description: 'One customer by id; NOT_FOUND when there is none.' })
  customer(@Arg('id', () => ID, { description: 'The customer id.' }) id: string, @Ctx() ctx: Context): Promise<Customer> {
    return service.getCustomer(ctx, id);
  }

  @Authorized(READ_ROLES)
  @Query(() => CustomerConnection, { description: 'Customers, filtered and sorted, a page at a time.' })
  customers(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after?: string,
    @Arg('filter', () => CustomerFilter, { nullable: true, description: 'Conditions the customers must meet.' }) filter?: CustomerFilter,
    @Arg('sort', () => CustomerSort, { nullable: true, description: 'Order (default: by name).' }) sort?: CustomerSort,
  ) {
    return service.listCustomers(ctx, pageRequest(first, after, ctx.config.limits.maxPageSize), filter, sort);
  }

  @Authorized(READ_ROLES)
  @Query(() => [String], { description: 'Every customer segment in use, alphabetically.' })
  async customerSegments(@Ctx() ctx: Context): Promise<string[]> {
    const rows = await ctx.em.execute<Array<{ segment: string }>>('select distinct segment from customer where segment is not null order by segment');
    return rows.map((r) => r.segment);
  }

  @FieldResolver(() => CustomerStatus, { description: 'ACTIVE, or CHURNED after leaving.' })
  status(@Root() customer: Customer): CustomerStatus {
    return customer.churnedAt ? CustomerStatus.CHURNED : CustomerStatus.ACTIVE;
  }

  @FieldResolver(() => EmployeeType, { nullable: true, description: 'The employee who owns the account.' })
  accountOwner(@Root() customer: Customer, @Ctx() ctx: Context): Promise<Employee | null> | null {
    return customer.accountOwner ? ctx.loaders.employee.load(customer.accountOwner.id) : null;
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => CustomerType, { description: 'Adds a customer. EMAIL_TAKEN when the email is in use.' })
  createCustomer(@Arg('input', () => CreateCustomerInput, { description: 'What to do; see the input type.' }) input: CreateCustomerInput, @Ctx() ctx: Context) {
    return service.createCustomer(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => CustomerType, { description: "Changes a customer's name, email, company, segment or owner." })
  updateCustomer(@Arg('input', () => UpdateCustomerInput, { description: 'What to do; see the input type.' }) input: UpdateCustomerInput, @Ctx() ctx: Context) {
    return service.updateCustomer(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => [CustomerType], {
    description: `Imports up to ${service.MAX_IMPORT_ROWS} customers, all or nothing: when any row is wrong, nothing is written and extensions.rows lists every problem (row, field, message).`,
  })
  importCustomers(
    // Validated by the service row by row, so every problem is reported with its row number.
    @Arg('rows', () => [CreateCustomerInput], { description: 'One entry per customer (e.g. the rows of a CSV file).', validate: false }) rows: CreateCustomerInput[],
    @Ctx() ctx: Context,
  ) {
    return service.importCustomers(ctx, rows);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => CustomerType, { description: 'Records that a customer left; referral rewards inside the retention period are reversed.' })
  recordChurn(@Arg('input', () => RecordChurnInput, { description: 'What to do; see the input type.' }) input: RecordChurnInput, @Ctx() ctx: Context) {
    return service.recordChurn(ctx, input);
  }

  @Subscription(() => CustomerChangeEvent, {
    description: 'Pushes new, changed and churned customers (or one, with `customerId`).',
    subscribe: authorizedTopic(Topic.CUSTOMER_CHANGED, READ_ROLES, (payload, args) => !args.customerId || String(payload.customerId) === String(args.customerId)),
  })
  async customerChanged(
    @Root() payload: CustomerChangedPayload,
    @Ctx() ctx: Context,
    @Arg('customerId', () => ID, { nullable: true, description: 'Only this customer.' }) _customerId?: string,
  ) {
    ctx.renew();
    const customer = await ctx.loaders.customer.load(payload.customerId);
    if (!customer) throw notFound('Customer', payload.customerId);
    return { kind: payload.kind as CustomerChangeKind, customer, at: new Date(payload.at) };
  }
}
