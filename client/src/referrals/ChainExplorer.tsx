import { t } from '../i18n/index.js';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { CombinedError, useClient } from 'urql';
import {
  CustomerChainQuery,
  EmployeeChainQuery,
  ReferralChainQuery,
  type ChainNode,
  type ChainPage,
  type Funnel,
  type ReferralStatus,
  type TreeStats,
} from './referrals.graphql.js';
import { layoutTree } from './treeLayout.js';
import { GenerationTable } from './GenerationTable.js';
import { FunnelBar } from './charts.js';
import { ReferralLiveProvider, useReferralLive } from './live.js';
import { LiveIndicator } from '../lib/live.js';
import { Link } from '../lib/router.js';
import { problemsOf, type Problem } from '../lib/errors.js';
import { humanEnum } from '../ui/format.js';
import { Button, ErrorState, Skeleton, Spinner } from '../ui/components.js';

/** What to draw: one referral tree (by its root), or everything one person set off. */
export type ChainSource = { type: 'referral'; rootId: string } | { type: 'customer'; id: string } | { type: 'employee'; id: string };

export const CHAIN_PAGE = 100;
export const CHAIN_MAX_DEPTH = 50;
const NODE_W = 168;
const NODE_H = 58;
const H_GAP = 20;
const V_GAP = 44;
const PAD = 24;

interface DrawNode {
  id: string;
  name: string;
  status: ReferralStatus | null;
  parentId: string | null;
  depth: number;
  /** The referral's generation (1 for a tree's root). */
  generation: number;
  engaged: boolean;
  /** The person at the top of a person's tree (not a referral). */
  person?: { path: string };
}

interface Loaded {
  key: string;
  nodes: DrawNode[];
  stats: TreeStats;
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  pages: number;
}

function sourceKey(source: ChainSource): string {
  return source.type === 'referral' ? `r:${source.rootId}` : `${source.type}:${source.id}`;
}

function fromNode(n: ChainNode, parentId: string | null, depth: number): DrawNode {
  return { id: n.id, name: n.referredName, status: n.status, parentId, depth, generation: n.generation, engaged: Boolean(n.engagedAt) || n.status === 'ENGAGED' || n.status === 'CONVERTED' };
}

/** The funnel of the nodes drawn (the tree's own, not the whole company's). */
export function treeFunnel(nodes: readonly Pick<DrawNode, 'status' | 'engaged'>[]): Funnel {
  const referrals = nodes.filter((n) => n.status);
  return {
    invited: referrals.length,
    engaged: referrals.filter((n) => n.engaged).length,
    converted: referrals.filter((n) => n.status === 'CONVERTED').length,
    rejected: referrals.filter((n) => n.status === 'REJECTED').length,
    expired: referrals.filter((n) => n.status === 'EXPIRED').length,
  };
}

/** Draws a referral tree (root + descendants) with its figures, refreshed live. */
export function ChainExplorer({ source, selectedId }: { source: ChainSource; selectedId?: string }) {
  return (
    <ReferralLiveProvider rootId={source.type === 'referral' ? source.rootId : undefined}>
      <ChainExplorerView source={source} selectedId={selectedId} />
    </ReferralLiveProvider>
  );
}

function ChainExplorerView({ source, selectedId }: { source: ChainSource; selectedId?: string }) {
  const client = useClient();
  const key = sourceKey(source);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<Problem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [highlight, setHighlight] = useState<ReadonlySet<string>>(new Set());
  const live = useReferralLive();
  const request = useRef(0);

  /** Loads `pages` pages (one per 100 referrals, breadth first) and swaps the drawing in one go. */
  const load = useCallback(
    async (pages: number, previous: Loaded | null, after: string | null = null): Promise<Loaded | null> => {
      const ticket = ++request.current;
      setBusy(true);
      try {
        let nodes: DrawNode[] = after && previous ? [...previous.nodes] : [];
        let stats: TreeStats | null = null;
        let page: ChainPage | null = null;
        let cursor = after;
        for (let i = 0; i < pages; i++) {
          const vars = { id: source.type === 'referral' ? source.rootId : source.id, first: CHAIN_PAGE, after: cursor, maxDepth: CHAIN_MAX_DEPTH };
          if (source.type === 'referral') {
            const r = await client.query(ReferralChainQuery, vars, { requestPolicy: 'network-only' }).toPromise();
            if (r.error || !r.data) throw r.error ?? new Error('No data');
            const root = r.data.referral.root;
            if (!cursor) nodes = [fromNode(root, null, 0)];
            stats = root.tree;
            page = root.descendants;
            for (const e of page.edges) nodes.push(fromNode(e.node, e.node.parent?.id ?? root.id, e.depth));
          } else {
            const r =
              source.type === 'customer'
                ? await client.query(CustomerChainQuery, vars, { requestPolicy: 'network-only' }).toPromise()
                : await client.query(EmployeeChainQuery, vars, { requestPolicy: 'network-only' }).toPromise();
            if (r.error || !r.data) throw r.error ?? new Error('No data');
            const person = 'customer' in r.data ? r.data.customer : r.data.employee;
            const personId = `person:${person.id}`;
            if (!cursor)
              nodes = [{ id: personId, name: person.name, status: null, parentId: null, depth: 0, generation: 0, engaged: false, person: { path: source.type === 'customer' ? `/customers/${person.id}` : `/people/${person.id}` } }];
            stats = person.referralStats;
            page = person.referralTree;
            // Generations counted from this person (1 = their own referrals), as in referralStats.
            for (const e of page.edges) nodes.push({ ...fromNode(e.node, e.depth === 1 || !e.node.parent ? personId : e.node.parent.id, e.depth), generation: e.depth });
          }
          cursor = page.pageInfo.endCursor;
          if (!page.pageInfo.hasNextPage) break;
        }
        if (ticket !== request.current) return null;
        const done = page!;
        const next: Loaded = {
          key,
          nodes,
          stats: stats!,
          totalCount: done.totalCount,
          endCursor: done.pageInfo.endCursor,
          hasNextPage: done.pageInfo.hasNextPage,
          pages: after && previous ? previous.pages + 1 : pages,
        };
        setLoaded(next);
        setError(null);
        return next;
      } catch (e) {
        if (ticket !== request.current) return null;
        setError(e instanceof CombinedError ? problemsOf(e) : [{ code: 'ERROR', title: t('explorer.loadTreeFailed'), message: String(e) }]);
        return null;
      } finally {
        if (ticket === request.current) setBusy(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, key],
  );

  const current = loaded?.key === key ? loaded : null;
  useEffect(() => {
    void load(1, null);
  }, [load]);

  // Live: refetch everything drawn (old drawing stays meanwhile), then flash what changed.
  const lastVersion = useRef(live.version);
  const previous = useRef(current);
  previous.current = current;
  useEffect(() => {
    if (live.version === lastVersion.current) return;
    lastVersion.current = live.version;
    const before = new Map((previous.current?.nodes ?? []).map((n) => [n.id, n.status]));
    const changedIds = new Set(live.changed);
    void load(previous.current?.pages ?? 1, null).then((next) => {
      if (!next) return;
      for (const n of next.nodes) if (!n.person && before.get(n.id) !== n.status) changedIds.add(n.id);
      setHighlight(changedIds);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live.version]);
  useEffect(() => {
    if (highlight.size === 0) return;
    const timer = setTimeout(() => setHighlight(new Set()), 2500);
    return () => clearTimeout(timer);
  }, [highlight]);

  if (error && !current) return <ErrorState problems={error} onRetry={() => void load(1, null)} title={t('explorer.loadThisFailed')} />;
  if (!current)
    return (
      <div className="explorer-grid" aria-busy="true" aria-label={t('explorer.loading')}>
        <div className="chain-viewport chain-loading">
          <Skeleton width={NODE_W} height={NODE_H} />
          <div className="chain-loading-row">
            <Skeleton width={NODE_W} height={NODE_H} />
            <Skeleton width={NODE_W} height={NODE_H} />
          </div>
        </div>
        <div className="explorer-side">
          <Skeleton width="70%" />
          <Skeleton width="50%" />
        </div>
      </div>
    );

  return (
    <ChainDrawing
      loaded={current}
      selectedId={selectedId}
      highlight={highlight}
      busy={busy}
      onLoadMore={() => void load(1, current, current.endCursor)}
    />
  );
}

function ChainDrawing({
  loaded,
  selectedId,
  highlight,
  busy,
  onLoadMore,
}: {
  loaded: Loaded;
  selectedId?: string;
  highlight: ReadonlySet<string>;
  busy: boolean;
  onLoadMore: () => void;
}) {
  const { nodes, stats } = loaded;
  const maxDepth = nodes.reduce((m, n) => Math.max(m, n.depth), 0);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => {
    // Big trees open three generations deep.
    if (nodes.length <= 60) return new Set();
    return new Set(nodes.filter((n) => n.depth === 2).map((n) => n.id));
  });
  const layout = useMemo(() => layoutTree(nodes, { nodeWidth: NODE_W, nodeHeight: NODE_H, hGap: H_GAP, vGap: V_GAP, collapsed }), [nodes, collapsed]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const funnel = useMemo(() => treeFunnel(nodes), [nodes]);
  const width = layout.width + PAD * 2;
  const height = layout.height + PAD * 2;

  // Zoom and pan: a transform on the canvas; drag the background to pan.
  const viewport = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ scale: 1, x: 0, y: 0 });
  const fit = useCallback(() => {
    const el = viewport.current;
    if (!el) return;
    const w = el.clientWidth || 800;
    const h = el.clientHeight || 420;
    const scale = Math.max(0.35, Math.min(1, w / width, h / height));
    let x = (w - width * scale) / 2;
    // Too wide even when shrunk: keep the selected node in view.
    if (x < 0 && selectedId) {
      const node = layout.nodes.find((n) => n.id === selectedId);
      if (node) x = Math.min(0, Math.max(w - width * scale, w / 2 - (node.x + PAD + NODE_W / 2) * scale));
      else x = 0;
    } else if (x < 0) x = 0;
    setView({ scale, x, y: Math.max(0, (h - height * scale) / 2) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, height, selectedId]);
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current) return;
    fitted.current = true;
    fit();
  }, [fit]);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('a, button')) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
  };
  const zoom = (factor: number) =>
    setView((v) => {
      const el = viewport.current;
      const cx = (el?.clientWidth ?? 800) / 2;
      const cy = (el?.clientHeight ?? 420) / 2;
      const scale = Math.min(2, Math.max(0.25, v.scale * factor));
      return { scale, x: cx - ((cx - v.x) * scale) / v.scale, y: cy - ((cy - v.y) * scale) / v.scale };
    });

  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const showLevels = (levels: number | 'all') => setCollapsed(levels === 'all' ? new Set() : new Set(nodes.filter((n) => n.depth === levels - 1).map((n) => n.id)));

  return (
    <div className="explorer-grid">
      <div className="explorer-main">
        <div className="tree-toolbar chain-toolbar">
          <div className="chain-toolbar-left">
            <label className="chain-levels">
              <span>{t('explorer.show')}</span>
              <select
                aria-label={t('explorer.generationsShown')}
                defaultValue="all"
                onChange={(e) => showLevels(e.target.value === 'all' ? 'all' : Number(e.target.value))}
              >
                <option value="all">{t('explorer.allGenerations')}</option>
                {Array.from({ length: Math.max(0, maxDepth) }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {t('explorer.generations', { count: n })}
                  </option>
                ))}
              </select>
            </label>
            {busy && <Spinner size="sm" label={t('explorer.refreshing')} />}
          </div>
          <div className="tree-toolbar-buttons">
            <LiveIndicator />
            <Button size="sm" className="btn-icon" aria-label={t('explorer.zoomOut')} onClick={() => zoom(1 / 1.2)}>
              −
            </Button>
            <Button size="sm" className="btn-icon" aria-label={t('explorer.zoomIn')} onClick={() => zoom(1.2)}>
              +
            </Button>
            <Button size="sm" onClick={fit}>
              {t('explorer.fit')}
            </Button>
          </div>
        </div>
        <div
          className="chain-viewport"
          ref={viewport}
          style={{ height: Math.min(520, Math.max(180, height + 2)) }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
          onWheel={(e) => {
            if (!e.ctrlKey && !e.metaKey) return;
            e.preventDefault();
            zoom(e.deltaY < 0 ? 1.1 : 1 / 1.1);
          }}
        >
          <div
            className="chain-canvas"
            role="list"
            aria-label={t('explorer.tree')}
            style={{ width, height, transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
          >
            <svg className="chain-links" width={width} height={height} aria-hidden="true">
              {layout.links.map((l) => {
                const midY = (l.y1 + l.y2) / 2;
                const child = byId.get(l.to);
                return (
                  <path
                    key={`${l.from}-${l.to}`}
                    d={`M${l.x1 + PAD},${l.y1 + PAD} C${l.x1 + PAD},${midY + PAD} ${l.x2 + PAD},${midY + PAD} ${l.x2 + PAD},${l.y2 + PAD}`}
                    className={`chain-link-line${child?.status === 'CONVERTED' ? ' is-converted' : ''}${child?.status === 'REJECTED' || child?.status === 'EXPIRED' ? ' is-closed' : ''}`}
                  />
                );
              })}
            </svg>
            {layout.nodes.map((p) => {
              const n = byId.get(p.id)!;
              const cls = [
                'chain-node',
                n.person ? 'is-person' : '',
                n.status ? `status-${n.status.toLowerCase()}` : '',
                p.id === selectedId ? 'is-selected' : '',
                highlight.has(p.id) ? 'is-changed' : '',
              ]
                .filter(Boolean)
                .join(' ');
              const isCollapsed = collapsed.has(p.id) && p.childCount > 0;
              return (
                <div
                  key={p.id}
                  className={cls}
                  role="listitem"
                  aria-current={p.id === selectedId ? 'true' : undefined}
                  data-id={p.id}
                  data-status={n.status ?? 'PERSON'}
                  style={{ left: p.x + PAD, top: p.y + PAD, width: NODE_W, height: NODE_H }}
                >
                  <Link to={n.person ? n.person.path : `/referrals/${n.id}`} className="chain-node-name" title={n.name}>
                    {n.name}
                  </Link>
                  <span className="chain-node-meta">
                    {n.person ? (
                      t('explorer.referrer')
                    ) : (
                      <>
                        <span className="chain-node-dot" aria-hidden="true" />
                        {humanEnum(n.status)} · {t('explorer.gen', { n: n.generation })}
                      </>
                    )}
                  </span>
                  {p.childCount > 0 && (
                    <button
                      type="button"
                      className="chain-node-toggle"
                      aria-label={isCollapsed ? t('explorer.showBelow', { count: p.hidden, name: n.name }) : t('explorer.hideBelow', { name: n.name })}
                      aria-expanded={!isCollapsed}
                      onClick={() => toggle(p.id)}
                    >
                      {isCollapsed ? `+${p.hidden}` : '−'}
                    </button>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div className="chain-footer">
          <span className="muted small">
            {loaded.hasNextPage
              ? t('explorer.showingOf', { shown: nodes.length - 1, total: loaded.totalCount })
              : loaded.totalCount === 0
                ? t('explorer.nothingBelow')
                : t('explorer.belowTop', { count: loaded.totalCount })}
          </span>
          {loaded.hasNextPage && (
            <Button size="sm" busy={busy} onClick={onLoadMore}>
              {t('explorer.loadMore')}
            </Button>
          )}
        </div>
      </div>
      <aside className="explorer-side" aria-label={t('explorer.figures')}>
        <div className="explorer-side-figures">
        <dl className="stat-tiles">
          <div>
            <dt>{t('explorer.size')}</dt>
            <dd>{stats.size}</dd>
          </div>
          <div>
            <dt>{t('explorer.depth')}</dt>
            <dd>{stats.depth}</dd>
          </div>
          <div>
            <dt>{t('explorer.converted')}</dt>
            <dd>{stats.converted}</dd>
          </div>
        </dl>
        <div>
          <h3 className="section-label">{t('explorer.funnel')}</h3>
          <FunnelBar funnel={funnel} />
        </div>
        </div>
        <div>
          <h3 className="section-label">{t('explorer.generations')}</h3>
          <GenerationTable generations={stats.generations} caption={t('explorer.perGenerationTree')} />
        </div>
      </aside>
    </div>
  );
}
