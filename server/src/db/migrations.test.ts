import { describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { createLogger } from '../logger.js';
import { openDatabase, type Database } from './database.js';
import { ormOptions } from './orm.config.js';
import { createTestDatabase, testDatabaseKinds } from '../../test/databases.js';

const kinds = await testDatabaseKinds();

/** Tables and indexes as SQLite stores them, without MikroORM's own bookkeeping table. */
async function sqliteObjects(orm: MikroORM): Promise<Array<{ type: string; name: string; sql: string }>> {
  const rows = await orm.em.fork().getConnection().execute<Array<{ type: string; name: string; sql: string }>>(
    `select type, name, sql from sqlite_master where sql is not null and name not like 'mikro_orm%' and name not like 'sqlite_%' order by type, name`,
  );
  return rows.map((r: { type: string; name: string; sql: string }) => ({ ...r, sql: r.sql.replace(/\s+/g, ' ') }));
}

describe.each(kinds)('migrations on %s', (kind) => {
  it('should build exactly the schema the entities describe, and be a no-op the second time', async () => {
    const database = await createTestDatabase(kind);
    const logger = createLogger('silent');
    let db: Database | undefined;
    try {
      db = await openDatabase(database.url, logger);
      if (kind === 'postgresql') {
        expect((await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
      } else {
        // MikroORM cannot read SQLite check constraints back, so its diff always rebuilds tables
        // with enums; compare what SQLite stored with a schema created straight from the entities.
        const reference = await MikroORM.init(ormOptions('sqlite::memory:'));
        // (MikroORM 6 prints some SQLite indexes twice; each statement is run once.)
        const statements = new Set((await reference.schema.getCreateSchemaSQL({ wrap: false })).split('\n').filter((l) => l.trim()));
        for (const sql of statements) await reference.em.fork().getConnection().execute(sql);
        expect(await sqliteObjects(db.orm)).toEqual(await sqliteObjects(reference));
        await reference.close(true);
      }
      const migrator = db.orm.getMigrator();
      expect(await migrator.getPendingMigrations()).toEqual([]);
      expect((await migrator.getExecutedMigrations()).map((m) => m.name)).toEqual(['Migration20261127000000Initial', 'Migration20261127010000Referrals', 'Migration20261127130209Complaints', 'Migration20261127132422Surveys']);
      expect(await migrator.up()).toEqual([]);
    } finally {
      await db?.close();
      await database.drop();
    }
  });
});
