import { describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { createLogger } from '../logger.js';
import { openDatabase, type Database } from './database.js';
import { ormOptions } from './orm.config.js';
import { entities } from '../app/entities.js';
import { createTestDatabase, testDatabaseKinds } from '../../test/databases.js';

const kinds = await testDatabaseKinds();

/**
 * Tables, columns, foreign keys and indexes as SQLite reports them, order-insensitive
 * (a column added by a later migration sits at the end of its table, which is fine).
 */
async function sqliteSchema(orm: MikroORM) {
  const connection = orm.em.fork().getConnection();
  const rows = <T,>(sql: string) => connection.execute<T[]>(sql);
  const tables = await rows<{ name: string }>(
    `select name from sqlite_master where type = 'table' and name not like 'mikro_orm%' and name not like 'sqlite_%' order by name`,
  );
  const schema: Record<string, unknown> = {};
  for (const { name } of tables) {
    const columns = await rows<Record<string, unknown>>(`select name, type, "notnull", dflt_value, pk from pragma_table_info('${name}')`);
    const keys = await rows<Record<string, unknown>>(`select "table", "from", "to", on_update, on_delete from pragma_foreign_key_list('${name}')`);
    const indexes = await rows<{ name: string; sql: string | null }>(`select name, sql from sqlite_master where type = 'index' and tbl_name = '${name}' and sql is not null`);
    const [table] = await rows<{ sql: string }>(`select sql from sqlite_master where type = 'table' and name = '${name}'`);
    const checks = [...table!.sql.matchAll(/check \((`\w+` in \([^)]*\))\)/g)].map((m) => m[1]).sort();
    const sort = (list: Array<Record<string, unknown>>) => list.map((entry: Record<string, unknown>) => JSON.stringify(entry)).sort();
    schema[name] = { columns: sort(columns), keys: sort(keys), checks, indexes: indexes.map((x: { sql: string | null }) => x.sql!.replace(/\s+/g, ' ')).sort() };
  }
  return schema;
}

describe.each(kinds)('migrations on %s', (kind) => {
  it('should build exactly the schema the entities describe, and be a no-op the second time', async () => {
    const database = await createTestDatabase(kind);
    const logger = createLogger('silent');
    let db: Database | undefined;
    try {
      db = await openDatabase(database.url, logger, { entities });
      if (kind === 'postgresql') {
        expect((await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
      } else {
        // MikroORM cannot read SQLite check constraints back, so its diff always rebuilds tables
        // with enums; compare what SQLite reports with a schema created straight from the entities.
        const reference = await MikroORM.init(ormOptions('sqlite::memory:', { entities }));
        // (MikroORM 6 prints some SQLite indexes twice; each statement is run once.)
        const statements = new Set((await reference.schema.getCreateSchemaSQL({ wrap: false })).split('\n').filter((l) => l.trim()));
        for (const sql of statements) await reference.em.fork().getConnection().execute(sql);
        expect(await sqliteSchema(db.orm)).toEqual(await sqliteSchema(reference));
        await reference.close(true);
      }
      const migrator = db.orm.getMigrator();
      expect(await migrator.getPendingMigrations()).toEqual([]);
      expect((await migrator.getExecutedMigrations()).map((m) => m.name)).toEqual(['Migration20261127000000Initial', 'Migration20261127010000Referrals', 'Migration20261127130209Complaints', 'Migration20261127132422Surveys', 'Migration20261127133500SurveyFollowUp', 'Migration20261127134902CheckIns', 'Migration20261127150139TrustSignals', 'Migration20261127163500SignalAcknowledgement', 'Migration20261205090000WaveTeamTree', 'Migration20261205100000IdempotencyKeys', 'Migration20261205130000Outbox', 'Migration20261205131500SurveyReminders', 'Migration20261205140000SyncKeysets', 'Migration20261205160000ComplaintMail', 'Migration20261205170000ReferralAsks', 'Migration20261206030000InvitationSubjectIndex']);
      expect(await migrator.up()).toEqual([]);
    } finally {
      await db?.close();
      await database.drop();
    }
  });
});
