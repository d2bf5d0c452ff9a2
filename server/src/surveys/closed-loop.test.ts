import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { withEmailedTokens } from '../../test/mailbox.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('closed loop from customer surveys on %s', (kind) => {
  let server: TestServer;
  const customers: Array<{ id: string; email: string }> = [];
  beforeAll(async () => {
    // No contact budget here: the same four customers answer several surveys in a row.
    server = await startTestServer({ kind, env: { RAPPORT_CONTACT_BUDGET_DAYS: '0' } });
    for (const name of ['Vip One', 'Vip Two', 'Vip Three', 'Vip Four']) {
      const email = `${name.toLowerCase().replace(' ', '.')}@example.com`;
      customers.push((await server.ok(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id email } }`, { i: { name, email, segment: 'vip' } })).createCustomer);
    }
  });
  afterAll(() => server?.stop());

  async function npsSurvey(anonymous: boolean, answers: number[]) {
    const survey = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
      i: {
        title: anonymous ? 'Anonymous NPS' : 'Quarterly NPS',
        audience: 'CUSTOMERS',
        purpose: 'NPS',
        anonymous,
        questions: [
          { type: 'NPS', prompt: 'How likely are you to recommend us?', required: true },
          { type: 'FREE_TEXT', prompt: 'Why?', required: false },
        ],
      },
    })).createSurvey;
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    // An anonymous survey's links reach only the invitees: answer as they do, with the emailed link.
    const created = await withEmailedTokens(
      server.rapport.deps.db,
      survey.id,
      (await server.ok(`mutation($s: ID!, $c: [ID!]) { inviteToSurvey(input: { surveyId: $s, customerIds: $c }) { created { email } } }`, {
        s: survey.id,
        c: customers.slice(0, Math.max(1, answers.length)).map((c) => c.id),
      })).inviteToSurvey.created,
    );
    for (const [i, value] of answers.entries()) {
      const token = created.find((c: any) => c.email === customers[i]!.email)!.token;
      await server.ok(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, {
        t: token,
        a: [{ questionId: survey.questions[0].id, value }, { questionId: survey.questions[1].id, text: value <= 6 ? 'Support never called back' : 'Great service' }],
      }, null);
    }
    return survey.id as string;
  }
  const followUps = (customerId: string) =>
    server.ok(`query($c: ID!) { complaints(filter: { customerId: $c }) { edges { node { channel severity subject description status } } } }`, { c: customerId });

  it("should open a follow-up complaint for a named detractor's answer, and for nobody else", async () => {
    await npsSurvey(false, [2, 6, 9, 10]);
    const [veryUnhappy, unhappy, promoter] = await Promise.all(customers.slice(0, 3).map((c) => followUps(c.id)));
    expect(veryUnhappy.complaints.edges.map((e: any) => e.node)).toEqual([
      {
        channel: 'SURVEY_FOLLOW_UP',
        severity: 'HIGH',
        subject: 'Follow-up: 2 of 10 in "Quarterly NPS"',
        description: 'The customer answered 2 to "How likely are you to recommend us?".\n\nWhy?\nSupport never called back',
        status: 'NEW',
      },
    ]);
    expect(unhappy.complaints.edges[0].node.severity).toBe('MEDIUM');
    expect(promoter.complaints.edges).toEqual([]);
  });

  it('should not follow up anonymous answers: nobody knows who gave them', async () => {
    const before = (await server.ok(`{ complaints(filter: { category: "survey follow-up" }) { totalCount } }`)).complaints.totalCount;
    await npsSurvey(true, [0]);
    expect((await server.ok(`{ complaints(filter: { category: "survey follow-up" }) { totalCount } }`)).complaints.totalCount).toBe(before);
  });

  it('should report CES as the mean of a 1–7 rating and CSAT only for 1–5 scales (named customer survey: no suppression)', async () => {
    const survey = (await server.ok(`mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id questions { id } } }`, {
      i: { title: 'Effort', audience: 'CUSTOMERS', purpose: 'CES', anonymous: false, questions: [{ type: 'RATING', prompt: 'How easy was it?', required: true, scaleMax: 7 }] },
    })).createSurvey;
    await server.ok(`mutation($s: ID!) { openSurvey(surveyId: $s) { id } }`, { s: survey.id });
    const created = (await server.ok(`mutation($s: ID!, $c: [ID!]) { inviteToSurvey(input: { surveyId: $s, customerIds: $c }) { created { token } } }`, { s: survey.id, c: customers.slice(0, 3).map((c) => c.id) })).inviteToSurvey.created;
    for (const [i, value] of [7, 5, 2].entries()) {
      await server.ok(`mutation($t: String!, $a: [AnswerInput!]!) { submitSurveyResponse(token: $t, answers: $a) }`, { t: created[i].token, a: [{ questionId: survey.questions[0].id, value }] }, null);
    }
    const results = (await server.ok(`query($s: ID!) { surveyResults(surveyId: $s) { suppressed responses questions { mean csat distribution { count } } } }`, { s: survey.id })).surveyResults;
    // Named customer surveys are not anonymous: 3 responses are shown. CES = (7 + 5 + 2) / 3 = 4.67.
    expect(results).toEqual({ suppressed: null, responses: 3, questions: [{ mean: 4.67, csat: null, distribution: [0, 1, 0, 0, 1, 0, 1].map((count) => ({ count })) }] });
  });

  it('should measure the gap between promoters and actual referrals, and list whom to invite', async () => {
    const surveyId = await npsSurvey(false, [9, 10, 10, 3]);
    const gap = `query($s: ID!) { promoterReferralGap(surveyId: $s) { promoters referred referralRate toInvite { email } } }`;
    expect((await server.ok(gap, { s: surveyId })).promoterReferralGap).toMatchObject({ promoters: 3, referred: 0, referralRate: 0 });
    await server.ok(`mutation($c: ID!) { createReferral(input: { kind: CUSTOMER, referrerCustomerId: $c, referredName: "Friend Of Vip", referredEmail: "friend.of.vip@example.com" }) { id } }`, { c: customers[1]!.id });
    const after = (await server.ok(gap, { s: surveyId })).promoterReferralGap;
    expect(after).toMatchObject({ promoters: 3, referred: 1, referralRate: 0.333 });
    expect(after.toInvite.map((c: any) => c.email).sort()).toEqual([customers[0]!.email, customers[2]!.email].sort());
    const anonymous = await npsSurvey(true, []);
    expect((await server.gql(gap, { s: anonymous })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'surveyId' });
  });
});
