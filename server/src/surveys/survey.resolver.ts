import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context.js';
import { Survey, SurveyInvitation, SurveyQuestion, SurveyStatus, SurveyWave } from './survey.entity.js';
import {
  AnswerInput,
  CreateSurveyInput,
  InvitationResult,
  InviteInput,
  PublicSurvey,
  QuestionInput,
  ResultSlice,
  SurveyResults,
  SurveyQuestionType,
  SurveyType,
  SurveyWaveType,
  UpdateSurveyInput,
} from './survey.types.js';
import * as service from './survey.service.js';
import { READ_ROLES, WRITE_ROLES, assertRole } from '../auth/auth-checker.js';
import { isProtected, surveyResults } from './survey-results.js';
import { disclosurePolicy, steppedCount } from './wave-rules.js';
import { num } from '../db/raw.js';
import { snapshotTicks } from '../pubsub/streams.js';
import { Topic } from '../pubsub/topics.js';

/** New responses within a second become one recomputation. */
const RESULTS_BATCH_MS = 1000;

@Resolver(() => SurveyType)
export class SurveyResolver {
  @Authorized(READ_ROLES)
  @Query(() => SurveyType, { description: 'One survey by id; NOT_FOUND when there is none.' })
  survey(@Arg('id', () => ID, { description: 'The survey id.' }) id: string, @Ctx() ctx: Context) {
    return service.getSurvey(ctx, id);
  }

  @Authorized(READ_ROLES)
  @Query(() => [SurveyType], { description: 'Surveys, newest first (at most 500).' })
  surveys(@Ctx() ctx: Context, @Arg('status', () => SurveyStatus, { nullable: true, description: 'Only this status.' }) status?: SurveyStatus) {
    return service.listSurveys(ctx, status);
  }

  @FieldResolver(() => [SurveyQuestionType], { description: 'Questions in order.' })
  questions(@Root() survey: Survey, @Ctx() ctx: Context) {
    return ctx.em.find(SurveyQuestion, { survey: survey.id }, { orderBy: { position: 'asc' } });
  }

  @FieldResolver(() => [SurveyWaveType], { description: 'Waves, first to last.' })
  waves(@Root() survey: Survey, @Ctx() ctx: Context) {
    return ctx.em.find(SurveyWave, { survey: survey.id }, { orderBy: { number: 'asc' } });
  }

  @FieldResolver(() => Int, { description: 'Invitations sent, all waves.' })
  invitationCount(@Root() survey: Survey, @Ctx() ctx: Context) {
    return ctx.em.count(SurveyInvitation, { wave: { survey: survey.id } });
  }

  @FieldResolver(() => Int, {
    description: 'Responses received, all waves (the whole survey only: group figures come with the disclosure rules). While a wave of a protected survey runs, its responses count in whole steps of the anonymity threshold.',
  })
  async responseCount(@Root() survey: Survey, @Ctx() ctx: Context) {
    const rows = await ctx.em.execute<Array<{ n: number | string; closed: unknown }>>(
      `select count(r.id) as n, max(w.closed_at) as closed from survey_wave w left join survey_response r on r.wave_id = w.id
        where w.survey_id = ? group by w.id`,
      [survey.id],
    );
    const step = isProtected(survey) ? disclosurePolicy(ctx.config).k : 1;
    return rows.reduce((total, w) => total + (w.closed == null ? steppedCount(num(w.n), step) : num(w.n)), 0);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => SurveyType, { description: 'Creates a draft survey with its questions.' })
  createSurvey(@Arg('input', () => CreateSurveyInput, { description: 'What to do; see the input type.' }) input: CreateSurveyInput, @Ctx() ctx: Context) {
    return service.createSurvey(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => SurveyType, { description: 'Changes title, description, purpose or recurrence; audience and anonymity only in a draft.' })
  updateSurvey(@Arg('input', () => UpdateSurveyInput, { description: 'What to do; see the input type.' }) input: UpdateSurveyInput, @Ctx() ctx: Context) {
    return service.updateSurvey(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => SurveyType, { description: 'Replaces the questions; QUESTIONS_LOCKED once an open survey has responses or when closed.' })
  setSurveyQuestions(
    @Arg('surveyId', () => ID, { description: 'The survey.' }) surveyId: string,
    @Arg('questions', () => [QuestionInput], { description: 'The questions in order.' }) questions: QuestionInput[],
    @Ctx() ctx: Context,
  ) {
    return service.setQuestions(ctx, surveyId, questions);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => SurveyType, { description: 'Opens a draft (starts wave 1).' })
  openSurvey(@Arg('surveyId', () => ID, { description: 'The survey.' }) surveyId: string, @Ctx() ctx: Context) {
    return service.openSurvey(ctx, surveyId);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => SurveyType, { description: 'Closes an open survey; it accepts nothing afterwards.' })
  closeSurvey(@Arg('surveyId', () => ID, { description: 'The survey.' }) surveyId: string, @Ctx() ctx: Context) {
    return service.closeSurvey(ctx, surveyId);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => SurveyWaveType, { description: 'Recurring surveys: closes the running wave and starts the next.' })
  startSurveyWave(@Arg('surveyId', () => ID, { description: 'The survey.' }) surveyId: string, @Ctx() ctx: Context) {
    return service.startWave(ctx, surveyId);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => InvitationResult, { description: 'Invites an audience to the running wave, within the contact budget; returns the new links once.' })
  inviteToSurvey(@Arg('input', () => InviteInput, { description: 'What to do; see the input type.' }) input: InviteInput, @Ctx() ctx: Context) {
    return service.invite(ctx, input);
  }

  @Authorized(READ_ROLES)
  @Query(() => SurveyResults, {
    description: 'Results of one wave for one group, computed in the database. Anonymity: groups under the threshold, groups derivable by differencing and thin comment lists come back hidden with a reason.',
  })
  surveyResults(
    @Arg('surveyId', () => ID, { description: 'The survey.' }) surveyId: string,
    @Ctx() ctx: Context,
    @Arg('slice', () => ResultSlice, { nullable: true, description: 'Wave and group (default: latest wave, everyone).' }) slice?: ResultSlice,
  ) {
    return surveyResults(ctx, surveyId, slice);
  }

  @Subscription(() => SurveyResults, {
    description: 'The same results, pushed at once and again after new responses (batched per second), under the same anonymity rules.',
    subscribe: ({ context, args }: { context: Context; args: Record<string, unknown> }) => {
      assertRole(context, READ_ROLES);
      return snapshotTicks(context, Topic.SURVEY_RESPONDED, RESULTS_BATCH_MS, (payload) => String(payload.surveyId) === String(args.surveyId));
    },
  })
  surveyResultsChanged(
    @Root() _tick: { at: number },
    @Arg('surveyId', () => ID, { description: 'The survey.' }) surveyId: string,
    @Ctx() ctx: Context,
    @Arg('slice', () => ResultSlice, { nullable: true, description: 'Wave and group.' }) slice?: ResultSlice,
  ) {
    ctx.renew();
    return surveyResults(ctx, surveyId, slice);
  }

  @Query(() => PublicSurvey, { description: 'The respondent page: what a survey link shows (no login).' })
  surveyInvitation(@Arg('token', () => String, { description: 'The token from the link.' }) token: string, @Ctx() ctx: Context) {
    return service.publicSurvey(ctx, token);
  }

  @Mutation(() => Boolean, { description: 'Answers a survey through its single-use link (no login). ALREADY_RESPONDED for a second submit, SURVEY_NOT_OPEN when closed.' })
  submitSurveyResponse(
    @Arg('token', () => String, { description: 'The token from the link.' }) token: string,
    @Arg('answers', () => [AnswerInput], { description: 'One entry per answered question.' }) answers: AnswerInput[],
    @Ctx() ctx: Context,
  ) {
    return service.submitResponse(ctx, token, answers);
  }
}
