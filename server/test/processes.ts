import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

/**
 * Real processes for fault-injection tests: a private redis-server the test
 * starts, kills and restarts (never the shared one), Rapport itself as a child
 * process (built with tsc, run with node, exactly as in production), and a TCP
 * proxy in front of PostgreSQL that can be cut like a network or a restart.
 */

const ROOT = resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A redis-server of the test's own, on a free port; `kill()` is a crash (SIGKILL), `start()` brings it back on the same port. */
export class OwnRedis {
  private process: ChildProcess | undefined;
  private constructor(readonly port: number) {}

  static async start(port?: number): Promise<OwnRedis> {
    const redis = new OwnRedis(port ?? (await freePort()));
    await redis.start();
    return redis;
  }

  /** An OwnRedis whose port is chosen but which is not running yet. */
  static async notStarted(): Promise<OwnRedis> {
    return new OwnRedis(await freePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
      stdio: 'ignore',
    });
    await waitFor('redis-server to answer PING', () => this.ping(), 10_000);
  }

  async ping(): Promise<boolean> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
    client.on('error', () => {});
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }

  client(): Redis {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    return client;
  }

  /** A crash: SIGKILL, and wait until the port is closed. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.process = undefined;
  }

  stop(): Promise<void> {
    return this.kill();
  }
}

let built: Promise<string> | undefined;
const buildDirs: string[] = [];

/** Compiles the server once per test file into its own folder under dist/ (so node_modules resolves); returns main.js. */
export function buildServer(): Promise<string> {
  built ??= (async () => {
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    const outDir = mkdtempSync(join(ROOT, 'dist', 'reliability-test-'));
    buildDirs.push(outDir);
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(ROOT, 'tsconfig.server.json'), '--outDir', outDir, '--sourceMap', 'false'], { cwd: ROOT });
    return join(outDir, 'server/src/main.js');
  })();
  return built;
}

export function removeBuilds(): void {
  for (const dir of buildDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  built = undefined;
}

export interface LogLine {
  msg: string;
  level: string;
  [key: string]: unknown;
}

/** Rapport as a child process: `node dist/…/main.js`, JSON logs parsed as they come. */
export class RapportProcess {
  readonly logs: LogLine[] = [];
  readonly stderr: string[] = [];
  port = 0;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (!line.startsWith('{')) continue;
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          /* not a log line */
        }
        for (const wake of this.waiters) wake();
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
  }

  static async start(env: Record<string, string>, options: { waitForListening?: boolean } = {}): Promise<RapportProcess> {
    const main = await buildServer();
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production', // Apollo's own signal handling would be on here: the test proves Rapport's is the one
        PORT: '0',
        HOST: '127.0.0.1',
        RAPPORT_CLIENT_DIR: '',
        RAPPORT_ADMIN_EMAIL: 'admin@test.local',
        RAPPORT_ADMIN_PASSWORD: 'correct horse battery staple',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const rapport = new RapportProcess(child);
    if (options.waitForListening !== false) await rapport.listening();
    return rapport;
  }

  async listening(timeoutMs = 20_000): Promise<number> {
    const line = await this.waitForLog('rapport listening', timeoutMs);
    this.port = Number(line.port);
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  waitForLog(msg: string | ((line: LogLine) => boolean), timeoutMs = 10_000): Promise<LogLine> {
    const matches = typeof msg === 'string' ? (line: LogLine) => line.msg === msg : msg;
    return new Promise((resolveLine, reject) => {
      const check = () => {
        const found = this.logs.find(matches);
        if (found) {
          cleanup();
          resolveLine(found);
        } else if (!this.alive) {
          cleanup();
          reject(new Error(`process exited before logging ${String(msg)}; stderr: ${this.stderr.join('')}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no log ${String(msg)} within ${timeoutMs} ms; stderr: ${this.stderr.join('')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.child.off('exit', check);
      };
      this.waiters.add(check);
      this.child.once('exit', check);
      check();
    });
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A TCP proxy (e.g. in front of PostgreSQL) that can be cut — every connection dropped, new ones refused — and restored. */
export class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<CuttableProxy> {
    const proxy = new CuttableProxy(await freePort(), target);
    await proxy.restore();
    return proxy;
  }

  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((r) => server.close(r));
  }

  async close(): Promise<void> {
    await this.cut();
  }
}
