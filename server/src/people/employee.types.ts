import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { IsEmail, IsOptional, Length, MaxLength } from 'class-validator';
import { ExitReason } from './employee.entity.js';
import { MailLanguage } from '../mail/language.js';
import { PageInfo, SortDirection, connectionTypes } from '../graphql/connection.js';

registerEnumType(ExitReason, {
  name: 'ExitReason',
  description: 'Why an employee left.',
  valuesConfig: {
    LEFT_FOR_COMPETITOR: { description: 'Resigned and joined a competitor: the strongest trust-withdrawal signal.' },
    RESIGNED: { description: 'Resigned for another reason.' },
    DISMISSED: { description: 'The company ended the employment.' },
    RETIRED: { description: 'Retired.' },
    OTHER: { description: 'Any other reason.' },
  },
});

export enum EmployeeStatus {
  ACTIVE = 'ACTIVE',
  EXITED = 'EXITED',
}
registerEnumType(EmployeeStatus, {
  name: 'EmployeeStatus',
  description: 'Whether an employee still works here.',
  valuesConfig: { ACTIVE: { description: 'Employed now.' }, EXITED: { description: 'Has left the company.' } },
});

export enum EmployeeSortField {
  NAME = 'NAME',
  EMAIL = 'EMAIL',
  HIRED_AT = 'HIRED_AT',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(EmployeeSortField, {
  name: 'EmployeeSortField',
  description: 'Fields an employee list can be sorted by.',
  valuesConfig: {
    NAME: { description: 'Full name.' },
    EMAIL: { description: 'Email address.' },
    HIRED_AT: { description: 'Start of employment.' },
    CREATED_AT: { description: 'When the record was created.' },
  },
});

@ObjectType('Employee', { description: 'A person who works or worked here; the customer of their leader.' })
export class EmployeeType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => String, { description: 'Full name.' })
  name!: string;

  @Field(() => String, { description: 'Work email, lower-cased; unique.' })
  email!: string;

  @Field(() => MailLanguage, { nullable: true, description: 'Language of the emails Rapport sends them; null: the deployment default (RAPPORT_MAIL_LANGUAGE).' })
  language?: MailLanguage | null;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  title?: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When the employment started.' })
  hiredAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the employment ended; null while employed.' })
  exitedAt?: Date | null;

  @Field(() => ExitReason, { nullable: true, description: 'Why the employee left; null while employed.' })
  exitReason?: ExitReason | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the exit was regretted; null when unknown or employed.' })
  exitRegretted?: boolean | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When the record was created.' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When the record last changed.' })
  updatedAt!: Date;
}

export const { Edge: EmployeeEdge, Connection: EmployeeConnection } = connectionTypes(EmployeeType, 'Employee', 'employee');

@ObjectType('ReportTreeEdge', { description: 'A person somewhere below a leader, with their distance from that leader.' })
export class ReportTreeEdge {
  @Field(() => String, { description: 'Opaque position; pass as `after` to continue from here.' })
  cursor!: string;

  @Field(() => EmployeeType, { description: 'The report.' })
  node!: EmployeeType;

  @Field(() => Int, { description: 'Levels below the leader: 1 for direct reports.' })
  depth!: number;

  @Field(() => ID, { description: 'The id of the report\'s direct leader (to rebuild the tree).' })
  leaderId!: number;
}

@ObjectType('ReportTreeConnection', { description: 'Everyone below a leader, breadth first (by depth, then name).' })
export class ReportTreeConnection {
  @Field(() => [ReportTreeEdge], { description: 'The reports of this page, in order.' })
  edges!: ReportTreeEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Number of reports down to the requested depth.' })
  totalCount!: number;
}

@InputType({ description: 'Narrows an employee list; all given conditions must hold.' })
export class EmployeeFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of name or email.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field(() => ID, { nullable: true, description: 'Only members of this team.' })
  teamId?: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'With `teamId`: include members of all teams below it.' })
  includeSubTeams?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only current direct reports of this leader.' })
  leaderId?: string;

  @Field(() => EmployeeStatus, { nullable: true, description: 'Only active or only exited employees; both when omitted.' })
  status?: EmployeeStatus;
}

@InputType({ description: 'Order of an employee list; ties are broken by id.' })
export class EmployeeSort {
  @Field(() => EmployeeSortField, { defaultValue: EmployeeSortField.NAME, description: 'Field to sort by.' })
  field!: EmployeeSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending or descending.' })
  direction!: SortDirection;
}

@InputType({ description: 'A new employee.' })
export class CreateEmployeeInput {
  @Field(() => String, { description: 'Full name (1–200 characters).' })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { description: 'Work email; stored lower-cased and must be unique.' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'Team the employee belongs to.' })
  teamId?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Start of employment; now when omitted.' })
  hiredAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Leader to assign right away (same rules as `assignLeader`).' })
  leaderId?: string | null;

  @Field(() => MailLanguage, { nullable: true, description: 'Language of their emails; omitted or null: the deployment default.' })
  language?: MailLanguage | null;
}

@InputType({ description: 'Changes to an employee; omitted fields stay as they are, `null` clears an optional one.' })
export class UpdateEmployeeInput {
  @Field(() => ID, { description: 'The employee to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Full name (1–200 characters).' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Work email; must stay unique.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email?: string;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'Team; `null` removes the employee from any team.' })
  teamId?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Start of employment.' })
  hiredAt?: Date;

  @Field(() => MailLanguage, { nullable: true, description: 'Language of their emails; `null` returns to the deployment default.' })
  language?: MailLanguage | null;
}

@InputType({ description: 'An employee leaves; their relationships (as member and as leader) end on that date.' })
export class RecordExitInput {
  @Field(() => ID, { description: 'The employee who leaves.' })
  employeeId!: string;

  @Field(() => ExitReason, { description: 'Why they leave.' })
  reason!: ExitReason;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Last day; now when omitted.' })
  exitedAt?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the company regrets the loss.' })
  regretted?: boolean | null;
}

export enum EmployeeChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  EXITED = 'EXITED',
}
registerEnumType(EmployeeChangeKind, {
  name: 'EmployeeChangeKind',
  description: 'What happened to an employee.',
  valuesConfig: {
    CREATED: { description: 'The employee was added.' },
    UPDATED: { description: 'Name, email, title, team or hire date changed.' },
    EXITED: { description: 'The employee left.' },
  },
});

@ObjectType('EmployeeChangeEvent', { description: 'An employee was created, changed or left.' })
export class EmployeeChangeEvent {
  @Field(() => EmployeeChangeKind, { description: 'What happened.' })
  kind!: EmployeeChangeKind;

  @Field(() => EmployeeType, { description: 'The employee as they are now.' })
  employee!: unknown;

  @Field(() => GraphQLDateTimeISO, { description: 'When it happened.' })
  at!: Date;
}
