import { Arg, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription, registerEnumType } from 'type-graphql';
import { Length } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { QueryOrder } from '@mikro-orm/core';
import type { Context } from '../context.js';
import { READ_ROLES, WRITE_ROLES, authorizedTopic } from '../auth/auth-checker.js';
import { Role } from '../auth/auth.entity.js';
import { connectionTypes, offsetConnection, pageRequest } from '../graphql/connection.js';
import { parseId } from '../graphql/ids.js';
import { Topic, type TrustSignalChangedPayload } from '../pubsub/topics.js';
import { TeamType } from '../teams/team.types.js';
import { Team } from '../teams/team.entity.js';
import { RULES } from './trust-rules.js';
import { TrustSignal, TrustSignalChange, TrustSignalLevel, TrustSignalRule } from './trust-signal.entity.js';
import { acknowledgeTrustSignal, evaluateTrustSignals } from './trust-signals.js';

registerEnumType(TrustSignalLevel, {
  name: 'TrustSignalLevel',
  description: 'How strong a trust-withdrawal signal is, from its score.',
  valuesConfig: {
    WATCH: { description: 'Score 2–3: one precursor; keep an eye on it.' },
    WARNING: { description: 'Score 4–5: two precursors; talk to the team and its leader.' },
    CRITICAL: { description: 'Score 6 or more: several precursors at once; act now.' },
  },
});
registerEnumType(TrustSignalRule, {
  name: 'TrustSignalRule',
  description: 'A documented trust-withdrawal rule (see `trustSignalRules` for thresholds and evidence).',
  valuesConfig: Object.fromEntries(RULES.map((r) => [r.rule, { description: `${r.title}: ${r.description}` }])),
});
registerEnumType(TrustSignalChange, {
  name: 'TrustSignalChange',
  description: 'What an evaluation changed about a signal.',
  valuesConfig: {
    RAISED: { description: 'Rules started firing for the team.' },
    WORSENED: { description: 'The score rose or a new rule fired.' },
    EASED: { description: 'The score fell; some rules still fire.' },
    CLEARED: { description: 'No rule fires any more.' },
    ACKNOWLEDGED: { description: 'Someone took it on and said what is being done.' },
  },
});

@ObjectType('TrustSignalRuleInfo', { description: 'A trust-withdrawal rule: what makes it fire and why it matters.' })
export class TrustSignalRuleInfo {
  @Field(() => TrustSignalRule, { description: 'The rule.' })
  rule!: TrustSignalRule;

  @Field(() => Int, { description: 'Points it adds to a signal score.' })
  points!: number;

  @Field(() => String, { description: 'Short name.' })
  title!: string;

  @Field(() => String, { description: 'Exactly when it fires.' })
  description!: string;

  @Field(() => String, { description: 'The evidence it is based on.' })
  evidence!: string;
}

@ObjectType('SignalEvidence', { description: 'A number a finding rests on.' })
export class SignalEvidenceType {
  @Field(() => String, { description: 'What it is (e.g. a survey wave).' })
  label!: string;

  @Field(() => Float, { description: 'The number.' })
  value!: number;

  @Field(() => String, { description: "'points', '%' or 'people'." })
  unit!: string;
}

@ObjectType('SignalFinding', { description: 'A rule that fired for the team, with the sentence and numbers behind it.' })
export class SignalFindingType {
  @Field(() => TrustSignalRule, { description: 'The rule.' })
  rule!: TrustSignalRule;

  @Field(() => Int, { description: 'Its points.' })
  points!: number;

  @Field(() => String, { description: 'What happened, in one sentence with the numbers.' })
  summary!: string;

  @Field(() => [SignalEvidenceType], { description: 'The numbers, one per wave or count.' })
  evidence!: SignalEvidenceType[];
}

@ObjectType('TrustSignalHistoryEntry', { description: 'One change of a signal.' })
export class TrustSignalHistoryEntry {
  @Field(() => GraphQLDateTimeISO, { description: 'When.' })
  at!: string;

  @Field(() => TrustSignalChange, { description: 'What changed.' })
  change!: TrustSignalChange;

  @Field(() => Int, { description: 'Score afterwards.' })
  score!: number;

  @Field(() => TrustSignalLevel, { nullable: true, description: 'Level afterwards; null once cleared.' })
  level!: TrustSignalLevel | null;

  @Field(() => [TrustSignalRule], { description: 'Rules firing afterwards.' })
  rules!: TrustSignalRule[];

  @Field(() => String, { nullable: true, description: 'ACKNOWLEDGED: who.' })
  by?: string | null;

  @Field(() => String, { nullable: true, description: 'ACKNOWLEDGED: what is being done.' })
  note?: string | null;
}

@ObjectType('SignalAcknowledgement', { description: 'Someone took the signal on.' })
export class SignalAcknowledgement {
  @Field(() => GraphQLDateTimeISO, { description: 'When.' })
  at!: Date;

  @Field(() => String, { description: 'Who (the admin’s email).' })
  by!: string;

  @Field(() => String, { description: 'What is being done.' })
  note!: string;
}

@InputType({ description: 'Take an open signal on.' })
export class AcknowledgeTrustSignalInput {
  @Field(() => ID, { description: 'The signal.' })
  signalId!: string;

  @Field(() => String, { description: 'What is being done about it (1–2,000 characters).' })
  @Length(1, 2000)
  note!: string;
}

@ObjectType('TrustSignal', { description: 'Trust being withdrawn from leadership in one team (with its sub-teams), never about a person.' })
export class TrustSignalType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: number;

  @Field(() => Int, { description: 'Sum of the points of the rules that fire.' })
  score!: number;

  @Field(() => TrustSignalLevel, { description: 'Level from the score.' })
  level!: TrustSignalLevel;

  @Field(() => [SignalFindingType], { description: 'The rules that fire, each with its numbers.' })
  findings!: SignalFindingType[];

  @Field(() => GraphQLDateTimeISO, { description: 'When it was raised.' })
  raisedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'Last change.' })
  updatedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it cleared; null while active.' })
  clearedAt!: Date | null;

  @Field(() => [TrustSignalHistoryEntry], { description: 'Every change, oldest first.' })
  history!: TrustSignalHistoryEntry[];
}

const { Connection: TrustSignalConnection } = connectionTypes(TrustSignalType, 'TrustSignal', 'trust-withdrawal signal');

@ObjectType('TrustSignalEvent', { description: 'A signal changed.' })
export class TrustSignalEvent {
  @Field(() => TrustSignalChange, { description: 'What changed.' })
  change!: TrustSignalChange;

  @Field(() => TrustSignalType, { description: 'The signal as it is now.' })
  signal!: TrustSignal;
}

@ObjectType('TrustSignalEvaluation', { description: 'What one evaluation of the rules changed.' })
export class TrustSignalEvaluation {
  @Field(() => Int, { description: 'Teams looked at.' })
  teamsEvaluated!: number;

  @Field(() => Int, { description: 'Signals raised.' })
  raised!: number;

  @Field(() => Int, { description: 'Signals that worsened.' })
  worsened!: number;

  @Field(() => Int, { description: 'Signals that eased.' })
  eased!: number;

  @Field(() => Int, { description: 'Signals cleared.' })
  cleared!: number;

  @Field(() => Int, { description: 'Active signals afterwards.' })
  active!: number;
}

@Resolver(() => TrustSignalType)
export class TrustSignalResolver {
  @FieldResolver(() => TeamType, { description: 'The team (with its sub-teams).' })
  team(@Root() signal: TrustSignal, @Ctx() ctx: Context) {
    return ctx.loaders.team.load(signal.team.id);
  }

  @FieldResolver(() => SignalAcknowledgement, { nullable: true, description: 'Who took it on and what is being done; null until someone does, and again after it worsens.' })
  acknowledgement(@Root() signal: TrustSignal): SignalAcknowledgement | null {
    if (!signal.acknowledgedAt) return null;
    return { at: signal.acknowledgedAt, by: signal.acknowledgedBy ?? 'system', note: signal.acknowledgementNote ?? '' };
  }

  @FieldResolver(() => Boolean, { description: 'True until no rule fires any more.' })
  active(@Root() signal: TrustSignal): boolean {
    return !signal.clearedAt;
  }

  @Authorized(READ_ROLES)
  @Query(() => TrustSignalConnection, { description: 'Trust-withdrawal signals, active first, strongest first, then most recently changed.' })
  trustSignals(
    @Ctx() ctx: Context,
    @Arg('includeCleared', () => Boolean, { defaultValue: false, description: 'Also signals that have cleared.' }) includeCleared?: boolean,
    @Arg('teamId', () => ID, { nullable: true, description: 'Only this team.' }) teamId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most the configured maximum).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string | null,
  ) {
    const where = {
      ...(includeCleared ? {} : { clearedAt: null }),
      ...(teamId ? { team: parseId(teamId, 'teamId') } : {}),
    };
    return offsetConnection(
      pageRequest(first, after, ctx.config.limits.maxPageSize),
      ({ offset, limit }) =>
        ctx.em.find(TrustSignal, where, { orderBy: [{ clearedAt: QueryOrder.DESC_NULLS_FIRST }, { score: 'desc' }, { updatedAt: 'desc' }, { id: 'desc' }], offset, limit }),
      async (rows) => rows,
      () => ctx.em.count(TrustSignal, where),
      () => ({}),
    );
  }

  @Authorized(READ_ROLES)
  @Query(() => [TrustSignalRuleInfo], { description: 'The documented rules behind every signal.' })
  trustSignalRules(): TrustSignalRuleInfo[] {
    return RULES;
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => TrustSignalEvaluation, {
    description: 'Evaluates every team now. Also happens after a survey wave closes, after an exit, and hourly.',
  })
  evaluateTrustSignals(@Ctx() ctx: Context) {
    return evaluateTrustSignals(ctx.deps);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => TrustSignalType, { description: 'Takes an open signal on with a note of what is being done; pushed live as ACKNOWLEDGED.' })
  acknowledgeTrustSignal(@Arg('input', () => AcknowledgeTrustSignalInput, { description: 'What to do; see the input type.' }) input: AcknowledgeTrustSignalInput, @Ctx() ctx: Context) {
    return acknowledgeTrustSignal(ctx, input);
  }

  @Subscription(() => TrustSignalEvent, {
    description: 'A signal was raised, worsened, eased, cleared or acknowledged (admins only).',
    subscribe: authorizedTopic(Topic.TRUST_SIGNAL_CHANGED, [Role.ADMIN]),
  })
  async trustSignalChanged(@Root() payload: TrustSignalChangedPayload, @Ctx() ctx: Context) {
    ctx.renew();
    const signal = await ctx.em.findOneOrFail(TrustSignal, { id: payload.signalId });
    return { change: payload.change, signal };
  }
}

/** `Team.trustSignal`: insights adds the field to the team type, since teams/ sits below insights/. */
@Resolver(() => TeamType)
export class TeamTrustSignalResolver {
  @Authorized(READ_ROLES)
  @FieldResolver(() => TrustSignalType, { nullable: true, description: 'The open trust-withdrawal signal of this team (with its sub-teams), or null. Not for kiosk tokens.' })
  trustSignal(@Root() team: Team, @Ctx() ctx: Context) {
    return ctx.loaders.activeSignalByTeam.load(team.id);
  }
}
