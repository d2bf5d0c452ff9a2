import type { Context, Viewer, AppDeps } from '../context.js';
import { ApiToken, Role, Session, User } from './auth.entity.js';
import { DomainError, notFound } from '../errors/domain-error.js';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newToken, tokenKind } from './tokens.js';
import { parseId } from '../graphql/ids.js';
import type { CreateApiTokenInput } from './auth.types.js';
import { Topic, type CredentialRevokedPayload } from '../pubsub/topics.js';

const API_TOKEN_TOUCH_MS = 60_000;

/**
 * Resolves a bearer or cookie token to a viewer; null for unknown, expired or revoked tokens.
 * A token resolved in the last 30 s comes from the viewer cache without touching the database
 * (revocations reach the cache of every instance at once: see viewer-cache.ts).
 */
export async function resolveViewer(deps: AppDeps, token: string | undefined): Promise<Viewer | null> {
  if (!token || token.length > 200) return null;
  const kind = tokenKind(token);
  if (!kind) return null;
  const tokenHash = hashToken(token);
  const now = deps.now();
  const cache = deps.viewerCache;
  const cached = cache?.get(tokenHash, now.getTime());
  if (cached) return cached;
  const ticket = cache?.ticket();
  const em = deps.db.fork();
  let viewer: Viewer;
  if (kind === 'session') {
    const session = await em.findOne(Session, { tokenHash, revokedAt: null, expiresAt: { $gt: now } }, { populate: ['user'] });
    if (!session) return null;
    const user = session.user.getEntity();
    viewer = { kind: 'user', id: user.id, role: user.role, label: user.email, sessionId: session.id, expiresAt: session.expiresAt };
  } else {
    const apiToken = await em.findOne(ApiToken, { tokenHash, revokedAt: null });
    if (!apiToken) return null;
    // lastUsedAt is kept to the minute (and a cached token is re-read every 30 s at most).
    if (!apiToken.lastUsedAt || now.getTime() - apiToken.lastUsedAt.getTime() > API_TOKEN_TOUCH_MS) {
      await em.nativeUpdate(ApiToken, { id: apiToken.id }, { lastUsedAt: now });
    }
    viewer = { kind: 'apiToken', id: apiToken.id, role: apiToken.role, label: apiToken.name };
  }
  if (cache && ticket) cache.set(tokenHash, viewer, now.getTime(), ticket);
  return viewer;
}

/**
 * After a revocation has committed: forget the credential here at once, tell every other instance
 * (their caches and open sockets), and answer only once Redis has taken the message, so a request
 * sent to another instance after the answer is refused there.
 */
export async function credentialRevoked(deps: AppDeps, revoked: CredentialRevokedPayload): Promise<void> {
  deps.viewerCache?.invalidate(revoked);
  deps.pubSub.publish(Topic.CREDENTIAL_REVOKED, revoked);
  await deps.published?.();
}

function rateLimited(retryAfterMs: number) {
  return new DomainError('RATE_LIMITED', `Too many failed logins; try again in ${Math.ceil(retryAfterMs / 1000)} s`, {
    retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
  });
}

/**
 * Checks email and password, opens a session and (over HTTP) sets the
 * httpOnly session cookie. Failed attempts are counted per email and per
 * client address; unknown emails cost the same time as wrong passwords.
 */
export async function login(ctx: Context, emailInput: string, password: string) {
  const email = emailInput.trim().toLowerCase();
  const address = ctx.http?.clientAddress ?? 'ws';
  const { loginLimiter, loginAddressLimiter } = ctx.deps;
  const wait = Math.max(await loginLimiter.retryAfter(email), await loginAddressLimiter.retryAfter(address));
  if (wait > 0) throw rateLimited(wait);

  const user = email && password.length <= 1024 ? await ctx.em.findOne(User, { email }) : null;
  const valid = await verifyPassword(password.slice(0, 1024), user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid) {
    await Promise.all([loginLimiter.record(email), loginAddressLimiter.record(address)]);
    ctx.logger.warn('login failed', { email });
    throw new DomainError('UNAUTHENTICATED', 'Email or password is wrong');
  }
  await loginLimiter.reset(email);

  const now = ctx.deps.now();
  const token = newToken('session');
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
  ctx.em.create(Session, { tokenHash: hashToken(token), user, createdAt: now, expiresAt });
  user.lastLoginAt = now;
  await ctx.em.flush();
  ctx.http?.setSessionCookie(token, expiresAt);
  ctx.logger.info('login', { userId: user.id });
  return { token, expiresAt, user };
}

export async function logout(ctx: Context): Promise<boolean> {
  if (ctx.viewer?.sessionId) {
    await ctx.em.nativeUpdate(Session, { id: ctx.viewer.sessionId }, { revokedAt: ctx.deps.now() });
    await credentialRevoked(ctx.deps, { kind: 'session', id: ctx.viewer.sessionId });
  }
  ctx.http?.clearSessionCookie();
  return true;
}

export async function createApiToken(ctx: Context, input: CreateApiTokenInput) {
  const name = input.name.trim();
  if (!name) throw new DomainError('BAD_USER_INPUT', '`name` must not be blank', { field: 'name' });
  const token = newToken('api');
  const apiToken = ctx.em.create(ApiToken, {
    name,
    role: input.role,
    tokenHash: hashToken(token),
    tokenPrefix: token.slice(0, 10),
    createdBy: ctx.viewer?.kind === 'user' ? ctx.em.getReference(User, ctx.viewer.id) : null,
    createdAt: ctx.deps.now(),
  });
  await ctx.em.flush();
  ctx.logger.info('api token created', { apiTokenId: apiToken.id, role: apiToken.role });
  return { token, apiToken };
}

export async function revokeApiToken(ctx: Context, id: string): Promise<ApiToken> {
  const apiToken = await ctx.em.findOne(ApiToken, { id: parseId(id, 'id') });
  if (!apiToken) throw notFound('API token', id);
  apiToken.revokedAt ??= ctx.deps.now();
  await ctx.em.flush();
  await credentialRevoked(ctx.deps, { kind: 'apiToken', id: apiToken.id });
  ctx.logger.info('api token revoked', { apiTokenId: apiToken.id });
  return apiToken;
}

export function listApiTokens(ctx: Context): Promise<ApiToken[]> {
  return ctx.em.find(ApiToken, {}, { orderBy: { revokedAt: 'asc', createdAt: 'desc' } });
}

/**
 * On the first start (no users yet) creates the first admin from
 * RAPPORT_ADMIN_EMAIL / RAPPORT_ADMIN_PASSWORD, or with a generated password
 * that is printed once (to the terminal, never to the structured log).
 */
export async function ensureFirstAdmin(deps: AppDeps, print: (text: string) => void = (t) => process.stdout.write(t)) {
  const em = deps.db.fork();
  if ((await em.count(User, {})) > 0) return;
  const email = (deps.config.adminEmail ?? 'admin@rapport.local').trim().toLowerCase();
  const password = deps.config.adminPassword ?? generatePassword();
  em.create(User, { email, role: Role.ADMIN, passwordHash: await hashPassword(password), createdAt: deps.now() });
  await em.flush();
  deps.logger.info('first admin created', { email, passwordSource: deps.config.adminPassword ? 'env' : 'generated' });
  if (!deps.config.adminPassword) {
    print(
      `\n  First admin created. Log in with\n    email:    ${email}\n    password: ${password}\n  This password is shown only once.\n\n`,
    );
  }
}
