#!/usr/bin/env node
// `npm run bench:referrals [-- --size 1000000 --runs 20 --db sqlite|postgres|both]`
// Seeds a forest of `size` referrals (plus a depth-1,000 chain and a
// 10,000-node bushy tree) into a fresh database, starts Rapport in-process and
// times the chain queries over HTTP: p50/p95, the ratio to the protocol floor
// measured in the same run (`{ me { role } }`), and the SQL statements each sends.
import 'reflect-metadata';
import { freshPostgres, option as opt } from './bench-support.mjs';
import { loadConfig } from '../dist/server/src/config.js';
import { createLogger } from '../dist/server/src/logger.js';
import { startRapport } from '../dist/server/src/app/rapport.js';
import { bushyShape, chainShape, forestShape, seedReferrals } from '../dist/server/src/app/seed/referrals.js';

const size = Number(opt('size', 10000));
const runs = Number(opt('runs', 20));
const which = opt('db', 'both');

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

async function freshDatabase(kind) {
  if (kind === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} };
  return freshPostgres();
}

async function benchOne(kind) {
  const database = await freshDatabase(kind);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, RAPPORT_ADMIN_EMAIL: 'bench@rapport.local', RAPPORT_ADMIN_PASSWORD: 'bench-password-1', RAPPORT_CLIENT_DIR: '', LOG_LEVEL: 'silent' });
  const rapport = await startRapport(config, { logger: createLogger('silent'), print: () => {} });
  try {
    const t0 = performance.now();
    let last = 0;
    await seedReferrals(rapport.deps.db, forestShape(size), {
      onProgress: (done, total) => {
        if (total >= 100_000 && (performance.now() - last > 2000 || done === total)) {
          last = performance.now();
          process.stderr.write(`\r  ${kind}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} referrals`);
        }
      },
    });
    if (size >= 100_000) process.stderr.write('\n');
    const chain = await seedReferrals(rapport.deps.db, chainShape(1000));
    const bushy = await seedReferrals(rapport.deps.db, bushyShape(10_000, 4));
    const seedMs = performance.now() - t0;

    const endpoint = `${rapport.url}/graphql`;
    const post = async (query, variables, token) => {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      const body = await res.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const token = (await post(`mutation { login(email: "bench@rapport.local", password: "bench-password-1") { token } }`)).login.token;
    const deepest = String(chain.referralIds.at(-1));
    const bushyRoot = String(bushy.referralIds[0]);
    const bushyCustomer = String(bushy.rootCustomerIds[0]);
    const operations = [
      ['floor', '{ me { role } }', {}],
      ['chain 1,000: ancestors (first 100)', 'query($id: ID!) { referral(id: $id) { ancestors(first: 100) { totalCount edges { depth node { id } } } } }', { id: deepest }],
      ['chain 1,000: whole tree stats', 'query($id: ID!) { referral(id: $id) { tree { size depth generations { generation kFactor } } } }', { id: deepest }],
      ['bushy 10k: descendants (first 100) + count', 'query($id: ID!) { referral(id: $id) { descendants(maxDepth: 100, first: 100) { totalCount edges { depth node { id status } } } } }', { id: bushyRoot }],
      ['bushy 10k: person referralStats (recursive)', 'query($c: ID!) { customer(id: $c) { referralStats(maxDepth: 100) { size depth generations { generation kFactor } } } }', { c: bushyCustomer }],
      ['leaderboard top 10 with downstream', '{ referralLeaderboard(first: 10) { rank referrals converted downstreamReferrals } }', {}],
      ['funnel (all referrals)', '{ referralFunnel { invited engaged converted rejected expired } }', {}],
      ['generations over all trees', '{ referralGenerations { generation referrals converted kFactor } }', {}],
      ['referral list, newest 50', '{ referrals(first: 50) { totalCount edges { node { referredName status referrer { ... on Customer { name } } } } } }', {}],
    ];
    const knex = rapport.deps.db.orm.em.getConnection().getKnex();
    let statements = 0;
    knex.on('query', () => (statements += 1));
    const rows = [];
    let floor = 1;
    for (const [label, query, variables] of operations) {
      const samples = [];
      let perCall = 0;
      for (let i = 0; i < runs + 2; i++) {
        const before = statements;
        const start = performance.now();
        await post(query, variables, token);
        const ms = performance.now() - start;
        perCall = statements - before;
        if (i >= 2) samples.push(ms);
      }
      const { p50, p95 } = stats(samples);
      if (label === 'floor') floor = p50;
      rows.push({ label, p50, p95, ratio: p50 / floor, statements: perCall });
    }
    return { seedMs, rows };
  } finally {
    await rapport.stop();
    await database.drop();
  }
}

const kinds = which === 'both' ? ['sqlite', 'postgresql'] : [which === 'postgres' ? 'postgresql' : which];
console.log(`Rapport referral-chain benchmark: forest of ${size.toLocaleString('en')} referrals + a 1,000-deep chain + a 10,000-node tree; ${runs} timed runs each (after 2 warm-up); node ${process.version}`);
for (const kind of kinds) {
  const { seedMs, rows } = await benchOne(kind);
  console.log(`\n${kind}: seeded ${(size + 11_000).toLocaleString('en')} referrals in ${(seedMs / 1000).toFixed(1)} s`);
  console.log(`${'operation'.padEnd(46)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'x floor'.padStart(8)} ${'SQL'.padStart(5)}`);
  for (const r of rows) console.log(`${r.label.padEnd(46)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.ratio.toFixed(1).padStart(8)} ${String(r.statements).padStart(5)}`);
}
