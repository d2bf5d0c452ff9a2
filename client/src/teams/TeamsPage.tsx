import { t } from '../i18n/index.js';
import { useState } from 'react';
import { useAllTeams, type TeamNode } from './useAllTeams.js';
import { Link } from '../lib/router.js';
import { TeamSignalBadge } from '../leadership/figures.js';
import { problemsOf } from '../lib/errors.js';
import { Badge, EmptyState, ErrorState, PageHeader, Skeleton } from '../ui/components.js';
import { formatNumber } from '../ui/format.js';
import { ExportCsvButton } from '../ui/ExportCsvButton.js';
import { csvFilename, type CsvColumn } from '../ui/csv.js';

export function TeamsPage() {
  const { tree, teams, error, retry } = useAllTeams({ fresh: true });
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const toggle = (id: string) => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  const totalMembers = tree?.reduce((s, t) => s + t.totalMembers, 0) ?? 0;
  return (
    <div className="page page-narrow">
      <PageHeader
        title={t('teams.title')}
        subtitle={teams ? t('teams.subtitleCount', { teams: formatNumber(teams.length), members: formatNumber(totalMembers) }) : t('teams.subtitle')}
        actions={tree && tree.length > 0 ? <ExportCsvButton filename={csvFilename('teams')} columns={TEAMS_CSV()} load={async () => ({ rows: flatten(tree) })} /> : undefined}
      />
      {error ? (
        <ErrorState problems={problemsOf(error)} onRetry={retry} />
      ) : !tree ? (
        <div className="card">
          {[40, 55, 48, 62, 35].map((w, i) => (
            <div key={i} className="team-row">
              <Skeleton width={`${w}%`} />
            </div>
          ))}
        </div>
      ) : tree.length === 0 ? (
        <EmptyState title={t('teams.empty')} hint={t('teams.emptyHint')} />
      ) : (
        <div className="card card-flush">
          <div className="team-row team-row-head" aria-hidden="true">
            <span>{t('teams.colTeam')}</span>
            <span>{t('teams.colMembers')}</span>
            <span>{t('teams.colInclSub')}</span>
          </div>
          {/* Nested lists with disclosure buttons (not role="tree": links and buttons are reached with Tab, as everywhere else). */}
          <ul className="team-tree" aria-label={t('teams.title')}>
            {tree.map((node) => (
              <TeamItem key={node.id} node={node} collapsed={collapsed} toggle={toggle} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function TeamItem({ node, collapsed, toggle }: { node: TeamNode; collapsed: Set<string>; toggle: (id: string) => void }) {
  const open = !collapsed.has(node.id);
  const hasChildren = node.children.length > 0;
  return (
    <li>
      <div className="team-row" style={{ ['--depth' as string]: node.depth }}>
        <span className="team-name">
          {hasChildren ? (
            <button type="button" className={`tree-toggle${open ? ' is-open' : ''}`} aria-label={t('teams.subTeamsOf', { name: node.name })} aria-expanded={open} onClick={() => toggle(node.id)}>
              ▸
            </button>
          ) : (
            <span className="tree-toggle-spacer" />
          )}
          <Link to={`/teams/${node.id}`}>{node.name}</Link>
          {node.trustSignal && <TeamSignalBadge signal={node.trustSignal} />}
          {hasChildren && <span className="muted small"> {node.children.length} sub-teams</span>}
        </span>
        <span className="num">
          <Badge>{node.memberCount}</Badge>
        </span>
        <span className="num muted">{hasChildren ? node.totalMembers : ''}</span>
      </div>
      {hasChildren && open && (
        <ul>
          {node.children.map((child) => (
            <TeamItem key={child.id} node={child} collapsed={collapsed} toggle={toggle} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The tree in the order it is shown, parents before their sub-teams. */
const parentName = new Map<string, string>();
function flatten(nodes: TeamNode[]): TeamNode[] {
  return nodes.flatMap((n) => {
    for (const child of n.children) parentName.set(child.id, n.name);
    return [n, ...flatten(n.children)];
  });
}

/** The team hierarchy as a file: each team, its parent and its member counts. */
const TEAMS_CSV = (): CsvColumn<TeamNode>[] => [
  { header: t('teams.colTeam'), value: (n) => n.name },
  { header: t('csv3.parent'), value: (n) => parentName.get(n.id) },
  { header: t('teams.colMembers'), value: (n) => n.memberCount },
  { header: t('teams.colInclSub'), value: (n) => n.totalMembers },
];
