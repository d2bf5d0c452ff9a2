import { graphql } from '../generated/index.js';
import { type PageInfo, type SortDirection } from '../people/people.graphql.js';
import type { QuestionType, SurveyPurpose, SuppressionReason } from '../surveys/surveys.graphql.js';

// ---------- leaders ----------

export type LeaderSort = 'NAME' | 'DIRECT_REPORTS' | 'LEADER_NPS' | 'PARTICIPATION' | 'ENPS' | 'EXITS_TO_COMPETITOR' | 'HIRE_REFERRALS';

/** The periods a people lead looks back over, in days. */
export const PERIODS = [90, 180, 365, 730] as const;
export const DEFAULT_PERIOD = 365;

export interface LeaderSummary {
  leader: { id: string; name: string; title: string | null; team: { id: string; name: string } | null };
  directReports: number;
  leaderNps: number | null;
  leaderNpsSuppressed: SuppressionReason | null;
  participation: number | null;
  enps: number | null;
  enpsSuppressed: SuppressionReason | null;
  exitsToCompetitor: number;
  exits: number;
  hireReferrals: number;
  lastSurveyedAt: string | null;
}

export interface LeadersVars {
  search?: string | null;
  sort: LeaderSort;
  direction: SortDirection;
  first: number;
  after?: string | null;
  days: number;
}

export interface LeadersData {
  leaders: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: LeaderSummary }> };
}

export const LeadersQuery = graphql(`
  query Leaders($search: String, $sort: LeaderSort!, $direction: SortDirection!, $first: Int!, $after: String, $days: Int!) {
    leaders(search: $search, sort: $sort, direction: $direction, first: $first, after: $after, days: $days) {
      totalCount
      pageInfo { ...PageInfoFields }
      edges {
        cursor
        node {
          leader {
            id
            name
            title
            team {
              id
              name
            }
          }
          directReports
          leaderNps
          leaderNpsSuppressed
          participation
          enps
          enpsSuppressed
          exitsToCompetitor
          exits
          hireReferrals
          lastSurveyedAt
        }
      }
    }
  }
`);

// ---------- a team's open signal, shown outside the signals page ----------

/** What the team page, the scorecard banner, the teams tree and the heatmap show of a team's open signal. */
export interface TeamSignalSummary {
  id: string;
  level: TrustSignalLevel;
  score: number;
  findings: Array<{ rule: TrustSignalRule }>;
}

/** `Team.trustSignal { … }` for a summary; the rules' titles come from `RULE_TITLES` in the same request. */
export const TeamSignalSummaryFields = graphql(`
  fragment TeamSignalSummaryFields on TrustSignal {
id level score findings { rule }
  }
`);

export type RuleTitle = Pick<TrustSignalRuleInfo, 'rule' | 'title'>;



// ---------- scorecard ----------

export type ScoreItemKind = 'NPS' | 'RATING';

export interface ScoreItem {
  questionId: string;
  label: string;
  kind: ScoreItemKind;
  scaleMax: number | null;
  value: number | null;
  answered: number | null;
  suppressed: SuppressionReason | null;
}

export interface LeaderTrendPoint {
  surveyId: string;
  surveyTitle: string;
  waveId: string;
  waveNumber: number;
  openedAt: string;
  closedAt: string | null;
  suppressed: SuppressionReason | null;
  invited: number | null;
  responses: number | null;
  participation: number | null;
  nps: number | null;
  detractorShare: number | null;
  items: ScoreItem[];
}

export interface Scorecard {
  leader: {
    id: string;
    name: string;
    title: string | null;
    status: 'ACTIVE' | 'EXITED';
    team: { id: string; name: string; trustSignal: TeamSignalSummary | null } | null;
  };
  since: string;
  directReports: number;
  allReports: number;
  tenureMix: Array<{ band: string; count: number }>;
  exits: { total: number; leftForCompetitor: number; regretted: number; byReason: Array<{ reason: string; count: number }> };
  hireReferrals: { referrals: number; converted: number; referrers: number };
  /** Only what the page uses of the latest leadership survey's results: the threshold behind every hidden figure. */
  upwardFeedback: { threshold: number } | null;
  /** The latest engagement survey's eNPS question, for leaders whose reports answered none in the period. */
  teamEnps: {
    threshold: number;
    suppressed: SuppressionReason | null;
    questions: Array<{ question: { type: QuestionType }; suppressed: SuppressionReason | null; nps: { score: number } | null }>;
  } | null;
  leaderNpsTrend: LeaderTrendPoint[];
  enpsTrend: LeaderTrendPoint[];
}

const TrendPointFields = graphql(`
  fragment TrendPointFields on LeaderTrendPoint {
  surveyId
  surveyTitle
  waveId
  waveNumber
  openedAt
  closedAt
  suppressed
  invited
  responses
  participation
  nps
  detractorShare
  items { questionId label kind scaleMax value answered suppressed }
  }
`);

export const ScorecardQuery = graphql(`
  query LeaderScorecard($leaderId: ID!, $days: Int!) {
    leaderScorecard(leaderId: $leaderId, days: $days) {
      leader {
        id
        name
        title
        status
        team {
          id
          name
          trustSignal { ...TeamSignalSummaryFields }
        }
      }
      since
      directReports
      allReports
      tenureMix { band count }
      exits {
        total
        leftForCompetitor
        regretted
        byReason { reason count }
      }
      hireReferrals { referrals converted referrers }
      upwardFeedback {
        threshold
      }
      teamEnps {
        threshold
        suppressed
        questions {
          question {
            type
          }
          suppressed
          nps {
            score
          }
        }
      }
      leaderNpsTrend { ...TrendPointFields }
      enpsTrend { ...TrendPointFields }
    }
    trustSignalRules { rule title }
  }
`);

// ---------- heatmap ----------

export type HeatmapColumnKind = 'PARTICIPATION' | 'NPS' | 'RATING';

export interface HeatmapColumn {
  key: string;
  label: string;
  kind: HeatmapColumnKind;
  scaleMax: number | null;
}

export interface HeatmapCell {
  key: string;
  value: number | null;
  answered: number | null;
  suppressed: SuppressionReason | null;
}

export interface HeatmapRow {
  team: { id: string; name: string; trustSignal: Pick<TeamSignalSummary, 'id' | 'level' | 'score'> | null };
  isParent: boolean;
  childTeams: number;
  invited: number | null;
  responses: number | null;
  suppressed: SuppressionReason | null;
  cells: HeatmapCell[];
}

export interface TeamHeatmap {
  survey: { id: string; title: string; purpose: SurveyPurpose };
  waves: Array<{ id: string; number: number; openedAt: string; closedAt: string | null }>;
  threshold: number;
  parent: { id: string; name: string } | null;
  breadcrumb: Array<{ id: string; name: string }>;
  columns: HeatmapColumn[];
  rows: HeatmapRow[];
}

export interface HeatmapVars {
  surveyId: string;
  parentTeamId?: string | null;
  fromWave?: number | null;
  toWave?: number | null;
}

export const TeamHeatmapQuery = graphql(`
  query TeamHeatmap($surveyId: ID!, $parentTeamId: ID, $fromWave: Int, $toWave: Int) {
    teamHeatmap(surveyId: $surveyId, parentTeamId: $parentTeamId, fromWave: $fromWave, toWave: $toWave) {
      survey {
        id
        title
        purpose
      }
      waves { id number openedAt closedAt }
      threshold
      parent {
        id
        name
      }
      breadcrumb {
        id
        name
      }
      columns { key label kind scaleMax }
      rows {
        team {
          id
          name
          trustSignal { id level score }
        }
        isParent
        childTeams
        invited
        responses
        suppressed
        cells { key value answered suppressed }
      }
    }
  }
`);

// ---------- trust-withdrawal signals ----------

export type TrustSignalLevel = 'WATCH' | 'WARNING' | 'CRITICAL';
export type TrustSignalRule = 'LEADER_NPS_FALLING' | 'ENPS_FALLING' | 'PARTICIPATION_FALLING' | 'DETRACTORS_RISING' | 'COMPETITOR_EXITS';
export type TrustSignalChange = 'RAISED' | 'WORSENED' | 'EASED' | 'CLEARED' | 'ACKNOWLEDGED';

export interface SignalEvidence {
  label: string;
  value: number;
  unit: string;
}

export interface SignalFinding {
  rule: TrustSignalRule;
  points: number;
  summary: string;
  evidence: SignalEvidence[];
}

export interface TrustSignal {
  id: string;
  team: { id: string; name: string };
  score: number;
  level: TrustSignalLevel;
  findings: SignalFinding[];
  raisedAt: string;
  updatedAt: string;
  clearedAt: string | null;
  active: boolean;
  /** Who took it on and what is being done; null until someone does, and again after it worsens. */
  acknowledgement: SignalAcknowledgement | null;
  /** `level` is null on the entry that cleared the signal; `by` and `note` are set on ACKNOWLEDGED entries. */
  history: TrustSignalHistoryEntry[];
}

export interface SignalAcknowledgement {
  at: string;
  /** The admin's email. */
  by: string;
  note: string;
}

export interface TrustSignalHistoryEntry {
  at: string;
  change: TrustSignalChange;
  score: number;
  level: TrustSignalLevel | null;
  rules: TrustSignalRule[];
  by?: string | null;
  note?: string | null;
}

export interface TrustSignalRuleInfo {
  rule: TrustSignalRule;
  points: number;
  title: string;
  description: string;
  evidence: string;
}

const TrustSignalFields = graphql(`
  fragment TrustSignalFields on TrustSignal {
  id
  team { id name }
  score
  level
  findings {
    rule
    points
    summary
    evidence { label value unit }
  }
  raisedAt
  updatedAt
  clearedAt
  active
  acknowledgement { at by note }
  history { at change score level rules by note }
  }
`);

export interface TrustSignalsData {
  trustSignals: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: TrustSignal }> };
  trustSignalRules: TrustSignalRuleInfo[];
}

export const TrustSignalsQuery = graphql(`
  query TrustSignals($includeCleared: Boolean!, $first: Int!, $after: String) {
    trustSignals(includeCleared: $includeCleared, first: $first, after: $after) {
      totalCount
      pageInfo { ...PageInfoFields }
      edges {
        cursor
        node { ...TrustSignalFields }
      }
    }
    trustSignalRules {
      rule
      points
      title
      description
      evidence
    }
  }
`);

export interface TrustSignalEvaluation {
  teamsEvaluated: number;
  raised: number;
  worsened: number;
  eased: number;
  cleared: number;
  active: number;
}

export const EvaluateTrustSignalsMutation = graphql(`
  mutation EvaluateTrustSignals {
    evaluateTrustSignals {
      teamsEvaluated
      raised
      worsened
      eased
      cleared
      active
    }
  }
`);

export const AcknowledgeTrustSignalMutation = graphql(`
  mutation AcknowledgeTrustSignal($input: AcknowledgeTrustSignalInput!) {
    acknowledgeTrustSignal(input: $input) { ...TrustSignalFields }
  }
`);

export interface TrustSignalEvent {
  change: TrustSignalChange;
  signal: TrustSignal;
}

export const TrustSignalChangedSubscription = graphql(`
  subscription TrustSignalChanged {
    trustSignalChanged {
      change
      signal { ...TrustSignalFields }
    }
  }
`);

// ---------- service-profit chain ----------

/** The quarter counts the chain offers (the API takes 1–8). */
export const CHAIN_QUARTERS = [4, 8] as const;
export const DEFAULT_CHAIN_QUARTERS = 4;

/** One NPS link of a team's chain in one quarter: a value, hidden (with the reason) or nothing (both null). */
export interface ChainFigure {
  value: number | null;
  basis: number | null;
  suppressed: SuppressionReason | null;
  source: string | null;
}

export interface ChainQuarter {
  leaderNps: ChainFigure;
  enps: ChainFigure;
  customerNps: ChainFigure;
  /** Referrals ÷ customers as a fraction; null without customers. */
  referralRate: number | null;
  referrals: number;
  convertedReferrals: number;
  complaints: number;
  complaintsBreached: number;
}

export interface ChainRow {
  team: { id: string; name: string; trustSignal: Pick<TeamSignalSummary, 'id' | 'level' | 'score'> | null };
  isParent: boolean;
  childTeams: number;
  customers: number;
  /** Aligned with `ServiceProfitChain.quarters`. */
  quarters: ChainQuarter[];
}

export interface ServiceProfitChain {
  quarters: Array<{ label: string; start: string; end: string }>;
  parent: { id: string; name: string } | null;
  breadcrumb: Array<{ id: string; name: string }>;
  threshold: number;
  rows: ChainRow[];
}

const ChainFigureFields = graphql(`
  fragment ChainFigureFields on ChainFigure {
value basis suppressed source
  }
`);

export const ServiceProfitChainQuery = graphql(`
  query ServiceProfitChain($parentTeamId: ID, $quarters: Int!) {
    serviceProfitChain(parentTeamId: $parentTeamId, quarters: $quarters) {
      quarters { label start end }
      parent {
        id
        name
      }
      breadcrumb {
        id
        name
      }
      threshold
      rows {
        team {
          id
          name
          trustSignal { id level score }
        }
        isParent
        childTeams
        customers
        quarters {
          leaderNps { ...ChainFigureFields }
          enps { ...ChainFigureFields }
          customerNps { ...ChainFigureFields }
          referralRate
          referrals
          convertedReferrals
          complaints
          complaintsBreached
        }
      }
    }
  }
`);
