import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The folder layout is the architecture: every import points down.
 *
 * Server: base (config, logger, context, db, graphql helpers, errors, pubsub/events, idempotency,
 * auth) ← features (people, teams, leadership, surveys, complaints, customers, referrals, mail,
 * search, sync) ← insights (analytics across features) ← app (composition: schema, server, seed,
 * reactions) and main.ts.
 * Client: base (lib, ui, generated) ← feature folders ← app shell and main.tsx.
 *
 * Within one layer, folders may import each other but must not form a cycle. Tests and test
 * support code sit above everything and are not checked. A remaining exception is listed in
 * ALLOWED with the reason; an entry that no longer matches an import that needs it fails the
 * test, so the list only shrinks.
 */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Area {
  /** Source root, relative to the repository. */
  root: string;
  /** Layer of each top-level folder or root file (basename without extension); higher may import lower. */
  layers: Record<string, number>;
  layerNames: string[];
}

const server: Area = {
  root: 'server/src',
  layerNames: ['base', 'feature', 'insights', 'app'],
  layers: {
    config: 0, logger: 0, context: 0, loaders: 0,
    db: 0, graphql: 0, errors: 0, pubsub: 0, idempotency: 0, auth: 0,
    people: 1, teams: 1, leadership: 1, surveys: 1, complaints: 1, customers: 1, referrals: 1,
    mail: 1, search: 1, sync: 1,
    insights: 2,
    app: 3, main: 3,
  },
};

const client: Area = {
  root: 'client/src',
  layerNames: ['base', 'feature', 'app'],
  layers: {
    lib: 0, ui: 0, generated: 0, i18n: 0,
    complaints: 1, customers: 1, explorer: 1, kiosk: 1, leadership: 1, outbox: 1, people: 1,
    public: 1, referrals: 1, settings: 1, surveys: 1, teams: 1,
    app: 2, main: 2,
  },
};

/**
 * Exceptions, each with its reason. An upward import is listed as `from-file -> to-file`; an
 * import that closes a cycle inside one layer is listed per folder pair, `from-folder -> to-folder`
 * (paths relative to the repository), naming the edge that points against the intended order.
 */
const ALLOWED: Record<string, string> = {
  // Server: upward imports
  'server/src/loaders.ts -> server/src/people/employee.entity.ts': 'per-request DataLoaders for every feature, being reworked by the read-path work; then they move up',
  'server/src/loaders.ts -> server/src/teams/team.entity.ts': 'per-request DataLoaders for every feature, being reworked by the read-path work; then they move up',
  'server/src/loaders.ts -> server/src/leadership/leadership-relationship.entity.ts': 'per-request DataLoaders for every feature, being reworked by the read-path work; then they move up',
  'server/src/loaders.ts -> server/src/leadership/leadership.queries.ts': 'per-request DataLoaders for every feature, being reworked by the read-path work; then they move up',
  'server/src/loaders.ts -> server/src/customers/customer.entity.ts': 'per-request DataLoaders for every feature, being reworked by the read-path work; then they move up',
  'server/src/loaders.ts -> server/src/referrals/referral.entity.ts': 'per-request DataLoaders for every feature, being reworked by the read-path work; then they move up',
  'server/src/loaders.ts -> server/src/insights/trust-signal.entity.ts': 'per-request DataLoaders for every feature, being reworked by the read-path work; then they move up',
  // Server: cycles inside the base layer
  'server/src/auth -> server/src/context': 'Context is the per-request bag the auth services receive and is assembled from them',
  'server/src/pubsub -> server/src/context': 'Context is the per-request bag the event recorder receives and is assembled from it',
  'server/src/idempotency -> server/src/context': 'Context is the per-request bag idempotency receives and is assembled from it',
  // Server: cycles between features (intended order: teams ← people ← leadership ← customers ← surveys ← complaints ← referrals)
  'server/src/people -> server/src/leadership': 'Employee fields and hiring with a leader use the leadership service and queries',
  'server/src/surveys -> server/src/complaints': 'a detractor answer opens a complaint through the complaint service (closed loop)',
  // Client: cycles (intended order: lib ← ui; teams ← people ← customers ← referrals ← surveys ← leadership)
  'client/src/lib -> client/src/ui': 'the live-status banner in lib/live.tsx renders ui components',
  'client/src/teams -> client/src/leadership': 'team pages show the trust-signal badges drawn in leadership/figures.tsx',
  'client/src/people -> client/src/referrals': 'the employee page shows the referral card of that employee',
  'client/src/customers -> client/src/referrals': 'the customer page shows and starts that customer\'s referrals',
};

interface Edge {
  from: string;
  to: string;
  fromModule: string;
  toModule: string;
}

const isTestCode = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('client/src/test/');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(repo, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !isTestCode(path)) out.push(path);
  }
  return out;
}

const stripComments = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** Every module specifier: static imports and re-exports (type-only included), side-effect imports, import(). */
export function importSpecifiers(source: string): string[] {
  const code = stripComments(source);
  const found: string[] = [];
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
    /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]!);
  return found;
}

function resolveFile(fromFile: string, specifier: string): string {
  const base = resolve(join(repo, dirname(fromFile)), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  const hit = candidates.find((c) => existsSync(c) && !c.endsWith(sep)) ?? base;
  return relative(repo, hit).split(sep).join('/');
}

function moduleOf(area: Area, file: string): string {
  const rest = relative(area.root, file).split(sep);
  if (rest[0] === '..') return `(outside ${area.root})`;
  return rest.length === 1 ? rest[0]!.replace(/\.[^.]+$/, '') : rest[0]!;
}

function edgesOf(area: Area): Edge[] {
  const edges: Edge[] = [];
  for (const from of sourceFiles(area.root)) {
    for (const specifier of importSpecifiers(readFileSync(join(repo, from), 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const to = resolveFile(from, specifier);
      const fromModule = moduleOf(area, from);
      const toModule = moduleOf(area, to);
      if (fromModule !== toModule) edges.push({ from, to, fromModule, toModule });
    }
  }
  return edges;
}

/** Strongly connected components (Tarjan) of the folder graph; only those with more than one folder. */
function folderCycles(edges: Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!next.has(e.fromModule)) next.set(e.fromModule, new Set());
    if (!next.has(e.toModule)) next.set(e.toModule, new Set());
    next.get(e.fromModule)!.add(e.toModule);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) result.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return result;
}

const key = (e: Edge) => `${e.from} -> ${e.to}`;

export interface Report {
  edges: Edge[];
  unknown: Edge[];
  upward: Edge[];
  cycles: string[][];
  /** Allowed imports still needed: upward, or between folders of a cycle. */
  neededAllowed: Set<string>;
}

export function analyse(area: Area, allowed: Record<string, string> = ALLOWED): Report {
  const edges = edgesOf(area);
  const layer = (m: string) => area.layers[m];
  const folderKey = (e: Edge) => `${area.root}/${e.fromModule} -> ${area.root}/${e.toModule}`;
  const unknown = edges.filter((e) => layer(e.fromModule) === undefined || layer(e.toModule) === undefined);
  const known = edges.filter((e) => !unknown.includes(e));
  const upwardAll = known.filter((e) => layer(e.fromModule)! < layer(e.toModule)!);
  const sideways = known.filter((e) => layer(e.fromModule) === layer(e.toModule));
  const allCycles = folderCycles(sideways);
  const inCycle = (e: Edge) => allCycles.some((c) => c.includes(e.fromModule) && c.includes(e.toModule));
  const neededAllowed = new Set([
    ...upwardAll.map(key).filter((k) => k in allowed),
    ...sideways.filter(inCycle).map(folderKey).filter((k) => k in allowed),
  ]);
  return {
    edges,
    unknown,
    upward: upwardAll.filter((e) => !(key(e) in allowed)),
    cycles: folderCycles(sideways.filter((e) => !(folderKey(e) in allowed))),
    neededAllowed,
  };
}

const describeEdges = (edges: Edge[]) => edges.map((e) => `${key(e)}  (${e.fromModule} → ${e.toModule})`);

describe.each([
  ['server', server],
  ['client', client],
] as const)('the %s folders', (_name, area) => {
  const report = analyse(area);

  it('should place every folder in a layer', () => {
    expect(describeEdges(report.unknown)).toEqual([]);
  });

  it('should have no import pointing up a layer', () => {
    expect(describeEdges(report.upward)).toEqual([]);
  });

  it('should have no cycle between folders of one layer', () => {
    expect(report.cycles).toEqual([]);
  });
});

if (process.env.ARCHITECTURE_REPORT) {
  for (const [name, area] of [['server', server], ['client', client]] as const) {
    const all = analyse(area, {});
    const cycleEdges = all.edges.filter(
      (e) => area.layers[e.fromModule] === area.layers[e.toModule] && all.cycles.some((c) => c.includes(e.fromModule) && c.includes(e.toModule)),
    );
    console.log(
      `${name}: ${all.upward.length} upward imports, ${all.cycles.length} folder cycles (${cycleEdges.length} imports in them): ` +
        JSON.stringify({ upward: describeEdges(all.upward), cycles: all.cycles, cycleEdges: describeEdges(cycleEdges) }, null, 1),
    );
  }
}

describe('the allow-list', () => {
  it('should only hold imports that still exist and still break the rule', () => {
    const needed = new Set([...analyse(server).neededAllowed, ...analyse(client).neededAllowed]);
    expect(Object.keys(ALLOWED).filter((k) => !needed.has(k))).toEqual([]);
  });

  it('should give a reason for every entry', () => {
    expect(Object.entries(ALLOWED).filter(([, reason]) => reason.trim().length < 10)).toEqual([]);
  });
});

describe('the import reader', () => {
  it('should read multi-line, type-only, side-effect and dynamic imports but not comments', () => {
    const source = [
      "import {\n  a,\n  type B,\n} from './one.js';",
      "import type { C } from '../two.js';",
      "export { d } from './three.js';",
      "export * from './four.js';",
      "import './five.css';",
      "const page = lazy(() => import('./six.js'));",
      "// import { e } from './seven.js';",
      "/* import { f } from './eight.js'; */",
      "const text = 'from here';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./one.js', '../two.js', './three.js', './four.js', './five.css', './six.js']);
  });
});
