// Prints the CREATE SQL the entities imply, for SQLite and PostgreSQL, so a
// new migration can be written from it: `npx vitest run --project server server/tools`.
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { it } from 'vitest';
import { ormOptions } from '../src/db/orm.config.js';

it('prints the schema SQL for both databases', async () => {
  for (const url of ['sqlite::memory:', process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test']) {
    const orm = await MikroORM.init({ ...ormOptions(url), connect: false } as any);
    const mode = process.env.SCHEMA_DIFF ? 'update' : 'create';
    if (mode === 'update') {
      await orm.connect();
      console.log(`---- ${url} (update)\n` + (await orm.schema.getUpdateSchemaSQL({ wrap: false })));
    } else {
      console.log(`---- ${url}\n` + (await orm.schema.getCreateSchemaSQL({ wrap: false })));
    }
    await orm.close(true);
  }
});
