import { t } from '../i18n/index.js';
import { graphql } from '../generated/index.js';
import type { ResultOf } from '@graphql-typed-document-node/core';
import type { QuestionFieldsFragment, QuestionType, SurveyAudience, SurveyFieldsFragment, SurveyPurpose, SurveyResultsFieldsFragment, SurveyStatus } from '../generated/graphql.js';

export type {
  SurveyAudience,
  SurveyPurpose,
  SurveyStatus,
  QuestionType,
  InvitationState,
  SuppressionReason,
  QuestionInput,
  CreateSurveyInput,
  InviteInput,
  ResultSlice,
  AnswerInput,
} from '../generated/graphql.js';


export const SURVEY_STATUSES: SurveyStatus[] = ['DRAFT', 'OPEN', 'CLOSED'];
export const PURPOSES: Record<SurveyAudience, SurveyPurpose[]> = {
  EMPLOYEES: ['ENGAGEMENT', 'LEADERSHIP', 'CUSTOM'],
  CUSTOMERS: ['NPS', 'CSAT', 'CES', 'CUSTOM'],
};
export const QUESTION_TYPES: QuestionType[] = ['NPS', 'RATING', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FREE_TEXT'];
/** A question type in the app's language. */
export function questionTypeLabel(type: QuestionType): string {
  return t(`qtype.${type}`);
}
/** The server's coarse tenure bands (server/src/surveys/survey.service.ts tenureBand). */
export const TENURE_BANDS: Array<{ value: string; label: string }> = [
  { value: '<1y', label: 'Less than 1 year' },
  { value: '1-3y', label: '1–3 years' },
  { value: '3-5y', label: '3–5 years' },
  { value: '5y+', label: '5 years or more' },
];

export type SurveyQuestion = QuestionFieldsFragment;

export type SurveyWave = SurveyDetail['waves'][number];

export type SurveyRow = ResultOf<typeof SurveysQuery>['surveys'][number];

export type SurveyDetail = SurveyFieldsFragment;


const QuestionFields = graphql(`
  fragment QuestionFields on SurveyQuestion {
  id
  position
  type
  prompt
  required
  scaleMax
  options
  }
`);

const SurveyFields = graphql(`
  fragment SurveyFields on Survey {
  id
  title
  description
  audience
  purpose
  status
  anonymous
  recurring
  createdAt
  questions { ...QuestionFields }
  waves { id number openedAt closedAt }
  invitationCount
  responseCount
  }
`);

export const SurveysQuery = graphql(`
  query Surveys($status: SurveyStatus) {
    surveys(status: $status) {
      id
      title
      audience
      purpose
      status
      anonymous
      recurring
      createdAt
      waves { id number openedAt closedAt }
      invitationCount
      responseCount
    }
  }
`);

export const SurveyQuery = graphql(`
  query Survey($id: ID!) {
    survey(id: $id) { ...SurveyFields }
  }
`);


export const CreateSurveyMutation = graphql(`
  mutation CreateSurvey($input: CreateSurveyInput!) {
    createSurvey(input: $input) { ...SurveyFields }
  }
`);

export const SetSurveyQuestionsMutation = graphql(`
  mutation SetSurveyQuestions($surveyId: ID!, $questions: [QuestionInput!]!) {
    setSurveyQuestions(surveyId: $surveyId, questions: $questions) { ...SurveyFields }
  }
`);

export const OpenSurveyMutation = graphql(`
  mutation OpenSurvey($surveyId: ID!) {
    openSurvey(surveyId: $surveyId) { ...SurveyFields }
  }
`);

export const CloseSurveyMutation = graphql(`
  mutation CloseSurvey($surveyId: ID!) {
    closeSurvey(surveyId: $surveyId) { ...SurveyFields }
  }
`);

export const StartSurveyWaveMutation = graphql(`
  mutation StartSurveyWave($surveyId: ID!) {
    startSurveyWave(surveyId: $surveyId) { id number openedAt closedAt }
  }
`);


export type InvitationResult = ResultOf<typeof InviteToSurveyMutation>['inviteToSurvey'];

export const InviteToSurveyMutation = graphql(`
  mutation InviteToSurvey($input: InviteInput!) {
    inviteToSurvey(input: $input) {
      created { email token }
      throttled { email lastInvitedAt }
      optedOut
      alreadyInvited
    }
  }
`);

/** Every customer segment in use, to pick from in the segment inputs. */
export const CustomerSegmentsQuery = graphql(`
  query CustomerSegments {
    customerSegments
  }
`);

// ---------- results ----------


export type NpsScore = NonNullable<QuestionResult['nps']>;

export type DistributionBucket = QuestionResult['distribution'][number];

export type QuestionResult = SurveyResults['questions'][number];

export type TrendPoint = SurveyResults['trend'][number];

export type SurveyResults = SurveyResultsFieldsFragment;

const SurveyResultsFields = graphql(`
  fragment SurveyResultsFields on SurveyResults {
  waveNumber
  groupLabel
  threshold
  invited
  responses
  responseRate
  suppressed
  questions {
    question { ...QuestionFields }
    answered
    suppressed
    nps { score promoters passives detractors }
    csat
    mean
    distribution { value label count }
    comments
  }
  trend { waveNumber responses score suppressed }
  }
`);

export const SurveyResultsQuery = graphql(`
  query SurveyResults($surveyId: ID!, $slice: ResultSlice) {
    surveyResults(surveyId: $surveyId, slice: $slice) { ...SurveyResultsFields }
  }
`);

export const SurveyResultsChangedSubscription = graphql(`
  subscription SurveyResultsChanged($surveyId: ID!, $slice: ResultSlice) {
    surveyResultsChanged(surveyId: $surveyId, slice: $slice) { ...SurveyResultsFields }
  }
`);

// ---------- respondent (public) ----------

export type PublicSurvey = ResultOf<typeof SurveyInvitationQuery>['surveyInvitation'];

export const SurveyInvitationQuery = graphql(`
  query SurveyInvitation($token: String!) {
    surveyInvitation(token: $token) {
      state
      title
      description
      anonymous
      questions { ...QuestionFields }
    }
  }
`);


export const SubmitSurveyResponseMutation = graphql(`
  mutation SubmitSurveyResponse($token: String!, $answers: [AnswerInput!]!) {
    submitSurveyResponse(token: $token, answers: $answers)
  }
`);
