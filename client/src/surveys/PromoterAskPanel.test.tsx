import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { PromoterAskPanel, canAskPromoters } from './PromoterAskPanel.js';
import type { SurveyDetail } from './surveys.graphql.js';
import { mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const survey = { id: '7', audience: 'CUSTOMERS', anonymous: false, status: 'OPEN', questions: [{ id: 'q1', type: 'NPS' }] } as unknown as SurveyDetail;
const ask = (uses: number) => ({ askedAt: '2030-01-02T10:00:00Z', expiresAt: '2030-03-03T10:00:00Z', uses, maxUses: 10, customer: { id: '1', name: 'Ida Promoter' } });

describe('PromoterAskPanel', () => {
  it('is offered only on named customer surveys with an NPS question', () => {
    expect(canAskPromoters(survey)).toBe(true);
    expect(canAskPromoters({ ...survey, anonymous: true })).toBe(false);
    expect(canAskPromoters({ ...survey, audience: 'EMPLOYEES' } as SurveyDetail)).toBe(false);
    expect(canAskPromoters({ ...survey, questions: [{ id: 'q', type: 'RATING' }] } as unknown as SurveyDetail)).toBe(false);
  });

  it('asks the promoters, lists who was left out and why, and follows referrals live', async () => {
    let uses = 0;
    let asked = false;
    const mock = mockClient({
      PromoterAsks: () => ({ data: { promoterReferralGap: { promoters: 3, referred: 0, referralRate: 0 }, referralAsks: asked ? [ask(uses)] : [] } }),
      InvitePromotersToRefer: () => {
        asked = true;
        return {
          data: {
            invitePromotersToRefer: {
              asked: [{ id: '1', name: 'Ida Promoter' }],
              skipped: [
                { reason: 'UNSUBSCRIBED', lastAskedAt: null, customer: { id: '2', name: 'Cleo Quiet' } },
                { reason: 'CONTACT_BUDGET', lastAskedAt: '2030-01-01T10:00:00Z', customer: { id: '3', name: 'Emil Busy' } },
              ],
            },
          },
        };
      },
    });
    renderWith(<PromoterAskPanel survey={survey} />, { client: mock.client });
    expect(await screen.findByText(/promoters; 0 referred someone since/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Invite promoters to refer' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('1 promoter asked. 2 left out:');
    expect(within(status).getByText('Cleo Quiet').closest('li')).toHaveTextContent('unsubscribed from surveys and requests');
    expect(within(status).getByText('Emil Busy').closest('li')).toHaveTextContent('asked something else recently (contact budget)');
    const table = await screen.findByRole('region', { name: 'Promoters asked to refer' });
    expect(within(table).getByText('0 of 10')).toBeInTheDocument();
    uses = 1;
    act(() => mock.push('ReferralChanged', { referralChanged: { kind: 'CREATED', at: '2030-01-03T00:00:00Z', referral: { id: '9', status: 'INVITED' } } }));
    expect(await within(table).findByText('1 of 10', undefined, { timeout: 2000 })).toBeInTheDocument();
  });
});
