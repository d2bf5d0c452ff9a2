import { Authorized, Ctx, Field, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import type { Context } from '../context.js';
import { authorizedTopic } from '../auth/auth-checker.js';
import { Topic, type ResyncPayload } from '../pubsub/topics.js';

@ObjectType({ description: 'Live updates from other instances may have been missed (Redis was unreachable and is back): refetch what you show.' })
export class LiveResync {
  @Field(() => GraphQLDateTimeISO, { description: 'When delivery was restored.' })
  at!: Date;

  @Field(() => String, { description: 'Why, for logs and support.' })
  reason!: string;
}

@Resolver()
export class ResyncResolver {
  @Authorized()
  @Subscription(() => LiveResync, {
    description:
      'Fires when cross-instance live delivery comes back after a loss (events of that time may be missing). Event subscriptions do not repeat missed events: refetch on it. Snapshot subscriptions (complaintBoardChanged, surveyResultsChanged) send a fresh snapshot by themselves. Any authenticated viewer.',
    subscribe: authorizedTopic(Topic.RESYNC, []),
  })
  liveResync(@Root() payload: ResyncPayload, @Ctx() _ctx: Context): LiveResync {
    return { at: new Date(payload.at), reason: payload.reason };
  }
}
