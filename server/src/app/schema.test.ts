import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, printSchema, type GraphQLUnionType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { rapportSchema } from './schema.js';

const SCHEMA_FILE = new URL('../../../schema/schema.graphql', import.meta.url);
/** Root fields anyone may call. */
const PUBLIC_ROOT_FIELDS = new Set(['login', 'submitComplaint', 'surveyInvitation', 'submitSurveyResponse', 'referralLink', 'submitPublicReferral',
  // A complainant's private thread page: the `rct_` link is the credential (complaints/complaint-thread.service.ts).
  'complaintThread', 'replyToComplaintThread', 'rateComplaintRecovery']);

describe('schema', () => {
  it('should match the committed schema/schema.graphql (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const printed = printSchema(await rapportSchema()) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(printed, 'schema/schema.graphql is stale: run `npm run schema`').toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('should describe every type, field, argument and enum value', async () => {
    const schema = await rapportSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('should resolve every union and interface type synchronously (the compiled executor calls resolveType without awaiting)', async () => {
    const schema = await rapportSchema();
    const { Customer } = await import('../customers/customer.entity.js');
    const { Employee } = await import('../people/employee.entity.js');
    const abstract = Object.values(schema.getTypeMap()).filter((type) => isUnionType(type) || isInterfaceType(type));
    expect(abstract.map((type) => type.name)).toEqual(['Referrer']);
    const referrer = schema.getType('Referrer') as GraphQLUnionType;
    const resolve = (value: unknown) => referrer.resolveType!(value, {}, {} as never, referrer);
    expect(resolve(Object.assign(new Customer(), { id: 1 }))).toBe('Customer');
    expect(resolve(Object.assign(new Employee(), { id: 1 }))).toBe('Employee');
  });

  it('should put an authorization rule on every root field except login and the public complaint and survey forms', async () => {
    const schema = await rapportSchema();
    const storage = getMetadataStorage();
    const authorized = new Set(storage.authorizedFields.map((f) => `${f.target.name}.${f.fieldName}`));
    const unguarded: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root!.getFields())) {
        if (PUBLIC_ROOT_FIELDS.has(field.name)) continue;
        const handler = [...storage.queries, ...storage.mutations].find((h) => h.schemaName === field.name);
        if (!handler || !authorized.has(`${handler.target.name}.${handler.methodName}`)) unguarded.push(field.name);
      }
    }
    // Subscriptions check roles in their `subscribe` (authorizedTopic); each must use it.
    for (const field of Object.values(schema.getSubscriptionType()!.getFields())) {
      const handler = storage.subscriptions.find((h) => h.schemaName === field.name);
      if (!handler?.subscribe) unguarded.push(field.name);
    }
    expect(unguarded).toEqual([]);
    expect(getNamedType(schema.getQueryType()!.getFields().employees!.type).name).toBe('EmployeeConnection');
  });
});
