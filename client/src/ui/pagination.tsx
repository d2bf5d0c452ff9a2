import { t, useT } from '../i18n/index.js';
import { useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { problemsOf } from '../lib/errors.js';
import { Button, ErrorState, Spinner } from './components.js';
import { formatNumber } from './format.js';
import { useScrollableRegion } from './hooks.js';

/** The part of a GraphQL connection's `pageInfo` that paging forward needs. */
export interface NextPageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface CursorPages {
  /** The cursor to pass as `after` for the page on screen (null on page one). */
  after: string | null;
  /** Zero-based number of the page on screen. */
  pageIndex: number;
  next: (endCursor: string | null) => void;
  previous: () => void;
}

/**
 * Previous/next paging over a cursor connection. The API only pages forward,
 * so the `after` cursors already visited are kept as a stack and "previous"
 * pops one. The stack is tied to `filterKey` (e.g. the serialised filter and
 * sort): when that changes, the list starts again at page one in the same
 * render, without first asking for a cursor that belongs to the old filter
 * (so there is no separate reset to call).
 */
export function useCursorPages(filterKey: string): CursorPages {
  const [cursors, setCursors] = useState<{ key: string; stack: Array<string | null> }>({ key: filterKey, stack: [null] });
  const stack = cursors.key === filterKey ? cursors.stack : [null];
  return {
    after: stack[stack.length - 1],
    pageIndex: stack.length - 1,
    next: (endCursor) => setCursors({ key: filterKey, stack: [...stack, endCursor] }),
    previous: () => setCursors({ key: filterKey, stack: stack.slice(0, -1) }),
  };
}

/** "Showing 26–50 of 120" for page `pageIndex` of a list showing `rowsShown` rows. */
export function describeRange(pageIndex: number, pageSize: number, rowsShown: number, totalCount: number): string {
  const first = pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + rowsShown;
  return t('common.showingRange', { first: formatNumber(first), last: formatNumber(last), total: formatNumber(totalCount) });
}

/** The footer under a paged list: what is shown, and Previous/Next buttons. */
export function Pager({
  pages,
  pageInfo,
  summary,
  fetching,
  label,
}: {
  pages: CursorPages;
  pageInfo: NextPageInfo;
  summary: string;
  /** Shows a spinner while the next page loads (the current one stays on screen). */
  fetching: boolean;
  /** The navigation landmark's name; give each pager on one page its own. */
  label?: string;
}) {
  const { t } = useT();
  return (
    <nav className="pagination" aria-label={label ?? t('common.pagination')}>
      <span className="pagination-info">
        {fetching && <Spinner size="sm" />} {summary}
      </span>
      <div className="pagination-buttons">
        <Button size="sm" disabled={pages.pageIndex === 0} onClick={pages.previous}>
          {t('common.previous')}
        </Button>
        <Button size="sm" disabled={!pageInfo.hasNextPage} onClick={() => pages.next(pageInfo.endCursor)}>
          {t('common.next')}
        </Button>
      </div>
    </nav>
  );
}

/**
 * The body of a paged list page around its table: the error (only when there
 * is nothing to show), then the table, then `empty` when the page has no rows
 * or the pager when it has some.
 */
export function PagedList({
  result,
  onRetry,
  connection,
  pages,
  pageSize,
  empty,
  children,
}: {
  result: { data?: unknown; error?: CombinedError; fetching: boolean };
  onRetry: () => void;
  /** The connection on screen: the query's, or the last one while it refetches. */
  connection: { totalCount: number; pageInfo: NextPageInfo; edges: unknown[] } | undefined;
  pages: CursorPages;
  pageSize: number;
  empty: ReactNode;
  children: ReactNode;
}) {
  const { t } = useT();
  const scroller = useScrollableRegion<HTMLDivElement>(t('common.tableScrollsSideways'));
  if (result.error && !result.data) return <ErrorState problems={problemsOf(result.error)} onRetry={onRetry} />;
  return (
    <div className="table-wrap" aria-busy={result.fetching} ref={scroller}>
      {children}
      {connection && connection.edges.length === 0 && empty}
      {connection && connection.edges.length > 0 && (
        <Pager pages={pages} pageInfo={connection.pageInfo} fetching={result.fetching} summary={describeRange(pages.pageIndex, pageSize, connection.edges.length, connection.totalCount)} />
      )}
    </div>
  );
}
