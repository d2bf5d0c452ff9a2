import { t } from '../i18n/index.js';
import { formatNumber } from '../ui/format.js';
import { useRef, useState } from 'react';
import { useQuery } from 'urql';
import { TeamQuery } from './teams.graphql.js';
import { Link, useRouter } from '../lib/router.js';
import { problemsOf } from '../lib/errors.js';
import { LiveIndicator, useRefetchOnLive } from '../lib/live.js';
import { TeamSignalBadge, TeamSignalNotice } from '../leadership/figures.js';
import { Avatar, Badge, Button, Card, EmptyState, ErrorState, PageHeader, SkeletonRows, StatusBadge } from '../ui/components.js';

const PAGE = 25;

export function TeamPage({ id }: { id: string }) {
  const { navigate } = useRouter();
  const [includeSubTeams, setIncludeSubTeams] = useState(false);
  const [stack, setStack] = useState<Array<string | null>>([null]);
  const after = stack[stack.length - 1];
  const [result, reexecute] = useQuery({ query: TeamQuery, variables: { id, first: PAGE, after, includeSubTeams } });
  useRefetchOnLive(reexecute);
  const kept = useRef(result.data);
  if (result.data) kept.current = result.data;
  const data = result.data ?? (result.fetching && kept.current?.team.id === id ? kept.current : undefined);
  const team = data?.team;

  if (result.error && !data) return <div className="page"><ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} /></div>;

  const trail = team ? [...team.ancestors].reverse() : [];
  const members = team?.members;
  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('team.breadcrumb')}>
        <Link to="/teams">{t('teams.title')}</Link>
        {trail.map((t) => (
          <span key={t.id} className="breadcrumb-part">
            <span aria-hidden="true">/</span>
            <Link to={`/teams/${t.id}`}>{t.name}</Link>
          </span>
        ))}
        <span aria-hidden="true">/</span>
        <span aria-current="page">{team?.name ?? '…'}</span>
      </nav>
      <PageHeader
        title={team?.name ?? '…'}
        subtitle={team ? `${t('team.members', { count: team.memberCount })}${team.children.length ? t('team.subTeams', { count: team.children.length }) : ''}` : ' '}
        actions={
          <>
            <LiveIndicator />
            {team && (
              <>
                <Link className="btn btn-secondary" to={`/leadership/heatmap?parent=${team.id}`}>
                  {t('team.heatmap')}
                </Link>
                <Link className="btn btn-secondary" to={`/people?team=${team.id}${includeSubTeams ? '&sub=1' : ''}`}>
                  {t('team.openInPeople')}
                </Link>
              </>
            )}
          </>
        }
      />
      {team?.trustSignal && <TeamSignalNotice team={team} signal={team.trustSignal} rules={data?.trustSignalRules} />}
      {team && team.children.length > 0 && (
        <Card title={t('team.subTeamsTitle')} className="card-compact">
          <ul className="chips">
            {team.children.map((c) => (
              <li key={c.id}>
                <Link to={`/teams/${c.id}`} className="chip">
                  {c.name} {c.trustSignal && <TeamSignalBadge signal={c.trustSignal} link={false} />} <Badge>{c.memberCount}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card
        title={`Members${members ? ` (${members.totalCount})` : ''}`}
        actions={
          team && team.children.length > 0 ? (
            <label className="toolbar-check">
              <input
                type="checkbox"
                checked={includeSubTeams}
                onChange={(e) => {
                  setIncludeSubTeams(e.target.checked);
                  setStack([null]);
                }}
              />
              {t('team.includeSubTeams')}
            </label>
          ) : undefined
        }
        className="card-flush"
      >
        <table className="table table-clickable">
          <thead>
            <tr>
              <th scope="col">{t('team.colName')}</th>
              <th scope="col">{t('team.colTitle')}</th>
              {includeSubTeams && <th scope="col">{t('team.colTeam')}</th>}
              <th scope="col">{t('team.colLeader')}</th>
              <th scope="col">{t('team.colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {!members && <SkeletonRows rows={6} columns={4} />}
            {members?.edges.map(({ node }) => (
              <tr key={node.id} onClick={() => navigate(`/people/${node.id}`)}>
                <td>
                  <div className="person-cell">
                    <Avatar name={node.name} />
                    <div>
                      <Link to={`/people/${node.id}`} className="person-name" onClick={(e) => e.stopPropagation()}>
                        {node.name}
                      </Link>
                      <div className="person-sub">{node.email}</div>
                    </div>
                  </div>
                </td>
                <td>{node.title ?? <span className="muted">—</span>}</td>
                {includeSubTeams && <td>{node.team?.name}</td>}
                <td>{node.leader?.name ?? <span className="muted">—</span>}</td>
                <td>
                  <StatusBadge status={node.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {members && members.edges.length === 0 && <EmptyState title={t('team.noMembers')} hint={t('team.noMembersHint')} />}
        {members && (stack.length > 1 || members.pageInfo.hasNextPage) && (
          <nav className="pagination" aria-label={t('common.pagination')}>
            <span className="pagination-info">
              {t('common.showingRange', { first: formatNumber((stack.length - 1) * PAGE + 1), last: formatNumber((stack.length - 1) * PAGE + members.edges.length), total: formatNumber(members.totalCount) })}
            </span>
            <div className="pagination-buttons">
              <Button size="sm" disabled={stack.length === 1} onClick={() => setStack(stack.slice(0, -1))}>
                {t('common.previous')}
              </Button>
              <Button size="sm" disabled={!members.pageInfo.hasNextPage} onClick={() => setStack([...stack, members.pageInfo.endCursor])}>
                {t('common.next')}
              </Button>
            </div>
          </nav>
        )}
      </Card>
    </div>
  );
}
