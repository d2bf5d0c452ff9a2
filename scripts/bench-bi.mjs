#!/usr/bin/env node
// `npm run bench:bi [-- --employees 50000 --first 1000 --passes 3 --db sqlite|postgres|both]`
//
// BI extraction (issue #15): a full sync of employees and leadership relationships (about
// 2 × --employees rows, 100,000 by default) paged through `syncEmployees` /
// `syncLeadershipRelationships` with an ANALYST token, next to a bare node:http server that runs the
// same keyset SQL on the same database (better-sqlite3, resp. pg) and writes the same JSON. Before
// timing, the script checks that the bare server answers a page byte for byte like Rapport.
// A last row times the same employees through the `employees` connection, the only way before the
// sync lists (100 a page, entities), against the `syncEmployees` baseline.
//
// One BI client pages sequentially (as a sync does), from a worker thread so that reading the
// answers does not take CPU from the servers on the main thread. rows/s is the best of --passes after one warm-up pass.
import 'reflect-metadata';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const post = (port, headers, body, agent) =>
  new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });

if (!isMainThread) {
  // ---- the BI client (worker thread): one full pass, page after page --------------------------------
  const { port, headers, query, field, first } = workerData;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const t0 = performance.now();
  let rows = 0;
  let pages = 0;
  let after = null;
  for (;;) {
    const res = await post(port, headers, JSON.stringify({ query, variables: { first, after } }), agent);
    const page = JSON.parse(res.body).data?.[field];
    if (res.status !== 200 || !page) throw new Error(`page ${pages + 1} failed: ${String(res.body).slice(0, 300)}`);
    rows += (page.nodes ?? page.edges).length;
    pages += 1;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  agent.destroy();
  parentPort.postMessage({ rows, pages, ms: performance.now() - t0 });
} else {
  await main();
}

async function main() {
  const { loadConfig } = await import('../dist/server/src/config.js');
  const { createLogger } = await import('../dist/server/src/logger.js');
  const { startRapport } = await import('../dist/server/src/app/rapport.js');
  const { seedDemoData } = await import('../dist/server/src/app/seed/demo.js');
  const { SYNC_SETTLE_MS } = await import('../dist/server/src/sync/sync-page.js');
  const { freshPostgres, option: opt } = await import('./bench-support.mjs');

  const employees = Number(opt('employees', 50_000));
  const first = Number(opt('first', 1000));
  const passes = Number(opt('passes', 3));
  const which = opt('db', 'both');

  /** What a BI tool selects: every field of the read model, in the order the bare server writes them. */
  const LISTS = [
    {
      field: 'syncEmployees',
      table: 'employee',
      columns: ['id', 'name', 'email', 'title', 'team_id', 'hired_at', 'exited_at', 'exit_reason', 'exit_regretted', 'created_at', 'updated_at'],
      selection: 'id name email title teamId hiredAt exitedAt exitReason exitRegretted createdAt updatedAt',
      node: (r, date, id) => ({
        id: String(r.id), name: r.name, email: r.email, title: r.title, teamId: id(r.team_id), hiredAt: date(r.hired_at), exitedAt: date(r.exited_at),
        exitReason: r.exit_reason, exitRegretted: r.exit_regretted == null ? null : Boolean(r.exit_regretted), createdAt: date(r.created_at), updatedAt: date(r.updated_at),
      }),
    },
    {
      field: 'syncLeadershipRelationships',
      table: 'leadership_relationship',
      columns: ['id', 'leader_id', 'member_id', 'started_at', 'ended_at', 'end_reason', 'created_at', 'updated_at'],
      selection: 'id leaderId memberId startedAt endedAt endReason createdAt updatedAt',
      node: (r, date, id) => ({
        id: String(r.id), leaderId: String(r.leader_id), memberId: String(r.member_id), startedAt: date(r.started_at), endedAt: date(r.ended_at),
        endReason: r.end_reason, createdAt: date(r.created_at), updatedAt: date(r.updated_at),
      }),
    },
  ];
  /**
   * Before the sync lists, a BI tool had only the admin app's connection: at most 100 a page (the
   * general page-size limit), ordered by name, entities hydrated and a cursor per edge. Timed on the
   * same data against the same bare baseline as `syncEmployees` (whose pages are larger), for scale.
   */
  const BEFORE = {
    field: 'employees',
    query: `query($first: Int, $after: String) { employees(first: $first, after: $after) { edges { node { id name email title team { id } hiredAt exitedAt exitReason exitRegretted createdAt updatedAt } } pageInfo { hasNextPage endCursor } } }`,
    first: 100,
  };
  const queryOf = (list) =>
    `query($first: Int, $after: String) { ${list.field}(first: $first, after: $after) { nodes { ${list.selection} } pageInfo { hasNextPage endCursor } syncedUntil } }`;

  const encodeCursor = (parts) => Buffer.from(JSON.stringify(parts)).toString('base64url');
  const decodeCursor = (cursor) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  const timeOf = (v) => (v instanceof Date ? v.getTime() : Number(v));

  /**
   * The bare server's answer to one page: the keyset statement Rapport runs (same bounds, same
   * order), then the same JSON — ids as strings, datetimes as ISO strings, the cursor of the last row.
   */
  const bareAnswer = async (list, body, { run, p, bindTime }) => {
    const { variables } = JSON.parse(body);
    const { first: size, after } = variables;
    const where = [];
    const params = [];
    let until;
    if (after) {
      const [changed, id, end] = decodeCursor(after);
      until = end;
      where.push(`(updated_at, id) > (${p(1)}, ${p(2)})`);
      params.push(bindTime(changed), id);
    } else {
      until = Date.now() - SYNC_SETTLE_MS;
    }
    where.push(`updated_at <= ${p(params.length + 1)}`);
    params.push(bindTime(until));
    const rows = await run(
      `select ${list.columns.join(', ')} from ${list.table} where ${where.join(' and ')} order by updated_at, id limit ${p(params.length + 1)}`,
      [...params, size + 1],
    );
    const hasNextPage = rows.length > size;
    const page = rows.slice(0, size);
    const date = (v) => (v == null ? null : new Date(timeOf(v)).toISOString());
    const id = (v) => (v == null ? null : String(v));
    const last = page.at(-1);
    const data = {
      [list.field]: {
        nodes: page.map((r) => list.node(r, date, id)),
        pageInfo: { hasNextPage, endCursor: last ? encodeCursor([timeOf(last.updated_at), Number(last.id), until]) : null },
        syncedUntil: new Date(until).toISOString(),
      },
    };
    return Buffer.from(JSON.stringify({ data }) + '\n');
  };

  const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  const close = (server) => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  const bareServer = (answer) =>
    http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        answer(Buffer.concat(chunks).toString('utf8')).then(
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

  const fullPass = (port, headers, list) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), {
        workerData: { port, headers, query: list.query ?? queryOf(list), field: list.field, first: list.first ?? first },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const best = async (port, headers, list) => {
    await fullPass(port, headers, list); // warm-up: JIT, statement caches, and the garbage the seed left
    let fastest;
    for (let i = 0; i < passes; i++) {
      const pass = await fullPass(port, headers, list);
      if (!fastest || pass.ms < fastest.ms) fastest = pass;
    }
    return { ...fastest, rps: fastest.rows / (fastest.ms / 1000) };
  };

  async function benchOne(kind) {
    let url;
    let dropDb;
    if (kind === 'postgresql') {
      const database = await freshPostgres('rapport_bi');
      url = database.url;
      dropDb = database.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'rapport-bi-'));
      url = `sqlite:${join(dir, 'bench.sqlite')}`;
      dropDb = async () => rmSync(dir, { recursive: true, force: true });
    }
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, RAPPORT_ADMIN_EMAIL: 'bench@rapport.local', RAPPORT_ADMIN_PASSWORD: 'bench-password-1', RAPPORT_CLIENT_DIR: '', LOG_LEVEL: 'silent' });
    const rapport = await startRapport(config, { logger: createLogger('silent'), print: () => {} });
    let bare;
    let closeDriver = async () => {};
    try {
      // Seeded a minute in the past, so every row is inside a pass that starts now (SYNC_SETTLE_MS).
      await seedDemoData(rapport.deps.db, { employees, now: new Date(Date.now() - 60_000) });
      const json = { 'content-type': 'application/json' };
      const login = await post(rapport.port, json, JSON.stringify({ query: 'mutation { login(email: "bench@rapport.local", password: "bench-password-1") { token } }' }));
      const session = JSON.parse(login.body).data.login.token;
      const created = await post(
        rapport.port,
        { ...json, authorization: `Bearer ${session}` },
        JSON.stringify({ query: 'mutation { createApiToken(input: { name: "BI bench", role: ANALYST }) { token } }' }),
      );
      const analyst = { ...json, authorization: `Bearer ${JSON.parse(created.body).data.createApiToken.token}` };

      // Datetimes are bound as stored: epoch milliseconds in SQLite, timestamps in PostgreSQL.
      let driver;
      if (kind === 'sqlite') {
        const { default: Database } = await import('better-sqlite3');
        const sqlite = new Database(url.slice('sqlite:'.length), { readonly: true });
        closeDriver = async () => sqlite.close();
        const statements = new Map();
        const run = async (sql, params) => {
          if (!statements.has(sql)) statements.set(sql, sqlite.prepare(sql));
          return statements.get(sql).all(params);
        };
        driver = { run, p: () => '?', bindTime: (time) => time };
      } else {
        const pool = new pg.Pool({ connectionString: url, max: 4 });
        closeDriver = () => pool.end();
        driver = { run: async (sql, params) => (await pool.query(sql, params)).rows, p: (i) => `$${i}`, bindTime: (time) => new Date(time) };
      }

      const results = [];
      for (const list of LISTS) {
        bare = bareServer((body) => bareAnswer(list, body, driver));
        const barePort = await listen(bare);
        // Same bytes for the second page (the first page's `syncedUntil` is the clock's, so it can differ by a millisecond).
        const query = queryOf(list);
        const firstPage = JSON.parse((await post(rapport.port, analyst, JSON.stringify({ query, variables: { first, after: null } }))).body).data[list.field];
        const second = JSON.stringify({ query, variables: { first, after: firstPage.pageInfo.endCursor } });
        const [mine, theirs] = [await post(rapport.port, analyst, second), await post(barePort, analyst, second)];
        if (!mine.body.equals(theirs.body)) {
          throw new Error(`the bare server does not answer the same JSON:\nrapport: ${String(mine.body).slice(0, 600)}\nbare:    ${String(theirs.body).slice(0, 600)}`);
        }
        const rapportPass = await best(rapport.port, analyst, list);
        const barePass = await best(barePort, analyst, list);
        if (rapportPass.rows !== barePass.rows) throw new Error(`${list.field}: Rapport read ${rapportPass.rows} rows, the bare server ${barePass.rows}`);
        results.push({ field: list.field, rapport: rapportPass, bare: barePass });
        await close(bare);
        bare = undefined;
      }
      const before = await best(rapport.port, analyst, BEFORE);
      return { results, before: { ...before, bare: results[0].bare } };
    } finally {
      if (bare) await close(bare);
      await closeDriver();
      await rapport.stop();
      await dropDb();
    }
  }

  const kinds = which === 'both' ? ['sqlite', 'postgresql'] : [which === 'postgres' ? 'postgresql' : which];
  console.log(`Rapport BI sync: full pass of ${employees.toLocaleString('en')} employees and their relationships, first: ${first}, ANALYST token, best of ${passes} passes, node ${process.version}`);
  for (const kind of kinds) {
    const { results, before } = await benchOne(kind);
    const sqlName = kind === 'sqlite' ? 'better-sqlite3' : 'pg';
    console.log(`\n${kind}`);
    console.log(`${'list'.padEnd(30)} ${'rows'.padStart(8)} ${'pages'.padStart(6)} ${'Rapport rows/s'.padStart(15)} ${'baseline rows/s'.padStart(16)} ${'ratio'.padStart(7)}  baseline`);
    let rows = 0;
    let rapportMs = 0;
    let bareMs = 0;
    for (const { field, rapport, bare } of results) {
      rows += rapport.rows;
      rapportMs += rapport.ms;
      bareMs += bare.ms;
      console.log(
        `${field.padEnd(30)} ${String(rapport.rows).padStart(8)} ${String(rapport.pages).padStart(6)} ${Math.round(rapport.rps).toLocaleString('en').padStart(15)} ${Math.round(bare.rps).toLocaleString('en').padStart(16)} ${(((100 * rapport.rps) / bare.rps).toFixed(1) + '%').padStart(7)}  bare node:http + ${sqlName}, same keyset SQL, same JSON`,
      );
    }
    const total = { rapport: rows / (rapportMs / 1000), bare: rows / (bareMs / 1000) };
    console.log(
      `${'all lists'.padEnd(30)} ${String(rows).padStart(8)} ${''.padStart(6)} ${Math.round(total.rapport).toLocaleString('en').padStart(15)} ${Math.round(total.bare).toLocaleString('en').padStart(16)} ${(((100 * total.rapport) / total.bare).toFixed(1) + '%').padStart(7)}`,
    );
    console.log(
      `${'before: employees connection'.padEnd(30)} ${String(before.rows).padStart(8)} ${String(before.pages).padStart(6)} ${Math.round(before.rps).toLocaleString('en').padStart(15)} ${Math.round(before.bare.rps).toLocaleString('en').padStart(16)} ${(((100 * before.rps) / before.bare.rps).toFixed(1) + '%').padStart(7)}  first: 100 (the general limit), entities; baseline: the syncEmployees row's`,
    );
  }
}
