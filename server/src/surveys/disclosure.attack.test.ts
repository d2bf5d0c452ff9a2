import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { apiToken, assign, createEmployees, createTeam } from '../../test/fixtures.js';
import { findLeak } from '../../test/attacker.js';
import { withEmailedTokens } from '../../test/mailbox.js';

const kinds = await testDatabaseKinds();
const DAY = 86_400_000;
const K = 5;
const COMMENT_K = 8;

/**
 * The disclosure policy attacked through the public API, as an admin and as a
 * BI (ANALYST) token, over HTTP and subscriptions. The attacker knows the org
 * chart and who answered (here: everything the test itself did), reads every
 * figure every query offers — survey results for every group, the heatmap at
 * every level and over wave ranges, the leaders list, scorecards, the
 * service-profit chain — and then tries every sum and difference of them at
 * once (`findLeak`: exact linear algebra over the respondents). It must learn
 * nothing about fewer than k people: not by differencing across teams,
 * leaders and tenure bands, not by chains of subtractions, not from answer
 * counts of an optional question or from comment lists, not across waves
 * and ranges, not by watching a running wave, not by moving teams after a wave.
 *
 * The organisation is built so that each of those attacks has something to
 * find if the policy let it: Engineering has 2 own members beside its
 * sub-teams, a leader leads across two teams, a sub-team of Sales has 3,
 * tenure bands cut across teams, and only some answer the optional question.
 */
describe.each(kinds)('disclosure attacks on %s', (kind) => {
  let server: TestServer;
  let clock = new Date('2026-02-02T09:00:00.000Z');
  let analyst: string;
  const team: Record<string, string> = {};
  const leaders: Record<string, string> = {};
  /** Every respondent instance (one per person and wave) with what the attacker knows about it. */
  interface Respondent {
    wave: number;
    person: string;
    team: string;
    leader: string;
    band: string;
    answeredOptional: boolean;
    commented: boolean;
  }
  const respondents: Respondent[] = [];
  let survey: { id: string; questionIds: string[] };
  let parentOf: Record<string, string | null>;

  // Team → [own members, leader of each, hire year offset].
  const ORG: Array<{ team: string; parent: string | null; people: Array<{ leader: string; years: number }> }> = [
    { team: 'Company', parent: null, people: [] },
    { team: 'Engineering', parent: 'Company', people: [{ leader: 'L1', years: 0.5 }, { leader: 'L1', years: 2 }] },
    { team: 'Platform', parent: 'Engineering', people: [0.5, 2, 2, 4, 6, 6].map((years) => ({ leader: 'L1', years })) },
    { team: 'Data', parent: 'Engineering', people: [0.5, 2, 4, 4, 6].map((years) => ({ leader: 'L2', years })) },
    { team: 'Sales', parent: 'Company', people: [0.5, 0.5, 2, 2, 4, 6].map((years) => ({ leader: 'L3', years })) },
    { team: 'SMB', parent: 'Sales', people: [{ leader: 'L3', years: 2 }, { leader: 'L3', years: 2 }, { leader: 'L4', years: 4 }] },
    { team: 'Ops', parent: 'Company', people: [0.5, 2, 2, 4, 4, 6, 6].map((years) => ({ leader: 'L4', years })) },
  ];
  const bandOf = (years: number) => (years < 1 ? '<1y' : years < 3 ? '1-3y' : years < 5 ? '3-5y' : '5y+');
  const person: Record<string, { team: string; leader: string; band: string; email: string }> = {};

  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => clock });
    analyst = await apiToken(server, 'ANALYST', 'BI attacker');
    for (const name of ['L1', 'L2', 'L3', 'L4']) [leaders[name]] = await createEmployees(server, [`Leader ${name}`]);
    parentOf = {};
    for (const t of ORG) {
      team[t.team] = await createTeam(server, `Attack ${t.team}`, t.parent ? team[t.parent] : undefined);
      parentOf[t.team] = t.parent;
      const ids = await createEmployees(
        server,
        t.people.map((p, i) => ({ name: `${t.team} person ${i + 1}`, teamId: team[t.team], hiredAt: new Date(clock.getTime() - p.years * 365.25 * DAY).toISOString() })),
      );
      for (const [i, id] of ids.entries()) {
        await assign(server, id, leaders[t.people[i]!.leader]!);
        person[id] = { team: t.team, leader: t.people[i]!.leader, band: bandOf(t.people[i]!.years), email: '' };
      }
    }
    const emails = await server.ok(`{ employees(first: 100) { edges { node { id email } } } }`);
    for (const e of emails.employees.edges) if (person[e.node.id]) person[e.node.id]!.email = e.node.email;

    const created = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
      i: {
        title: 'Attack pulse',
        audience: 'EMPLOYEES',
        purpose: 'LEADERSHIP',
        recurring: true,
        questions: [
          { type: 'NPS', prompt: 'Would you recommend working for your leader?', required: true },
          { type: 'RATING', prompt: 'My leader uses my strengths', required: true, scaleMax: 5 },
          { type: 'RATING', prompt: 'Optional: I see a future here', required: false, scaleMax: 5 },
          { type: 'FREE_TEXT', prompt: 'What should change?', required: false },
        ],
      },
    })).createSurvey;
    survey = { id: created.id, questionIds: created.questions.map((q: { id: string }) => q.id) };
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });

    // Wave 1: everyone but two answers; wave 2: a different, smaller set.
    const ids = Object.keys(person);
    await answerWave(1, ids.filter((_, i) => i !== 3 && i !== 17));
    clock = new Date(clock.getTime() + 31 * DAY);
    await server.relogin();
    await server.ok(`mutation($s: ID!) { startSurveyWave(surveyId: $s) { id } }`, { s: survey.id });
    await answerWave(2, ids.filter((_, i) => i % 3 !== 0));
    clock = new Date(clock.getTime() + 31 * DAY);
    await server.relogin();
    await server.ok(`mutation($s: ID!) { startSurveyWave(surveyId: $s) { id } }`, { s: survey.id });
  });
  afterAll(() => server?.stop());

  /** Invites the company and answers for the given people; varied answers, some optional answers and comments. */
  async function answerWave(wave: number, answering: string[]) {
    const invited = (await server.ok(`mutation($s: ID!, $t: ID) { inviteToSurvey(input: { surveyId: $s, teamId: $t, includeSubTeams: true }) { created { email } } }`, {
      s: survey.id,
      t: team.Company,
    })).inviteToSurvey.created as Array<{ email: string }>;
    const links = await withEmailedTokens(server.rapport.deps.db, survey.id, invited);
    const tokenOf = new Map(links.map((l) => [l.email, l.token]));
    for (const [i, id] of answering.entries()) {
      const p = person[id]!;
      const answeredOptional = i % 4 !== 1;
      const commented = i % 3 !== 2;
      const answers = [
        { questionId: survey.questionIds[0], value: (i * 7 + wave) % 11 },
        { questionId: survey.questionIds[1], value: 1 + ((i * 3 + wave) % 5) },
        ...(answeredOptional ? [{ questionId: survey.questionIds[2], value: 1 + (i % 5) }] : []),
        ...(commented ? [{ questionId: survey.questionIds[3], text: `Comment ${wave}.${i}` }] : []),
      ];
      await server.ok(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, { t: tokenOf.get(p.email), a: answers }, null);
      respondents.push({ wave, person: id, team: p.team, leader: p.leader, band: p.band, answeredOptional, commented });
    }
  }

  // --- What the attacker knows: membership of every group, by the tree the wave was run in. ---
  type GroupRef = { kind: 'ALL' } | { kind: 'TEAM'; team: string } | { kind: 'LEADER'; leader: string } | { kind: 'BAND'; band: string };
  const subtreeOf = (name: string): string[] => [name, ...Object.entries(parentOf).filter(([, p]) => p === name).flatMap(([c]) => subtreeOf(c))];
  const inGroup = (r: Respondent, g: GroupRef) =>
    g.kind === 'ALL' || (g.kind === 'TEAM' && subtreeOf(g.team).includes(r.team)) || (g.kind === 'LEADER' && r.leader === g.leader) || (g.kind === 'BAND' && r.band === g.band);
  /**
   * Whose answers a figure sums: everyone's, the optional question's answerers', the number of those who
   * commented (their count is guarded by k like any count), or the comments themselves (the comment threshold).
   */
  type Population = 'respondents' | 'optional' | 'commentCount' | 'comments';
  const inPopulation = (r: Respondent, p: Population) => p === 'respondents' || (p === 'optional' ? r.answeredOptional : r.commented);
  const members = (g: GroupRef, waves: number[], p: Population) =>
    respondents.flatMap((r, i) => (waves.includes(r.wave) && inPopulation(r, p) && inGroup(r, g) ? [i] : []));
  const describeGroup = (g: GroupRef) => (g.kind === 'ALL' ? 'ALL' : g.kind === 'TEAM' ? `TEAM ${g.team}` : g.kind === 'LEADER' ? `LEADER ${g.leader}` : `BAND ${g.band}`);

  /** Every figure the API shows, as (population, respondents it sums over). */
  interface Shown {
    what: string;
    population: Population;
    members: number[];
  }

  const RESULTS = `query($s: ID!, $slice: ResultSlice) { surveyResults(surveyId: $s, slice: $slice) {
    waveNumber responses suppressed questions { answered suppressed nps { score } mean distribution { count } comments } trend { waveNumber responses score suppressed } } }`;

  const allGroups = (): GroupRef[] => [
    { kind: 'ALL' },
    ...ORG.map((t): GroupRef => ({ kind: 'TEAM', team: t.team })),
    ...Object.keys(leaders).map((l): GroupRef => ({ kind: 'LEADER', leader: l })),
    ...['<1y', '1-3y', '3-5y', '5y+'].map((b): GroupRef => ({ kind: 'BAND', band: b })),
  ];
  const sliceOf = (g: GroupRef, waveId: string) => ({
    waveId,
    ...(g.kind === 'TEAM' ? { teamId: team[g.team] } : g.kind === 'LEADER' ? { subjectLeaderId: leaders[g.leader] } : g.kind === 'BAND' ? { tenureBand: g.band } : {}),
  });

  /** Reads everything as one viewer; returns what is shown and the raw answers (to compare viewers). */
  async function readEverything(token: string | undefined) {
    const shown: Shown[] = [];
    const raw: unknown[] = [];
    const waves = (await server.ok(`query($s: ID!) { survey(id: $s) { waves { id number closedAt } } }`, { s: survey.id }, token)).survey.waves;
    for (const wave of waves.filter((w: any) => w.closedAt)) {
      for (const g of allGroups()) {
        const r = (await server.ok(RESULTS, { s: survey.id, slice: sliceOf(g, wave.id) }, token)).surveyResults;
        raw.push(r);
        const what = `surveyResults ${describeGroup(g)} wave ${wave.number}`;
        if (r.suppressed) {
          expect(r.responses, what).toBeNull();
          continue;
        }
        const group = members(g, [wave.number], 'respondents');
        // The attacker's model is right: a shown count is the size of the group as the attacker knows it.
        expect(r.responses, what).toBe(group.length);
        expect(group.length, what).toBeGreaterThanOrEqual(K);
        shown.push({ what, population: 'respondents', members: group });
        const [, , optional, comments] = r.questions;
        if (!optional.suppressed) {
          expect(optional.answered, `${what} optional`).toBe(members(g, [wave.number], 'optional').length);
          shown.push({ what: `${what} optional`, population: 'optional', members: members(g, [wave.number], 'optional') });
        }
        if (comments.answered !== null) {
          expect(comments.answered, `${what} comment count`).toBe(members(g, [wave.number], 'commentCount').length);
          shown.push({ what: `${what} comment count`, population: 'commentCount', members: members(g, [wave.number], 'commentCount') });
        }
        if (!comments.suppressed) {
          expect(comments.comments.length, `${what} comments`).toBe(members(g, [wave.number], 'comments').length);
          expect(comments.comments.length, `${what} comments`).toBeGreaterThanOrEqual(COMMENT_K);
          shown.push({ what: `${what} comments`, population: 'comments', members: members(g, [wave.number], 'comments') });
        }
      }
    }
    // The heatmap at every level, for each closed wave and the range of both.
    const HEATMAP = `query($s: ID!, $p: ID, $from: Int, $to: Int) { teamHeatmap(surveyId: $s, parentTeamId: $p, fromWave: $from, toWave: $to) {
      waves { number } rows { team { name } responses suppressed cells { key value answered suppressed } } } }`;
    for (const [from, to] of [[1, 1], [2, 2], [1, 2]]) {
      for (const parent of [null, ...ORG.filter((t) => ORG.some((c) => c.parent === t.team)).map((t) => t.team)]) {
        const map = (await server.ok(HEATMAP, { s: survey.id, p: parent ? team[parent] : null, from, to }, token)).teamHeatmap;
        raw.push(map);
        const waveNumbers = map.waves.map((w: any) => w.number);
        for (const row of map.rows) {
          const name = row.team.name.replace('Attack ', '');
          const what = `heatmap ${name} waves ${waveNumbers.join('+')}`;
          const g: GroupRef = { kind: 'TEAM', team: name };
          if (row.responses !== null) {
            expect(row.responses, what).toBe(members(g, waveNumbers, 'respondents').length);
            shown.push({ what, population: 'respondents', members: members(g, waveNumbers, 'respondents') });
          }
          const optionalCell = row.cells.find((c: any) => c.key === `q${survey.questionIds[2]}`);
          if (optionalCell && optionalCell.answered !== null) {
            expect(optionalCell.answered, `${what} optional`).toBe(members(g, waveNumbers, 'optional').length);
            shown.push({ what: `${what} optional`, population: 'optional', members: members(g, waveNumbers, 'optional') });
          }
        }
      }
    }
    // The leaders list and every leader's scorecard trend.
    const list = (await server.ok(`{ leaders(first: 50) { edges { node { leader { id } leaderNps leaderNpsSuppressed participation } } } }`, {}, token)).leaders.edges;
    raw.push(list);
    for (const { node } of list) {
      const name = Object.keys(leaders).find((l) => leaders[l] === node.leader.id)!;
      if (node.leaderNps !== null) shown.push({ what: `leaders list ${name}`, population: 'respondents', members: members({ kind: 'LEADER', leader: name }, [2], 'respondents') });
      const card = (await server.ok(`query($l: ID!) { leaderScorecard(leaderId: $l) { leaderNpsTrend { waveNumber responses nps suppressed items { answered suppressed } } } }`, { l: node.leader.id }, token)).leaderScorecard;
      raw.push(card);
      for (const point of card.leaderNpsTrend) {
        if (point.responses === null) continue;
        const g: GroupRef = { kind: 'LEADER', leader: name };
        expect(point.responses, `scorecard ${name} wave ${point.waveNumber}`).toBe(members(g, [point.waveNumber], 'respondents').length);
        shown.push({ what: `scorecard ${name} wave ${point.waveNumber}`, population: 'respondents', members: members(g, [point.waveNumber], 'respondents') });
        if (point.items[2]?.answered != null) shown.push({ what: `scorecard ${name} wave ${point.waveNumber} optional`, population: 'optional', members: members(g, [point.waveNumber], 'optional') });
      }
    }
    // The service-profit chain at every level.
    for (const parent of [null, 'Engineering', 'Sales']) {
      const chain = (await server.ok(`query($p: ID) { serviceProfitChain(parentTeamId: $p, quarters: 2) { rows { team { name } quarters { leaderNps { value basis source } } } } }`, { p: parent ? team[parent] : null }, token)).serviceProfitChain;
      raw.push(chain);
      for (const row of chain.rows) {
        for (const q of row.quarters) {
          if (q.leaderNps.basis === null) continue;
          const wave = Number(/wave (\d+)/.exec(q.leaderNps.source)![1]);
          const g: GroupRef = { kind: 'TEAM', team: row.team.name.replace('Attack ', '') };
          expect(q.leaderNps.basis, `chain ${row.team.name}`).toBe(members(g, [wave], 'respondents').length);
          shown.push({ what: `chain ${row.team.name} wave ${wave}`, population: 'respondents', members: members(g, [wave], 'respondents') });
        }
      }
    }
    return { shown, raw };
  }

  function expectNoLeak(shown: Shown[]) {
    for (const population of ['respondents', 'optional', 'commentCount', 'comments'] as const) {
      const groups = shown.filter((s) => s.population === population);
      const k = population === 'comments' ? COMMENT_K : K;
      const leak = findLeak(groups.map((s) => s.members), respondents.length, k);
      expect(leak, leak ? `${population}: ${leak.respondents.map((i) => `${respondents[i]!.team}/${respondents[i]!.leader}/${respondents[i]!.band}/w${respondents[i]!.wave}`).join(', ')} from ${groups.map((g) => g.what).join('; ')}` : '').toBeNull();
    }
  }

  it('should let no sum or difference of everything an admin can read isolate fewer than k respondents', async () => {
    const { shown } = await readEverything(undefined);
    // Not a policy that hides everything: the top line, teams and leaders are visible.
    const whats = shown.map((s) => s.what);
    expect(whats).toContain('surveyResults ALL wave 1');
    expect(whats.filter((w) => w.startsWith('surveyResults TEAM')).length).toBeGreaterThanOrEqual(4);
    expect(whats.some((w) => w.startsWith('surveyResults LEADER'))).toBe(true);
    expect(whats.some((w) => w.includes('comments'))).toBe(true);
    expectNoLeak(shown);
  });

  it('should show a BI token exactly what an admin sees, so its attacks find nothing either', async () => {
    const asAdmin = await readEverything(undefined);
    const asAnalyst = await readEverything(analyst);
    expect(asAnalyst.raw).toEqual(asAdmin.raw);
    expectNoLeak(asAnalyst.shown);
  });

  it('should not change a closed wave when teams move afterwards (no before/after differencing)', async () => {
    const before = await readEverything(undefined);
    // Move SMB under Ops and Data to the top level, then read everything again.
    await server.ok(`mutation($i: UpdateTeamInput!) { updateTeam(input: $i) { id } }`, { i: { id: team.SMB, parentId: team.Ops } });
    await server.ok(`mutation($i: UpdateTeamInput!) { updateTeam(input: $i) { id } }`, { i: { id: team.Data, parentId: team.Company } });
    try {
      const after = await readEverything(undefined);
      // surveyResults per group are exactly as before: the waves keep the tree they ran in.
      const results = (r: unknown[]) => r.filter((x: any) => x && 'questions' in x);
      expect(results(after.raw)).toEqual(results(before.raw));
      expectNoLeak([...before.shown, ...after.shown]);
    } finally {
      await server.ok(`mutation($i: UpdateTeamInput!) { updateTeam(input: $i) { id } }`, { i: { id: team.SMB, parentId: team.Sales } });
      await server.ok(`mutation($i: UpdateTeamInput!) { updateTeam(input: $i) { id } }`, { i: { id: team.Data, parentId: team.Engineering } });
    }
  });

  it('should not reveal one answer to a poller or subscriber of a running wave, in any group', async () => {
    // Wave 3 runs. The BI token subscribes to everyone and to a team; an admin polls.
    const waves = (await server.ok(`query($s: ID!) { survey(id: $s) { waves { id number closedAt } } }`, { s: survey.id })).survey.waves;
    const running = waves.find((w: any) => !w.closedAt);
    const client = server.wsClient(analyst);
    const SUB = `subscription($s: ID!, $slice: ResultSlice) { surveyResultsChanged(surveyId: $s, slice: $slice) { responses suppressed questions { nps { score } mean comments } } }`;
    const everyone = collect(client, SUB, { s: survey.id, slice: { waveId: running.id } });
    const ops = collect(client, SUB, { s: survey.id, slice: { waveId: running.id, teamId: team.Ops } });
    await everyone.next(1);
    await ops.next(1);
    const links = await withEmailedTokens(
      server.rapport.deps.db,
      survey.id,
      (await server.ok(`mutation($s: ID!, $t: ID) { inviteToSurvey(input: { surveyId: $s, teamId: $t }) { created { email } } }`, { s: survey.id, t: team.Ops })).inviteToSurvey.created,
    );
    const polls: unknown[] = [];
    for (const [i, link] of links.entries()) {
      await server.ok(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, {
        t: link.token,
        a: [{ questionId: survey.questionIds[0], value: i === 0 ? 0 : 10 }, { questionId: survey.questionIds[1], value: 3 }, { questionId: survey.questionIds[3], text: `Secret ${i}` }],
      }, null);
      for (const g of [{ kind: 'ALL' }, { kind: 'TEAM', team: 'Ops' }, { kind: 'LEADER', leader: 'L4' }, { kind: 'BAND', band: '1-3y' }] as GroupRef[]) {
        polls.push((await server.ok(RESULTS, { s: survey.id, slice: sliceOf(g, running.id) }, analyst)).surveyResults);
      }
    }
    await new Promise((r) => setTimeout(r, 1500)); // let batched pushes arrive
    await client.dispose();
    // Nothing but a count moving in whole steps of k is ever shown, to pollers and subscribers alike.
    for (const r of [...polls, ...everyone.results.map((x) => x.data?.surveyResultsChanged), ...ops.results.map((x) => x.data?.surveyResultsChanged)] as any[]) {
      expect(r.suppressed).toBe('WAVE_RUNNING');
      expect(r.questions.every((q: any) => q.nps === null && q.mean === null && q.comments.length === 0)).toBe(true);
      if (r.responses !== null) expect(r.responses % K).toBe(0);
    }
    // Only "everyone" has a count, and a team's subscription is never told anything changed.
    expect(ops.results.every((x) => x.data?.surveyResultsChanged.responses === null)).toBe(true);
    expect(polls.filter((_, i) => i % 4 !== 0).every((r: any) => r.responses === null)).toBe(true);
    const counts = everyone.results.map((x) => x.data?.surveyResultsChanged.responses);
    expect(counts[0]).toBe(0);
    expect(new Set(counts).size).toBe(counts.length); // one push per step, never the same count twice
    expect(counts.at(-1)).toBe(Math.floor(links.length / K) * K);
  });
});
