import type { EntityManager } from '@mikro-orm/knex';
import type { AppDeps } from '../context.js';
import type { DomainEvent } from '../pubsub/events.js';
import { Survey, SurveyInvitation, SurveyStatus } from './survey.entity.js';
import { enqueueMail, surveyInvitationReference } from '../mail/outbox.js';
import { OutboxMessage } from '../mail/outbox.entity.js';

const DAY = 86_400_000;
/** Invitations reminded per transaction. */
const BATCH = 200;

/**
 * The one reminder, `reminderDays` after an invitation, while its wave runs.
 * Named surveys remind only those who have not answered. Anonymous surveys
 * remind every invitee of the wave, with wording for those who already
 * answered: whom Rapport reminds is visible in the outbox, so reminding only
 * non-respondents would tell an admin who has answered so far — exactly
 * what an anonymous survey must not tell (and finer than the stepped
 * response count the results show while a wave runs).
 *
 * Each invitation is claimed with a conditional UPDATE of `reminded_at` in
 * the transaction that writes its reminder, so several instances running
 * this at once remind each person once. The reminder carries the link of the
 * invitation's own email (the database keeps only a hash of the token).
 * Returns how many reminders were written.
 */
export async function remindSurveyInvitees(deps: AppDeps): Promise<number> {
  const { reminderDays } = deps.config.mail;
  if (reminderDays === 0) return 0;
  const now = deps.now();
  const due = new Date(now.getTime() - reminderDays * DAY);
  let written = 0;
  for (;;) {
    const events: DomainEvent[] = [];
    const { examined, reminded } = await deps.db.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      const candidates = await em.find(
        SurveyInvitation,
        { remindedAt: null, invitedAt: { $lte: due }, wave: { closedAt: null, survey: { status: SurveyStatus.OPEN } } },
        { populate: ['wave', 'wave.survey'], orderBy: { id: 'asc' }, limit: BATCH },
      );
      let count = 0;
      for (const invitation of candidates) {
        const survey: Survey = invitation.wave.getEntity().survey.getEntity();
        // Named survey, already answered: nothing to remind; marked so it is not looked at again.
        const answered = !survey.anonymous && invitation.respondedOn;
        const claimed = await em.nativeUpdate(SurveyInvitation, { id: invitation.id, remindedAt: null }, { remindedAt: now });
        if (!claimed || answered) continue;
        const original = await em.findOne(OutboxMessage, { reference: surveyInvitationReference(invitation.id), template: 'SURVEY_INVITATION' });
        if (!original?.secretParams) continue; // invited before Rapport sent invitations itself: no link to repeat
        await enqueueMail(em, events, deps.config.mail, now, {
          template: 'SURVEY_REMINDER',
          to: original.recipientEmail,
          toField: 'recipientEmail',
          name: original.recipientName,
          language: original.language,
          params: original.params,
          secretParams: original.secretParams,
          reference: surveyInvitationReference(invitation.id),
          customerId: original.customerId,
          employeeId: original.employeeId,
        });
        count += 1;
      }
      await em.flush();
      return { examined: candidates.length, reminded: count };
    });
    written += reminded;
    for (const event of events) deps.pubSub.publish(event.topic, event.payload as never);
    if (reminded) deps.mailSender?.wake();
    if (examined < BATCH) return written;
  }
}
