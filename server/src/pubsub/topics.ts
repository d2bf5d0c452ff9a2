import { setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';
import type { Logger } from '../logger.js';
import { createResilientEventTarget, type connectRedis } from './redis-bus.js';

/**
 * Every topic and its payload. Payloads cross Redis as JSON, so they carry
 * ids, enums and ISO strings only; subscribers reload what they show through a
 * fresh EntityManager.
 */
export type LeadershipChangeKind = 'ASSIGNED' | 'ENDED' | 'AGREEMENT_UPDATED';
export interface LeadershipChangedPayload {
  kind: LeadershipChangeKind;
  relationshipId: number;
  memberId: number;
  leaderId: number;
  at: string;
}

export type EmployeeChangeKind = 'CREATED' | 'UPDATED' | 'EXITED';
export interface EmployeeChangedPayload {
  kind: EmployeeChangeKind;
  employeeId: number;
  at: string;
}

export type ReferralChangeKind = 'CREATED' | 'STATUS_CHANGED' | 'CONVERTED' | 'REWARDS_REVERSED';
export interface ReferralChangedPayload {
  kind: ReferralChangeKind;
  referralId: number;
  /** The tree it belongs to (its own id for a root), so a chain view can listen to one tree. */
  rootId: number;
  at: string;
}

export interface ComplaintChangedPayload {
  complaintId: number;
  /** The thread entry that was added (ComplaintEventKind). */
  kind: string;
  at: string;
}

export interface SurveyRespondedPayload {
  surveyId: number;
  waveId: number;
  at: string;
  /** The wave closed (its results changed as a whole), rather than one more answer arriving. */
  waveClosed?: true;
}

export type CustomerChangeKind = 'CREATED' | 'UPDATED' | 'CHURNED';
export interface CustomerChangedPayload {
  kind: CustomerChangeKind;
  customerId: number;
  at: string;
}

/** A trust-withdrawal signal of a team was raised, worsened, eased or cleared. */
export interface TrustSignalChangedPayload {
  signalId: number;
  teamId: number;
  change: 'RAISED' | 'WORSENED' | 'EASED' | 'CLEARED' | 'ACKNOWLEDGED';
  at: string;
}

/**
 * A session was logged out, an API token revoked, or a user's credentials changed (`user`: all of
 * that user's sessions): every instance forgets it in its viewer cache and closes its sockets that use it.
 */
export interface CredentialRevokedPayload {
  kind: 'session' | 'apiToken' | 'user';
  id: number;
}

/** Outbox messages were added or changed (sent, failed, resent): the admin's Outbox page reloads. */
export interface OutboxChangedPayload {
  at: string;
  count: number;
}

/**
 * Local only, never published: cross-instance delivery was lost and is back, so
 * events may have been missed; snapshot subscriptions send a fresh snapshot.
 */
export interface ResyncPayload {
  at: string;
  reason: string;
}

export const Topic = {
  LEADERSHIP_CHANGED: 'LEADERSHIP_CHANGED',
  EMPLOYEE_CHANGED: 'EMPLOYEE_CHANGED',
  CREDENTIAL_REVOKED: 'CREDENTIAL_REVOKED',
  REFERRAL_CHANGED: 'REFERRAL_CHANGED',
  COMPLAINT_CHANGED: 'COMPLAINT_CHANGED',
  SURVEY_RESPONDED: 'SURVEY_RESPONDED',
  TRUST_SIGNAL_CHANGED: 'TRUST_SIGNAL_CHANGED',
  CUSTOMER_CHANGED: 'CUSTOMER_CHANGED',
  OUTBOX_CHANGED: 'OUTBOX_CHANGED',
  RESYNC: 'RESYNC',
} as const;

export type TopicPayloads = {
  [Topic.LEADERSHIP_CHANGED]: [LeadershipChangedPayload];
  [Topic.EMPLOYEE_CHANGED]: [EmployeeChangedPayload];
  [Topic.CREDENTIAL_REVOKED]: [CredentialRevokedPayload];
  [Topic.REFERRAL_CHANGED]: [ReferralChangedPayload];
  [Topic.COMPLAINT_CHANGED]: [ComplaintChangedPayload];
  [Topic.SURVEY_RESPONDED]: [SurveyRespondedPayload];
  [Topic.TRUST_SIGNAL_CHANGED]: [TrustSignalChangedPayload];
  [Topic.CUSTOMER_CHANGED]: [CustomerChangedPayload];
  [Topic.OUTBOX_CHANGED]: [OutboxChangedPayload];
  [Topic.RESYNC]: [ResyncPayload];
};

export type PubSub = ReturnType<typeof createPubSub<TopicPayloads>>;

export interface PubSubHandle {
  pubSub: PubSub;
  /**
   * Identifies the current period in which this instance hears every other instance's events:
   * undefined while it does not (Redis away), a new number each time it does again. Always 0 without Redis.
   */
  deliveryEpoch(): number | undefined;
  /** Resolves once every publish made so far has been taken by Redis (or failed). */
  published(): Promise<void>;
}

/**
 * In-memory for one instance; with Redis, every instance sees every event on
 * channels under `prefix` (see createResilientEventTarget: local delivery never
 * waits for Redis, and a Redis outage costs only cross-instance delivery).
 */
export function createPubSubHandle(redis?: ReturnType<typeof connectRedis>, prefix = 'rapport:', logger?: Logger): PubSubHandle {
  if (!redis || !logger) {
    // One listener per subscription group (document, variables, role) is expected and bounded by
    // what clients subscribe to, not a leak: Node's warning after 10 listeners of a topic is off.
    const local = new EventTarget();
    setMaxListeners(0, local);
    return { pubSub: createPubSub<TopicPayloads>({ eventTarget: local as never }), deliveryEpoch: () => 0, published: async () => {} };
  }
  const eventTarget = createResilientEventTarget(redis, prefix, logger);
  return {
    pubSub: createPubSub<TopicPayloads>({ eventTarget: eventTarget as never }),
    deliveryEpoch: eventTarget.deliveryEpoch,
    published: eventTarget.published,
  };
}
