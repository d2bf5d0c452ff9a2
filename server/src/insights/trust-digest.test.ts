import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { createEmployees, createTeam } from '../../test/fixtures.js';
import { TestSmtpServer } from '../../test/smtp.js';
import { waitFor } from '../../test/processes.js';
import { Role, User } from '../auth/auth.entity.js';
import { Employee } from '../people/employee.entity.js';
import { OutboxMessage } from '../mail/outbox.entity.js';
import { TrustDigest } from './trust-digest.entity.js';
import { TrustSignal, TrustSignalChange, TrustSignalLevel, TrustSignalRule } from './trust-signal.entity.js';
import { Team } from '../teams/team.entity.js';
import { sendTrustDigest } from './trust-digest.js';

const kinds = await testDatabaseKinds();
const HOUR = 3_600_000;

describe.each(kinds)('daily trust-signal digest on %s', (kind) => {
  let smtp: TestSmtpServer;
  let first: TestServer;
  let second: TestServer;
  let clock = new Date('2026-04-01T05:00:00.000Z');
  let peopleLead: { email: string; id: number };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    const env = { SMTP_URL: smtp.url, RAPPORT_MAIL_POLL_MS: '50', RAPPORT_TRUST_DIGEST_HOUR: '7', RAPPORT_PUBLIC_URL: 'https://people.example' };
    first = await startTestServer({ kind, now: () => clock, env });
    // Several instances share PostgreSQL: a second one on the same database still sends the day once. (Embedded SQLite
    // serves one instance; there the concurrent runs are on one instance.)
    second = kind === 'postgresql' ? await startTestServer({ kind, now: () => clock, env, databaseUrl: first.rapport.deps.config.databaseUrl }) : first;
    // A second admin who is also an employee with English mail; the first admin has no employee record (default German).
    const [leadId] = await createEmployees(first, [{ name: 'Petra People' }]);
    await first.ok(`mutation($i: UpdateEmployeeInput!) { updateEmployee(input: $i) { id language } }`, { i: { id: leadId, language: 'EN' } });
    const em = first.rapport.deps.db.fork();
    const lead = await em.findOneOrFail(Employee, { id: Number(leadId) });
    em.create(User, { email: lead.email, passwordHash: 'scrypt$not-a-login', role: Role.ADMIN });
    em.create(User, { email: `analyst.${kind}@example.com`, passwordHash: 'scrypt$not-a-login', role: Role.ANALYST });
    await em.flush();
    peopleLead = { email: lead.email, id: lead.id };
  });
  afterEach(() => {
    smtp.received.length = 0;
  });
  afterAll(async () => {
    if (second !== first) await second?.stop();
    await first?.stop();
    await smtp?.stop();
  });

  async function advance(ms: number) {
    clock = new Date(clock.getTime() + ms);
    await first.relogin();
  }
  /** A team of six of whom two leave for a competitor: the exit raises a COMPETITOR_EXITS signal. */
  async function losingTeam(name: string) {
    const team = await createTeam(first, name);
    const members = await createEmployees(first, Array.from({ length: 6 }, (_, i) => ({ name: `${name} ${i + 1}`, teamId: team })));
    for (const member of members.slice(0, 2)) {
      await first.ok(`mutation($i: RecordExitInput!) { recordExit(input: $i) { id } }`, { i: { employeeId: member, reason: 'LEFT_FOR_COMPETITOR' } });
    }
    const active = (await first.ok(`{ trustSignals { edges { node { team { name } } } } }`)).trustSignals.edges.map((e: any) => e.node.team.name);
    expect(active).toContain(name);
  }
  const digests = () => first.rapport.deps.db.fork().find(OutboxMessage, { template: 'TRUST_DIGEST' }, { orderBy: { id: 'asc' } });

  it('should wait for the configured hour, then send one digest per admin, once for the day even with two instances', async () => {
    await losingTeam('Digest Sales');
    expect(await sendTrustDigest(first.rapport.deps)).toMatchObject({ claimed: false }); // 05:00 < 07:00 UTC
    expect(await digests()).toEqual([]);

    await advance(2 * HOUR + 30 * 60_000);
    const runs = await Promise.all([sendTrustDigest(first.rapport.deps), sendTrustDigest(second.rapport.deps), sendTrustDigest(first.rapport.deps)]);
    expect(runs.filter((r) => r.claimed)).toEqual([{ day: '2026-04-01', claimed: true, signals: 1, recipients: 2 }]);
    const mails = await smtp.waitForMessages(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(2);
    expect(new Set(mails.map((m) => m.to[0]))).toEqual(new Set(['admin@test.local', peopleLead.email])); // admins only, not the analyst
    const english = mails.find((m) => m.to[0] === peopleLead.email)!;
    const german = mails.find((m) => m.to[0] === 'admin@test.local')!;
    expect(english.headers.get('subject')).toBe('Trust signals 2026-04-01: 1 team');
    expect(english.text).toContain('Digest Sales: raised – watch, 3 points. 2 of 6 people left for a competitor');
    expect(english.text).toContain('https://people.example/leadership/signals');
    expect(english.headers.get('list-unsubscribe')).toBeUndefined(); // an alert to staff, not an ask
    expect(german.headers.get('subject')).toBe('Vertrauenssignale 2026-04-01: 1 Team');
    expect(german.text).toContain('Digest Sales: neu – beobachten, 3 Punkte');
    // The lead's message shows in their history on the employee page.
    const history = (await first.ok(`query($e: ID!) { outboxMessages(filter: { employeeId: $e }) { edges { node { template status } } } }`, { e: String(peopleLead.id) })).outboxMessages.edges;
    expect(history.map((e: any) => e.node.template)).toEqual(['TRUST_DIGEST']);

    // Later the same day: nothing more.
    await advance(6 * HOUR);
    expect(await sendTrustDigest(second.rapport.deps)).toMatchObject({ claimed: false });
    expect(await digests()).toHaveLength(2);
  });

  it('should send nothing on a day nothing changed, and next list only what changed since the last digest', async () => {
    await advance(24 * HOUR); // 2026-04-02 13:30
    expect(await sendTrustDigest(first.rapport.deps)).toEqual({ day: '2026-04-02', claimed: true, signals: 0, recipients: 0 });
    expect(await digests()).toHaveLength(2);
    expect((await first.rapport.deps.db.fork().findOneOrFail(TrustDigest, { day: '2026-04-02' })).signals).toBe(0);

    await advance(2 * HOUR);
    await losingTeam('Digest Support');
    await advance(20 * HOUR); // 2026-04-03 11:30
    expect(await sendTrustDigest(second.rapport.deps)).toMatchObject({ day: '2026-04-03', claimed: true, signals: 1, recipients: 2 });
    const mails = await smtp.waitForMessages(2);
    for (const mail of mails) {
      expect(mail.text).toContain('Digest Support');
      expect(mail.text).not.toContain('Digest Sales'); // raised before the last digest
    }
    await waitFor('the digests to be recorded as sent', async () => (await digests()).filter((m) => m.status === 'SENT').length === 4);
  });

  it('should list a worsened signal as worsened, and leave out one that has cleared since', async () => {
    await advance(24 * HOUR); // 2026-04-04 11:30
    const em = first.rapport.deps.db.fork();
    const ops = await em.findOneOrFail(Team, { id: Number(await createTeam(first, 'Digest Ops')) });
    const gone = await em.findOneOrFail(Team, { id: Number(await createTeam(first, 'Digest Gone')) });
    const at = (hoursAgo: number) => new Date(clock.getTime() - hoursAgo * HOUR).toISOString();
    const finding = { rule: TrustSignalRule.LEADER_NPS_FALLING, points: 3, summary: 'Leader NPS fell 25 points over two waves.', evidence: [] };
    // What an evaluation records when a signal worsens (raised long ago, worse since the last digest)…
    em.create(TrustSignal, {
      team: ops,
      score: 6,
      level: TrustSignalLevel.CRITICAL,
      findings: [finding, { ...finding, rule: TrustSignalRule.PARTICIPATION_FALLING, summary: 'Participation fell from 90 % to 60 %.' }],
      raisedAt: new Date(at(24 * 10)),
      updatedAt: new Date(at(2)),
      history: [
        { at: at(24 * 10), change: TrustSignalChange.RAISED, score: 3, level: TrustSignalLevel.WATCH, rules: [TrustSignalRule.LEADER_NPS_FALLING] },
        { at: at(2), change: TrustSignalChange.WORSENED, score: 6, level: TrustSignalLevel.CRITICAL, rules: [TrustSignalRule.LEADER_NPS_FALLING, TrustSignalRule.PARTICIPATION_FALLING] },
      ],
    });
    // …and one raised and cleared again since the last digest.
    em.create(TrustSignal, {
      team: gone,
      score: 3,
      level: TrustSignalLevel.WATCH,
      findings: [finding],
      raisedAt: new Date(at(5)),
      updatedAt: new Date(at(1)),
      clearedAt: new Date(at(1)),
      history: [
        { at: at(5), change: TrustSignalChange.RAISED, score: 3, level: TrustSignalLevel.WATCH, rules: [TrustSignalRule.LEADER_NPS_FALLING] },
        { at: at(1), change: TrustSignalChange.CLEARED, score: 0, level: null, rules: [] },
      ],
    });
    await em.flush();
    smtp.received.length = 0;
    expect(await sendTrustDigest(first.rapport.deps)).toMatchObject({ day: '2026-04-04', claimed: true, signals: 1, recipients: 2 });
    const english = (await smtp.waitForMessages(2)).find((m) => m.to[0] === peopleLead.email)!;
    expect(english.text).toContain('Digest Ops: worsened – critical, 6 points. Leader NPS fell 25 points over two waves. Participation fell from 90 % to 60 %.');
    expect(english.text).not.toContain('Digest Gone');
  });
});

