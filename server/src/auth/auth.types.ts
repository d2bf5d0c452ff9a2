import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { IsIn, Length } from 'class-validator';
import { Role } from './auth.entity.js';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a viewer may do.',
  valuesConfig: {
    ADMIN: { description: 'Everything, including changes and token management.' },
    ANALYST: { description: 'Read-only access for BI tools.' },
    MONITOR: { description: 'Kiosk access: only what a complaint board shows.' },
  },
});

@ObjectType('User', { description: 'A person who logs in to the admin app.' })
export class UserType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => String, { description: 'Login email.' })
  email!: string;

  @Field(() => Role, { description: 'What the user may do.' })
  role!: Role;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Last successful login.' })
  lastLoginAt?: Date | null;
}

@ObjectType('AuthPayload', { description: 'A successful login.' })
export class AuthPayload {
  @Field(() => String, {
    description: 'Bearer token for `Authorization: Bearer …` (HTTP) or `connectionParams.authorization` (WebSocket). The admin app also gets it as an httpOnly cookie.',
  })
  token!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When the session expires.' })
  expiresAt!: Date;

  @Field(() => UserType, { description: 'The user who logged in.' })
  user!: UserType;
}

@ObjectType('Viewer', { description: 'Who is calling.' })
export class ViewerType {
  @Field(() => String, { description: '`user` for a logged-in person, `apiToken` for a machine client.' })
  kind!: string;

  @Field(() => Role, { description: 'What the viewer may do.' })
  role!: Role;

  @Field(() => String, { description: "The user's email or the token's name." })
  label!: string;
}

@ObjectType('ApiToken', { description: 'A named, revocable token for a BI tool (ANALYST) or a wall monitor (MONITOR).' })
export class ApiTokenType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => String, { description: 'What the token is for ("Lobby monitor", "Power BI").' })
  name!: string;

  @Field(() => Role, { description: 'What the token may do.' })
  role!: Role;

  @Field(() => String, { description: 'First characters of the token, to recognise it.' })
  tokenPrefix!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Last time it was used (updated at most once a minute).' })
  lastUsedAt?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was revoked; null while valid.' })
  revokedAt?: Date | null;
}

@ObjectType('CreatedApiToken', { description: 'A new API token; the secret is shown this once and never again.' })
export class CreatedApiToken {
  @Field(() => String, { description: 'The secret token. Store it now: only its hash is kept.' })
  token!: string;

  @Field(() => ApiTokenType, { description: 'The token record.' })
  apiToken!: ApiTokenType;
}

@InputType({ description: 'A new API token.' })
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What the token is for (1–120 characters).' })
  @Length(1, 120)
  name!: string;

  @Field(() => Role, { description: 'ANALYST or MONITOR (admin tokens are not issued).' })
  @IsIn([Role.ANALYST, Role.MONITOR], { message: 'role must be ANALYST or MONITOR' })
  role!: Role;
}
