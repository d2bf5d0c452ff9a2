import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { AppDeps } from '../context.js';
import { Role, User } from '../auth/auth.entity.js';
import { Employee } from '../people/employee.entity.js';
import { checkEmail, enqueueMail } from '../mail/outbox.js';
import type { DomainEvent } from '../pubsub/events.js';
import { TrustSignal, TrustSignalChange } from './trust-signal.entity.js';
import { TrustDigest } from './trust-digest.entity.js';

/**
 * The daily trust-signal digest (alerts to staff, part 5): once a day, from
 * RAPPORT_TRUST_DIGEST_HOUR (UTC), every admin gets one email listing the
 * trust-withdrawal signals raised or worsened since the last digest — a
 * digest rather than a storm of alerts. Nothing is sent when nothing changed.
 * The day is claimed by inserting its row in the same transaction that
 * writes the messages, so two instances (or two runs) never send the same
 * day twice, and a run that fails leaves the day to the next one.
 */

const DAY = 86_400_000;

export interface DigestItem {
  team: string;
  teamId: number;
  change: 'RAISED' | 'WORSENED';
  level: string;
  score: number;
  summaries: string[];
}

export interface DigestRun {
  /** The UTC day the run looked at. */
  day: string;
  /** False when it was not yet time, or the day was taken already (by this or another instance). */
  claimed: boolean;
  signals: number;
  recipients: number;
}

function isDeliverable(email: string): boolean {
  try {
    checkEmail(email, 'user.email');
    return true;
  } catch {
    return false;
  }
}

export function digestDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Open signals with a RAISED or WORSENED change in (since, until], most severe first. */
export async function changedSignals(em: EntityManager, since: Date, until: Date): Promise<DigestItem[]> {
  const signals = await em.find(TrustSignal, { clearedAt: null, updatedAt: { $gt: since } }, { populate: ['team'], orderBy: { score: 'desc', id: 'asc' } });
  const items: DigestItem[] = [];
  for (const signal of signals) {
    const changes = signal.history.filter((h) => {
      const at = new Date(h.at);
      return at > since && at <= until && (h.change === TrustSignalChange.RAISED || h.change === TrustSignalChange.WORSENED);
    });
    if (!changes.length) continue;
    items.push({
      team: signal.team.getEntity().name,
      teamId: signal.team.id,
      change: changes.some((c) => c.change === TrustSignalChange.RAISED) ? 'RAISED' : 'WORSENED',
      level: signal.level,
      score: signal.score,
      summaries: signal.findings.map((f) => f.summary),
    });
  }
  return items;
}

/**
 * Sends today's digest if it is due and nobody has yet. Safe to call often
 * and on every instance (rapport.ts calls it every few minutes).
 */
export async function sendTrustDigest(deps: AppDeps): Promise<DigestRun> {
  const now = deps.now();
  const day = digestDay(now);
  const { mail } = deps.config;
  if (now.getUTCHours() < mail.trustDigestHour) return { day, claimed: false, signals: 0, recipients: 0 };
  const em = deps.db.fork();
  if (await em.count(TrustDigest, { day })) return { day, claimed: false, signals: 0, recipients: 0 };
  const events: DomainEvent[] = [];
  const run = await em.transactional(async (tx) => {
    const t = tx as EntityManager;
    const claimToken = randomUUID();
    await t.createQueryBuilder(TrustDigest).insert({ day, claimToken, claimedAt: now, signals: 0, recipients: 0 }).onConflict('day').ignore().execute('run');
    // Whoever's row is there holds the day (on PostgreSQL a concurrent insert waits for the other transaction and then does nothing).
    const [holder] = await t.execute<Array<{ claim_token: string }>>('select claim_token from trust_digest where day = ?', [day]);
    if (holder?.claim_token !== claimToken) return { day, claimed: false, signals: 0, recipients: 0 };
    const previous = await t.findOne(TrustDigest, { day: { $lt: day } }, { orderBy: { day: 'desc' } });
    const since = previous?.claimedAt ?? new Date(now.getTime() - DAY);
    const items = await changedSignals(t, since, now);
    let recipients = 0;
    if (items.length) {
      const admins = await t.find(User, { role: Role.ADMIN }, { orderBy: { id: 'asc' } });
      const people = new Map((await t.find(Employee, { email: { $in: admins.map((a) => a.email) } })).map((e) => [e.email, e]));
      for (const admin of admins) {
        const person = people.get(admin.email);
        if (!isDeliverable(admin.email)) {
          deps.logger.warn('trust digest: admin address is not deliverable', { userId: admin.id });
          continue;
        }
        await enqueueMail(t, events, mail, now, {
          template: 'TRUST_DIGEST',
          to: admin.email,
          toField: 'user.email',
          name: person?.name ?? null,
          language: person?.language ?? null,
          params: { day, appUrl: mail.publicUrl, since: since.toISOString(), items },
          reference: `trust-digest:${day}`,
          employeeId: person?.id ?? null,
        });
        recipients += 1;
      }
    }
    await t.nativeUpdate(TrustDigest, { day, claimToken }, { signals: items.length, recipients });
    return { day, claimed: true, signals: items.length, recipients };
  });
  for (const event of events) deps.pubSub.publish(event.topic, event.payload as never);
  if (run.recipients) deps.mailSender?.wake();
  return run;
}
