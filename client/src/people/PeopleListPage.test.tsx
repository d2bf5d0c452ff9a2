import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PeopleListPage, PAGE_SIZE } from './PeopleListPage.js';
import type { EmployeeRow, EmployeesData } from './people.graphql.js';
import { gqlError, mockClient } from '../test/mockClient.js';
import { renderWith } from '../test/render.js';

afterEach(cleanup);

function person(i: number): EmployeeRow {
  return {
    id: String(i),
    name: `Person ${String(i).padStart(3, '0')}`,
    email: `person${i}@example.com`,
    title: i % 2 ? 'Engineer' : null,
    status: i % 7 === 0 ? 'EXITED' : 'ACTIVE',
    hiredAt: '2022-03-01T00:00:00.000Z',
    exitedAt: null,
    team: { id: 't1', name: 'Platform' },
    leader: i === 1 ? null : { id: '1', name: 'Person 001' },
  };
}

/** A fake `employees` connection over `total` people, paging by cursor "c<index>". */
function connection(total: number, after: string | null | undefined): EmployeesData {
  const start = after ? Number(after.slice(1)) + 1 : 0;
  const nodes = Array.from({ length: Math.max(0, Math.min(PAGE_SIZE, total - start)) }, (_, k) => person(start + k + 1));
  return {
    employees: {
      totalCount: total,
      pageInfo: {
        hasNextPage: start + nodes.length < total,
        hasPreviousPage: start > 0,
        startCursor: nodes.length ? `c${start}` : null,
        endCursor: nodes.length ? `c${start + nodes.length - 1}` : null,
      },
      edges: nodes.map((node, k) => ({ cursor: `c${start + k}`, node })),
    },
  };
}

const teams = { data: { teams: { totalCount: 1, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, edges: [{ node: { id: 't1', name: 'Platform', memberCount: 3, parent: null } }] } } };

function setup(total: number, url = '/people') {
  const mock = mockClient({ Employees: (v) => ({ data: connection(total, v.after) }), Teams: () => teams });
  renderWith(<PeopleListPage />, { client: mock.client, url });
  return mock;
}

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1); // minus the header

describe('PeopleListPage', () => {
  it('renders a page of rows with the total count', async () => {
    setup(3);
    expect(await screen.findByRole('link', { name: 'Person 001' })).toBeInTheDocument();
    expect(rows()).toHaveLength(3);
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(screen.getByText(/Showing 1–3 of 3/)).toBeInTheDocument();
    expect(within(rows()[1]).getByText('person2@example.com')).toBeInTheDocument();
    expect(within(rows()[1]).getByText('Active')).toBeInTheDocument();
  });

  it('shows an empty state with a hint when filters match nobody', async () => {
    setup(0, '/people?q=nobody');
    expect(await screen.findByText('No one matches these filters')).toBeInTheDocument();
    expect(screen.getByText(/Try a shorter search/)).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Clear filters' }).length).toBeGreaterThan(0);
    expect(screen.queryByRole('navigation', { name: 'Pagination' })).toBeNull();
  });

  it('pages forward and back with cursors', async () => {
    const { calls } = setup(60);
    await screen.findByRole('link', { name: 'Person 001' });
    expect(rows()).toHaveLength(PAGE_SIZE);
    const previous = screen.getByRole('button', { name: /Previous/ });
    expect(previous).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(await screen.findByRole('link', { name: 'Person 026' })).toBeInTheDocument();
    expect(screen.getByText(/Showing 26–50 of 60/)).toBeInTheDocument();
    expect(calls.filter((c) => c.name === 'Employees').at(-1)?.variables.after).toBe('c24');

    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    await screen.findByRole('link', { name: 'Person 051' });
    expect(rows()).toHaveLength(10);
    expect(screen.getByRole('button', { name: /Next/ })).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: /Previous/ }));
    await screen.findByRole('link', { name: 'Person 026' });
  });

  it('reads filters from the URL and sends them to the server', async () => {
    const { calls } = setup(2, '/people?q=anna&status=exited&sort=hired&dir=desc');
    await screen.findByRole('link', { name: 'Person 001' });
    expect(screen.getByLabelText('Search')).toHaveValue('anna');
    expect(screen.getByLabelText('Status')).toHaveValue('exited');
    const vars = calls.filter((c) => c.name === 'Employees').at(-1)!.variables;
    expect(vars.filter).toEqual({ search: 'anna', status: 'EXITED' });
    expect(vars.sort).toEqual({ field: 'HIRED_AT', direction: 'DESC' });
  });

  it('keeps a filter change in the query string', async () => {
    setup(2);
    await screen.findByRole('link', { name: 'Person 001' });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'all' } });
    await waitFor(() => expect(window.location.search).toBe('?status=all'));
  });

  it('shows an error with a retry button', async () => {
    const mock = mockClient({ Employees: () => ({ error: gqlError('Page too large', { code: 'PAGE_SIZE_EXCEEDED' }) }), Teams: () => teams });
    renderWith(<PeopleListPage />, { client: mock.client, url: '/people' });
    expect(await screen.findByText('Couldn’t load this')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
