import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum SearchHitKind {
  EMPLOYEE = 'EMPLOYEE',
  TEAM = 'TEAM',
  CUSTOMER = 'CUSTOMER',
  COMPLAINT = 'COMPLAINT',
  SURVEY = 'SURVEY',
  REFERRAL = 'REFERRAL',
}

registerEnumType(SearchHitKind, { name: 'SearchHitKind', description: 'What a search hit points at.' });

@ObjectType('SearchHit', { description: 'One thing the command palette can jump to.' })
export class SearchHit {
  @Field(() => SearchHitKind, { description: 'What it is; with `id` it names the page to open.' })
  kind!: SearchHitKind;

  @Field(() => ID, { description: 'The id of the employee, team, customer, complaint, survey or referral.' })
  id!: string;

  @Field(() => String, { description: 'What to show: a name, a subject or a title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'A second line that tells similar hits apart (email, complaint number, status).' })
  subtitle!: string | null;
}
