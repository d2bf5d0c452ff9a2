import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Logger } from '../logger.js';
import { databaseKind, ormOptions, type DatabaseKind, type EntityList } from './orm.config.js';

export interface Database {
  orm: MikroORM;
  kind: DatabaseKind;
  /** A fresh EntityManager for one unit of work (request, event, job). */
  fork(): EntityManager;
  close(): Promise<void>;
}

/**
 * Connects and brings the schema up to date by applying pending migrations
 * (never `dropSchema`/`updateSchema`: data survives every start). `entities` is the
 * application's list (app/entities.ts): db/ knows no feature.
 */
export async function openDatabase(
  databaseUrl: string,
  logger: Logger,
  opts: { entities: EntityList; migrate?: boolean; debug?: boolean },
): Promise<Database> {
  const kind = databaseKind(databaseUrl);
  if (kind === 'sqlite') {
    const file = databaseUrl.slice('sqlite:'.length);
    if (file && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  }
  const orm = await MikroORM.init(ormOptions(databaseUrl, { entities: opts.entities, debug: opts.debug }));
  if (opts.migrate !== false) {
    const applied = await orm.getMigrator().up();
    if (applied.length) logger.info('migrations applied', { migrations: applied.map((m) => m.name) });
  }
  return {
    orm,
    kind,
    fork: () => orm.em.fork() as EntityManager,
    close: () => orm.close(true),
  };
}
