#!/usr/bin/env node
// Writes a migration from `npm run schema:sql -- --diff` output (SQLite and PostgreSQL sections):
//   node dist/server/src/app/schema-sql.cli.js --diff > /tmp/diff.sql   (DATABASE_URL_SQLITE/POSTGRES at the latest migration)
//   node scripts/new-migration.mjs /tmp/diff.sql AddComplaints "What it adds and why."
// then list the class in server/src/db/migrations/index.ts. MikroORM cannot read SQLite check
// constraints back and proposes to rebuild every table with an enum; that noise (from the first
// `pragma foreign_keys = off`) is dropped.
import { readFileSync, writeFileSync } from 'node:fs';

const [file, name, doc = ''] = process.argv.slice(2);
if (!file || !/^[A-Z]\w+$/.test(name ?? '')) {
  console.error('usage: new-migration.mjs <diff.sql> <PascalName> ["doc comment"]');
  process.exit(2);
}
const sections = {};
let current;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const header = /^-- (sqlite|postgres)/.exec(line);
  if (header) current = sections[header[1]] = [];
  else if (current && line.trim()) current.push(line.trim());
}
const noise = sections.sqlite.findIndex((l) => l.startsWith('pragma foreign_keys = off'));
if (noise >= 0) sections.sqlite.length = noise;
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const className = `Migration${stamp}${name}`;
const list = (statements) => `[\n${statements.map((s) => `  ${JSON.stringify(s)},`).join('\n')}\n]`;
writeFileSync(
  `server/src/db/migrations/${className}.ts`,
  `import { Migration } from '@mikro-orm/migrations';
import { migrationPlatform } from './platform.js';

/**
 * ${doc || name}
 * Statements from \`npm run schema:sql -- --diff\`.
 */
export class ${className} extends Migration {
  override up(): void {
    const statements = migrationPlatform(this.config) === 'sqlite' ? sqlite : postgresql;
    for (const sql of statements) this.addSql(sql);
  }
}

const sqlite = ${list(sections.sqlite)};

const postgresql = ${list(sections.postgres)};
`,
);
console.log(className);
