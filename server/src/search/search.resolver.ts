import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { READ_ROLES } from '../auth/auth-checker.js';
import { SearchHit } from './search.types.js';
import { search } from './search.service.js';

@Resolver()
export class SearchResolver {
  @Authorized(READ_ROLES)
  @Query(() => [SearchHit], {
    description: 'Jump-to search over people, teams, customers, complaints (subject or number), surveys and referrals; at most `first` hits of each kind.',
  })
  search(
    @Arg('text', () => String, { description: 'What to look for (at most 100 characters); blank gives no hits.' }) text: string,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Hits per kind, 1–20 (default 5).' }) first?: number,
  ) {
    return search(ctx, text, first);
  }
}
