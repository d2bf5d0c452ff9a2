import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { CustomersListPage } from './CustomersListPage.js';
import { CustomerPage } from './CustomerPage.js';
import { CustomerLiveProvider } from './live.js';
import type { CustomerDetail, CustomerRow } from './customers.graphql.js';
import { mockClient, type Handler } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

function customer(id: string, name: string, extra: Partial<CustomerRow> = {}): CustomerRow {
  return {
    id,
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
    company: 'Acme',
    segment: null,
    status: 'ACTIVE',
    customerSince: '2026-01-10T00:00:00.000Z',
    accountOwner: null,
    referredBy: null,
    ...extra,
  };
}

const list = (nodes: CustomerRow[]) => ({
  data: {
    customers: {
      totalCount: nodes.length,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: nodes.map((node) => ({ cursor: node.id, node })),
    },
  },
});

function detail(row: CustomerRow, extra: Partial<CustomerDetail> = {}): { data: { customer: CustomerDetail } } {
  return {
    data: {
      customer: {
        ...row,
        language: null,
        churnedAt: null,
        churnReason: null,
        createdAt: '2026-01-10T00:00:00.000Z',
        referredBy: null,
        referralStats: { size: 0, depth: 0, converted: 0, generations: [] },
        referralTree: { totalCount: 0 },
        ...extra,
      },
    },
  };
}

const event = (kind: 'CREATED' | 'UPDATED' | 'CHURNED', row: CustomerRow) => ({
  customerChanged: { kind, at: '2026-06-01T10:00:00.000Z', customer: { id: row.id, status: row.status } },
});
const referralEvent = (id: string) => ({ referralChanged: { kind: 'CONVERTED', at: '2026-06-01T10:00:00.000Z', referral: { id, status: 'CONVERTED' } } });

const rows = () => within(screen.getByRole('table', { name: 'Customers' })).getAllByRole('row').slice(1);
const pause = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

describe('live customer pages', () => {
  it('the list shows a customer added elsewhere after one batched refetch, keeping the rows on screen meanwhile', async () => {
    let server = [customer('1', 'Ada Lovelace')];
    const handlers: Record<string, Handler> = { Customers: () => list(server) };
    const mock = mockClient(handlers);
    renderWith(
      <CustomerLiveProvider>
        <CustomersListPage />
      </CustomerLiveProvider>,
      { client: mock.client, url: '/customers' },
    );
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    const fetches = () => mock.calls.filter((c) => c.name === 'Customers').length;
    expect(fetches()).toBe(1);
    // Every customer, no referral stream on the list; one live indicator.
    expect(mock.calls.find((c) => c.name === 'CustomerChanged')!.variables).toEqual({});
    expect(mock.calls.some((c) => c.name === 'ReferralChanged')).toBe(false);
    expect(document.querySelectorAll('.live-indicator')).toHaveLength(1);

    // A burst: an import adds two customers (and a converted referral a third) → one refetch.
    server = [customer('1', 'Ada Lovelace'), customer('2', 'Grace Hopper', { referredBy: { id: 'r9' } }), customer('3', 'Katherine Johnson')];
    act(() => {
      mock.push('CustomerChanged', event('CREATED', server[1]));
      mock.push('CustomerChanged', event('CREATED', server[2]));
    });
    expect(await screen.findByRole('link', { name: 'Grace Hopper' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Katherine Johnson' })).toBeInTheDocument();
    expect(rows()).toHaveLength(3);
    expect(within(rows()[1]).getByText('Referral')).toBeInTheDocument();
    expect(fetches()).toBe(2);
    await pause(400);
    expect(fetches()).toBe(2);
    // The live indicator (the export button's message region is a status too).
    expect(screen.getAllByRole('status').find((el) => el.classList.contains('live-indicator'))).toHaveTextContent(/updated/);

    // A slow refetch (never answered here) keeps the rows: no skeleton, no flicker.
    delete handlers.Customers;
    act(() => mock.push('CustomerChanged', event('CHURNED', { ...server[2], status: 'CHURNED' })));
    await waitFor(() => expect(fetches()).toBe(3));
    expect(rows()).toHaveLength(3);
    expect(document.querySelector('.skeleton-row')).toBeNull();
    expect(screen.getByRole('link', { name: 'Ada Lovelace' })).toBeInTheDocument();
  });

  it('a customer’s page follows a rename and a churn of that customer, and referral changes, with one refetch per burst', async () => {
    let row = customer('7', 'Ada Lovelace');
    let extra: Partial<CustomerDetail> = {};
    const mock = mockClient({ Customer: () => detail(row, extra) });
    renderWith(
      <CustomerLiveProvider customerId="7">
        <CustomerPage id="7" />
      </CustomerLiveProvider>,
      { client: mock.client, url: '/customers/7' },
    );
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
    const fetches = () => mock.calls.filter((c) => c.name === 'Customer').length;
    expect(mock.calls.find((c) => c.name === 'CustomerChanged')!.variables).toEqual({ customerId: '7' });
    expect(mock.calls.some((c) => c.name === 'ReferralChanged')).toBe(true);
    expect(document.querySelectorAll('.live-indicator')).toHaveLength(1);
    expect(screen.getByText('Active')).toBeInTheDocument();

    // Renamed.
    row = { ...row, name: 'Ada King' };
    act(() => mock.push('CustomerChanged', event('UPDATED', row)));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ada King' })).toBeInTheDocument();
    expect(fetches()).toBe(2);

    // Their referral converts: referral, customer and rewards events arrive together → one refetch.
    extra = { referralStats: { size: 1, depth: 1, converted: 1, generations: [{ generation: 1, referrals: 1, engaged: 1, converted: 1, referrers: 1, conversionRate: 1, invitesPerReferrer: 1, kFactor: 1 }] } };
    act(() => {
      mock.push('ReferralChanged', referralEvent('r1'));
      mock.push('ReferralChanged', referralEvent('r1'));
      mock.push('CustomerChanged', event('UPDATED', row));
    });
    const tree = await screen.findByText('Whole tree');
    expect(tree.nextElementSibling).toHaveTextContent('1');
    expect(fetches()).toBe(3);

    // Churned elsewhere: the badge and the churn date follow, the admin actions go.
    row = { ...row, status: 'CHURNED' };
    extra = { ...extra, churnedAt: '2026-06-01T00:00:00.000Z', churnReason: 'moved to a competitor' };
    expect(screen.getByRole('button', { name: 'Record churn' })).toBeInTheDocument();
    act(() => mock.push('CustomerChanged', event('CHURNED', row)));
    expect(await screen.findByText('Churned', { selector: '.badge' })).toBeInTheDocument();
    expect(screen.getByText(/moved to a competitor/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record churn' })).toBeNull();
    expect(fetches()).toBe(4);
  });
});
