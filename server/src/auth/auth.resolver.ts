import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { Role } from './auth.entity.js';
import { ApiTokenType, AuthPayload, CreateApiTokenInput, CreatedApiToken, ViewerType } from './auth.types.js';
import * as service from './auth.service.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description: 'Logs in with email and password. Wrong credentials give UNAUTHENTICATED; repeated failures RATE_LIMITED. Open to anyone.',
  })
  login(
    @Arg('email', () => String, { description: 'Login email.' }) email: string,
    @Arg('password', () => String, { description: 'Password.' }) password: string,
    @Ctx() ctx: Context,
  ) {
    return service.login(ctx, email, password);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the current session and clears the session cookie.' })
  logout(@Ctx() ctx: Context): Promise<boolean> {
    return service.logout(ctx);
  }

  @Authorized()
  @Query(() => ViewerType, { description: 'Who is calling (any authenticated viewer).' })
  me(@Ctx() ctx: Context): ViewerType {
    const { kind, role, label } = ctx.viewer!;
    return { kind, role, label };
  }

  @Authorized(Role.ADMIN)
  @Query(() => [ApiTokenType], { description: 'All API tokens, valid ones first (admins only).' })
  apiTokens(@Ctx() ctx: Context) {
    return service.listApiTokens(ctx);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiToken, { description: 'Issues an ANALYST or MONITOR token; its secret is returned only here.' })
  createApiToken(@Arg('input', () => CreateApiTokenInput, { description: 'What to do; see the input type.' }) input: CreateApiTokenInput, @Ctx() ctx: Context) {
    return service.createApiToken(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiTokenType, { description: 'Revokes an API token at once; its open WebSocket connections on every instance are closed (4403).' })
  revokeApiToken(@Arg('id', () => ID, { description: 'The token id.' }) id: string, @Ctx() ctx: Context) {
    return service.revokeApiToken(ctx, id);
  }
}
