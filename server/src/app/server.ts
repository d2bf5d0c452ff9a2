import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer, HeaderMap, type ApolloServerOptionsWithGateway, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { getOperationAST, GraphQLError, parse, specifiedRules, subscribe, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { Context, type AppDeps, type Viewer } from '../context.js';
import { Role } from '../auth/auth.entity.js';
import { resolveViewer } from '../auth/auth.service.js';
import { SESSION_COOKIE, tokenFromAuthorization, tokenFromCookieHeader } from '../auth/tokens.js';
import { rapportSchema } from './schema.js';
import { CompiledDocuments } from '../graphql/compiled-documents.js';
import { checkCost, guardRules, hideSuggestions, usesIntrospection } from '../graphql/guards.js';
import { formatError } from '../errors/format-error.js';
import { Topic } from '../pubsub/topics.js';
import { isSubscriptionRequest, SubscriptionFanOut, type SubscriptionRequest } from '../pubsub/fanout.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, ServiceUnavailableError } from '../errors/outage.js';
import { claimIdempotencyKey, recordIdempotentAnswer } from '../idempotency/idempotency.js';
import { mountUnsubscribe } from '../mail/unsubscribe.route.js';
import { HttpRefusal, sendRefusal, serializeCookie, serveGraphQL, type CookieOptions } from './graphql-http.js';

const INTROSPECTION_ROLES: readonly Role[] = [Role.ADMIN, Role.ANALYST];
/** Parsed and validated WebSocket documents kept by their text (thousands of screens send the same few). */
const DOCUMENT_CACHE_SIZE = 500;

/**
 * Checks the parts of the guard that need the viewer or the variables:
 * introspection rights and the cost budget. Shared by HTTP and WebSocket.
 */
function operationGuard(
  schema: GraphQLSchema,
  deps: AppDeps,
  viewer: Viewer | null,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | undefined {
  if (usesIntrospection(document) && !(viewer && INTROSPECTION_ROLES.includes(viewer.role))) {
    return viewer
      ? new GraphQLError('Your role may not introspect the schema', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } })
      : new GraphQLError('Log in or send a bearer token to introspect the schema', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  const overBudget = checkCost(schema, document, operationName, variables, deps.config.limits.maxCost);
  // The client's document is refused before anything runs: a client error (HTTP 400), like depth, aliases and tokens.
  if (overBudget) overBudget.extensions.http ??= { status: 400 };
  return overBudget;
}

/** HTTP status for an answer whose errors carry these codes (checked in this order). */
const STATUS_BY_CODE: Array<[string, number, Record<string, string>?]> = [
  ['SERVICE_UNAVAILABLE', 503, { 'retry-after': String(RETRY_AFTER_SECONDS) }],
  ['SHUTTING_DOWN', 503, { 'retry-after': '1' }],
];

export interface RapportServer {
  httpServer: Server;
  /** Resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /**
   * Graceful stop: refuse new connections, let in-flight HTTP requests finish,
   * complete open subscriptions (clients reconnect elsewhere), then resolve.
   * The caller closes the database and pub/sub afterwards.
   */
  close(): Promise<void>;
  /** False once shutdown has begun, so `/readyz` turns load balancers away. */
  readonly ready: boolean;
}

/** Apollo's executor hook (`gateway`) serving one fixed schema with compiled documents. */
function compiledExecutor(schema: GraphQLSchema, documents: CompiledDocuments): ApolloServerOptionsWithGateway<Context>['gateway'] {
  return {
    load: async () => ({
      executor: async ({ document, operationName, request, context }) =>
        documents.execute({ document, operationName, variables: request.variables, contextValue: context }),
    }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    stop: async () => {},
  };
}

/**
 * Apollo (HTTP, straight from node:http) + graphql-ws (WebSocket) on one port and one path; express
 * for health, unsubscribe links and the admin app.
 */
export async function createRapportServer(deps: AppDeps): Promise<RapportServer> {
  const { config, logger } = deps;
  const schema = await rapportSchema();
  const app = express();
  app.disable('x-powered-by');
  // No ETag on API answers: hashing every GraphQL body cost ~5% of a small request, and clients POST
  // (no conditional requests). The admin app's static files keep theirs (express.static sets its own).
  app.set('etag', false);
  // Requests reach `handleHttp` below: GraphQL goes straight to Apollo, the rest to express.
  const httpServer = createServer((req, res) => handleHttp(req, res));
  // Keep idle keep-alive sockets longer than clients and load balancers do (fetch/undici drops its
  // own after ~4 s, most balancers after 60 s): when the server closes first, a request the client
  // is sending on that socket at that moment dies with ECONNRESET.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  let draining = false;

  // --- Shutdown bookkeeping: requests in flight, and the sockets they came on ------------------
  // Once draining starts, every answer says `Connection: close`, a request arriving on a kept-alive
  // socket is refused (503, nothing executed: safe to retry elsewhere), and idle sockets are closed.
  const inFlight = new Set<ServerResponse>();
  let wsOperationsInFlight = 0;
  let drained: (() => void) | undefined;
  const settle = () => {
    if (draining && inFlight.size === 0 && wsOperationsInFlight === 0) drained?.();
  };

  /** Every HTTP request: shutdown bookkeeping, a request id, the access log; then GraphQL or express. */
  const handleHttp = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const question = url.indexOf('?');
    const path = question < 0 ? url : url.slice(0, question);
    const health = path === '/healthz' || path === '/readyz';
    if (draining) {
      res.setHeader('connection', 'close');
      if (!health) {
        sendRefusal(res, 503, 'SHUTTING_DOWN', 'This instance is shutting down; nothing was done, retry (another instance will answer)', { 'retry-after': '1' });
        return;
      }
    } else {
      inFlight.add(res);
      const done = () => {
        if (!inFlight.delete(res)) return;
        if (draining) httpServer.closeIdleConnections();
        settle();
      };
      res.once('finish', done);
      res.once('close', done);
    }

    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    if (!health) {
      const started = performance.now();
      res.once('finish', () => {
        logger.info('http', { requestId, method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) });
      });
    }

    if (path === '/graphql') {
      serveGraphQL(apollo, req, res, {
        bodyLimitBytes: config.limits.httpBodyLimitBytes,
        context: () => graphqlContext(req, res, requestId),
      }).catch((err) => answerHttpError(err, res, requestId, path));
      return;
    }
    app(req, res);
  };

  /** Errors outside GraphQL's own answers (refused bodies, outages, bugs): a clean JSON error, never a stack. */
  const answerHttpError = (err: Error & { status?: number }, res: ServerResponse, requestId: string, path: string) => {
    if (res.headersSent) {
      logger.error('http answer failed after it started', { err, requestId, path });
      res.destroy();
      return;
    }
    if (err instanceof HttpRefusal) return sendRefusal(res, err.status, err.code, err.message);
    if (isDatabaseUnavailable(err)) {
      return sendRefusal(res, 503, 'SERVICE_UNAVAILABLE', 'The database is unreachable right now; retry shortly', { 'retry-after': String(RETRY_AFTER_SECONDS) });
    }
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) {
      logger.error('unhandled http error', { err, requestId, path });
      return sendRefusal(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
    sendRefusal(res, status, 'BAD_REQUEST', err.message);
  };

  mountUnsubscribe(app, deps);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready = the database answers. Redis is degradable: without it the instance serves and writes
  // (live updates stay on this instance), so it stays routable — `degraded`, still 200.
  app.get('/readyz', async (_req, res) => {
    const redis = deps.redisHealth?.();
    const redisField = redis ? { redis: redis.status, failedPublishes: redis.failedPublishes } : { redis: 'not configured' };
    if (draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      await Promise.race([
        deps.db.orm.em.getConnection().execute('select 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database check timed out')), 3000).unref()),
      ]);
    } catch (err) {
      logger.warn('readiness check: database unreachable', { err: String(err) });
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      res.status(503).json({ status: 'unavailable', database: 'down', ...redisField });
      return;
    }
    res.json({ status: redis?.status === 'down' ? 'degraded' : 'ready', database: deps.db.kind, ...redisField });
  });

  // --- WebSocket: graphql-ws on the same server and path -------------------------------------
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.limits.wsMaxPayloadBytes });
  const wsGuards = [...specifiedRules, ...guardRules(config.limits)];
  type WsExtra = { viewer?: Viewer; connectionId?: string };
  const openSockets = new Map<WebSocket, Viewer>();
  const revocations = deps.pubSub.subscribe(Topic.CREDENTIAL_REVOKED);
  // A logged-out session or revoked token leaves the viewer cache and loses its live connections on every instance at once.
  void (async () => {
    for await (const revoked of revocations) {
      deps.viewerCache?.invalidate(revoked);
      for (const [socket, viewer] of openSockets) {
        const matches =
          revoked.kind === 'session'
            ? viewer.sessionId === revoked.id
            : revoked.kind === 'apiToken'
              ? viewer.kind === 'apiToken' && viewer.id === revoked.id
              : viewer.kind === 'user' && viewer.id === revoked.id;
        if (matches) socket.close(4403, 'Forbidden');
      }
    }
  })().catch((err) => logger.error('revocation listener failed', { err }));
  // Events may have been missed (another instance could not publish for a while): trust no cached viewer.
  const resyncs = deps.pubSub.subscribe(Topic.RESYNC);
  void (async () => {
    for await (const _ of resyncs) deps.viewerCache?.clear();
  })().catch((err) => logger.error('resync listener failed', { err }));
  const fanOut = new SubscriptionFanOut(deps, schema);
  const compiledDocuments = new CompiledDocuments(schema);
  // Only documents that passed validation are kept; the guards that depend on the viewer or the variables run every time.
  const validDocuments = new Map<string, DocumentNode>();
  const wsCleanup = useServer<Record<string, unknown> | undefined, WsExtra>(
    {
      schema,
      // Subscriptions join their fan-out group (one execution per event for all sockets alike; see pubsub/fanout.ts).
      subscribe: (args: ExecutionArgs) =>
        isSubscriptionRequest(args.contextValue) ? fanOut.subscribe(args.contextValue, args.document, args.operationName, args.variableValues) : subscribe(args),
      // Queries and mutations over the socket count as in flight, so a shutdown lets them answer.
      execute: async (args: ExecutionArgs) => {
        const replay = (args.contextValue as Context).idempotency?.replay;
        if (replay) return replay.body as never;
        wsOperationsInFlight += 1;
        try {
          return await compiledDocuments.execute({ document: args.document, operationName: args.operationName, variables: args.variableValues, contextValue: args.contextValue });
        } finally {
          wsOperationsInFlight -= 1;
          settle();
        }
      },
      connectionInitWaitTimeout: config.limits.wsConnectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const token =
          tokenFromAuthorization(ctx.connectionParams?.authorization) ?? tokenFromCookieHeader(ctx.extra.request.headers.cookie);
        const viewer = await resolveViewer(deps, token).catch((err) => {
          logger.error('websocket auth failed', { err });
          return null;
        });
        if (!viewer) return false; // graphql-ws closes with 4403 Forbidden
        (ctx.extra as WsExtra).viewer = viewer;
        (ctx.extra as WsExtra).connectionId = randomUUID();
        openSockets.set(ctx.extra.socket, viewer);
        // A session ends on time even for a socket that stays open: close it at expiry.
        const expiry = viewer.expiresAt
          ? setTimeout(() => ctx.extra.socket.close(4403, 'Forbidden'), Math.min(2 ** 31 - 1, Math.max(0, viewer.expiresAt.getTime() - deps.now().getTime())))
          : undefined;
        ctx.extra.socket.once('close', () => {
          clearTimeout(expiry);
          openSockets.delete(ctx.extra.socket);
        });
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        if (draining) return [new GraphQLError('This instance is shutting down; nothing was done, retry', { extensions: { code: 'SHUTTING_DOWN' } })];
        const viewer = (ctx.extra as WsExtra).viewer ?? null;
        let document = validDocuments.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query, { maxTokens: config.limits.maxTokens });
          } catch (error) {
            return [error instanceof GraphQLError ? error : new GraphQLError('Could not parse the document')];
          }
          const errors = validate(schema, document, wsGuards);
          if (errors.length) {
            if (viewer?.role !== Role.ADMIN) errors.forEach(hideSuggestions);
            return errors;
          }
          if (validDocuments.size >= DOCUMENT_CACHE_SIZE) validDocuments.delete(validDocuments.keys().next().value!);
          validDocuments.set(payload.query, document);
        }
        const refused = operationGuard(schema, deps, viewer, document, payload.operationName, payload.variables);
        if (refused) return [refused];
        if (viewer && getOperationAST(document, payload.operationName)?.operation === 'subscription') {
          const request: SubscriptionRequest = { viewer, socket: ctx.extra.socket, operationId: id, query: payload.query };
          return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: request };
        }
        const requestId = `${(ctx.extra as WsExtra).connectionId}:${id}`;
        const contextValue = new Context(deps, viewer, requestId, logger.child({ requestId }));
        // Safe retries over the socket: `extensions: { idempotencyKey }` on a mutation, like the HTTP header.
        const idempotencyKey = payload.extensions?.idempotencyKey;
        if (typeof idempotencyKey === 'string' && getOperationAST(document, payload.operationName)?.operation === 'mutation') {
          return claimIdempotencyKey(deps, viewer, idempotencyKey, payload).then(
            (state) => {
              contextValue.idempotency = state;
              return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
            },
            (error) => [error instanceof GraphQLError ? error : new ServiceUnavailableError()],
          );
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      onNext: async (_ctx, _id, _payload, args, result) => {
        // A subscription refused when it started (its answers go out through the fan-out group, formatted there).
        if (!(args.contextValue instanceof Context)) {
          return result.errors?.length ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, logger)) } : undefined;
        }
        const context = args.contextValue;
        if (context.idempotency?.replay) return result;
        const formatted = result.errors?.length ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, context.logger)) } : undefined;
        if (context.idempotency) {
          // Kept before it is sent: a client that loses this answer gets it again with the same key.
          await recordIdempotentAnswer(deps, context.idempotency, 200, (formatted ?? result) as never).catch((err) =>
            context.logger.error('could not keep the idempotent answer', { err }),
          );
        }
        return formatted;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e, logger)),
    },
    wsServer,
  );

  // --- HTTP: Apollo ----------------------------------------------------------------------------
  const guardPlugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async validationDidStart({ contextValue }) {
          return async (errors) => {
            if (errors && contextValue.viewer?.role !== Role.ADMIN) errors.forEach((e) => hideSuggestions(e as GraphQLError));
          };
        },
        async didResolveOperation({ contextValue, document, request, operation }) {
          const refused = operationGuard(schema, deps, contextValue.viewer, document, request.operationName, request.variables);
          if (refused) throw refused;
          // A mutation with an Idempotency-Key claims it only once the document passed the guards
          // (errors thrown here are answered with their own status; see idempotencyPlugin).
          const key = request.http?.headers.get('idempotency-key');
          if (key && operation?.operation === 'mutation') {
            contextValue.idempotency = await claimIdempotencyKey(deps, contextValue.viewer, key, request).catch((err) => {
              if (!isDatabaseUnavailable(err)) throw err;
              const unavailable = new ServiceUnavailableError();
              unavailable.extensions.http = { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) };
              throw unavailable;
            });
          }
        },
      };
    },
  };
  // An outage is not a bug: answers whose errors say SERVICE_UNAVAILABLE go out as 503 with Retry-After,
  // so load balancers and clients retry instead of reporting a server fault.
  const statusPlugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = new Set((response.body.singleResult.errors ?? []).map((e) => e.extensions?.code));
          const match = STATUS_BY_CODE.find(([code]) => codes.has(code));
          if (!match) return;
          const [, status, headers = {}] = match;
          response.http.status = status;
          for (const [name, value] of Object.entries(headers)) response.http.headers.set(name, value);
        },
      };
    },
  };
  // Idempotency-Key on a mutation: a repeat gets the first answer (status, body, session cookie)
  // without running again; the answer is kept before it is sent.
  const idempotencyPlugin: ApolloServerPlugin<Context> = {
    async requestDidStart({ request }) {
      if (!request.http?.headers.get('idempotency-key')) return;
      return {
        async responseForOperation({ contextValue }) {
          const state = contextValue.idempotency; // claimed in guardPlugin.didResolveOperation
          if (!state?.replay) return null;
          for (const cookie of state.replay.cookies) {
            if (cookie.value && cookie.expiresAt) contextValue.http?.setSessionCookie(cookie.value, new Date(cookie.expiresAt));
            else contextValue.http?.clearSessionCookie();
          }
          return {
            http: { status: state.replay.status, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
            body: { kind: 'single', singleResult: state.replay.body as never },
          };
        },
        async willSendResponse({ response, contextValue }) {
          const state = contextValue.idempotency;
          if (!state || state.replay || response.body.kind !== 'single') return;
          await recordIdempotentAnswer(deps, state, response.http.status ?? 200, response.body.singleResult as never).catch((err) =>
            contextValue.logger.error('could not keep the idempotent answer', { err }),
          );
        },
      };
    },
  };
  const apollo = new ApolloServer<Context>({
    // Apollo parses, validates, runs the plugins and formats; execution is the compiled document's
    // (see graphql/compiled-documents.ts). A "gateway" is Apollo's one hook for its executor.
    gateway: compiledExecutor(schema, compiledDocuments),
    introspection: true, // gated per role by guardPlugin
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: guardRules(config.limits),
    formatError: (formatted, error) => formatError(formatted, error, logger),
    // Rapport owns its shutdown (main.ts handles the signals, close() below drains): Apollo's own
    // signal handler would re-raise the signal and kill the process before the drain ends.
    stopOnTerminationSignals: false,
    // Cache control is on by default and hooks every resolved field; Rapport sets no cache hints
    // (answers are per viewer), so it only cost time.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), guardPlugin, statusPlugin, idempotencyPlugin],
    logger: {
      debug: (m) => logger.debug(String(m)),
      info: (m) => logger.info(String(m)),
      warn: (m) => logger.warn(String(m)),
      error: (m) => logger.error(String(m)),
    },
  });
  await apollo.start();

  const cookieOptions: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' };
  const graphqlContext = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<Context> => {
    const token = tokenFromAuthorization(req.headers.authorization) ?? tokenFromCookieHeader(req.headers.cookie);
    const viewer = await resolveViewer(deps, token).catch((err) => {
      if (!isDatabaseUnavailable(err)) throw err;
      const unavailable = new ServiceUnavailableError();
      unavailable.extensions.http = { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) };
      throw unavailable;
    });
    const context: Context = new Context(deps, viewer, requestId, logger.child({ requestId }), {
      clientAddress: req.socket.remoteAddress ?? 'unknown',
      setSessionCookie: (value, expiresAt) => {
        res.appendHeader('set-cookie', serializeCookie(SESSION_COOKIE, value, cookieOptions, expiresAt));
        context.idempotency?.cookies.push({ value, expiresAt: expiresAt.toISOString() });
      },
      clearSessionCookie: () => {
        res.appendHeader('set-cookie', serializeCookie(SESSION_COOKIE, '', cookieOptions, new Date(1)));
        context.idempotency?.cookies.push({ value: null });
      },
    });
    return context;
  };

  // --- The admin app (built by Vite) -----------------------------------------------------------
  const clientDir = config.clientDir ? resolve(config.clientDir) : undefined;
  if (clientDir && existsSync(resolve(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql).*/, (_req, res) => {
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(resolve(clientDir, 'index.html'));
    });
  } else if (clientDir) {
    logger.warn('admin app not built; serving the API only', { clientDir });
  }

  app.use((err: Error & { status?: number }, req: Request, res: Response, _next: NextFunction) => {
    answerHttpError(err, res, String(res.getHeader('x-request-id')), req.path);
  });

  return {
    httpServer,
    get ready() {
      return !draining;
    },
    listen: (port, host) =>
      new Promise((resolveListen, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address();
          resolveListen(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: async () => {
      draining = true;
      // No new connections; kept-alive sockets that are idle go now, busy ones after their answer.
      httpServer.close();
      httpServer.closeIdleConnections();
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      // In-flight requests (HTTP and WebSocket queries/mutations) finish, within the grace period.
      const finished = await new Promise<boolean>((resolveDrain) => {
        const timer = setTimeout(() => resolveDrain(false), config.shutdownGraceMs);
        drained = () => {
          clearTimeout(timer);
          resolveDrain(true);
        };
        settle();
      });
      if (!finished) logger.warn('shutdown grace period over; closing what is still open', { httpRequests: inFlight.size, wsOperations: wsOperationsInFlight });
      // Subscriptions end with 1001 "going away": clients reconnect to another instance.
      await wsCleanup.dispose();
      wsServer.close();
      httpServer.closeAllConnections();
      await revocations.return?.();
      await resyncs.return?.();
      await apollo.stop();
    },
  };
}
