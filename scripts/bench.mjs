#!/usr/bin/env node
// `npm run bench [-- --size 10000 --runs 30 --db sqlite|postgres|both --only scorecard,heatmap]`
// (`--only`: just the operations whose label contains one of the words, and no outbox run)
// Seeds a generated organisation into a fresh database, starts Rapport
// in-process and times the main read paths over HTTP. Each figure is also
// given as a ratio to the protocol floor measured in the same run
// (`{ me { role } }`: auth + one round trip), so numbers compare across
// machines. Prints SQL statement counts per operation too.
import 'reflect-metadata';
import { freshPostgres, option as opt } from './bench-support.mjs';
import { loadConfig } from '../dist/server/src/config.js';
import { createLogger } from '../dist/server/src/logger.js';
import { startRapport } from '../dist/server/src/app/rapport.js';
import { seedDemoData } from '../dist/server/src/app/seed/demo.js';
import { seedDemoSurveys } from '../dist/server/src/app/seed/surveys.js';
import { evaluateTrustSignals } from '../dist/server/src/insights/trust-signals.js';
import { SMTPServer } from 'smtp-server';
import { enqueueMail } from '../dist/server/src/mail/outbox.js';
import { OutboxSender, smtpTransport } from '../dist/server/src/mail/sender.js';
import { render } from '../dist/server/src/mail/templates.js';

const size = Number(opt('size', 10000));
const runs = Number(opt('runs', 30));
const which = opt('db', 'both');
const mails = Number(opt('mails', 1000));
const only = opt('only', '')
  .split(',')
  .map((w) => w.trim())
  .filter(Boolean);

/**
 * Outbox throughput: `mails` survey invitations written to the outbox in one transaction and sent by
 * one OutboxSender (claim, render, send, record) to a local smtp-server, as a ratio to nodemailer
 * sending the same rendered messages straight to the same server over the same pooled transport,
 * the same number at a time (the sender's batch size).
 */
async function benchOutbox(rapport) {
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise((r) => smtp.listen(0, '127.0.0.1', r));
  const url = `smtp://127.0.0.1:${smtp.server.address().port}`;
  const { config } = rapport.deps;
  const request = (i) => ({
    template: 'SURVEY_INVITATION',
    to: `bench${i}@example.com`,
    toField: 'email',
    name: `Bench ${i}`,
    language: i % 2 ? 'de' : 'en',
    params: { surveyTitle: 'Bench pulse', anonymous: true },
    secretParams: { link: `${config.mail.publicUrl}/s/rsv_bench_${i}` },
  });
  try {
    // Baseline: nodemailer alone, the same messages, batch by batch.
    const direct = smtpTransport(url);
    const t0 = performance.now();
    for (let start = 0; start < mails; start += config.mail.batchSize) {
      const batch = [];
      for (let i = start; i < Math.min(mails, start + config.mail.batchSize); i++) {
        const r = request(i);
        const rendered = render(r.template, { language: r.language, recipientName: r.name, params: r.params, secret: r.secretParams, unsubscribeUrl: null, eventCount: 1 });
        batch.push(direct.sendMail({ from: config.mail.from, to: r.to, subject: rendered.subject, text: rendered.text, html: rendered.html }));
      }
      await Promise.all(batch);
    }
    const directMs = performance.now() - t0;
    direct.close();
    // The outbox: written in one transaction, then drained by one sender.
    await rapport.deps.db.fork().transactional(async (em) => {
      const now = new Date();
      for (let i = 0; i < mails; i++) await enqueueMail(em, [], config.mail, now, request(i));
    });
    const sender = new OutboxSender(rapport.deps, smtpTransport(url));
    const t1 = performance.now();
    while ((await sender.runOnce()) > 0);
    const outboxMs = performance.now() - t1;
    await sender.stop();
    if (received !== 2 * mails) throw new Error(`smtp-server received ${received} of ${2 * mails} messages`);
    return { directPerSecond: mails / (directMs / 1000), outboxPerSecond: mails / (outboxMs / 1000) };
  } finally {
    await new Promise((r) => smtp.close(r));
  }
}

const OPERATIONS = {
  floor: ['{ me { role } }', {}],
  'list 50 + team, leader, chain, 5 reports': [
    `{ employees(first: 50) { totalCount edges { node { name team { name } leader { name } leaderChain { id } reports(first: 5) { totalCount edges { node { name } } } } } } }`,
    {},
  ],
  'search "anna" (first 20)': [`{ employees(first: 20, filter: { search: "anna" }) { totalCount edges { node { name } } } }`, {}],
  'filter team + sub-teams (first 50)': [`query($t: ID!) { employees(first: 50, filter: { teamId: $t, includeSubTeams: true }) { totalCount edges { node { name } } } }`, { t: '2' }],
  'page 10 via cursors (first 100)': null, // measured separately
  'CEO allReports depth 10 (first 100)': [`{ employee(id: "1") { allReports(maxDepth: 10, first: 100) { totalCount edges { depth node { name } } } } }`, {}],
  'deep member leaderChain': [`query($id: ID!) { employee(id: $id) { leaderChain { name } } }`, null],
  'leaders by leader NPS (first 50 of all)': [
    `{ leaders(first: 50, sort: LEADER_NPS, direction: DESC) { totalCount edges { node { leader { name } directReports leaderNps leaderNpsSuppressed participation enps exitsToCompetitor hireReferrals } } } }`,
    {},
  ],
  'leader scorecard (CEO, trends + feedback)': [
    `{ leaderScorecard(leaderId: "1") { directReports allReports exits { total } hireReferrals { referrals } upwardFeedback { responses questions { mean } } teamEnps { responses } leaderNpsTrend { nps participation items { value } } enpsTrend { nps } } }`,
    {},
  ],
  'team heatmap (top level, latest wave)': [`query($s: ID!) { teamHeatmap(surveyId: $s) { rows { team { name } suppressed cells { value suppressed } } } }`, 'survey'],
  'team heatmap (department, 3 waves pooled)': [
    `query($s: ID!, $p: ID!) { teamHeatmap(surveyId: $s, parentTeamId: $p, fromWave: 1, toWave: 3) { rows { team { name } suppressed cells { value suppressed } } } }`,
    'department',
  ],
  'service-profit chain (department, 4 quarters)': [
    `query($p: ID!) { serviceProfitChain(parentTeamId: $p) { rows { team { name } customers quarters { leaderNps { value suppressed } enps { value } customerNps { value } referralRate complaints } } } }`,
    'chainDepartment',
  ],
  'active trust signals (first 50)': [`{ trustSignals(first: 50) { totalCount edges { node { team { name } score level findings { rule summary } } } } }`, {}],
};

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

async function benchOne(kind) {
  let url = 'sqlite::memory:';
  let dropDb;
  if (kind === 'postgresql') {
    const database = await freshPostgres();
    url = database.url;
    dropDb = database.drop;
  }
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, RAPPORT_ADMIN_EMAIL: 'bench@rapport.local', RAPPORT_ADMIN_PASSWORD: 'bench-password-1', RAPPORT_CLIENT_DIR: '', LOG_LEVEL: 'silent' });
  const rapport = await startRapport(config, { logger: createLogger('silent'), print: () => {} });
  try {
    const seedStart = performance.now();
    await seedDemoData(rapport.deps.db, { employees: size });
    await seedDemoSurveys(rapport.deps.db, {});
    const seedMs = performance.now() - seedStart;
    // One full evaluation of every team's signals (what a closed wave or the hourly check costs).
    const evaluations = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await evaluateTrustSignals(rapport.deps);
      evaluations.push(performance.now() - t0);
    }
    const endpoint = `${rapport.url}/graphql`;
    const post = async (query, variables, token) => {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      const body = await res.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const token = (await post(`mutation { login(email: "bench@rapport.local", password: "bench-password-1") { token } }`)).login.token;
    // A member at the bottom of the hierarchy: the last generated employee.
    const deepest = (await post(`{ employees(first: 1, sort: { field: CREATED_AT, direction: DESC }, filter: { status: ACTIVE }) { edges { node { id } } } }`, {}, token)).employees.edges[0].node.id;
    const leadershipSurvey = (await post(`{ surveys { id purpose audience } }`, {}, token)).surveys.find((sv) => sv.purpose === 'LEADERSHIP' && sv.audience === 'EMPLOYEES').id;
    // A department: a team with sub-teams one level below the top-level company.
    const levelBelow = async (parent) =>
      (await post(`query($s: ID!, $p: ID) { teamHeatmap(surveyId: $s, parentTeamId: $p) { rows { team { id } isParent childTeams } } }`, { s: leadershipSurvey, p: parent }, token)).teamHeatmap.rows;
    const company = (await levelBelow(null))[0].team.id;
    const department = (await levelBelow(company)).find((r) => !r.isParent && r.childTeams > 0).team.id;
    const variablesFor = { survey: { s: leadershipSurvey }, department: { s: leadershipSurvey, p: department }, chainDepartment: { p: department } };
    const knex = rapport.deps.db.orm.em.getConnection().getKnex();
    let statements = 0;
    knex.on('query', () => (statements += 1));

    const rows = [];
    let floorP50 = 1;
    for (const [label, op] of Object.entries(OPERATIONS)) {
      if (only.length && label !== 'floor' && !only.some((w) => label.includes(w))) continue;
      const samples = [];
      let perCall = 0;
      for (let i = 0; i < runs + 3; i++) {
        const before = statements;
        const t0 = performance.now();
        if (op === null) {
          let after = null;
          for (let p = 0; p < 10; p++) {
            const page = (await post(`query($a: String) { employees(first: 100, after: $a) { pageInfo { endCursor } edges { node { name } } } }`, { a: after }, token)).employees;
            after = page.pageInfo.endCursor;
          }
        } else {
          await post(op[0], typeof op[1] === 'string' ? variablesFor[op[1]] : (op[1] ?? { id: deepest }), token);
        }
        const ms = performance.now() - t0;
        perCall = statements - before;
        if (i >= 3) samples.push(ms); // the first calls warm caches and JIT
      }
      const { p50, p95 } = stats(samples);
      if (label === 'floor') floorP50 = p50;
      rows.push({ label, p50, p95, ratio: p50 / floorP50, statements: perCall });
    }
    const outbox = only.length ? null : await benchOutbox(rapport);
    return { kind, seedMs, rows, evaluationMs: stats(evaluations).p50, outbox };
  } finally {
    await rapport.stop();
    await dropDb?.();
  }
}

const kinds = which === 'both' ? ['sqlite', 'postgresql'] : [which === 'postgres' ? 'postgresql' : which];
console.log(`Rapport read benchmark: ${size.toLocaleString('en')} employees, ${runs} timed runs per operation (after 3 warm-up), node ${process.version}`);
for (const kind of kinds) {
  const { seedMs, rows, evaluationMs, outbox } = await benchOne(kind);
  console.log(`\n${kind}: seeded in ${(seedMs / 1000).toFixed(1)} s (${Math.round(size / (seedMs / 1000)).toLocaleString('en')} employees/s)`);
  console.log(`${'operation'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'x floor'.padStart(8)} ${'SQL'.padStart(5)}`);
  for (const r of rows) {
    console.log(`${r.label.padEnd(44)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.ratio.toFixed(1).padStart(8)} ${String(r.statements).padStart(5)}`);
  }
  console.log(`trust-signal evaluation of every team (in-process, p50 of 5): ${evaluationMs.toFixed(1)} ms`);
  if (outbox) console.log(
    `outbox throughput (${mails} mails to a local smtp-server): ${outbox.outboxPerSecond.toFixed(0)} msg/s, nodemailer direct ${outbox.directPerSecond.toFixed(0)} msg/s, ratio ${(outbox.outboxPerSecond / outbox.directPerSecond).toFixed(2)}`,
  );
}
