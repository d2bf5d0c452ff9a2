import { gql } from 'urql';

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

const QUESTION_FIELDS = `
  id
  position
  type
  prompt
  required
  scaleMax
  options
`;

const SURVEY_FIELDS = `
  id
  title
  description
  audience
  purpose
  status
  anonymous
  recurring
  createdAt
  questions { ${QUESTION_FIELDS} }
  waves { id number openedAt closedAt }
  invitationCount
  responseCount
`;

export const SurveysQuery = gql<{ surveys: SurveyRow[] }, { status?: SurveyStatus | null }>`
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
`;

export const SurveyQuery = gql<{ survey: SurveyDetail }, { id: string }>`
  query Survey($id: ID!) {
    survey(id: $id) { ${SURVEY_FIELDS} }
  }
`;

export interface CreateSurveyInput {
  title: string;
  description?: string | null;
  audience: SurveyAudience;
  purpose: SurveyPurpose;
  anonymous: boolean;
  recurring: boolean;
  questions: QuestionInput[];
}

export const CreateSurveyMutation = gql<{ createSurvey: SurveyDetail }, { input: CreateSurveyInput }>`
  mutation CreateSurvey($input: CreateSurveyInput!) {
    createSurvey(input: $input) { ${SURVEY_FIELDS} }
  }
`;

export const SetSurveyQuestionsMutation = gql<{ setSurveyQuestions: SurveyDetail }, { surveyId: string; questions: QuestionInput[] }>`
  mutation SetSurveyQuestions($surveyId: ID!, $questions: [QuestionInput!]!) {
    setSurveyQuestions(surveyId: $surveyId, questions: $questions) { ${SURVEY_FIELDS} }
  }
`;

export const OpenSurveyMutation = gql<{ openSurvey: SurveyDetail }, { surveyId: string }>`
  mutation OpenSurvey($surveyId: ID!) {
    openSurvey(surveyId: $surveyId) { ${SURVEY_FIELDS} }
  }
`;

export const CloseSurveyMutation = gql<{ closeSurvey: SurveyDetail }, { surveyId: string }>`
  mutation CloseSurvey($surveyId: ID!) {
    closeSurvey(surveyId: $surveyId) { ${SURVEY_FIELDS} }
  }
`;

export const StartSurveyWaveMutation = gql<{ startSurveyWave: SurveyWave }, { surveyId: string }>`
  mutation StartSurveyWave($surveyId: ID!) {
    startSurveyWave(surveyId: $surveyId) { id number openedAt closedAt }
  }
`;

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
  /** `token` only for named surveys: an anonymous survey's links reach only the invitees, by email. */
  created: Array<{ email: string; token: string | null }>;
  throttled: Array<{ email: string; lastInvitedAt: string }>;
  /** Left out: unsubscribed from surveys, or the address bounces. */
  optedOut: string[];
  alreadyInvited: number;
}

export const InviteToSurveyMutation = gql<{ inviteToSurvey: InvitationResult }, { input: InviteInput }>`
  mutation InviteToSurvey($input: InviteInput!) {
    inviteToSurvey(input: $input) {
      created { email token }
      throttled { email lastInvitedAt }
      optedOut
      alreadyInvited
    }
  }
`;

/** Every customer segment in use, to pick from in the segment inputs. */
export const CustomerSegmentsQuery = gql<{ customerSegments: string[] }, Record<string, never>>`
  query CustomerSegments {
    customerSegments
  }
`;

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

const RESULTS_FIELDS = `
  waveNumber
  groupLabel
  threshold
  invited
  responses
  responseRate
  suppressed
  questions {
    question { ${QUESTION_FIELDS} }
    answered
    suppressed
    nps { score promoters passives detractors }
    csat
    mean
    distribution { value label count }
    comments
  }
  trend { waveNumber responses score suppressed }
`;

export const SurveyResultsQuery = gql<{ surveyResults: SurveyResults }, { surveyId: string; slice?: ResultSlice | null }>`
  query SurveyResults($surveyId: ID!, $slice: ResultSlice) {
    surveyResults(surveyId: $surveyId, slice: $slice) { ${RESULTS_FIELDS} }
  }
`;

export const SurveyResultsChangedSubscription = gql<{ surveyResultsChanged: SurveyResults }, { surveyId: string; slice?: ResultSlice | null }>`
  subscription SurveyResultsChanged($surveyId: ID!, $slice: ResultSlice) {
    surveyResultsChanged(surveyId: $surveyId, slice: $slice) { ${RESULTS_FIELDS} }
  }
`;

// ---------- respondent (public) ----------

export interface PublicSurvey {
  state: InvitationState;
  title: string | null;
  description: string | null;
  anonymous: boolean | null;
  questions: SurveyQuestion[];
}

export const SurveyInvitationQuery = gql<{ surveyInvitation: PublicSurvey }, { token: string }>`
  query SurveyInvitation($token: String!) {
    surveyInvitation(token: $token) {
      state
      title
      description
      anonymous
      questions { ${QUESTION_FIELDS} }
    }
  }
`;

export interface AnswerInput {
  questionId: string;
  value?: number;
  option?: number;
  options?: number[];
  text?: string;
}

export const SubmitSurveyResponseMutation = gql<{ submitSurveyResponse: boolean }, { token: string; answers: AnswerInput[] }>`
  mutation SubmitSurveyResponse($token: String!, $answers: [AnswerInput!]!) {
    submitSurveyResponse(token: $token, answers: $answers)
  }
`;
