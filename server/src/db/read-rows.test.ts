import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { createLogger } from '../logger.js';
import { openDatabase, type Database } from './database.js';
import { idsIn, readRows, readTuples } from './read-rows.js';
import { entities } from '../app/entities.js';
import { Team } from '../teams/team.entity.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../test/databases.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('readRows and readTuples on %s', (kind) => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await openDatabase(database.url, createLogger('silent'), { entities });
    const em = db.fork();
    em.create(Team, { name: 'Committed' });
    await em.flush();
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const teamNames = async (em: EntityManager = db.fork()) =>
    (await readRows<{ name: string }>(em, 'select name from team order by name')).map((r) => r.name);

  it('should read rows with parameters bound the way the ORM binds them, and report each statement to knex', async () => {
    const knex = db.fork().getConnection().getKnex();
    const seen: string[] = [];
    const listener = (query: { sql: string }) => seen.push(query.sql);
    knex.on('query', listener);
    try {
      const rows = await readRows<{ name: string; later: number | boolean }>(
        db.fork(),
        'select name, created_at < ? as later from team where name = ?',
        [new Date(Date.now() + 60_000), 'Committed'],
      );
      expect(rows.map((r) => [r.name, Boolean(r.later)])).toEqual([['Committed', true]]);
    } finally {
      knex.removeListener('query', listener);
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^select name, created_at < .+ as later from team where name = /);
  });

  // On SQLite the read below starts while the transaction is open on the one connection: a read
  // straight on that connection would see the uncommitted row.
  it('should not see a write that is rolled back, even when it reads in the middle of it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const writer = db
      .fork()
      .transactional(async (em) => {
        em.create(Team, { name: 'Rolled back' });
        await em.flush();
        inserted();
        await held;
        throw new Error('give up');
      })
      .catch((error: Error) => error.message);
    await insertedYet;
    const during = teamNames();
    release();
    expect(await writer).toBe('give up');
    expect(await during).not.toContain('Rolled back');
    expect(await teamNames()).not.toContain('Rolled back');
  });

  it('should read inside its own transaction what that transaction wrote', async () => {
    const names = await db.fork().transactional(async (em) => {
      em.create(Team, { name: 'Own write' });
      await em.flush();
      return teamNames(em);
    });
    expect(names).toContain('Own write');
  });

  it('should read tuples in select order, on the direct path and inside a transaction, and leave the shared statement reading objects', async () => {
    const sql = 'select name, id, ? as tag from team where name = ?';
    const [object] = await readRows<{ name: string; id: number; tag: string }>(db.fork(), sql, ['t', 'Committed']);
    const expected = [[object!.name, object!.id, 't']];
    expect(await readTuples(db.fork(), sql, ['t', 'Committed'])).toEqual(expected);
    // The same text again as objects: on SQLite the prepared statement is shared, and knex reads it too.
    expect(await readRows(db.fork(), sql, ['t', 'Committed'])).toEqual([object]);
    const inTransaction = await db.fork().transactional(async (em) => [await readTuples(em, sql, ['t', 'Committed']), await readRows(em, sql, ['t', 'Committed'])]);
    expect(inTransaction).toEqual([expected, [object]]);
  });

  it('should select a batch of ids, none, or more than SQLite binds one by one', async () => {
    const em = db.fork();
    const created = ['Batch A', 'Batch B', 'Batch C'].map((name) => em.create(Team, { name }));
    await em.flush();
    const names = async (ids: number[]) => {
      const batch = idsIn(db.fork(), 'id', ids);
      return (await readRows<{ name: string }>(db.fork(), `select name from team where ${batch.sql} order by name`, batch.params)).map((r) => r.name);
    };
    expect(await names([created[2]!.id, created[0]!.id, 999_999])).toEqual(['Batch A', 'Batch C']);
    expect(await names([])).toEqual([]);
    const many = Array.from({ length: 40_000 }, (_, i) => i + 1_000_000);
    expect(await names([...many, created[1]!.id])).toEqual(['Batch B']);
  });
});
