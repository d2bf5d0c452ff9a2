import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';

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

/** A session was logged out or an API token revoked: every instance closes its sockets that use it. */
export interface CredentialRevokedPayload {
  kind: 'session' | 'apiToken';
  id: number;
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
};

export type PubSub = ReturnType<typeof createPubSub<TopicPayloads>>;

export interface PubSubHandle {
  pubSub: PubSub;
  close(): Promise<void>;
}

/** In-memory for one instance; Redis pub/sub when `redisUrl` is set, so every instance sees every event. */
export function createPubSubHandle(redisUrl: string | undefined): PubSubHandle {
  if (!redisUrl) return { pubSub: createPubSub<TopicPayloads>(), close: async () => {} };
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubSub: createPubSub<TopicPayloads>({ eventTarget }),
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
