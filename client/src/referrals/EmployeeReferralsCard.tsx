import { t } from '../i18n/index.js';
import { useQuery } from 'urql';
import { EmployeeReferralsQuery, referrerPath } from './referrals.graphql.js';
import { useRefetchOnLive } from '../lib/live.js';
import { Link } from '../lib/router.js';
import { problemsOf } from '../lib/errors.js';
import { Card, ErrorState, Skeleton } from '../ui/components.js';

/** Referrals on the employee page: how they came in, what they set off, and (for leaders) their team's hire referrals. */
export function EmployeeReferralsCard({ employeeId }: { employeeId: string }) {
  const [result, reexecute] = useQuery({ query: EmployeeReferralsQuery, variables: { id: employeeId } });
  useRefetchOnLive(reexecute);
  const e = result.data?.employee;
  return (
    <Card
      title={t('explorer.referrals')}
      actions={
        e && e.referralStats.size > 0 ? (
          <Link className="btn btn-secondary btn-sm" to={`/referrals/explore?employee=${employeeId}`}>
            {t('explorer.openInExplorer')}
          </Link>
        ) : undefined
      }
    >
      {result.error && !e ? (
        <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !e ? (
        <>
          <Skeleton width="60%" />
          <Skeleton width="40%" />
        </>
      ) : (
        <>
          <p>
            {e.referredBy ? (
              <>
                {t('explorer.referredBy')} <Link to={referrerPath(e.referredBy.referrer)}>{e.referredBy.referrer.name}</Link> ·{' '}
                <Link to={`/referrals/${e.referredBy.id}`}>{t('explorer.openReferral')}</Link>
              </>
            ) : (
              <span className="muted">{t('explorer.hiredDirectly')}</span>
            )}
          </p>
          <div>
            <h3 className="section-label">What {e.name.split(' ')[0]} set off</h3>
            <dl className="stat-tiles">
              <div>
                <dt>{t('explorer.referrals')}</dt>
                <dd>{e.referralStats.size}</dd>
              </div>
              <div>
                <dt>{t('explorer.converted')}</dt>
                <dd>{e.referralStats.converted}</dd>
              </div>
              <div>
                <dt>{t('explorer.generations')}</dt>
                <dd>{e.referralStats.depth}</dd>
              </div>
            </dl>
          </div>
          {e.reports.totalCount > 0 && (
            <div>
              <h3 className="section-label">{t('explorer.hireFromTeam')}</h3>
              <dl className="stat-tiles">
                <div>
                  <dt>{t('explorer.referrals')}</dt>
                  <dd>{e.teamHireReferrals.referrals}</dd>
                </div>
                <div>
                  <dt>{t('explorer.hired')}</dt>
                  <dd>{e.teamHireReferrals.converted}</dd>
                </div>
                <div>
                  <dt>{t('explorer.referrers')}</dt>
                  <dd>{e.teamHireReferrals.referrers}</dd>
                </div>
              </dl>
              <p className="card-intro team-hire-note">Employees refer people when they trust their leader: hire referrals from everyone below {e.name.split(' ')[0]} are a trust signal.</p>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
