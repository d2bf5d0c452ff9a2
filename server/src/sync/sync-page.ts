import { Field, ObjectType, type ClassType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { PageInfo, decodeCursor, encodeCursor, pageRequest } from '../graphql/connection.js';
import { badInput } from '../errors/domain-error.js';
import { ms } from '../db/raw.js';
import type { Context } from '../context.js';

/**
 * How far behind the clock a sync pass stops. A write stamps `updated_at`
 * with the time its transaction began and becomes visible only when it
 * commits; a pass that read up to "now" could page past a row that commits a
 * moment later with an earlier stamp, and the next sync (starting after this
 * pass's end) would never see it. Transactions here last milliseconds; five
 * seconds leaves a wide margin and delays a change by at most that long.
 */
export const SYNC_SETTLE_MS = 5_000;

/** Arguments every sync list takes. */
export interface SyncArgs {
  updatedSince?: Date | null;
  first?: number | null;
  after?: string | null;
}

/**
 * One table as an incremental-sync list: plain rows by one SQL statement
 * (no entities are built — a BI pass reads every row once), in
 * (changedAt, id) order.
 */
export interface SyncSource<Node> {
  table: string;
  /** The column a change stamps: `updated_at`; `created_at` for rows that never change; `closed_at` for survey waves (fixed once closed). */
  changedAt: 'updated_at' | 'created_at' | 'closed_at';
  /** Select list (columns of `table`, unqualified). */
  columns: string;
  /** A condition the viewer's role adds (e.g. staff-only rows), or null. */
  visibleTo?: (ctx: Context) => string | null;
  node(row: Record<string, unknown>): Node;
}

export interface SyncPage<Node> {
  nodes: Node[];
  pageInfo: PageInfo;
  syncedUntil: Date;
}

/** Makes `<Name>SyncConnection`: a page of a sync list (plain `nodes`; the cursor is on `pageInfo`). */
export function syncConnectionType<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}SyncConnection`, {
    description: `A page of an incremental sync of ${description}: rows changed after \`updatedSince\` and up to \`syncedUntil\`, oldest change first.`,
  })
  class SyncConnection {
    @Field(() => [nodeType], { description: `The ${description} of this page, by (updatedAt, id).` })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Pass `endCursor` as `after` while `hasNextPage` is true.' })
    pageInfo!: PageInfo;

    @Field(() => GraphQLDateTimeISO, {
      description:
        'Where this pass ends (the same on every page of it): rows changed later, also while paging, come in the next sync. Pass it as `updatedSince` next time.',
    })
    syncedUntil!: Date;
  }
  return SyncConnection;
}

/** An id column as read back (PostgreSQL may return bigints as strings), or null. */
export function idOf(value: unknown): number | null {
  return value == null ? null : Number(value);
}

/**
 * Reads one page of a sync pass. A pass covers changes in
 * (`updatedSince`, `syncedUntil`], where `syncedUntil` is fixed by the first
 * page (the clock minus SYNC_SETTLE_MS) and carried in every cursor. Rows are
 * ordered by (changedAt, id) and each page starts strictly after the previous
 * page's last (changedAt, id), so a row changed while the pass runs gets a
 * stamp after `syncedUntil`: it leaves this pass (never read twice, never
 * shifting what is left to read) and falls into the next one.
 */
export async function syncPage<Node>(ctx: Context, source: SyncSource<Node>, args: SyncArgs): Promise<SyncPage<Node>> {
  const page = pageRequest(args.first, args.after, ctx.config.limits.maxSyncPageSize);
  const sqlite = ctx.deps.db.kind === 'sqlite';
  // Datetimes are bound the way the ORM stores them: epoch milliseconds in SQLite, timestamps in PostgreSQL.
  const bind = (time: number) => (sqlite ? time : new Date(time));
  const column = source.changedAt;
  const where: string[] = [];
  const params: unknown[] = [];
  let until: number;
  if (page.after) {
    const [changed, id, end] = decodeCursor(page.after, 3);
    if (![changed, id, end].every(Number.isSafeInteger)) throw badInput('after', '`after` is not a cursor this list produced');
    until = end as number;
    where.push(`(${column}, id) > (?, ?)`);
    params.push(bind(changed as number), id);
  } else {
    until = ctx.deps.now().getTime() - SYNC_SETTLE_MS;
  }
  if (args.updatedSince) {
    where.push(`${column} > ?`);
    params.push(bind(args.updatedSince.getTime()));
  }
  where.push(`${column} <= ?`);
  params.push(bind(until));
  const visible = source.visibleTo?.(ctx);
  if (visible) where.push(visible);
  const rows = await ctx.em.execute<Array<Record<string, unknown>>>(
    `select ${source.columns}, ${column} as sync_changed_at from ${source.table} where ${where.join(' and ')} order by ${column}, id limit ?`,
    [...params, page.first + 1],
  );
  const hasNextPage = rows.length > page.first;
  const pageRows = hasNextPage ? rows.slice(0, page.first) : rows;
  const cursorOf = (row: Record<string, unknown>) => encodeCursor([ms(row.sync_changed_at), Number(row.id), until]);
  return {
    nodes: pageRows.map((row) => source.node(row)),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(page.after),
      startCursor: pageRows.length ? cursorOf(pageRows[0]!) : null,
      endCursor: pageRows.length ? cursorOf(pageRows.at(-1)!) : null,
    },
    syncedUntil: new Date(until),
  };
}
