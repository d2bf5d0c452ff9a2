import { graphql } from '../generated/index.js';

export type SurveyAudience = 'EMPLOYEES' | 'CUSTOMERS';
export type SurveyPurpose = 'LEADERSHIP' | 'ENGAGEMENT' | 'NPS' | 'CSAT' | 'CES' | 'CUSTOM';
export type SurveyStatus = 'DRAFT' | 'OPEN' | 'CLOSED';
export type QuestionType = 'NPS' | 'RATING' | 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE' | 'FREE_TEXT';
export type InvitationState = 'VALID' | 'USED' | 'CLOSED' | 'UNKNOWN';
export type SuppressionReason = 'BELOW_THRESHOLD' | 'DIFFERENCING' | 'COMMENTS_BELOW_THRESHOLD' | 'WAVE_RUNNING';

export const SURVEY_STATUSES: SurveyStatus[] = ['DRAFT', 'OPEN', 'CLOSED'];
export const PURPOSES: Record<SurveyAudience, SurveyPurpose[]> = {
  EMPLOYEES: ['ENGAGEMENT', 'LEADERSHIP', 'CUSTOM'],
  CUSTOMERS: ['NPS', 'CSAT', 'CES', 'CUSTOM'],
};
export const QUESTION_TYPES: QuestionType[] = ['NPS', 'RATING', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FREE_TEXT'];
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  NPS: 'NPS (0–10)',
  RATING: 'Rating scale',
  SINGLE_CHOICE: 'Single choice',
  MULTIPLE_CHOICE: 'Multiple choice',
  FREE_TEXT: 'Free text',
};
/** The server's coarse tenure bands (server/src/surveys/survey.service.ts tenureBand). */
export const TENURE_BANDS: Array<{ value: string; label: string }> = [
  { value: '<1y', label: 'Less than 1 year' },
  { value: '1-3y', label: '1–3 years' },
  { value: '3-5y', label: '3–5 years' },
  { value: '5y+', label: '5 years or more' },
];

export interface SurveyQuestion {
  id: string;
  position: number;
  type: QuestionType;
  prompt: string;
  required: boolean;
  scaleMax: number | null;
  options: string[];
}

export interface SurveyWave {
  id: string;
  number: number;
  openedAt: string;
  closedAt: string | null;
}

export interface SurveyRow {
  id: string;
  title: string;
  audience: SurveyAudience;
  purpose: SurveyPurpose;
  status: SurveyStatus;
  anonymous: boolean;
  recurring: boolean;
  createdAt: string;
  waves: SurveyWave[];
  invitationCount: number;
  responseCount: number;
}

export interface SurveyDetail extends SurveyRow {
  description: string | null;
  questions: SurveyQuestion[];
}

export interface QuestionInput {
  type: QuestionType;
  prompt: string;
  required: boolean;
  scaleMax?: number | null;
  options?: string[];
}

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

export interface CreateSurveyInput {
  title: string;
  description?: string | null;
  audience: SurveyAudience;
  purpose: SurveyPurpose;
  anonymous: boolean;
  recurring: boolean;
  questions: QuestionInput[];
}

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

export interface InviteInput {
  surveyId: string;
  teamId?: string;
  includeSubTeams?: boolean;
  leaderId?: string;
  employeeIds?: string[];
  customerSegment?: string;
  customerIds?: string[];
}

export interface InvitationResult {
  created: Array<{ email: string; token: string }>;
  throttled: Array<{ email: string; lastInvitedAt: string }>;
  alreadyInvited: number;
}

export const InviteToSurveyMutation = graphql(`
  mutation InviteToSurvey($input: InviteInput!) {
    inviteToSurvey(input: $input) {
      created { email token }
      throttled { email lastInvitedAt }
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

export interface ResultSlice {
  waveId?: string;
  teamId?: string;
  subjectLeaderId?: string;
  tenureBand?: string;
  customerSegment?: string;
}

export interface NpsScore {
  score: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface DistributionBucket {
  value: number;
  label: string;
  count: number;
}

export interface QuestionResult {
  question: SurveyQuestion;
  answered: number | null;
  suppressed: SuppressionReason | null;
  nps: NpsScore | null;
  csat: number | null;
  mean: number | null;
  distribution: DistributionBucket[];
  comments: string[];
}

export interface TrendPoint {
  waveNumber: number;
  responses: number | null;
  score: number | null;
  suppressed: SuppressionReason | null;
}

export interface SurveyResults {
  waveNumber: number;
  groupLabel: string;
  threshold: number;
  invited: number | null;
  responses: number | null;
  responseRate: number | null;
  suppressed: SuppressionReason | null;
  questions: QuestionResult[];
  trend: TrendPoint[];
}

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

export interface PublicSurvey {
  state: InvitationState;
  title: string | null;
  description: string | null;
  anonymous: boolean | null;
  questions: SurveyQuestion[];
}

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

export interface AnswerInput {
  questionId: string;
  value?: number;
  option?: number;
  options?: number[];
  text?: string;
}

export const SubmitSurveyResponseMutation = graphql(`
  mutation SubmitSurveyResponse($token: String!, $answers: [AnswerInput!]!) {
    submitSurveyResponse(token: $token, answers: $answers)
  }
`);
