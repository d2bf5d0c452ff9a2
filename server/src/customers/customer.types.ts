import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { IsEmail, IsOptional, Length, MaxLength } from 'class-validator';
import { MailLanguage } from '../mail/language.js';
import { SortDirection, connectionTypes } from '../graphql/connection.js';

export enum CustomerStatus {
  ACTIVE = 'ACTIVE',
  CHURNED = 'CHURNED',
}
registerEnumType(CustomerStatus, {
  name: 'CustomerStatus',
  description: 'Whether a customer is still a customer.',
  valuesConfig: { ACTIVE: { description: 'A current customer.' }, CHURNED: { description: 'Has left.' } },
});

export enum CustomerSortField {
  NAME = 'NAME',
  CUSTOMER_SINCE = 'CUSTOMER_SINCE',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(CustomerSortField, {
  name: 'CustomerSortField',
  description: 'Fields a customer list can be sorted by.',
  valuesConfig: {
    NAME: { description: 'Name.' },
    CUSTOMER_SINCE: { description: 'Start of the relationship.' },
    CREATED_AT: { description: 'When the record was created.' },
  },
});

@ObjectType('Customer', { description: 'A customer: a co-worker who improves the company (surveys, complaints) and grows it (referrals).' })
export class CustomerType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => String, { description: 'Name of the person or account contact.' })
  name!: string;

  @Field(() => String, { description: 'Email, lower-cased; unique.' })
  email!: string;

  @Field(() => MailLanguage, { nullable: true, description: 'Language of the emails Rapport sends them; null: the deployment default (RAPPORT_MAIL_LANGUAGE).' })
  language?: MailLanguage | null;

  @Field(() => String, { nullable: true, description: 'Company the contact works for.' })
  company?: string | null;

  @Field(() => String, { nullable: true, description: 'Segment used to slice reports ("enterprise", "smb", …).' })
  segment?: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When the customer relationship started.' })
  customerSince!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the customer left; null while active.' })
  churnedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the customer left.' })
  churnReason?: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When the record was created.' })
  createdAt!: Date;
}

export const { Connection: CustomerConnection } = connectionTypes(CustomerType, 'Customer', 'customer');

@InputType({ description: 'Narrows a customer list; all given conditions must hold.' })
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of name, email or company.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field(() => String, { nullable: true, description: 'Only this segment (exact).' })
  @IsOptional()
  @MaxLength(80)
  segment?: string;

  @Field(() => ID, { nullable: true, description: 'Only customers owned by this employee.' })
  accountOwnerId?: string;

  @Field(() => CustomerStatus, { nullable: true, description: 'Only active or only churned customers; both when omitted.' })
  status?: CustomerStatus;
}

@InputType({ description: 'Order of a customer list; ties are broken by id.' })
export class CustomerSort {
  @Field(() => CustomerSortField, { defaultValue: CustomerSortField.NAME, description: 'Field to sort by.' })
  field!: CustomerSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending or descending.' })
  direction!: SortDirection;
}

@InputType({ description: 'A new customer.' })
export class CreateCustomerInput {
  @Field(() => String, { description: 'Name (1–200 characters).' })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { description: 'Email; stored lower-cased and must be unique.' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => String, { nullable: true, description: 'Company.' })
  @IsOptional()
  @MaxLength(200)
  company?: string | null;

  @Field(() => String, { nullable: true, description: 'Segment.' })
  @IsOptional()
  @MaxLength(80)
  segment?: string | null;

  @Field(() => ID, { nullable: true, description: 'Employee who owns the account.' })
  accountOwnerId?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Start of the relationship; now when omitted.' })
  customerSince?: Date | null;

  @Field(() => MailLanguage, { nullable: true, description: 'Language of their emails; omitted or null: the deployment default.' })
  language?: MailLanguage | null;
}

@InputType({ description: 'Changes to a customer; omitted fields stay, `null` clears an optional one.' })
export class UpdateCustomerInput {
  @Field(() => ID, { description: 'The customer to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Name.' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Email; must stay unique.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email?: string;

  @Field(() => String, { nullable: true, description: 'Company.' })
  @IsOptional()
  @MaxLength(200)
  company?: string | null;

  @Field(() => String, { nullable: true, description: 'Segment.' })
  @IsOptional()
  @MaxLength(80)
  segment?: string | null;

  @Field(() => ID, { nullable: true, description: 'Account owner; `null` removes it.' })
  accountOwnerId?: string | null;

  @Field(() => MailLanguage, { nullable: true, description: 'Language of their emails; `null` returns to the deployment default.' })
  language?: MailLanguage | null;
}

@InputType({ description: 'A customer leaves. Rewards for referring them inside the retention period are clawed back.' })
export class RecordChurnInput {
  @Field(() => ID, { description: 'The customer who leaves.' })
  customerId!: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When; now when omitted.' })
  churnedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why (at most 500 characters).' })
  @IsOptional()
  @MaxLength(500)
  reason?: string | null;
}

export enum CustomerChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  CHURNED = 'CHURNED',
}
registerEnumType(CustomerChangeKind, {
  name: 'CustomerChangeKind',
  description: 'What happened to a customer.',
  valuesConfig: {
    CREATED: { description: 'Added by hand, by import, by a converted referral or by a first public complaint.' },
    UPDATED: { description: 'Name, email, company, segment or account owner changed.' },
    CHURNED: { description: 'The customer left.' },
  },
});

@ObjectType('CustomerChangeEvent', { description: 'A customer was added, changed or churned.' })
export class CustomerChangeEvent {
  @Field(() => CustomerChangeKind, { description: 'What happened.' })
  kind!: CustomerChangeKind;

  @Field(() => CustomerType, { description: 'The customer as it is now.' })
  customer!: unknown;

  @Field(() => GraphQLDateTimeISO, { description: 'When it happened.' })
  at!: Date;
}
