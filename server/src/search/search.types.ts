import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum SearchHitKind {
  EMPLOYEE = 'EMPLOYEE',
  TEAM = 'TEAM',
  CUSTOMER = 'CUSTOMER',
  COMPLAINT = 'COMPLAINT',
  SURVEY = 'SURVEY',
  REFERRAL = 'REFERRAL',
}

registerEnumType(SearchHitKind, {
  name: 'SearchHitKind',
  description: 'What a search hit points at.',
  valuesConfig: {
    EMPLOYEE: { description: 'An employee (found by name or work email).' },
    TEAM: { description: 'A team (found by name).' },
    CUSTOMER: { description: 'A customer (found by name, email or company).' },
    COMPLAINT: { description: 'A complaint (found by subject or number).' },
    SURVEY: { description: 'A survey (found by title).' },
    REFERRAL: { description: 'A referral (found by the referred person’s name or email).' },
  },
});

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
