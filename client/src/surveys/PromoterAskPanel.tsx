import { t } from '../i18n/index.js';
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ReferralChangedSubscription } from '../referrals/referrals.graphql.js';
import { InvitePromotersToReferMutation, PromoterAsksQuery, type PromoterAskResult, type PromoterSkipReason } from './promoter-asks.graphql.js';
import type { SurveyDetail } from './surveys.graphql.js';
import { Link } from '../lib/router.js';
import { problemsOf } from '../lib/errors.js';
import { formatDate, formatPercent } from '../ui/format.js';
import { Button, Card, FormAlert } from '../ui/components.js';

const REASONS = (reason: PromoterSkipReason): string => t(`promoters.reason${reason}`);

/** Only named customer surveys with an NPS question know their promoters. */
export function canAskPromoters(survey: SurveyDetail): boolean {
  return survey.audience === 'CUSTOMERS' && !survey.anonymous && survey.status !== 'DRAFT' && survey.questions.some((q) => q.type === 'NPS');
}

/**
 * Closed loop, promoter → referrer: customers who answered 9–10 are asked by
 * email to recommend us, each with a personal referral link (only they get
 * it). Whoever they send it to leaves their own details on the public
 * referral page, and the referral appears under the promoter. Rapport leaves
 * out whoever must not be asked, and says why. Live: referrals made meanwhile
 * update the figures and each link's uses.
 */
export function PromoterAskPanel({ survey }: { survey: SurveyDetail }) {
  const [query, reexecute] = useQuery({ query: PromoterAsksQuery, variables: { surveyId: survey.id }, requestPolicy: 'cache-and-network' });
  const [{ fetching, error }, invite] = useMutation(InvitePromotersToReferMutation);
  const [result, setResult] = useState<PromoterAskResult | null>(null);
  // Live: a referral made through a promoter's link (or any other) updates the figures and the uses, one refetch per burst.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useSubscription({ query: ReferralChangedSubscription, variables: {} }, (_prev, data) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => reexecute({ requestPolicy: 'network-only' }), 300);
    return data;
  });
  const gap = query.data?.promoterReferralGap;
  const asks = query.data?.referralAsks ?? [];

  const run = async () => {
    const answer = await invite({ surveyId: survey.id });
    if (answer.data) {
      setResult(answer.data.invitePromotersToRefer);
      reexecute({ requestPolicy: 'network-only' });
    }
  };

  return (
    <Card title={t('promoters.title')}>
      {query.error && !query.data && <FormAlert problems={problemsOf(query.error)} />}
      {gap && (
        <p>
          {gap.promoters === 0 ? (
            <span className="muted">{t('promoters.nobody')}</span>
          ) : (
            <>
              <strong>{gap.promoters}</strong> {t('promoters.promoters', { count: gap.promoters })}{t('promoters.referredSince', { count: gap.referred })}
              {gap.referralRate !== null && <> ({formatPercent(gap.referralRate)})</>}.
            </>
          )}
        </p>
      )}
      <p className="muted small">{t('promoters.explain')}</p>
      <FormAlert problems={error ? problemsOf(error) : []} />
      <div className="form-actions">
        <Button variant="primary" busy={fetching} disabled={!gap?.promoters} onClick={run}>
          {t('promoters.title')}
        </Button>
      </div>
      {result && (
        <div role="status" className="invite-result">
          <p>
            <strong>
              {t('promoters.asked', { count: result.asked.length })}
            </strong>
            {result.skipped.length > 0 && <> {t('promoters.leftOut', { count: result.skipped.length })}</>}
          </p>
          {result.skipped.length > 0 && (
            <ul>
              {result.skipped.map((s) => (
                <li key={s.customer.id}>
                  <Link to={`/customers/${s.customer.id}`}>{s.customer.name}</Link> – {REASONS(s.reason)}
                  {s.lastAskedAt && <>{t('promoters.last', { date: formatDate(s.lastAskedAt) })}</>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {asks.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('promoters.asked')}>
          <table className="table">
            <caption className="sr-only">{t('promoters.asked')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('promoters.colPromoter')}</th>
                <th scope="col">{t('promoters.colAsked')}</th>
                <th scope="col">{t('promoters.colUntil')}</th>
                <th scope="col">{t('promoters.colUsed')}</th>
              </tr>
            </thead>
            <tbody>
              {asks.map((a) => (
                <tr key={a.customer.id}>
                  <td>
                    <Link to={`/customers/${a.customer.id}`}>{a.customer.name}</Link>
                  </td>
                  <td>{formatDate(a.askedAt)}</td>
                  <td>{formatDate(a.expiresAt)}</td>
                  <td>
                    {t('promoters.usesOf', { uses: a.uses, max: a.maxUses })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
