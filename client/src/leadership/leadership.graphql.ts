import { graphql } from '../generated/index.js';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import type { ChainFigureFieldsFragment, TeamSignalSummaryFieldsFragment, TrendPointFieldsFragment, TrustSignalFieldsFragment } from '../generated/graphql.js';

export type { LeaderSort, ScoreItemKind, HeatmapColumnKind, TrustSignalLevel, TrustSignalRule, TrustSignalChange } from '../generated/graphql.js';


// ---------- leaders ----------

/** The periods a people lead looks back over, in days. */
export const PERIODS = [90, 180, 365, 730] as const;
export const DEFAULT_PERIOD = 365;

export type LeaderSummary = LeadersData['leaders']['edges'][number]['node'];

export type LeadersVars = VariablesOf<typeof LeadersQuery>;

export type LeadersData = ResultOf<typeof LeadersQuery>;

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
export type TeamSignalSummary = TeamSignalSummaryFieldsFragment;

/** `Team.trustSignal { … }` for a summary; the rules' titles come from `RULE_TITLES` in the same request. */
export const TeamSignalSummaryFields = graphql(`
  fragment TeamSignalSummaryFields on TrustSignal {
id level score findings { rule }
  }
`);

export type RuleTitle = ResultOf<typeof ScorecardQuery>['trustSignalRules'][number];


// ---------- scorecard ----------

export type ScoreItem = LeaderTrendPoint['items'][number];

export type LeaderTrendPoint = TrendPointFieldsFragment;

export type Scorecard = NonNullable<ResultOf<typeof ScorecardQuery>['leaderScorecard']>;

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

export type HeatmapColumn = TeamHeatmap['columns'][number];

export type HeatmapCell = HeatmapRow['cells'][number];

export type HeatmapRow = TeamHeatmap['rows'][number];

export type TeamHeatmap = NonNullable<ResultOf<typeof TeamHeatmapQuery>['teamHeatmap']>;

export type HeatmapVars = VariablesOf<typeof TeamHeatmapQuery>;

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



export type TrustSignal = TrustSignalFieldsFragment;
export type SignalEvidence = TrustSignal['findings'][number]['evidence'][number];
/** `level` is null on the entry that cleared the signal; `by` and `note` are set on ACKNOWLEDGED entries. */
export type TrustSignalHistoryEntry = TrustSignal['history'][number];


export type TrustSignalRuleInfo = TrustSignalsData['trustSignalRules'][number];

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

export type TrustSignalsData = ResultOf<typeof TrustSignalsQuery>;

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
export type ChainFigure = ChainFigureFieldsFragment;

export type ChainQuarter = ChainRow['quarters'][number];

export type ChainRow = ServiceProfitChain['rows'][number];

export type ServiceProfitChain = NonNullable<ResultOf<typeof ServiceProfitChainQuery>['serviceProfitChain']>;

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
