import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../context.js';
import {
  QuestionType,
  Survey,
  SurveyAnswer,
  SurveyAudience,
  SurveyInvitation,
  SurveyPurpose,
  SurveyQuestion,
  SurveyResponse,
  SurveyStatus,
  SurveyWave,
} from './survey.entity.js';
import { Employee } from '../people/employee.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { LeadershipRelationship } from '../leadership/leadership-relationship.entity.js';
import { DomainError, badInput, notFound } from '../errors/domain-error.js';
import { inTransaction, type DomainEvent } from '../pubsub/events.js';
import { openComplaint } from '../complaints/complaint.service.js';
import { ComplaintChannel, Severity } from '../complaints/complaint.entity.js';
import { Topic } from '../pubsub/topics.js';
import { parseId } from '../graphql/ids.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { reportTree } from '../leadership/leadership.queries.js';
import { teamSubtreeIds } from '../teams/team-tree.js';
import { disclosurePolicy, freezeTeamTree, steppedCount } from './wave-rules.js';
import { isProtected } from './survey-results.js';
import { enqueueMail, surveyInvitationReference } from '../mail/outbox.js';
import { MailAddress, OutboxMessage } from '../mail/outbox.entity.js';
import { InvitationState, type AnswerInput, type CreateSurveyInput, type InviteInput, type QuestionInput, type UpdateSurveyInput } from './survey.types.js';

const DAY = 86_400_000;

/** Start of the UTC day: anonymous responses and used invitations keep only the day. */
export function dayOf(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY) * DAY);
}

/** Coarse tenure, stored instead of a hire date so a response cannot be narrowed to one person by it. */
export function tenureBand(hiredAt: Date, now: Date): string {
  const years = (now.getTime() - hiredAt.getTime()) / (365.25 * DAY);
  if (years < 1) return '<1y';
  if (years < 3) return '1-3y';
  if (years < 5) return '3-5y';
  return '5y+';
}

function checkQuestion(q: QuestionInput, index: number): void {
  const field = `questions.${index}`;
  if (q.type === QuestionType.RATING && !q.scaleMax) throw badInput(`${field}.scaleMax`, 'A rating question needs scaleMax 5 or 7');
  if (q.type !== QuestionType.RATING && q.scaleMax) throw badInput(`${field}.scaleMax`, 'Only rating questions have a scale');
  const choice = q.type === QuestionType.SINGLE_CHOICE || q.type === QuestionType.MULTIPLE_CHOICE;
  const options = (q.options ?? []).map((o) => o.trim()).filter(Boolean);
  if (choice && (options.length < 2 || new Set(options).size !== options.length)) {
    throw badInput(`${field}.options`, 'A choice question needs at least two different options');
  }
  if (!choice && options.length) throw badInput(`${field}.options`, 'Only choice questions have options');
}

function questionRows(survey: Survey, questions: QuestionInput[]) {
  questions.forEach(checkQuestion);
  return questions.map((q, i) => ({
    survey,
    position: i + 1,
    type: q.type,
    prompt: q.prompt.trim(),
    required: q.required,
    scaleMax: q.scaleMax ?? null,
    options: (q.options ?? []).map((o) => o.trim()).filter(Boolean),
  }));
}

async function loadSurvey(em: EntityManager, id: string, field = 'surveyId'): Promise<Survey> {
  const survey = await em.findOne(Survey, { id: parseId(id, field) });
  if (!survey) throw new DomainError('NOT_FOUND', `Survey ${id} was not found`, { field });
  return survey;
}

export async function getSurvey(ctx: Context, id: string): Promise<Survey> {
  return loadSurvey(ctx.em, id, 'id');
}

export function listSurveys(ctx: Context, status?: SurveyStatus): Promise<Survey[]> {
  return ctx.em.find(Survey, status ? { status } : {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 500 });
}

export async function createSurvey(ctx: Context, input: CreateSurveyInput): Promise<Survey> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em) => {
    const survey = em.create(Survey, {
      title: input.title.trim(),
      description: input.description?.trim() || null,
      audience: input.audience,
      purpose: input.purpose,
      status: SurveyStatus.DRAFT,
      anonymous: input.anonymous,
      recurring: input.recurring,
      createdAt: now,
      updatedAt: now,
    });
    for (const row of questionRows(survey, input.questions)) em.create(SurveyQuestion, row);
    await em.flush();
    return survey;
  });
}

export async function updateSurvey(ctx: Context, input: UpdateSurveyInput): Promise<Survey> {
  return inTransaction(ctx, async (em) => {
    const survey = await loadSurvey(em, input.id, 'id');
    const draftOnly = (input.audience != null && input.audience !== survey.audience) || (input.anonymous != null && input.anonymous !== survey.anonymous);
    if (draftOnly && survey.status !== SurveyStatus.DRAFT) {
      throw new DomainError('QUESTIONS_LOCKED', 'Audience and anonymity are fixed once the survey has opened', { field: input.anonymous != null ? 'anonymous' : 'audience' });
    }
    if (input.title != null) survey.title = input.title.trim() || survey.title;
    if (input.description !== undefined) survey.description = input.description?.trim() || null;
    if (input.audience != null) survey.audience = input.audience;
    if (input.purpose != null) survey.purpose = input.purpose;
    if (input.anonymous != null) survey.anonymous = input.anonymous;
    if (input.recurring != null) survey.recurring = input.recurring;
    survey.updatedAt = ctx.deps.now();
    await em.flush();
    return survey;
  });
}

/**
 * Replaces the questions. Allowed in a draft, and in an open survey that has
 * no responses yet; afterwards the answers would no longer match their questions.
 */
export async function setQuestions(ctx: Context, surveyId: string, questions: QuestionInput[]): Promise<Survey> {
  return inTransaction(ctx, async (em) => {
    const survey = await loadSurvey(em, surveyId);
    if (survey.status === SurveyStatus.CLOSED) throw new DomainError('QUESTIONS_LOCKED', 'A closed survey cannot change', { field: 'surveyId' });
    if (survey.status === SurveyStatus.OPEN) {
      const responses = await em.count(SurveyResponse, { wave: { survey } });
      // No count in the message: while a wave runs, how many have answered is shown only in steps.
      if (responses) throw new DomainError('QUESTIONS_LOCKED', 'This survey already has responses; its questions can no longer change', { field: 'surveyId' });
    }
    const rows = questionRows(survey, questions);
    await em.nativeDelete(SurveyQuestion, { survey });
    for (const row of rows) em.create(SurveyQuestion, row);
    survey.updatedAt = ctx.deps.now();
    await em.flush();
    return survey;
  });
}

export async function openSurvey(ctx: Context, surveyId: string): Promise<Survey> {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em) => {
    const survey = await loadSurvey(em, surveyId);
    if (survey.status !== SurveyStatus.DRAFT) {
      throw new DomainError('INVALID_TRANSITION', `A ${survey.status} survey cannot be opened`, { field: 'surveyId', allowed: survey.status === SurveyStatus.OPEN ? ['CLOSED'] : [] });
    }
    if (!(await em.count(SurveyQuestion, { survey }))) throw badInput('surveyId', 'Add at least one question before opening the survey');
    survey.status = SurveyStatus.OPEN;
    survey.opensAt = now;
    survey.updatedAt = now;
    const wave = em.create(SurveyWave, { survey, number: 1, openedAt: now });
    await em.flush();
    await freezeTeamTree(em, [wave.id]);
    return survey;
  });
}

export async function closeSurvey(ctx: Context, surveyId: string): Promise<Survey> {
  const now = ctx.deps.now();
  const survey = await inTransaction(ctx, async (em, events) => {
    const survey = await loadSurvey(em, surveyId);
    if (survey.status !== SurveyStatus.OPEN) throw new DomainError('INVALID_TRANSITION', `A ${survey.status} survey cannot be closed`, { field: 'surveyId' });
    const running = await em.findOne(SurveyWave, { survey, closedAt: null });
    survey.status = SurveyStatus.CLOSED;
    survey.closesAt = now;
    survey.updatedAt = now;
    await em.nativeUpdate(SurveyWave, { survey, closedAt: null }, { closedAt: now });
    await em.flush();
    if (running) events.push(wavePublished(survey, running, now));
    return survey;
  });
  return survey;
}

/** Closes the running wave of a recurring survey and opens the next round with the same questions. */
export async function startWave(ctx: Context, surveyId: string): Promise<SurveyWave> {
  const now = ctx.deps.now();
  const wave = await inTransaction(ctx, async (em, events) => {
    const survey = await loadSurvey(em, surveyId);
    if (survey.status !== SurveyStatus.OPEN) throw new DomainError('SURVEY_NOT_OPEN', 'Only an open survey runs waves', { field: 'surveyId' });
    if (!survey.recurring) throw badInput('surveyId', 'Only a recurring survey has more than one wave');
    const current = await em.findOne(SurveyWave, { survey, closedAt: null });
    const last = await em.findOne(SurveyWave, { survey }, { orderBy: { number: 'desc' } });
    if (current) {
      current.closedAt = now;
      events.push(wavePublished(survey, current, now));
    }
    const wave = em.create(SurveyWave, { survey, number: (last?.number ?? 0) + 1, openedAt: now });
    await em.flush();
    await freezeTeamTree(em, [wave.id]);
    return wave;
  });
  return wave;
}

/**
 * A wave's results changed as a whole (it closed): subscribers recompute what they show, and
 * insights re-evaluates trust signals after the commit (see app/reactions.ts).
 */
function wavePublished(survey: Survey, wave: SurveyWave, now: Date): DomainEvent {
  return { topic: Topic.SURVEY_RESPONDED, payload: { surveyId: survey.id, waveId: wave.id, at: dayOf(now).toISOString(), waveClosed: true } };
}

async function currentWave(em: EntityManager, survey: Survey): Promise<SurveyWave> {
  const wave = await em.findOne(SurveyWave, { survey, closedAt: null });
  if (survey.status !== SurveyStatus.OPEN || !wave) throw new DomainError('SURVEY_NOT_OPEN', 'The survey is not open', { field: 'surveyId' });
  return wave;
}

/**
 * Creates single-use links for an audience and emails each person their own
 * link through the outbox (in this transaction: an invitation exists exactly
 * when its email does). Nobody gets a second invitation within the contact
 * budget (counted per email across employee and customer surveys, so people
 * who are both are not asked twice); they are returned as throttled instead.
 * Addresses that unsubscribed from asks or bounce are left out (optedOut).
 * For an anonymous survey the links go only to the invitees: the answer
 * carries no token, and the outbox keeps the link as a secret parameter no
 * admin view shows — nobody but the invitee can tie a link (and so a
 * response) to a person. Named surveys also return the tokens.
 */
export async function invite(ctx: Context, input: InviteInput) {
  const now = ctx.deps.now();
  return inTransaction(ctx, async (em, events) => {
    const survey = await loadSurvey(em, input.surveyId);
    const wave = await currentWave(em, survey);
    const employeeAudience = survey.audience === SurveyAudience.EMPLOYEES;
    const asksForEmployees = Boolean(input.teamId || input.leaderId || input.employeeIds?.length);
    const asksForCustomers = Boolean(input.customerSegment || input.customerIds?.length);
    if ((employeeAudience && asksForCustomers) || (!employeeAudience && asksForEmployees)) {
      throw new DomainError('WRONG_AUDIENCE', `This survey is for ${survey.audience.toLowerCase()}`, { field: employeeAudience ? 'customerIds' : 'employeeIds' });
    }

    type Recipient = { email: string; employee?: Employee; customer?: Customer };
    const recipients = new Map<string, Recipient>();
    if (employeeAudience) {
      const ids = new Set<number>((input.employeeIds ?? []).map((id, i) => parseId(id, `employeeIds.${i}`)));
      if (input.teamId) {
        const teamId = parseId(input.teamId, 'teamId');
        const teams = input.includeSubTeams ? await teamSubtreeIds(em, teamId) : [teamId];
        for (const e of await em.find(Employee, { team: { $in: teams }, exitedAt: null }, { fields: ['id'] })) ids.add(e.id);
      }
      if (input.leaderId) {
        const leaderId = parseId(input.leaderId, 'leaderId');
        for (const row of await reportTree(em, leaderId, 1000, { offset: 0, limit: 100_000 })) ids.add(row.memberId);
      }
      for (const e of await em.find(Employee, { id: { $in: [...ids] }, exitedAt: null })) recipients.set(e.email, { email: e.email, employee: e });
    } else {
      const ids = new Set<number>((input.customerIds ?? []).map((id, i) => parseId(id, `customerIds.${i}`)));
      const where = input.customerSegment ? { $or: [{ id: { $in: [...ids] } }, { segment: input.customerSegment }] } : { id: { $in: [...ids] } };
      for (const c of await em.find(Customer, { ...where, churnedAt: null })) recipients.set(c.email, { email: c.email, customer: c });
    }
    if (!recipients.size) throw badInput(employeeAudience ? 'teamId' : 'customerSegment', 'Nobody matches this audience');

    const emails = [...recipients.keys()];
    const inThisWave = new Set((await em.find(SurveyInvitation, { wave, recipientEmail: { $in: emails } }, { fields: ['recipientEmail'] })).map((i) => i.recipientEmail));
    const since = new Date(now.getTime() - ctx.config.contactBudgetDays * DAY);
    // A budget of 0 days switches throttling off.
    const recent = ctx.config.contactBudgetDays === 0 ? [] : await em.execute<Array<{ recipient_email: string; last: string | number | Date }>>(
      // Every ask counts: survey invitations and referral asks (referrals/referral-asks.ts).
      `select recipient_email, max(last) as last from (
         select recipient_email, invited_at as last from survey_invitation where invited_at >= ? and recipient_email in (${emails.map(() => '?').join(',')})
         union all
         select recipient_email, asked_at as last from referral_ask where asked_at >= ? and recipient_email in (${emails.map(() => '?').join(',')})
       ) asks group by recipient_email`,
      [since, ...emails, since, ...emails],
    );
    // SQLite returns max() of a datetime column as epoch milliseconds, PostgreSQL as a Date.
    const lastInvited = new Map(recent.map((r) => [r.recipient_email, new Date(/^\d+$/.test(String(r.last)) ? Number(r.last) : (r.last as Date))]));

    const created: Array<{ email: string; token: string | null }> = [];
    const throttled: Array<{ email: string; lastInvitedAt: Date }> = [];
    const optedOut: string[] = [];
    const unreachable = new Set(
      (await em.find(MailAddress, { email: { $in: emails }, $or: [{ unsubscribedAt: { $ne: null } }, { bouncingAt: { $ne: null } }] }, { fields: ['email'] })).map((a) => a.email),
    );
    const leaders = employeeAudience
      ? new Map(
          (await em.find(LeadershipRelationship, { member: { $in: [...recipients.values()].map((r) => r.employee!.id) }, endedAt: null })).map((r) => [
            r.member.id,
            r.leader,
          ]),
        )
      : new Map();
    const invitationMails: Array<{ invitation: SurveyInvitation; recipient: Recipient; token: string }> = [];
    for (const recipient of recipients.values()) {
      if (inThisWave.has(recipient.email)) continue;
      const last = lastInvited.get(recipient.email);
      if (last) {
        throttled.push({ email: recipient.email, lastInvitedAt: last });
        continue;
      }
      if (unreachable.has(recipient.email)) {
        optedOut.push(recipient.email);
        continue;
      }
      const token = newToken('survey');
      const invitation = em.create(SurveyInvitation, {
        wave,
        tokenHash: hashToken(token),
        employee: recipient.employee ?? null,
        customer: recipient.customer ?? null,
        recipientEmail: recipient.email,
        invitedAt: now,
        team: recipient.employee?.team ?? null,
        subjectLeader: recipient.employee ? (leaders.get(recipient.employee.id) ?? null) : null,
        tenureBand: recipient.employee ? tenureBand(recipient.employee.hiredAt, now) : null,
        customerSegment: recipient.customer?.segment ?? null,
      });
      created.push({ email: recipient.email, token: survey.anonymous ? null : token });
      invitationMails.push({ invitation, recipient, token });
    }
    await em.flush();
    for (const { invitation, recipient, token } of invitationMails) {
      const person = recipient.employee ?? recipient.customer!;
      await enqueueMail(em, events, ctx.config.mail, now, {
        template: 'SURVEY_INVITATION',
        to: recipient.email,
        toField: recipient.employee ? 'employeeIds' : 'customerIds',
        name: person.name,
        language: person.language,
        params: { surveyId: survey.id, surveyTitle: survey.title, anonymous: survey.anonymous, waveNumber: wave.number },
        secretParams: { link: surveyLinkUrl(ctx.config.mail.publicUrl, token) },
        reference: surveyInvitationReference(invitation.id),
        customerId: recipient.customer?.id ?? null,
        employeeId: recipient.employee?.id ?? null,
      });
    }
    await em.flush();
    // Teams created since the wave opened join its frozen tree as they are now; recorded teams never change.
    await freezeTeamTree(em, [wave.id]);
    return { created, throttled, optedOut, alreadyInvited: inThisWave.size };
  });
}

/** The respondent page of a survey link. */
export function surveyLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${encodeURIComponent(token)}`;
}

async function invitationByToken(em: EntityManager, token: string) {
  if (!token || token.length > 200) return null;
  return em.findOne(SurveyInvitation, { tokenHash: hashToken(token) }, { populate: ['wave', 'wave.survey'] });
}

/** The respondent page's view of a link: never more than the survey itself, whatever the token. */
export async function publicSurvey(ctx: Context, token: string) {
  const invitation = await invitationByToken(ctx.em, token);
  if (!invitation) return { state: InvitationState.UNKNOWN, questions: [] };
  const wave = invitation.wave.getEntity();
  const survey = wave.survey.getEntity();
  const state = invitation.respondedOn
    ? InvitationState.USED
    : survey.status !== SurveyStatus.OPEN || wave.closedAt
      ? InvitationState.CLOSED
      : InvitationState.VALID;
  const questions = state === InvitationState.VALID ? await ctx.em.find(SurveyQuestion, { survey }, { orderBy: { position: 'asc' } }) : [];
  return { state, title: survey.title, description: survey.description, anonymous: survey.anonymous, questions };
}

function answerRows(questions: SurveyQuestion[], answers: AnswerInput[]) {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const rows: Array<{ question: SurveyQuestion; numericValue?: number; optionIndex?: number; text?: string }> = [];
  const answered = new Set<number>();
  answers.forEach((answer, i) => {
    const field = `answers.${i}`;
    const question = byId.get(parseId(answer.questionId, `${field}.questionId`));
    if (!question) throw badInput(`${field}.questionId`, 'This question is not part of the survey');
    if (answered.has(question.id)) throw badInput(`${field}.questionId`, 'Each question is answered once');
    const blank = answer.value == null && answer.option == null && !answer.options?.length && !answer.text?.trim();
    if (blank) return;
    answered.add(question.id);
    switch (question.type) {
      case QuestionType.NPS:
      case QuestionType.RATING: {
        const [min, max] = question.type === QuestionType.NPS ? [0, 10] : [1, question.scaleMax ?? 5];
        if (answer.value == null || !Number.isInteger(answer.value) || answer.value < min || answer.value > max) {
          throw badInput(`${field}.value`, `"${question.prompt}" takes a whole number from ${min} to ${max}`);
        }
        rows.push({ question, numericValue: answer.value });
        break;
      }
      case QuestionType.SINGLE_CHOICE:
        if (answer.option == null || answer.option < 0 || answer.option >= question.options.length) {
          throw badInput(`${field}.option`, `"${question.prompt}" takes one of its ${question.options.length} options`);
        }
        rows.push({ question, optionIndex: answer.option });
        break;
      case QuestionType.MULTIPLE_CHOICE: {
        const chosen = [...new Set(answer.options ?? [])];
        if (!chosen.length || chosen.some((o) => o < 0 || o >= question.options.length)) {
          throw badInput(`${field}.options`, `"${question.prompt}" takes options between 0 and ${question.options.length - 1}`);
        }
        for (const option of chosen) rows.push({ question, optionIndex: option });
        break;
      }
      case QuestionType.FREE_TEXT:
        rows.push({ question, text: answer.text!.trim() });
        break;
    }
  });
  const missing = questions.find((q) => q.required && !answered.has(q.id));
  if (missing) throw badInput(`answers.question${missing.id}`, `"${missing.prompt}" needs an answer`);
  return rows;
}

/**
 * Closed loop: a named customer who answers an NPS question with 0–6 gets a
 * follow-up complaint at once (channel SURVEY_FOLLOW_UP, linked to the
 * response), so someone calls them back within the SLA. Anonymous responses
 * cannot be followed up: nobody knows who gave them.
 */
async function followUpDetractor(
  em: EntityManager,
  events: DomainEvent[],
  now: Date,
  survey: Survey,
  invitation: SurveyInvitation,
  response: SurveyResponse,
  rows: Array<{ question: SurveyQuestion; numericValue?: number; text?: string }>,
): Promise<void> {
  if (survey.anonymous || survey.audience !== SurveyAudience.CUSTOMERS || !invitation.customer) return;
  const detractor = rows.find((r) => r.question.type === QuestionType.NPS && r.numericValue !== undefined && r.numericValue <= 6);
  if (!detractor) return;
  const said = rows.filter((r) => r.text).map((r) => `${r.question.prompt}\n${r.text}`);
  await openComplaint(em, events, now, 'system', {
    customer: await em.findOneOrFail(Customer, { id: invitation.customer.id }),
    subject: `Follow-up: ${detractor.numericValue} of 10 in "${survey.title}"`.slice(0, 200),
    description: [`The customer answered ${detractor.numericValue} to "${detractor.question.prompt}".`, ...said].join('\n\n'),
    category: 'survey follow-up',
    severity: detractor.numericValue! <= 3 ? Severity.HIGH : Severity.MEDIUM,
    channel: ComplaintChannel.SURVEY_FOLLOW_UP,
    surveyResponse: response,
  });
}

/**
 * Stores a response for a single-use link. The invitation is claimed with a
 * conditional UPDATE inside the same transaction, so of two simultaneous
 * submits exactly one is stored; the other gets ALREADY_RESPONDED.
 */
export async function submitResponse(ctx: Context, token: string, answers: AnswerInput[]): Promise<boolean> {
  const now = ctx.deps.now();
  const invitation = await invitationByToken(ctx.em, token);
  if (!invitation) throw new DomainError('NOT_FOUND', 'This survey link is not valid', { field: 'token' });
  const wave = invitation.wave.getEntity();
  const survey = wave.survey.getEntity();
  if (survey.status !== SurveyStatus.OPEN || wave.closedAt) throw new DomainError('SURVEY_NOT_OPEN', 'This survey is closed', { field: 'token' });
  if (invitation.respondedOn) throw new DomainError('ALREADY_RESPONDED', 'This link has already been used to answer', { field: 'token' });
  const questions = await ctx.em.find(SurveyQuestion, { survey }, { orderBy: { position: 'asc' } });
  const rows = answerRows(questions, answers);
  await inTransaction(ctx, async (em, events) => {
    const claimed = await em.nativeUpdate(SurveyInvitation, { id: invitation.id, respondedOn: null }, { respondedOn: dayOf(now) });
    if (!claimed) throw new DomainError('ALREADY_RESPONDED', 'This link has already been used to answer', { field: 'token' });
    const response = em.create(SurveyResponse, {
      id: randomUUID(),
      wave: wave.id,
      employee: survey.anonymous ? null : (invitation.employee?.id ?? null),
      customer: survey.anonymous ? null : (invitation.customer?.id ?? null),
      team: invitation.team?.id ?? null,
      subjectLeader: invitation.subjectLeader?.id ?? null,
      tenureBand: invitation.tenureBand ?? null,
      customerSegment: invitation.customerSegment ?? null,
      submittedAt: survey.anonymous ? dayOf(now) : now,
    } as never);
    for (const row of rows) em.create(SurveyAnswer, { response, ...row } as never);
    await em.flush();
    await followUpDetractor(em, events, now, survey, invitation, response, rows);
    // The event names the survey and wave only: never the respondent. For a protected survey it fires
    // only when the shown count moves a whole step of k, so a push never tells that one person just answered.
    const step = isProtected(survey) ? disclosurePolicy(ctx.config).k : 1;
    const responses = await em.count(SurveyResponse, { wave: wave.id });
    if (steppedCount(responses, step) !== steppedCount(responses - 1, step)) {
      events.push({ topic: Topic.SURVEY_RESPONDED, payload: { surveyId: survey.id, waveId: wave.id, at: dayOf(now).toISOString() } });
    }
  });
  return true;
}
