#!/usr/bin/env node
// `npm run bench:fanout [-- --subscribers 5000 --large 20000 --rounds 10]` (also run by `npm run bench:throughput`)
//
// One change to thousands of graphql-ws subscribers (issue #15), next to a baseline measured in the
// same run: a raw `ws` server that answers an HTTP POST and then broadcasts a message of the same
// bytes to the same number of sockets.
//
//   same        N subscribers of one `leadershipChanged` document, one viewer scope (ADMIN)
//   large       the same with the large count (capped below this machine's open-file limit)
//   split       N subscribers spread over 10 argument sets × the roles that may subscribe
//
// Issue #15 asks for the split over 3 roles. No subscription with arguments admits 3: those with
// arguments (leadershipChanged, complaintChanged, employeeChanged, …) admit at most READ_ROLES
// (ADMIN, ANALYST), and MONITOR may only take complaintBoardChanged and liveResync, which have no
// arguments (one argument set each; liveResync has no mutation to trigger it either). So the split
// row uses the 2 roles leadershipChanged admits; a MONITOR socket on it would be refused.
//
// CPU ms/round is the server process's CPU per change; on a busy machine it varies far less than
// the latencies, which follow the scheduler.
//
// For each row: latency from the mutation's HTTP response to each socket's delivery (p50, p99 over
// every socket of every round, and the last delivery), the ratio of Rapport's p99 to the raw
// broadcast's, and RSS per subscribed socket (server RSS after a full GC with the sockets
// subscribed, minus the same before they connected). Each server runs in its own process pinned to
// core 0; the clients (this process) on core 1.
import 'reflect-metadata';
import http from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import { option as opt } from './bench-support.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const role = opt('serve', null);
if (role) await serve(role);
else await main();

/** Child process: a Rapport instance or a raw ws broadcaster; answers `rss` over IPC after a full GC. */
async function serve(kind) {
  let port;
  if (kind === 'rapport') {
    const { loadConfig } = await import('../dist/server/src/config.js');
    const { createLogger } = await import('../dist/server/src/logger.js');
    const { startRapport } = await import('../dist/server/src/app/rapport.js');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: 'sqlite::memory:',
      RAPPORT_ADMIN_EMAIL: 'bench@rapport.local',
      RAPPORT_ADMIN_PASSWORD: 'bench-password-1',
      RAPPORT_CLIENT_DIR: '',
      LOG_LEVEL: 'silent',
    });
    const rapport = await startRapport(config, { logger: createLogger('silent'), print: () => {} });
    port = rapport.port;
  } else {
    const server = http.createServer();
    const wss = new WebSocketServer({ server, path: '/graphql' });
    server.on('request', (req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const message = Buffer.concat(chunks).toString();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":{"ok":true}}');
        for (const socket of wss.clients) socket.send(message);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
  }
  // FANOUT_CPU_PROFILE=file.cpuprofile: the Rapport process profiles its measured rounds and writes the profile before it is stopped.
  const profileFile = kind === 'rapport' ? process.env.FANOUT_CPU_PROFILE : undefined;
  let session;
  if (profileFile) {
    const { Session } = await import('node:inspector/promises');
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
  }
  let profiling = false;
  process.on('message', async (message) => {
    if (message === 'profile') {
      if (session) {
        const { profile } = await session.post('Profiler.stop');
        (await import('node:fs')).writeFileSync(profileFile, JSON.stringify(profile));
      }
      process.send({ profiled: true });
    }
    if (message === 'cpu') {
      // The profile covers the measured rounds only (the first `cpu` request starts them).
      if (session && !profiling) {
        profiling = true;
        await session.post('Profiler.start');
      }
      const { user, system } = process.cpuUsage();
      process.send({ cpu: (user + system) / 1000 });
    }
    if (message === 'rss') {
      for (let i = 0; i < 3; i++) globalThis.gc();
      process.send({ rss: process.memoryUsage().rss });
    }
  });
  process.send({ port });
}

function startServer(kind) {
  // Pinned to core 0 (the clients run on core 1) when taskset exists.
  let command = process.execPath;
  let args = ['--expose-gc', SCRIPT, '--serve', kind];
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    args = ['-c', '0', command, ...args];
    command = 'taskset';
  } catch {}
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = [];
  const waiters = [];
  child.on('message', (m) => (waiters.length ? waiters.shift()(m) : replies.push(m)));
  const reply = () => new Promise((resolve) => (replies.length ? resolve(replies.shift()) : waiters.push(resolve)));
  return {
    ready: reply().then((m) => m.port),
    rss: async () => {
      child.send('rss');
      return (await reply()).rss;
    },
    cpu: async () => {
      child.send('cpu');
      return (await reply()).cpu;
    },
    profile: async () => {
      child.send('profile');
      await reply();
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGKILL');
      }),
  };
}

function post(port, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ at: performance.now(), status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * N client sockets. `subscription` (Rapport) speaks graphql-transport-ws: init with the token, then
 * subscribe; without it (raw) the socket only listens. Each socket notes when its next message of a
 * round arrives.
 */
async function openSockets(port, specs) {
  const sockets = [];
  let round = null;
  const batch = 250;
  for (let i = 0; i < specs.length; i += batch) {
    await Promise.all(
      specs.slice(i, i + batch).map(
        (spec) =>
          new Promise((resolve, reject) => {
            const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, spec ? 'graphql-transport-ws' : undefined);
            const entry = { socket, last: null, spec };
            socket.on('message', (data) => {
              const text = String(data);
              if (spec && text.startsWith('{"type":"connection_ack"')) {
                socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: spec.query, variables: spec.variables } }));
                resolve();
                return;
              }
              if (round && entry.round !== round.id) {
                entry.round = round.id;
                entry.last = text;
                round.times.push(performance.now());
                if (round.times.length === sockets.length) round.done();
              }
            });
            socket.once('open', () => {
              if (spec) socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${spec.token}` } }));
              else resolve();
            });
            socket.once('error', reject);
            socket.once('close', (code) => spec && code !== 1000 && reject(new Error(`socket closed with ${code}`)));
            sockets.push(entry);
          }),
      ),
    );
  }
  let rounds = 0;
  return {
    sockets,
    /** Runs `trigger` (which resolves with the moment its HTTP response arrived) and waits for every socket's delivery. */
    async round(trigger, timeoutMs = 120_000) {
      const times = [];
      let done;
      const all = new Promise((resolve, reject) => {
        done = resolve;
        setTimeout(() => reject(new Error(`only ${times.length} of ${sockets.length} sockets got the change within ${timeoutMs / 1000} s`)), timeoutMs).unref();
      });
      round = { id: ++rounds, times, done };
      const respondedAt = await trigger();
      await all;
      round = null;
      return times.map((t) => t - respondedAt);
    },
    close: async () => {
      for (const { socket } of sockets) socket.terminate();
    },
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function main() {
  const n = Number(opt('subscribers', 5000));
  const rounds = Number(opt('rounds', 10));
  // Each socket is a file on both sides; keep the large row under this machine's limit.
  const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()) || 20000;
  const large = Math.min(Number(opt('large', 20000)), fdLimit - 500);
  try {
    execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  } catch {}

  const DOCUMENT = `subscription($memberId: ID, $leaderId: ID, $employeeId: ID) { leadershipChanged(memberId: $memberId, leaderId: $leaderId, employeeId: $employeeId) {
    kind at relationship { id active startedAt member { id name } leader { id name } } } }`;

  async function benchRapport(specsOf) {
    const server = startServer('rapport');
    const port = await server.ready;
    try {
      const gql = async (query, variables, token) => {
        const answer = await post(port, '/graphql', JSON.stringify({ query, variables }), token ? { authorization: `Bearer ${token}` } : {});
        const json = JSON.parse(answer.body);
        if (json.errors) throw new Error(`${query}: ${JSON.stringify(json.errors)}`);
        return { ...json.data, respondedAt: answer.at };
      };
      const admin = (await gql('mutation { login(email: "bench@rapport.local", password: "bench-password-1") { token } }')).login.token;
      const analyst = (await gql('mutation { createApiToken(input: { name: "bench analyst", role: ANALYST }) { token } }', {}, admin)).createApiToken.token;
      const [leader, member] = await Promise.all(
        ['Fan Leader', 'Fan Member'].map(
          async (name, i) =>
            (
              await gql(
                `mutation($n: String!, $e: String!) { createEmployee(input: { name: $n, email: $e, hiredAt: "2020-01-01T00:00:00.000Z" }) { id } }`,
                { n: name, e: `fan${i}@bench.local` },
                admin,
              )
            ).createEmployee.id,
        ),
      );
      const relationship = (await gql(`mutation($m: ID!, $l: ID!) { assignLeader(input: { memberId: $m, leaderId: $l }) { id } }`, { m: member, l: leader }, admin)).assignLeader.id;
      const specs = specsOf({ admin, analyst, member, leader });
      const before = await server.rss();
      const clients = await openSockets(port, specs);
      try {
        let change = 0;
        // The text changes every round with the same length, so every message has the same size.
        const trigger = async () =>
          (
            await gql(
              `mutation($r: ID!, $needs: String!) { updateServiceAgreement(input: { relationshipId: $r, serviceAgreement: { needs: $needs } }) { id } }`,
              { r: relationship, needs: `round ${String(++change).padStart(4, '0')}` },
              admin,
            )
          ).respondedAt;
        // Warm-up: proves every subscription is in place (each socket gets it) and warms the JIT.
        await new Promise((r) => setTimeout(r, 500));
        await clients.round(trigger);
        await clients.round(trigger);
        const after = await server.rss();
        const groups = new Map();
        for (const { spec, last } of clients.sockets) {
          const key = `${spec.scope}|${JSON.stringify(spec.variables)}`;
          if (!groups.has(key)) groups.set(key, last);
          else if (groups.get(key) !== last) throw new Error(`two sockets of one group got different messages: ${key}`);
        }
        const message = clients.sockets[0].last;
        const latencies = [];
        const cpuBefore = await server.cpu();
        for (let i = 0; i < rounds; i++) latencies.push(await clients.round(trigger));
        const cpuPerRound = ((await server.cpu()) - cpuBefore) / rounds;
        return { latencies, rssPerSocket: (after - before) / specs.length, message, groups: groups.size, cpuPerRound };
      } finally {
        await clients.close();
      }
    } finally {
      if (process.env.FANOUT_CPU_PROFILE) await server.profile();
      await server.stop();
    }
  }

  async function benchRaw(count, message) {
    const server = startServer('raw');
    const port = await server.ready;
    try {
      const before = await server.rss();
      const clients = await openSockets(port, Array(count).fill(null));
      const trigger = async () => (await post(port, '/broadcast', message)).at;
      await clients.round(trigger);
      await clients.round(trigger);
      const after = await server.rss();
      const latencies = [];
      const cpuBefore = await server.cpu();
      for (let i = 0; i < rounds; i++) latencies.push(await clients.round(trigger));
      const cpuPerRound = ((await server.cpu()) - cpuBefore) / rounds;
      await clients.close();
      return { latencies, rssPerSocket: (after - before) / count, cpuPerRound };
    } finally {
      await server.stop();
    }
  }

  const summary = (latencies) => {
    const all = latencies.flat().sort((a, b) => a - b);
    const perRound = latencies
      .map((l) =>
        percentile(
          [...l].sort((a, b) => a - b),
          0.99,
        ),
      )
      .sort((a, b) => a - b);
    return { p50: percentile(all, 0.5), p99: percentile(all, 0.99), last: all.at(-1), roundP99Min: perRound[0], roundP99Max: perRound.at(-1) };
  };

  const same =
    (count) =>
    ({ admin }) =>
      Array.from({ length: count }, () => ({ token: admin, scope: 'ADMIN', query: DOCUMENT, variables: {} }));
  const split =
    (count) =>
    ({ admin, analyst, member, leader }) => {
      const sets = [
        {},
        { memberId: member },
        { leaderId: leader },
        { employeeId: member },
        { employeeId: leader },
        { memberId: member, leaderId: leader },
        { memberId: member, employeeId: member },
        { memberId: member, employeeId: leader },
        { leaderId: leader, employeeId: member },
        { leaderId: leader, employeeId: leader },
      ];
      const scopes = [
        ['ADMIN', admin],
        ['ANALYST', analyst],
      ];
      return Array.from({ length: count }, (_, i) => {
        const [scope, token] = scopes[i % scopes.length];
        return { token, scope, query: DOCUMENT, variables: sets[Math.floor(i / scopes.length) % sets.length] };
      });
    };

  console.log(`Rapport fan-out: one leadershipChanged per round, ${rounds} measured rounds after 2 warm-up rounds, node ${process.version}, open-file limit ${fdLimit}`);
  const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const rows = [
    ['same document, 1 scope', n, same(n)],
    ['same document, 1 scope', large, same(large)],
    ['10 argument sets × 2 roles', n, split(n)],
  ];
  const only = opt('only', null);
  console.log(
    `${'row'.padEnd(28)} ${'sockets'.padStart(7)} ${'groups'.padStart(6)} | ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'last ms'.padStart(7)} ${'p99 range/round'.padStart(15)} | ${'raw p50'.padStart(7)} ${'raw p99'.padStart(7)} ${'raw last'.padStart(8)} | ${'p99 ratio'.padStart(9)} | ${'KB/socket'.padStart(9)} ${'raw KB'.padStart(6)} | ${'CPU ms/round'.padStart(12)} ${'raw CPU'.padStart(7)} ${'ratio'.padStart(6)}`,
  );
  for (const [label, count, specsOf] of rows) {
    if (only && !label.startsWith(only) && String(count) !== only) continue;
    let rapport;
    try {
      rapport = await benchRapport(specsOf);
    } catch (error) {
      // A change that does not reach every socket within the round's time is a result too (main at 20,000 sockets).
      console.log(`${label.padEnd(28)} ${String(count).padStart(7)}        | ${error.message}`);
      continue;
    }
    const raw = await benchRaw(count, rapport.message);
    const r = summary(rapport.latencies);
    const b = summary(raw.latencies);
    console.log(
      `${label.padEnd(28)} ${String(count).padStart(7)} ${String(rapport.groups).padStart(6)} | ${fmt(r.p50).padStart(7)} ${fmt(r.p99).padStart(7)} ${fmt(r.last).padStart(7)} ${`${fmt(r.roundP99Min)}–${fmt(r.roundP99Max)}`.padStart(15)} | ${fmt(b.p50).padStart(7)} ${fmt(b.p99).padStart(7)} ${fmt(b.last).padStart(8)} | ${(fmt(r.p99 / b.p99, 2) + '×').padStart(9)} | ${fmt(rapport.rssPerSocket / 1024).padStart(9)} ${fmt(raw.rssPerSocket / 1024).padStart(6)} | ${fmt(rapport.cpuPerRound).padStart(12)} ${fmt(raw.cpuPerRound).padStart(7)} ${(fmt(rapport.cpuPerRound / raw.cpuPerRound, 2) + '×').padStart(6)}`,
    );
  }
  console.log(`baseline: a raw ws server that answers the POST, then sends the same bytes as Rapport's 'next' message to every socket`);
  console.log(`CPU ms/round: the server process's user+system CPU per measured round (less sensitive than latency to other load on the machine)`);
}
