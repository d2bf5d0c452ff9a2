#!/usr/bin/env node
// `npm run bench:disclosure [-- --size 2500 --runs 20 --db sqlite|postgres|both]`
// What disclosure control costs: a generated organisation with a year of
// survey waves, then the same reads with the policy on and switched off (the
// only way to switch it off is this in-process flag), in the same run:
//  - the latest closed leadership wave's results for everyone, each tenure band
//    and the ten largest leaders' reports (one request per group);
//  - the full heatmap: every level of the team tree, one request per parent.
// Prints p50 per pass and the ratio on/off.
import 'reflect-metadata';
import { freshPostgres, option as opt } from './bench-support.mjs';
import { loadConfig } from '../dist/server/src/config.js';
import { createLogger } from '../dist/server/src/logger.js';
import { startRapport } from '../dist/server/src/app/rapport.js';
import { seedDemoData } from '../dist/server/src/app/seed/demo.js';
import { seedDemoSurveys } from '../dist/server/src/app/seed/surveys.js';

const size = Number(opt('size', 2500));
const runs = Number(opt('runs', 20));
const which = opt('db', 'both');

async function database(kind) {
  if (kind !== 'postgresql') return { url: 'sqlite::memory:', drop: async () => {} };
  return freshPostgres();
}

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

async function benchOne(kind) {
  const db = await database(kind);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, RAPPORT_ADMIN_EMAIL: 'bench@rapport.local', RAPPORT_ADMIN_PASSWORD: 'bench-password-1', RAPPORT_CLIENT_DIR: '', LOG_LEVEL: 'silent' });
  const rapport = await startRapport(config, { logger: createLogger('silent'), print: () => {} });
  try {
    await seedDemoData(rapport.deps.db, { employees: size });
    await seedDemoSurveys(rapport.deps.db, {});
    const post = async (query, variables, token) => {
      const res = await fetch(`${rapport.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      const body = await res.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const token = (await post(`mutation { login(email: "bench@rapport.local", password: "bench-password-1") { token } }`)).login.token;
    const survey = (await post(`{ surveys { id purpose audience waves { id closedAt } } }`, {}, token)).surveys.find((s) => s.purpose === 'LEADERSHIP' && s.audience === 'EMPLOYEES');
    const wave = survey.waves.filter((w) => w.closedAt).at(-1).id;
    const leaders = (await post(`{ leaders(first: 100, sort: DIRECT_REPORTS, direction: DESC) { totalCount edges { node { leader { id } } } } }`, {}, token)).leaders.edges.map((e) => e.node.leader.id);
    // Every team, found by walking the heatmap levels (the same walk the full heatmap pass makes).
    const parents = [null];
    const allTeams = [];
    for (let i = 0; i < parents.length; i++) {
      const rows = (await post(`query($s: ID!, $p: ID) { teamHeatmap(surveyId: $s, parentTeamId: $p) { rows { team { id } isParent childTeams } } }`, { s: survey.id, p: parents[i] }, token)).teamHeatmap.rows;
      for (const r of rows) if (!r.isParent) {
        allTeams.push(r.team.id);
        if (r.childTeams > 0) parents.push(r.team.id);
      }
    }
    const RESULTS = `query($s: ID!, $slice: ResultSlice) { surveyResults(surveyId: $s, slice: $slice) { responses suppressed questions { suppressed mean nps { score } } } }`;
    const slices = [{}, ...leaders.slice(0, 10).map((l) => ({ subjectLeaderId: l })), ...['<1y', '1-3y', '3-5y', '5y+'].map((b) => ({ tenureBand: b }))];
    const passes = {
      [`results of every group (${slices.length} requests)`]: async () => {
        for (const slice of slices) await post(RESULTS, { s: survey.id, slice: { waveId: wave, ...slice } }, token);
      },
      [`full heatmap (${parents.length} levels)`]: async () => {
        for (const p of parents) await post(`query($s: ID!, $p: ID) { teamHeatmap(surveyId: $s, parentTeamId: $p) { rows { team { id } suppressed cells { value suppressed } } } }`, { s: survey.id, p }, token);
      },
    };
    const rows = [];
    for (const [label, pass] of Object.entries(passes)) {
      const timed = async (enforced) => {
        rapport.deps.config.disclosureControl = enforced;
        const samples = [];
        for (let i = 0; i < runs + 2; i++) {
          const t0 = performance.now();
          await pass();
          if (i >= 2) samples.push(performance.now() - t0);
        }
        return median(samples);
      };
      // Interleave off/on so drift affects both alike.
      const off = await timed(false);
      const on = await timed(true);
      rows.push({ label, on, off });
    }
    rapport.deps.config.disclosureControl = true;
    const hidden = (await post(RESULTS, { s: survey.id, slice: { waveId: wave } }, token)).surveyResults;
    return { rows, teams: allTeams.length, leaders: leaders.length, responses: hidden.responses };
  } finally {
    await rapport.stop();
    await db.drop();
  }
}

const kinds = which === 'both' ? ['sqlite', 'postgresql'] : [which === 'postgres' ? 'postgresql' : which];
console.log(`Disclosure-control cost: ${size.toLocaleString('en')} employees, p50 of ${runs} passes, node ${process.version}`);
for (const kind of kinds) {
  const { rows, teams, leaders, responses } = await benchOne(kind);
  console.log(`\n${kind}: ${teams} teams, ${leaders} leaders, ${responses} responses in the latest closed leadership wave`);
  console.log(`${'pass'.padEnd(44)} ${'policy on'.padStart(10)} ${'off'.padStart(10)} ${'on/off'.padStart(8)}`);
  for (const r of rows) console.log(`${r.label.padEnd(44)} ${`${r.on.toFixed(0)} ms`.padStart(10)} ${`${r.off.toFixed(0)} ms`.padStart(10)} ${(r.on / r.off).toFixed(2).padStart(8)}`);
}
