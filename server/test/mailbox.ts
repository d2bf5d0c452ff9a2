import type { Database } from '../src/db/database.js';
import { OutboxMessage } from '../src/mail/outbox.entity.js';

/**
 * What each invitee finds in their mailbox: the survey link Rapport emailed
 * them (read from the outbox, where the message waits when no SMTP server is
 * configured). Anonymous surveys hand their links to nobody else, so tests
 * answer as the invitees do — through their email.
 */
export async function emailedSurveyTokens(db: Database, surveyId: string | number): Promise<Map<string, string>> {
  const messages = await db.fork().find(OutboxMessage, { template: 'SURVEY_INVITATION' }, { orderBy: { id: 'asc' } });
  const tokens = new Map<string, string>();
  for (const message of messages) {
    if (String(message.params.surveyId) !== String(surveyId)) continue;
    const link = String(message.secretParams?.link ?? '');
    tokens.set(message.recipientEmail, decodeURIComponent(link.split('/s/')[1] ?? ''));
  }
  return tokens;
}

/** The invitations of one inviteToSurvey answer, each with the token its recipient was emailed. */
export async function withEmailedTokens<T extends { email: string }>(db: Database, surveyId: string | number, created: T[]): Promise<Array<T & { token: string }>> {
  const tokens = await emailedSurveyTokens(db, surveyId);
  return created.map((c) => {
    const token = tokens.get(c.email);
    if (!token) throw new Error(`no invitation email to ${c.email} for survey ${surveyId}`);
    return { ...c, token };
  });
}
