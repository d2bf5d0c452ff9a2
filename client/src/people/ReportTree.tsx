import { t } from '../i18n/index.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { ReportTreeQuery, type PageInfo, type ReportEdge } from './people.graphql.js';
import { useRefetchOnLive } from '../lib/live.js';
import { Link } from '../lib/router.js';
import { problemsOf } from '../lib/errors.js';
import { Avatar, Badge, Button, ErrorState, Skeleton } from '../ui/components.js';
import { formatNumber } from '../ui/format.js';

interface TreeNode {
  edge: ReportEdge;
  children: TreeNode[];
  descendants: number;
}

const MAX_DEPTH = 10;
const PAGE = 100;

function buildTree(rootId: string, edges: ReportEdge[]): TreeNode[] {
  const byLeader = new Map<string, TreeNode[]>();
  const nodes = edges.map((edge) => ({ edge, children: [] as TreeNode[], descendants: 0 }));
  for (const node of nodes) {
    const list = byLeader.get(node.edge.leaderId) ?? [];
    list.push(node);
    byLeader.set(node.edge.leaderId, list);
  }
  for (const node of nodes) node.children = byLeader.get(node.edge.node.id) ?? [];
  const count = (node: TreeNode): number => (node.descendants = node.children.reduce((sum, c) => sum + 1 + count(c), 0));
  const roots = byLeader.get(rootId) ?? [];
  roots.forEach(count);
  return roots;
}

/** Everyone below a leader, as a collapsible tree (breadth-first pages of 100, "load more" appends). */
export function ReportTree({ employeeId }: { employeeId: string }) {
  const client = useClient();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const initialised = useRef(false);
  const [result, reexecute] = useQuery({ query: ReportTreeQuery, variables: { id: employeeId, first: PAGE, after: null, maxDepth: MAX_DEPTH } });
  useRefetchOnLive(reexecute);
  const kept = useRef(result.data);
  if (result.data) kept.current = result.data;
  const data = result.data ?? (result.fetching ? kept.current : undefined);

  const [more, setMore] = useState<{ edges: ReportEdge[]; pageInfo: PageInfo }[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => setMore([]), [result.data]);

  const edges = useMemo(() => [...(data?.employee.allReports.edges ?? []), ...more.flatMap((m) => m.edges)], [data, more]);
  const tree = useMemo(() => buildTree(employeeId, edges), [employeeId, edges]);
  // Large trees open with only the direct reports showing (each with its head count); small ones fully open.
  useEffect(() => {
    if (initialised.current || !data) return;
    initialised.current = true;
    if (data.employee.allReports.totalCount > 25) setCollapsed(new Set(tree.filter((n) => n.children.length).map((n) => n.edge.node.id)));
  }, [data, tree]);
  const lastPage = more.length ? more[more.length - 1].pageInfo : data?.employee.allReports.pageInfo;

  if (result.error && !data) return <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data)
    return (
      <div className="tree-skeleton" aria-label={t('teams.loadingReports')}>
        {[70, 55, 62].map((w, i) => (
          <Skeleton key={i} width={`${w}%`} height="1.1em" />
        ))}
      </div>
    );
  const total = data.employee.allReports.totalCount;
  if (total === 0) return <p className="muted">{t('teams.nobodyReports')}</p>;

  const loadMore = async () => {
    if (!lastPage?.endCursor) return;
    setLoadingMore(true);
    const page = await client.query(ReportTreeQuery, { id: employeeId, first: PAGE, after: lastPage.endCursor, maxDepth: MAX_DEPTH }).toPromise();
    setLoadingMore(false);
    if (page.data) setMore((m) => [...m, page.data!.employee.allReports]);
  };
  const toggle = (id: string) => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  const leaders = new Set(edges.map((e) => e.leaderId));
  const withChildren = edges.filter((e) => leaders.has(e.node.id)).map((e) => e.node.id);

  return (
    <div className="report-tree">
      <div className="tree-toolbar">
        <span className="muted">
          {t('teams.below', { count: total, depth: MAX_DEPTH })}
        </span>
        {withChildren.length > 0 && (
          <span className="tree-toolbar-buttons">
            <Button size="sm" variant="ghost" onClick={() => setCollapsed(new Set())}>
              {t('teams.expandAll')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setCollapsed(new Set(withChildren))}>
              {t('teams.collapseAll')}
            </Button>
          </span>
        )}
      </div>
      {/* Nested lists with disclosure buttons (not role="tree": links and buttons are reached with Tab, as everywhere else). */}
      <ul className="tree" aria-label={t('teams.everyoneBelow')}>
        {tree.map((node) => (
          <TreeItem key={node.edge.node.id} node={node} collapsed={collapsed} toggle={toggle} />
        ))}
      </ul>
      {lastPage?.hasNextPage && (
        <Button size="sm" busy={loadingMore} onClick={loadMore}>
          Load more ({formatNumber(total - edges.length)} more)
        </Button>
      )}
    </div>
  );
}

function TreeItem({ node, collapsed, toggle }: { node: TreeNode; collapsed: Set<string>; toggle: (id: string) => void }) {
  const { edge } = node;
  const isCollapsed = collapsed.has(edge.node.id);
  const hasChildren = node.children.length > 0;
  return (
    <li className="tree-item">
      <div className="tree-row">
        {hasChildren ? (
          <button
            type="button"
            className={`tree-toggle${isCollapsed ? '' : ' is-open'}`}
            aria-label={t('teams.reportsOf', { name: edge.node.name })}
            aria-expanded={!isCollapsed}
            onClick={() => toggle(edge.node.id)}
          >
            ▸
          </button>
        ) : (
          <span className="tree-toggle-spacer" />
        )}
        <Avatar name={edge.node.name} size="sm" />
        <Link to={`/people/${edge.node.id}`} className="tree-name">
          {edge.node.name}
        </Link>
        <span className="tree-meta">{[edge.node.title, edge.node.team?.name].filter(Boolean).join(' · ')}</span>
        {hasChildren && <Badge>{node.descendants}</Badge>}
        {edge.node.status === 'EXITED' && <Badge tone="muted">{t('common.exited')}</Badge>}
      </div>
      {hasChildren && !isCollapsed && (
        <ul>
          {node.children.map((child) => (
            <TreeItem key={child.edge.node.id} node={child} collapsed={collapsed} toggle={toggle} />
          ))}
        </ul>
      )}
    </li>
  );
}
