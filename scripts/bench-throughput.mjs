#!/usr/bin/env node
// `npm run bench:throughput [-- --size 2000 --connections 50 --seconds 5 --db sqlite|postgres|both]`
//
// Throughput under concurrency, each Rapport figure next to a baseline measured in the same run
// against the same database (issue #15's table):
//
//   (a) authenticated `{ __typename }` (bearer token)  vs  a bare node:http server writing the same bytes
//   (b) 20 employees with leader and first 5 reports (+ counts, page info)
//                                                     vs  a bare node:http + better-sqlite3 (resp. pg)
//                                                         server running the equivalent SQL on the same
//                                                         database and writing the same JSON
//
// The load generator runs in a worker thread (the other core): N keep-alive connections, each sending
// its next request as soon as the previous answer arrived, for a fixed time after a warm-up. Before
// timing, the script checks that each baseline answers byte for byte what Rapport answers.
import 'reflect-metadata';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

if (!isMainThread) {
  // ---- load generator (worker thread) ------------------------------------------------------------
  const { port, path, headers, body, connections, warmupMs, measureMs } = workerData;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const one = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve({ ms: performance.now() - t0, ok: res.statusCode === 200 }));
      });
      req.on('error', () => resolve({ ms: performance.now() - t0, ok: false }));
      req.end(body);
    });
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const until = measureFrom + measureMs;
  const latencies = [];
  let errors = 0;
  const loop = async () => {
    for (;;) {
      const began = performance.now();
      if (began >= until) return;
      const { ms, ok } = await one();
      if (began >= measureFrom && began + ms <= until) {
        if (ok) latencies.push(ms);
        else errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  agent.destroy();
  parentPort.postMessage({ latencies, errors, seconds: measureMs / 1000 });
} else {
  await main();
}

async function main() {
  const { loadConfig } = await import('../dist/server/src/config.js');
  const { createLogger } = await import('../dist/server/src/logger.js');
  const { startRapport } = await import('../dist/server/src/app/rapport.js');
  const { seedDemoData } = await import('../dist/server/src/app/seed/demo.js');

  const { freshPostgres, option: opt } = await import('./bench-support.mjs');
  const size = Number(opt('size', 2000));
  const connections = Number(opt('connections', 50));
  const seconds = Number(opt('seconds', 5));
  const which = opt('db', 'both');

  const TYPENAME = '{ __typename }';
  const LIST = `{ employees(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name leader { id name } reports(first: 5) { totalCount pageInfo { hasNextPage } edges { node { id name } } } } } } }`;

  const load = (port, path, headers, body) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), {
        workerData: { port, path, headers, body, connections, warmupMs: Math.min(2000, seconds * 400), measureMs: seconds * 1000 },
      });
      worker.once('message', (result) => {
        const sorted = result.latencies.sort((a, b) => a - b);
        const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
        resolve({ rps: sorted.length / result.seconds, p50: at(0.5), p99: at(0.99), errors: result.errors });
      });
      worker.once('error', reject);
    });

  const post = (port, path, headers, body) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });

  const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  const close = (server) => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });

  /** A bare node:http server: reads the request body, then answers what `answer` returns. */
  const bareServer = (answer) =>
    http.createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        Promise.resolve(answer()).then(
          (bytes) => {
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
            res.end(bytes);
          },
          (err) => {
            res.writeHead(500);
            res.end(String(err));
          },
        );
      });
    });

  const encodeCursor = (parts) => Buffer.from(JSON.stringify(parts)).toString('base64url');

  /**
   * The list the way a hand-written server would answer it: four statements (page, count, the
   * page's leaders, the page's active reports in order), grouped in JS, the same JSON.
   */
  const listAnswer = (rows) => {
    const { page, total, leaders, reports } = rows;
    const hasNext = page.length > 20;
    const nodes = page.slice(0, 20);
    const leaderOf = new Map(leaders.map((r) => [Number(r.member_id), r]));
    const reportsOf = new Map();
    for (const r of reports) {
      const key = Number(r.leader_id);
      if (!reportsOf.has(key)) reportsOf.set(key, []);
      reportsOf.get(key).push(r);
    }
    const edges = nodes.map((e) => {
      const leader = leaderOf.get(Number(e.id));
      const all = reportsOf.get(Number(e.id)) ?? [];
      return {
        cursor: encodeCursor([e.name, Number(e.id)]),
        node: {
          id: String(e.id),
          name: e.name,
          leader: leader ? { id: String(leader.id), name: leader.name } : null,
          reports: {
            totalCount: all.length,
            pageInfo: { hasNextPage: all.length > 5 },
            edges: all.slice(0, 5).map((r) => ({ node: { id: String(r.id), name: r.name } })),
          },
        },
      };
    });
    const employees = { totalCount: Number(total), pageInfo: { hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null }, edges };
    return Buffer.from(JSON.stringify({ data: { employees } }) + '\n');
  };
  const SQL = {
    page: 'select * from employee order by name asc, id asc limit 21',
    total: 'select count(*) as n from employee',
    leaders: (ids, p) => `select lr.member_id, e.id, e.name from leadership_relationship lr join employee e on e.id = lr.leader_id where lr.ended_at is null and lr.member_id in (${ids.map((_, i) => p(i)).join(',')})`,
    reports: (ids, p) =>
      `select lr.leader_id, e.id, e.name from leadership_relationship lr join employee e on e.id = lr.member_id where lr.ended_at is null and lr.leader_id in (${ids.map((_, i) => p(i)).join(',')}) order by e.name asc, e.id asc`,
  };

  async function benchOne(kind) {
    let url;
    let dropDb = async () => {};
    if (kind === 'postgresql') {
      const database = await freshPostgres('rapport_throughput');
      url = database.url;
      dropDb = database.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'rapport-throughput-'));
      url = `sqlite:${join(dir, 'bench.sqlite')}`;
      dropDb = async () => rmSync(dir, { recursive: true, force: true });
    }
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, RAPPORT_ADMIN_EMAIL: 'bench@rapport.local', RAPPORT_ADMIN_PASSWORD: 'bench-password-1', RAPPORT_CLIENT_DIR: '', LOG_LEVEL: 'silent' });
    const rapport = await startRapport(config, { logger: createLogger('silent'), print: () => {} });
    const servers = [];
    let closeDriver = async () => {};
    try {
      await seedDemoData(rapport.deps.db, { employees: size });
      const json = { 'content-type': 'application/json' };
      const login = await post(rapport.port, '/graphql', json, JSON.stringify({ query: 'mutation { login(email: "bench@rapport.local", password: "bench-password-1") { token } }' }));
      const token = JSON.parse(login.body).data.login.token;
      const authed = { ...json, authorization: `Bearer ${token}` };
      const results = [];

      // (a) `{ __typename }`
      const typenameBody = JSON.stringify({ query: TYPENAME });
      const typenameAnswer = await post(rapport.port, '/graphql', authed, typenameBody);
      if (typenameAnswer.status !== 200 || !String(typenameAnswer.body).includes('"Query"')) throw new Error(`{ __typename } failed: ${typenameAnswer.body}`);
      const bareA = bareServer(() => typenameAnswer.body);
      servers.push(bareA);
      const bareAPort = await listen(bareA);
      const bareABody = (await post(bareAPort, '/graphql', authed, typenameBody)).body;
      if (!bareABody.equals(typenameAnswer.body)) throw new Error('the bare server does not answer the same bytes');
      results.push({ label: 'authenticated { __typename }', baseline: 'bare node:http, same bytes', rapport: await load(rapport.port, '/graphql', authed, typenameBody), bare: await load(bareAPort, '/graphql', authed, typenameBody) });

      // (b) the 20-employee list
      let runList;
      if (kind === 'sqlite') {
        const { default: Database } = await import('better-sqlite3');
        const sqlite = new Database(url.slice('sqlite:'.length), { readonly: true });
        closeDriver = async () => sqlite.close();
        const page = sqlite.prepare(SQL.page);
        const total = sqlite.prepare(SQL.total).pluck();
        const q = () => '?';
        const leaders = sqlite.prepare(SQL.leaders(Array(20).fill(0), q));
        const reports = sqlite.prepare(SQL.reports(Array(20).fill(0), q));
        const pad = (ids) => [...ids, ...Array(20 - ids.length).fill(0)];
        runList = () => {
          const rows = page.all();
          const ids = pad(rows.slice(0, 20).map((r) => r.id));
          return listAnswer({ page: rows, total: total.get(), leaders: leaders.all(ids), reports: reports.all(ids) });
        };
      } else {
        const pool = new pg.Pool({ connectionString: url, max: 10 });
        closeDriver = () => pool.end();
        const p = (i) => `$${i + 1}`;
        runList = async () => {
          const [page, total] = await Promise.all([pool.query(SQL.page), pool.query(SQL.total)]);
          const ids = page.rows.slice(0, 20).map((r) => r.id);
          const [leaders, reports] = await Promise.all([pool.query(SQL.leaders(ids, p), ids), pool.query(SQL.reports(ids, p), ids)]);
          return listAnswer({ page: page.rows, total: total.rows[0].n, leaders: leaders.rows, reports: reports.rows });
        };
      }
      const listBody = JSON.stringify({ query: LIST });
      const listAnswerRapport = await post(rapport.port, '/graphql', authed, listBody);
      const bareB = bareServer(runList);
      servers.push(bareB);
      const bareBPort = await listen(bareB);
      const bareBBody = (await post(bareBPort, '/graphql', authed, listBody)).body;
      if (!bareBBody.equals(listAnswerRapport.body)) {
        throw new Error(`the bare SQL server does not answer the same JSON:\nrapport: ${String(listAnswerRapport.body).slice(0, 400)}\nbare:    ${String(bareBBody).slice(0, 400)}`);
      }
      const sqlName = kind === 'sqlite' ? 'better-sqlite3' : 'pg';
      results.push({ label: '20 employees + leader + 5 reports', baseline: `bare node:http + ${sqlName}, same JSON`, rapport: await load(rapport.port, '/graphql', authed, listBody), bare: await load(bareBPort, '/graphql', authed, listBody) });
      return results;
    } finally {
      for (const server of servers) await close(server);
      await closeDriver();
      await rapport.stop();
      await dropDb();
    }
  }

  const kinds = which === 'both' ? ['sqlite', 'postgresql'] : [which === 'postgres' ? 'postgresql' : which];
  console.log(`Rapport throughput: ${size.toLocaleString('en')} employees, ${connections} keep-alive connections, ${seconds} s per row after a warm-up, load from a worker thread, node ${process.version}`);
  const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');
  for (const kind of kinds) {
    const results = await benchOne(kind);
    console.log(`\n${kind}`);
    console.log(`${'operation'.padEnd(36)} ${'Rapport req/s'.padStart(13)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'p99/p50'.padStart(7)} | ${'baseline req/s'.padStart(14)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} | ${'ratio'.padStart(6)}  baseline`);
    for (const { label, baseline, rapport, bare } of results) {
      const errors = rapport.errors + bare.errors ? `  (errors: Rapport ${rapport.errors}, baseline ${bare.errors})` : '';
      console.log(
        `${label.padEnd(36)} ${fmt(rapport.rps).padStart(13)} ${fmt(rapport.p50, 1).padStart(7)} ${fmt(rapport.p99, 1).padStart(7)} ${fmt(rapport.p99 / rapport.p50, 1).padStart(7)} | ${fmt(bare.rps).padStart(14)} ${fmt(bare.p50, 1).padStart(7)} ${fmt(bare.p99, 1).padStart(7)} | ${(fmt((100 * rapport.rps) / bare.rps, 1) + '%').padStart(6)}  ${baseline}${errors}`,
      );
    }
  }
}
