import { Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { DomainError, badInput } from '../errors/domain-error.js';

@ObjectType({ description: 'Relay-style pagination state of a connection.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow the last edge.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when items precede the first edge (`after` was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null when empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Order of a sorted list.',
  valuesConfig: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});

/** What a connection resolver hands back; `totalCount` is lazy so the count runs only when asked for. */
export interface ConnectionResult<T, E extends object = object> {
  edges: Array<{ cursor: string; node: T } & E>;
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

/**
 * Makes `<Name>Connection` and `<Name>Edge` object types for a node type.
 * `edgeFields` lets an edge carry facts about the relation (e.g. `depth`).
 */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${description} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this edge; pass as `after` to continue from here.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${description}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${description} items (Relay connection).` })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page, in order.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list under the given filter (not just this page).' })
    totalCount!: number;
  }
  return { Edge, Connection };
}

export interface PageRequest {
  first: number;
  after?: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Checks `first` against the configured maximum: too large is an error, never a silent cut. */
export function pageRequest(first: number | null | undefined, after: string | null | undefined, maxPageSize: number): PageRequest {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0) throw badInput('first', '`first` must be a non-negative integer');
  if (size > maxPageSize) {
    throw new DomainError('PAGE_SIZE_EXCEEDED', `\`first\` may be at most ${maxPageSize}, got ${size}`, {
      field: 'first',
      maximum: maxPageSize,
    });
  }
  return { first: size, after: after ?? null };
}

export function encodeCursor(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === arity) return parts;
  } catch {
    // fall through to the error below
  }
  throw badInput('after', '`after` is not a cursor this list produced');
}

/** Offset cursors, for lists computed by one SQL statement (trees, histories). */
export function offsetWindow(page: PageRequest): { offset: number; limit: number } {
  if (!page.after) return { offset: 0, limit: page.first };
  const [offset] = decodeCursor(page.after, 1);
  if (!Number.isInteger(offset) || (offset as number) < 0) throw badInput('after', '`after` is not a cursor this list produced');
  return { offset: (offset as number) + 1, limit: page.first };
}

/**
 * An edge whose cursor is encoded when a client reads it: most queries ask for the page's `endCursor`
 * only, and a list with 5 reports per row would otherwise encode 120 cursors per 20 rows.
 */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly index: number,
    private readonly cursorOf: (row: T, index: number) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.node, this.index);
  }
}

/** Builds a connection from rows fetched with `limit + 1` (the extra row only says whether more follow). */
export function toConnection<T, E extends object = object>(
  rows: T[],
  page: PageRequest,
  cursorOf: (row: T, index: number) => string,
  totalCount: () => number | Promise<number>,
  edgeExtra?: (row: T, index: number) => E,
): ConnectionResult<T, E> {
  const hasNextPage = rows.length > page.first;
  const pageRows = hasNextPage ? rows.slice(0, page.first) : rows;
  const edges = pageRows.map((node, index) => {
    const edge = new Edge(node, index, cursorOf);
    return (edgeExtra ? Object.assign(edge, edgeExtra(node, index)) : edge) as Edge<T> & E;
  });
  let count: number | Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(page.after),
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    get totalCount() {
      count ??= totalCount();
      return count;
    },
  };
}

/**
 * A page of a list that one SQL statement computes in order (trees, chain
 * walks): offset cursors, `limit + 1` rows to learn whether more follow, the
 * nodes loaded in one batch, and facts about each row (its depth, …) kept on
 * its edge.
 */
export async function offsetConnection<R, N, E extends object>(
  page: PageRequest,
  fetchRows: (window: { offset: number; limit: number }) => Promise<R[]>,
  loadNodes: (rows: R[]) => Promise<N[]>,
  totalCount: () => number | Promise<number>,
  edgeExtra: (row: R) => E,
): Promise<ConnectionResult<N, E>> {
  const window = offsetWindow(page);
  const rows = await fetchRows({ offset: window.offset, limit: window.limit + 1 });
  const nodes = await loadNodes(rows);
  return toConnection(nodes, page, (_, i) => encodeCursor([window.offset + i]), totalCount, (_, i) => edgeExtra(rows[i]!));
}
