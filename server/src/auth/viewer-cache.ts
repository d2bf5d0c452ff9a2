import type { Viewer } from '../context.js';
import type { CredentialRevokedPayload } from '../pubsub/topics.js';

/** How long a resolved session or API token is trusted without asking the database. */
export const VIEWER_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * What must still hold when a viewer read from the database is stored: no
 * revocation arrived while it was being read (`generation`), and cross-instance
 * delivery of revocations has not been lost and re-established meanwhile (`epoch`).
 */
export interface CacheTicket {
  generation: number;
  epoch: number | undefined;
}

interface Entry {
  viewer: Viewer;
  until: number;
  epoch: number;
}

/**
 * Sessions and API tokens resolved in the last few seconds, keyed by the
 * token's SHA-256, so most requests find their viewer without the ORM.
 *
 * Revocation stays immediate on every instance:
 * - logout, token revoke and credential changes call `invalidate` on the
 *   instance that made them and publish `CREDENTIAL_REVOKED`, which every
 *   other instance receives over Redis and applies the same way (see app.ts);
 *   the revoking mutation answers only once Redis has taken the message;
 * - an entry lives at most `ttlMs` and never beyond the session's own expiry;
 * - entries are trusted only while this instance is subscribed to Redis:
 *   `deliveryEpoch` is undefined while it is not, and changes each time the
 *   subscription is re-established, so a revocation published while this
 *   instance could not hear it never leaves a stale entry behind (the cache is
 *   simply bypassed during a Redis outage);
 * - a read that was in flight when a revocation arrived is not stored.
 */
export class ViewerCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly deliveryEpoch: () => number | undefined;

  constructor(options: { ttlMs?: number; maxEntries?: number; deliveryEpoch?: () => number | undefined } = {}) {
    this.ttlMs = options.ttlMs ?? VIEWER_CACHE_TTL_MS;
    this.maxEntries = options.maxEntries ?? MAX_ENTRIES;
    this.deliveryEpoch = options.deliveryEpoch ?? (() => 0);
  }

  get size(): number {
    return this.entries.size;
  }

  get(tokenHash: string, nowMs: number): Viewer | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until <= nowMs || entry.epoch !== this.deliveryEpoch()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.viewer;
  }

  /** Taken before reading the database; `set` refuses the result if anything was revoked meanwhile. */
  ticket(): CacheTicket {
    return { generation: this.generation, epoch: this.deliveryEpoch() };
  }

  set(tokenHash: string, viewer: Viewer, nowMs: number, ticket: CacheTicket): void {
    if (ticket.epoch === undefined || ticket.generation !== this.generation || ticket.epoch !== this.deliveryEpoch()) return;
    const until = Math.min(nowMs + this.ttlMs, viewer.expiresAt?.getTime() ?? Infinity);
    if (until <= nowMs) return;
    if (this.entries.size >= this.maxEntries) {
      for (const [key, entry] of this.entries) if (entry.until <= nowMs) this.entries.delete(key);
      // Still full: drop the oldest (Map keeps insertion order).
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(tokenHash, { viewer: Object.freeze(viewer), until, epoch: ticket.epoch });
  }

  /** Forgets every entry the revocation concerns (a session, an API token, or all of a user's sessions). */
  invalidate(revoked: CredentialRevokedPayload): void {
    this.generation += 1;
    for (const [key, { viewer }] of this.entries) {
      const matches =
        revoked.kind === 'session'
          ? viewer.sessionId === revoked.id
          : revoked.kind === 'apiToken'
            ? viewer.kind === 'apiToken' && viewer.id === revoked.id
            : viewer.kind === 'user' && viewer.id === revoked.id;
      if (matches) this.entries.delete(key);
    }
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
