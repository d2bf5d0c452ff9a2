import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { HeaderMap } from '@apollo/server';
import type { AppDeps, Viewer } from '../context.js';
import { DomainError, type ErrorCode } from '../errors/domain-error.js';
import { isUniqueViolation } from '../errors/db-errors.js';
import { IdempotencyKey } from './idempotency.entity.js';

/**
 * Safe retries of mutations. A client sends `Idempotency-Key: <random>` (HTTP)
 * or `extensions: { idempotencyKey }` (graphql-ws) with a mutation; a repeat
 * with the same key and the same operation gets the first answer without the
 * mutation running again, a repeat with another operation is refused. Keys
 * live in the database for 24 hours, so a retry that lands on another instance
 * is recognised too.
 *
 * The claim is made before the mutation runs; the mutation's own transaction
 * marks it committed (inTransaction), so "it ran" and "it is recorded as run"
 * commit together. The answer is stored before it is sent.
 */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a claim blocks repeats while its first request runs; a claim of a request that died uncommitted is taken over after it. */
export const IDEMPOTENCY_LEASE_MS = 60_000;
const KEY_FORMAT = /^[\x21-\x7e]{8,255}$/;

/** The answer as first sent, replayed to repeats. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  /** Session cookies the first answer set (login), set again on a replay. */
  cookies: Array<{ value: string | null; expiresAt?: string }>;
}

/** Per-request idempotency state on the Context. */
export interface IdempotencyState {
  id: number;
  secret: Buffer;
  committed: boolean;
  cookies: StoredAnswer['cookies'];
  /** Set when this request is a repeat: the first answer, to send instead of running. */
  replay?: StoredAnswer;
}

function refusal(code: ErrorCode, message: string, status: number, headers: Record<string, string> = {}): DomainError {
  const error = new DomainError(code, message);
  error.extensions.http = { status, headers: new HeaderMap(Object.entries(headers)) };
  return error;
}

/** JSON with object keys sorted, so the same variables in another key order are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestFingerprint(request: { query?: string | null; operationName?: string | null; variables?: Record<string, unknown> | null }): string {
  return createHash('sha256')
    .update(canonical([request.query ?? '', request.operationName ?? null, request.variables ?? {}]))
    .digest('hex');
}

function scopeOf(viewer: Viewer | null): string {
  return viewer ? `${viewer.kind}:${viewer.id}` : 'anonymous';
}

function encrypt(secret: Buffer, answer: StoredAnswer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

function decrypt(secret: Buffer, stored: string): StoredAnswer {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', secret, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as StoredAnswer;
}

/**
 * Claims `key` for this caller and operation. Returns the state to run with
 * (`replay` set when this is a repeat whose answer is kept), or throws the
 * refusal: a malformed key (400), the key used for another operation (422),
 * the first request still running (409, retry), or the first request carried
 * out but its answer lost (409, do not retry).
 */
export async function claimIdempotencyKey(
  deps: AppDeps,
  viewer: Viewer | null,
  key: string,
  request: { query?: string | null; operationName?: string | null; variables?: Record<string, unknown> | null },
): Promise<IdempotencyState> {
  if (!KEY_FORMAT.test(key)) {
    throw refusal('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 8–255 visible ASCII characters (a random UUID is ideal)', 400);
  }
  const scope = scopeOf(viewer);
  const keyHash = createHash('sha256').update(`${scope}\n${key}`).digest('hex');
  const secret = Buffer.from(hkdfSync('sha256', key, scope, 'rapport idempotent answer', 32));
  const requestHash = requestFingerprint(request);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.now();
    const em = deps.db.fork();
    try {
      const id = await em.insert(IdempotencyKey, {
        keyHash,
        requestHash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
        lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS),
        committedAt: null,
        response: null,
      });
      return { id: Number(id), secret, committed: false, cookies: [] };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = await em.findOne(IdempotencyKey, { keyHash });
    if (!row) continue; // expired and removed meanwhile
    if (row.expiresAt <= now) {
      await em.nativeDelete(IdempotencyKey, { id: row.id, expiresAt: { $lte: now } });
      continue;
    }
    if (row.requestHash !== requestHash) {
      throw refusal('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different operation or variables; use a new key for a new request', 422);
    }
    if (row.response) {
      return { id: row.id, secret, committed: true, cookies: [], replay: decrypt(secret, row.response) };
    }
    if (row.committedAt) {
      throw refusal('IDEMPOTENCY_KEY_ANSWER_LOST', 'The request with this Idempotency-Key was carried out, but its answer was not kept; read the current state instead of retrying', 409);
    }
    if (row.lockedUntil > now) {
      throw refusal('IDEMPOTENCY_KEY_IN_PROGRESS', 'The first request with this Idempotency-Key is still running; retry shortly', 409, { 'retry-after': '1' });
    }
    // The first request died before it committed (its transaction rolled back): take the key over.
    const taken = await em.nativeUpdate(
      IdempotencyKey,
      { id: row.id, lockedUntil: row.lockedUntil, committedAt: null, response: null },
      { lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS) },
    );
    if (taken === 1) return { id: row.id, secret, committed: false, cookies: [] };
  }
  throw refusal('IDEMPOTENCY_KEY_IN_PROGRESS', 'The first request with this Idempotency-Key is still running; retry shortly', 409, { 'retry-after': '1' });
}

/** Inside the mutation's transaction: the write and "this key's request was carried out" commit together. */
export async function markIdempotencyCommitted(em: EntityManager, state: IdempotencyState, now: Date): Promise<void> {
  if (state.committed) return;
  await em.nativeUpdate(IdempotencyKey, { id: state.id }, { committedAt: now });
  state.committed = true;
}

/** Codes of answers that say "nothing happened, try again": such an answer frees the key instead of being kept. */
const TRANSIENT = new Set(['SERVICE_UNAVAILABLE', 'SHUTTING_DOWN', 'INTERNAL_SERVER_ERROR']);

/** Keeps the answer for repeats (or frees the key when nothing was done and the failure was transient). Before the answer is sent. */
export async function recordIdempotentAnswer(deps: AppDeps, state: IdempotencyState, status: number, body: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }): Promise<void> {
  if (state.replay) return;
  const em = deps.db.fork();
  const transient = !state.committed && (body.errors ?? []).some((e) => TRANSIENT.has(String(e.extensions?.code)));
  if (transient) {
    await em.nativeDelete(IdempotencyKey, { id: state.id, committedAt: null });
    return;
  }
  await em.nativeUpdate(IdempotencyKey, { id: state.id }, { response: encrypt(state.secret, { status, body, cookies: state.cookies }) });
}

/** Removes keys older than 24 hours (any instance may run it; it is one DELETE). */
export async function purgeExpiredIdempotencyKeys(deps: AppDeps): Promise<number> {
  return deps.db.fork().nativeDelete(IdempotencyKey, { expiresAt: { $lte: deps.now() } });
}
