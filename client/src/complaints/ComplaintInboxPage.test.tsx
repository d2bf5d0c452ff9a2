import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ComplaintInboxPage } from './ComplaintInboxPage.js';
import { mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

const empty = () => ({ data: { complaints: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null, hasPreviousPage: false, startCursor: null }, edges: [] } } });

function setup(url: string) {
  const mock = mockClient({ Complaints: empty });
  renderWith(<ComplaintInboxPage />, { client: mock.client, url });
  return mock;
}

const lastQuery = (calls: Array<{ name: string; variables: Record<string, any> }>) => calls.filter((c) => c.name === 'Complaints').at(-1)!.variables;

describe('ComplaintInboxPage', () => {
  it('opens on the open complaints, resolution due soonest first', async () => {
    const { calls } = setup('/complaints');
    await waitFor(() => expect(calls.some((c) => c.name === 'Complaints')).toBe(true));
    expect(lastQuery(calls)).toMatchObject({ filter: { status: ['NEW', 'ACKNOWLEDGED', 'IN_PROGRESS'] }, sort: { field: 'RESOLUTION_DUE_AT', direction: 'ASC' } });
    expect(screen.getByLabelText('Sort by')).toHaveValue('resolution');
  });

  it('keeps every choice in the URL: all statuses, another order', async () => {
    const { calls } = setup('/complaints?status=all&sort=newest');
    await waitFor(() => expect(calls.some((c) => c.name === 'Complaints')).toBe(true));
    expect(lastQuery(calls).filter).toEqual({});
    expect(lastQuery(calls).sort).toEqual({ field: 'CREATED_AT', direction: 'DESC' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Resolved' }));
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('status')).toBe('RESOLVED'));
    await waitFor(() => expect(lastQuery(calls).filter).toEqual({ status: ['RESOLVED'] }));
  });
});
