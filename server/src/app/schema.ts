import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { GraphQLObjectType, GraphQLSchema, type GraphQLTypeResolver, type GraphQLUnionType } from 'graphql';
import { authChecker } from '../auth/auth-checker.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { EmployeeResolver, ViewerEmployeeResolver } from '../people/employee.resolver.js';
// Imported before the team resolver only to keep the printed schema's order as it has been.
import { TeamTrustSignalResolver, TrustSignalResolver } from '../insights/trust-signals.resolver.js';
import { TeamResolver } from '../teams/team.resolver.js';
import { TeamMembersResolver } from '../people/team-members.resolver.js';
import { LeadershipResolver } from '../leadership/leadership.resolver.js';
import { CustomerResolver } from '../customers/customer.resolver.js';
import { ErrorCodeEnum } from '../errors/error-codes.js';
import { ComplaintResolver, ImprovementResolver } from '../complaints/complaint.resolver.js';
import { ComplaintThreadResolver } from '../complaints/complaint-thread.resolver.js';
import { SurveyResolver } from '../surveys/survey.resolver.js';
import { ScorecardResolver } from '../insights/scorecard.resolver.js';
import { HeatmapResolver } from '../insights/heatmap.resolver.js';
import { ServiceChainResolver } from '../insights/service-chain.resolver.js';
import { ResyncResolver } from './resync.resolver.js';
import { SearchResolver } from '../search/search.resolver.js';
import { SyncResolver, SyncSurveyWaveResolver } from '../sync/sync.resolver.js';
import { OutboxResolver } from '../mail/outbox.resolver.js';
import { ReferralAskResolver } from '../referrals/referral-ask.resolver.js';
import { referrerTypeName } from '../referrals/referral.types.js';
import { CustomerReferralResolver, EmployeeReferralResolver, ReferralResolver, ReferralRewardResolver } from '../referrals/referral.resolver.js';
import { resolveFieldsDirectly } from '../graphql/direct-field-resolvers.js';

export const resolvers = [
  AuthResolver,
  EmployeeResolver,
  ViewerEmployeeResolver,
  TeamResolver,
  TeamMembersResolver,
  TeamTrustSignalResolver,
  LeadershipResolver,
  CustomerResolver,
  ReferralResolver,
  ReferralRewardResolver,
  CustomerReferralResolver,
  EmployeeReferralResolver,
  ComplaintResolver,
  ImprovementResolver,
  ComplaintThreadResolver,
  SurveyResolver,
  ScorecardResolver,
  HeatmapResolver,
  TrustSignalResolver,
  ServiceChainResolver,
  ResyncResolver,
  SearchResolver,
  SyncResolver,
  SyncSurveyWaveResolver,
  OutboxResolver,
  ReferralAskResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/**
 * The schema is the same for every server instance (pub/sub and the database
 * arrive through the context), so it is built once per process.
 */
export function rapportSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...resolvers],
    authChecker,
    authMode: 'error',
    // Every subscription brings its own `subscribe` (reading pub/sub from the context, see
    // authorizedTopic), so this schema-wide one must never be reached.
    pubSub: {
      publish: () => {
        throw new Error('publish through context.deps.pubSub');
      },
      subscribe: () => {
        throw new Error('subscriptions subscribe through authorizedTopic');
      },
    },
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  }).then(finishSchema);
  return built;
}

const ROOT_DESCRIPTIONS = {
  query: 'Reads. Every field needs a token or session (ADMIN or ANALYST unless noted).',
  mutation: 'Changes. Each runs in one transaction: a failed mutation changes nothing. ADMIN only unless noted.',
  subscription: 'Live updates over WebSocket (graphql-ws protocol on /graphql).',
} as const;

/**
 * type-graphql wraps every `resolveType` in an async function; the compiled executor (graphql-jit,
 * see graphql/compiled-documents.ts) calls it synchronously. So each abstract type gets its plain
 * resolver back here (schema.test.ts checks that every union and interface has one).
 */
const TYPE_RESOLVERS: Record<string, GraphQLTypeResolver<unknown, unknown>> = { Referrer: referrerTypeName };

/**
 * What type-graphql cannot do: describe the root types (BI users read them first), publish the
 * `ErrorCode` enum, which no field returns (codes travel in `errors[].extensions.code`), give abstract
 * types synchronous type resolvers, and let field resolvers that its wrapper would only pass through
 * be called directly (graphql/direct-field-resolvers.ts).
 */
function finishSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const [name, resolveType] of Object.entries(TYPE_RESOLVERS)) (schema.getType(name) as GraphQLUnionType).resolveType = resolveType;
  const describe = (type: GraphQLObjectType | null | undefined, description: string) =>
    type ? new GraphQLObjectType({ ...type.toConfig(), description }) : undefined;
  const config = schema.toConfig();
  const query = describe(schema.getQueryType(), ROOT_DESCRIPTIONS.query);
  const mutation = describe(schema.getMutationType(), ROOT_DESCRIPTIONS.mutation);
  const subscription = describe(schema.getSubscriptionType(), ROOT_DESCRIPTIONS.subscription);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  const finished = new GraphQLSchema({
    ...config,
    query,
    mutation,
    subscription,
    types: [...config.types.filter((t) => !roots.has(t as GraphQLObjectType)), ErrorCodeEnum],
  });
  resolveFieldsDirectly(finished);
  return finished;
}
