import { t } from '../i18n/index.js';
import { Fragment, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { EmployeeQuery, type EmployeeDetail, type RelationshipItem } from './people.graphql.js';
import { AssignLeaderForm } from './AssignLeaderForm.js';
import { ServiceAgreementCard } from './ServiceAgreementCard.js';
import { CheckInsCard } from './CheckInsCard.js';
import { RecordExitDialog } from './RecordExitForm.js';
import { ReportTree } from './ReportTree.js';
import { EmployeeReferralsCard } from '../referrals/EmployeeReferralsCard.js';
import { LiveIndicator, useRefetchOnLive } from '../lib/live.js';
import { Link } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { problemsOf } from '../lib/errors.js';
import { formatDate, humanEnum } from '../ui/format.js';
import { Avatar, Badge, Button, Card, ErrorState, Skeleton, StatusBadge } from '../ui/components.js';
import { ProfileHeader, ProfileHeaderSkeleton } from '../ui/ProfileHeader.js';
import { EmailLanguageControl } from '../outbox/EmailLanguage.js';
import { MessageHistoryCard } from '../outbox/MessageHistoryCard.js';

const END_REASONS = (reason: NonNullable<RelationshipItem['endReason']>): string => t(`employee.end${reason}`);

export function EmployeePage({ id }: { id: string }) {
  const { isAdmin } = useSession();
  const [result, reexecute] = useQuery({ query: EmployeeQuery, variables: { id, withAgreement: isAdmin } });
  useRefetchOnLive(reexecute);
  const kept = useRef(result.data);
  if (result.data) kept.current = result.data;
  const data = result.data ?? (result.fetching && kept.current?.employee.id === id ? kept.current : undefined);

  if (result.error && !data) {
    const problems = problemsOf(result.error);
    return (
      <div className="page">
        <Breadcrumb name={t('employee.notFound')} />
        <ErrorState
          title={problems.some((p) => p.code === 'NOT_FOUND') ? t('employee.doesNotExist') : t('employee.loadFailed')}
          problems={problems}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (!data) return <EmployeeSkeleton />;
  return <EmployeeView employee={data.employee} isAdmin={isAdmin} refresh={() => reexecute({ requestPolicy: 'network-only' })} />;
}

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label={t('employee.breadcrumb')}>
      <Link to="/people">{t('employee.people')}</Link>
      <span aria-hidden="true">/</span>
      <span aria-current="page">{name}</span>
    </nav>
  );
}

function EmployeeView({ employee: e, isAdmin, refresh }: { employee: EmployeeDetail; isAdmin: boolean; refresh: () => void }) {
  const [assigning, setAssigning] = useState(false);
  const [exiting, setExiting] = useState(false);
  const chain = [...e.leaderChain].reverse(); // top first
  const active = e.status === 'ACTIVE';

  return (
    <div className="page">
      <Breadcrumb name={e.name} />
      <ProfileHeader
        name={e.name}
        badges={<StatusBadge status={e.status} />}
        subtitle={
          <>
            {e.title ?? t('employee.noTitle')}
            {e.team && (
              <>
                {' · '}
                <Link to={`/teams/${e.team.id}`}>{e.team.name}</Link>
              </>
            )}
          </>
        }
        facts={[
          { label: t('employee.email'), value: <a href={`mailto:${e.email}`}>{e.email}</a> },
          { label: t('employee.hired'), value: formatDate(e.hiredAt) },
          { label: t('employee.emailLanguage'), value: <EmailLanguageControl kind="employee" id={e.id} language={e.language} canEdit={isAdmin} /> },
          e.exitedAt && {
            label: t('employee.left'),
            value: (
              <>
                {formatDate(e.exitedAt)} · {humanEnum(e.exitReason)}
                {e.exitRegretted !== null && <> · {e.exitRegretted ? t('employee.regretted') : t('employee.notRegretted')}</>}
              </>
            ),
          },
          { label: t('employee.directReports'), value: e.reports.totalCount },
        ]}
        actions={
          <>
            <LiveIndicator />
            {isAdmin && active && (
              <Button variant="danger" onClick={() => setExiting(true)}>
                {t('employee.recordExit')}
              </Button>
            )}
          </>
        }
      />

      <section className="reporting-line" aria-label={t('employee.reportingLine')}>
        <h2 className="section-label">{t('employee.reportingLine')}</h2>
        <ol className="chain">
          {chain.length === 0 && <li className="muted">{t('employee.noLeader')}</li>}
          {chain.map((leader, i) => (
            <Fragment key={leader.id}>
              <li>
                <Link to={`/people/${leader.id}`} className="chain-link">
                  <Avatar name={leader.name} size="sm" />
                  <span className="chain-text">
                    <span className="chain-name">{leader.name}</span>
                    {leader.title && <span className="chain-title">{leader.title}</span>}
                  </span>
                </Link>
                {i === chain.length - 1 && <span className="chain-note">{t('employee.directLeader')}</span>}
              </li>
              <li className="chain-sep" aria-hidden="true">
                →
              </li>
            </Fragment>
          ))}
          <li aria-current="true" className="chain-self">
            <Avatar name={e.name} size="sm" />
            <span className="chain-name">{e.name}</span>
          </li>
        </ol>
      </section>

      <div className="grid-2">
        <div className="stack">
          <Card
            title={t('employee.leader')}
            actions={
              isAdmin && active && !assigning ? (
                <Button size="sm" variant="primary" onClick={() => setAssigning(true)}>
                  {e.leader ? t('employee.changeLeader') : t('employee.assignLeader')}
                </Button>
              ) : undefined
            }
          >
            {e.leader ? (
              <div className="leader-current">
                <Avatar name={e.leader.name} />
                <div>
                  <Link to={`/people/${e.leader.id}`} className="person-name" data-testid="current-leader">
                    {e.leader.name}
                  </Link>
                  <div className="person-sub">
                    {e.leader.title ?? t('employee.leader')}
                    {e.currentRelationship && <>{t('delta.sinceDate', { date: formatDate(e.currentRelationship.startedAt) })}</>}
                  </div>
                </div>
              </div>
            ) : (
              <p className="muted" data-testid="current-leader">
                {t('employee.nobodyLeads', { name: e.name.split(' ')[0] })}
              </p>
            )}
            {assigning && (
              <div className="inline-form">
                <AssignLeaderForm member={e} currentLeaderId={e.leader?.id} onDone={() => setAssigning(false)} onCancel={() => setAssigning(false)} />
              </div>
            )}
          </Card>

          {e.currentRelationship?.serviceAgreement && e.leader ? (
            <>
              <ServiceAgreementCard
                relationshipId={e.currentRelationship.id}
                agreement={e.currentRelationship.serviceAgreement}
                leaderName={e.leader.name}
                canEdit={isAdmin}
                history={e.currentRelationship.agreementHistory}
              />
              {e.currentRelationship.checkIns && (
                <CheckInsCard
                  relationshipId={e.currentRelationship.id}
                  startedAt={e.currentRelationship.startedAt}
                  checkIns={e.currentRelationship.checkIns}
                  leaderName={e.leader.name}
                  onRecorded={refresh}
                />
              )}
            </>
          ) : (
            isAdmin && (
              <Card title={t('employee.serviceAgreement')}>
                <p className="muted">{t('employee.serviceAgreementNeedsLeader')}</p>
              </Card>
            )
          )}

          <Card title={t('employee.relationshipHistory')}>
            <History items={e.leadershipHistory} />
          </Card>
        </div>
        <div className="stack">
          <Card
            title={t('employee.teamBelow', { name: e.name.split(' ')[0] })}
            actions={
              e.reports.totalCount > 0 ? (
                <Link to={`/leadership/${e.id}`} className="btn btn-secondary btn-sm" aria-label={t('employee.scorecardOf', { name: e.name })}>
                  {t('employee.scorecard')}
                </Link>
              ) : undefined
            }
          >
            <ReportTree employeeId={e.id} />
          </Card>
          <EmployeeReferralsCard employeeId={e.id} />
        </div>
      </div>

      {isAdmin && <MessageHistoryCard employeeId={e.id} />}
      {exiting && <RecordExitDialog employee={e} onClose={() => setExiting(false)} />}
    </div>
  );
}

function History({ items }: { items: RelationshipItem[] }) {
  if (items.length === 0) return <p className="muted">{t('employee.noRelationships')}</p>;
  return (
    <ol className="timeline" aria-label={t('employee.relationshipHistory')}>
      {items.map((r) => (
        <li key={r.id} className={`timeline-item${r.active ? ' is-active' : ''}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <div className="timeline-content">
            <div className="timeline-head">
              <Link to={`/people/${r.leader.id}`} className="person-name">
                {r.leader.name}
              </Link>
              {r.active ? <Badge tone="accent">{t('employee.current')}</Badge> : null}
            </div>
            <div className="timeline-dates">
              {formatDate(r.startedAt)} – {r.endedAt ? formatDate(r.endedAt) : t('employee.now')}
            </div>
            {r.endReason && <div className="timeline-reason">{END_REASONS(r.endReason)}</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}

function EmployeeSkeleton() {
  return (
    <div className="page" aria-busy="true" aria-label={t('employee.loading')}>
      <Skeleton width={120} />
      <ProfileHeaderSkeleton lines={[180, 420]} />
      <div className="grid-2">
        <div className="card">
          <Skeleton width="60%" />
          <Skeleton width="80%" />
        </div>
        <div className="card">
          <Skeleton width="70%" />
          <Skeleton width="50%" />
        </div>
      </div>
    </div>
  );
}
