import { Kind, createSourceEventStream, execute, visit, type DocumentNode, type ExecutionResult, type FieldNode, type GraphQLSchema, type OperationDefinitionNode, type VariableNode } from 'graphql';
import * as wsModule from 'ws';
import type { WebSocket } from 'ws';
import { Context, type AppDeps, type Viewer } from '../context.js';
import { formatError } from '../errors/format-error.js';
import { initialTickOf } from './streams.js';

/**
 * What the answers of a subscription may depend on, of its viewer.
 *
 * Every resolver a subscription can reach reads the viewer only through its role: `@Authorized`
 * roles (type-graphql's auth checker, assertRole in the subscribe functions), the role checks of
 * complaint threads (internal notes for admins) and the anonymity layer, which depends on no viewer
 * at all. The viewer's id, label and session are read by mutations only (who did it), never by a
 * subscription. So sockets of one role share one execution; if a resolver reachable from a
 * subscription ever reads more of the viewer, it must be added here.
 *
 * Groups of different scopes go further and share one event's answer when its execution did not
 * read the viewer at all (Context counts the reads; see SubscriptionFanOut.answers).
 */
export function viewerScope(viewer: Viewer): string {
  return viewer.role;
}

/**
 * The field extension (type-graphql `@Extensions`) of a subscription that names the arguments which
 * only filter its events (they are read by its `subscribe`, never by its resolver or below). Sockets
 * whose variables differ only in those get the same answer to an event that reaches them both.
 */
export const FILTER_ARGUMENTS = 'fanOutFilterArguments';

/**
 * The variables an answer can depend on: all of them, less those used only as the value of one of
 * the root field's FILTER_ARGUMENTS (a variable used anywhere else as well stays).
 */
export function answerVariables(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): Record<string, unknown> {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  const root = operation?.selectionSet.selections;
  if (!operation || operation.operation !== 'subscription' || root?.length !== 1 || root[0]!.kind !== Kind.FIELD) return variables;
  const field = root[0] as FieldNode;
  const filterOnly = schema.getSubscriptionType()?.getFields()[field.name.value]?.extensions?.[FILTER_ARGUMENTS];
  if (!Array.isArray(filterOnly) || !filterOnly.length) return variables;
  const candidates = new Set(
    (field.arguments ?? []).filter((a) => filterOnly.includes(a.name.value) && a.value.kind === Kind.VARIABLE).map((a) => (a.value as VariableNode).name.value),
  );
  const uses = new Map<string, number>();
  visit(document, {
    VariableDefinition: () => false,
    Variable: (node) => {
      uses.set(node.name.value, (uses.get(node.name.value) ?? 0) + 1);
    },
  });
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) if (!(candidates.has(name) && uses.get(name) === 1)) kept[name] = value;
  return kept;
}

/** Variables in one spelling whatever the key order the client sent, for the group key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** One subscribed operation of one socket, as the group sees it. */
interface Member {
  socket: WebSocket;
  /** Set by the first group answer it is sent; its own first snapshot, if still running, is then dropped (older). */
  answered: boolean;
  /** `{"id":…,"type":"next","payload":` — the part of the message that is this operation's own. */
  prefix: string;
  /** Ends the member's stream: done, or failed with the source's error. */
  end(error?: unknown): void;
  /** ws's internals of the socket when it negotiated no extension (fixed at the handshake): pre-built frames may go straight to it. */
  direct?: WsInternals;
}

/** What onSubscribe hands to `subscribe` for a subscription operation (instead of a per-socket Context). */
export interface SubscriptionRequest {
  viewer: Viewer;
  socket: WebSocket;
  operationId: string;
  query: string;
}

export function isSubscriptionRequest(value: unknown): value is SubscriptionRequest {
  return typeof value === 'object' && value !== null && 'operationId' in value && 'socket' in value;
}

/** One event's answer for one (document, variables), and whether it can serve every viewer scope. */
interface Answer {
  payload: string;
  /** The execution never read the viewer (no authorization check, no role-dependent resolver). */
  viewerBlind: boolean;
}

interface Group {
  key: string;
  /** viewerScope of its members. */
  scope: string;
  /** The key without the viewer scope and the filter-only variables: groups that may share an answer of the same event. */
  answerKey: string;
  members: Set<Member>;
  context: Context;
  /** Resolves once the source stream exists (then null), or with the result that refused it. */
  ready: Promise<ExecutionResult | null>;
  source?: AsyncIterator<unknown>;
  /** For a snapshot stream: the event that makes a snapshot now (see snapshotTicks). */
  initialTick?: () => unknown;
  /** Set once a first answer went out: a snapshot subscriber joining later needs its own first snapshot. */
  delivered: boolean;
  /** Its stream was stopped (last member left) or ended: joiners open a new group. */
  closed: boolean;
}

export interface FanOutStats {
  groups: number;
  members: number;
}

/**
 * Subscriptions as a broadcast: the sockets that subscribed to the same document with the same
 * variables under the same viewer scope form one group, which listens to the pub/sub topic once,
 * executes each event once and serializes the answer once; each socket then gets that text behind
 * its own operation id. One change costs one execution per group, not one per socket, and a socket
 * costs a few hundred bytes of group membership instead of its own context, loaders, topic listener
 * and parsed document.
 *
 * graphql-ws keeps its part of the protocol: `subscribe` returns each operation an async iterator
 * that never yields (the answers are sent by the group) and that ends when the group's stream ends
 * (graphql-ws sends `complete`) or fails (graphql-ws sends `error`); the client's `complete` and a
 * closed socket call its `return`, which leaves the group. The last member to leave stops the group.
 *
 * Groups go on sharing beyond their key: an event's answer is executed once for every group whose
 * document and answer-relevant variables match (see `answerVariables`) and that shares the viewer
 * scope, or any scope when the execution read no viewer (see `answers`). Each group still has its
 * own source, so its role check and event filter decide alone whether an event reaches it. The
 * message is framed once per operation id and written to each socket as it is.
 *
 * Snapshot streams (see `snapshotTicks`) start with a snapshot: a socket that joins a group which
 * has already answered gets a first snapshot of its own, executed for it alone, then the group's.
 */
export class SubscriptionFanOut {
  private readonly groups = new Map<string, Group>();
  /**
   * Answers per event object (the in-memory pub/sub hands every listener of a topic the same one)
   * and answer key. A group of another viewer scope reuses an answer only if it is viewer-blind:
   * execution is a function of document, variables, event, database and viewer, so an execution
   * that never read the viewer gives every viewer the same result. Its own scope's source still
   * decided (subscribe-time role check, event filter) that the event reaches it at all.
   */
  private readonly answers = new WeakMap<object, Map<string, { scope: string; answer: Promise<Answer> }[]>>();
  private nextGroupId = 0;

  constructor(
    private readonly deps: AppDeps,
    private readonly schema: GraphQLSchema,
  ) {}

  stats(): FanOutStats {
    let members = 0;
    for (const group of this.groups.values()) members += group.members.size;
    return { groups: this.groups.size, members };
  }

  /**
   * graphql-ws's `subscribe`: joins the operation to its group (creating it on first use). Returns
   * the result that refused it (FORBIDDEN, bad variables) like graphql's `subscribe` does, or the
   * operation's stream.
   */
  async subscribe(request: SubscriptionRequest, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): Promise<ExecutionResult | AsyncGenerator<never>> {
    const scope = viewerScope(request.viewer);
    const key = `${scope}\u0000${operationName ?? ''}\u0000${canonicalJson(variables ?? {})}\u0000${request.query}`;
    const answerKey = `${operationName ?? ''}\u0000${canonicalJson(answerVariables(this.schema, document, operationName, variables ?? {}))}\u0000${request.query}`;
    let group = this.groups.get(key);
    if (!group) {
      group = this.open(key, scope, answerKey, request.viewer, document, operationName, variables);
      this.groups.set(key, group);
    }
    const refused = await group.ready;
    if (refused) return refused;
    // The last member left while this one waited: its stream is stopped, so start again.
    if (group.closed) return this.subscribe(request, document, operationName, variables);
    return this.join(group, request, document, operationName, variables);
  }

  private open(key: string, scope: string, answerKey: string, viewer: Viewer, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): Group {
    const requestId = `fanout:${++this.nextGroupId}`;
    const context = new Context(this.deps, viewer, requestId, this.deps.logger.child({ requestId }));
    const group: Group = { key, scope, answerKey, members: new Set(), context, delivered: false, closed: false, ready: Promise.resolve(null) };
    group.ready = (async () => {
      try {
        const source = await createSourceEventStream({ schema: this.schema, document, operationName, variableValues: variables, contextValue: context });
        if (!(Symbol.asyncIterator in source)) {
          this.close(group);
          return source;
        }
        group.initialTick = initialTickOf(source);
        group.source = source[Symbol.asyncIterator]();
        void this.pump(group, document, operationName, variables);
        return null;
      } catch (error) {
        this.close(group);
        throw error;
      }
    })();
    return group;
  }

  /** Executes each event of the group's source once and sends the answer to every member. */
  private async pump(group: Group, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined) {
    let failure: unknown;
    try {
      for (;;) {
        const event = await group.source!.next();
        if (event.done) break;
        const payload = await this.answer(group, event.value, document, operationName, variables);
        group.delivered = true;
        // One encoded message per operation id (usually one for the whole group): ws frames a Buffer
        // without copying it, so each socket costs a frame header, not its own string and UTF-8 copy.
        const messages = new Map<string, Outgoing>();
        for (const member of group.members) {
          member.answered = true;
          let message = messages.get(member.prefix);
          if (!message) messages.set(member.prefix, (message = outgoing(member.prefix + payload + '}')));
          send(member, message);
        }
      }
    } catch (error) {
      failure = error;
    }
    this.close(group);
    for (const member of group.members) member.end(failure);
    group.members.clear();
  }

  /**
   * The group's answer to one event: an answer to the same event and answer key already executed
   * for its own viewer scope or for any scope if it read no viewer, else its own execution.
   */
  private async answer(group: Group, event: unknown, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): Promise<string> {
    const run = () => this.execute(group, event, document, operationName, variables);
    if (typeof event !== 'object' || event === null) return (await run()).payload;
    let byKey = this.answers.get(event);
    if (!byKey) this.answers.set(event, (byKey = new Map()));
    let entries = byKey.get(group.answerKey);
    if (!entries) byKey.set(group.answerKey, (entries = []));
    const sameScope = entries.find((e) => e.scope === group.scope);
    if (sameScope) return ((await sameScope.answer.catch(() => undefined)) ?? (await run())).payload;
    for (const other of [...entries]) {
      const answer = await other.answer.catch(() => undefined);
      if (answer?.viewerBlind) return answer.payload;
    }
    const own = run();
    entries.push({ scope: group.scope, answer: own });
    return (await own).payload;
  }

  private async execute(group: Group, event: unknown, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): Promise<Answer> {
    const readsBefore = group.context.viewerReads;
    const result = await execute({ schema: this.schema, document, operationName, variableValues: variables, rootValue: event, contextValue: group.context });
    const payload = this.serialize(result, group.context);
    return { payload, viewerBlind: group.context.viewerReads === readsBefore };
  }

  private close(group: Group) {
    group.closed = true;
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
  }

  /** The `payload` of a `next` message, as graphql-ws writes it, with errors through the one formatError. */
  private serialize(result: ExecutionResult, context: Context): string {
    const { errors, ...rest } = result;
    return JSON.stringify(errors?.length ? { ...rest, errors: errors.map((e) => formatError(e.toJSON(), e, context.logger)) } : rest);
  }

  private join(group: Group, request: SubscriptionRequest, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): AsyncGenerator<never> {
    let finish: ((result: IteratorResult<never>) => void) | undefined;
    let fail: ((error: unknown) => void) | undefined;
    let ended: { error?: unknown } | undefined;
    const member: Member = {
      socket: request.socket,
      answered: false,
      prefix: `{"id":${JSON.stringify(request.operationId)},"type":"next","payload":`,
      direct: directWritable(request.socket),
      end: (error) => {
        ended = { error };
        if (error !== undefined) fail?.(error);
        else finish?.({ done: true, value: undefined });
      },
    };
    group.members.add(member);
    if (group.delivered && group.initialTick) void this.firstSnapshot(member, request.viewer, document, operationName, variables, group.initialTick());
    const leave = () => {
      if (!group.members.delete(member) || group.members.size > 0 || group.closed) return;
      this.close(group);
      void group.source?.return?.();
    };
    const stream: AsyncGenerator<never> = {
      next: () =>
        ended
          ? ended.error !== undefined
            ? Promise.reject(ended.error)
            : Promise.resolve({ done: true, value: undefined })
          : new Promise<IteratorResult<never>>((resolve, reject) => {
              finish = resolve;
              fail = reject;
            }),
      return: async () => {
        leave();
        ended ??= {};
        finish?.({ done: true, value: undefined });
        return { done: true, value: undefined };
      },
      throw: async (error) => {
        leave();
        ended ??= {};
        finish?.({ done: true, value: undefined });
        throw error;
      },
      [Symbol.asyncIterator]() {
        return stream;
      },
    };
    return stream;
  }

  /** A snapshot for a socket that joined after the group's first one, executed for it alone. */
  private async firstSnapshot(member: Member, viewer: Viewer, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined, tick: unknown) {
    const requestId = `fanout:first:${++this.nextGroupId}`;
    const context = new Context(this.deps, viewer, requestId, this.deps.logger.child({ requestId }));
    try {
      const result = await execute({ schema: this.schema, document, operationName, variableValues: variables, rootValue: tick, contextValue: context });
      if (!member.answered) send(member, this.serialize(result, context));
    } catch (err) {
      context.logger.error('first snapshot failed', { err });
    }
  }
}

/** One message for many sockets: its bytes, and the whole WebSocket frame (header and bytes) to write as is. */
interface Outgoing {
  data: Buffer;
  frame: Buffer;
}

/** ws's frame builder (exported by ws, missing from its type definitions). */
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[] } };

function outgoing(text: string): Outgoing {
  const data = Buffer.from(text);
  // An unmasked, uncompressed, final text frame: what ws's Sender writes for `send(text)` on a server socket.
  const [header, body] = Sender.frame(data, { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false });
  return { data, frame: body ? Buffer.concat([header!, body]) : header! };
}

/** The parts of ws's WebSocket that decide whether a pre-built frame may be written straight to its TCP socket. */
interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean };
  _extensions?: Record<string, unknown>;
  _sender?: { _state: number; _firstFragment: boolean };
}

function directWritable(socket: WebSocket): WsInternals | undefined {
  const ws = socket as unknown as WsInternals;
  const sender = ws._sender;
  const usable = ws._socket && sender && typeof sender._state === 'number' && typeof sender._firstFragment === 'boolean' && ws._extensions && Object.keys(ws._extensions).length === 0;
  return usable ? ws : undefined;
}

/** Sends one `next` message; a socket that is closing or closed is skipped and never disturbs the others. */
function send(member: Member, payload: string | Outgoing) {
  if (member.socket.readyState !== member.socket.OPEN) return;
  try {
    if (typeof payload === 'string') {
      member.socket.send(member.prefix + payload + '}');
      return;
    }
    // Shared by the sockets of one group. Where ws would frame it exactly so (no compression
    // negotiated, its sender idle between whole messages), the pre-built frame goes out in one
    // write; otherwise ws frames the shared bytes (sent as text, like graphql-ws does).
    const ws = member.direct;
    if (ws && ws._sender!._state === 0 && ws._sender!._firstFragment) ws._socket!.write(payload.frame);
    else member.socket.send(payload.data, { binary: false });
  } catch {
    // The socket went away between the check and the send; its close handler removes the member.
  }
}
