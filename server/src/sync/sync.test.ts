import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { apiToken, assign, createEmployees } from '../../test/fixtures.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { countStatements } from '../../test/sql-counter.js';
import { SYNC_SETTLE_MS } from './sync-page.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('incremental BI sync on %s', (kind) => {
  let server: TestServer;
  let analyst: string;
  // The service clock: every write stamps `updatedAt` from it and a sync pass ends SYNC_SETTLE_MS before it.
  let clock = Date.now();
  const tick = (ms = 1000) => (clock += ms);
  /** Moves the clock so that everything written so far is inside the next pass. */
  const settle = () => tick(SYNC_SETTLE_MS + 1000);

  beforeAll(async () => {
    server = await startTestServer({ kind, now: () => new Date(clock) });
    analyst = await apiToken(server, 'ANALYST', 'BI');
  });
  afterAll(() => server?.stop());

  const EMPLOYEES = `query($since: DateTimeISO, $first: Int, $after: String) {
    syncEmployees(updatedSince: $since, first: $first, after: $after) {
      nodes { id name exitedAt exitReason updatedAt } pageInfo { hasNextPage endCursor } syncedUntil } }`;

  /** One whole pass: every page until `hasNextPage` is false, with `between(pageNumber)` run after each page. */
  async function pass(since: string | null, first: number, between: (page: number) => Promise<void> = async () => {}) {
    const seen: Array<{ id: string; name: string; exitedAt: string | null; exitReason: string | null; updatedAt: string }> = [];
    let after: string | null = null;
    let syncedUntil: string | undefined;
    for (let page = 1; ; page++) {
      const { syncEmployees }: { syncEmployees: { nodes: typeof seen; pageInfo: { hasNextPage: boolean; endCursor: string }; syncedUntil: string } } =
        await server.ok(EMPLOYEES, { since, first, after }, analyst);
      syncedUntil ??= syncEmployees.syncedUntil;
      expect(syncEmployees.syncedUntil).toBe(syncedUntil);
      seen.push(...syncEmployees.nodes);
      if (!syncEmployees.pageInfo.hasNextPage) break;
      after = syncEmployees.pageInfo.endCursor;
      await between(page);
    }
    return { rows: seen, ids: seen.map((row) => row.id), syncedUntil: syncedUntil! };
  }

  const rename = (id: string, name: string) =>
    server.ok(`mutation($input: UpdateEmployeeInput!) { updateEmployee(input: $input) { id } }`, { input: { id, name } });

  it('should read every row once in a full sync, then only what changed since its syncedUntil', async () => {
    const ids: string[] = [];
    for (const name of ['Ada Sync', 'Ben Sync', 'Cy Sync', 'Dee Sync', 'Eve Sync']) {
      tick();
      ids.push(...(await createEmployees(server, [name])));
    }
    settle();
    const full = await pass(null, 2);
    expect(full.ids.filter((id) => ids.includes(id))).toEqual(ids);
    expect(new Set(full.ids).size).toBe(full.ids.length);
    expect(Date.parse(full.syncedUntil)).toBe(clock - SYNC_SETTLE_MS);

    const quiet = await pass(full.syncedUntil, 10);
    expect(quiet.ids).toEqual([]);

    tick();
    await rename(ids[2]!, 'Cy Renamed');
    settle();
    const next = await pass(full.syncedUntil, 10);
    expect(next.rows).toEqual([expect.objectContaining({ id: ids[2], name: 'Cy Renamed' })]);
  });

  it('should neither skip nor repeat a row changed while a pass pages, and hand it to the next pass', async () => {
    const start = (await pass(null, 1000)).syncedUntil;
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) {
      tick();
      ids.push(...(await createEmployees(server, [`Keyset Person ${i}`])));
    }
    settle();
    // After the first page (ids 0–2 read), change one row already read and one not yet read.
    const first = await pass(start, 3, async (page) => {
      if (page !== 1) return;
      tick();
      await rename(ids[1]!, 'Keyset Read Then Changed');
      await rename(ids[6]!, 'Keyset Changed Before Read');
    });
    expect(first.ids).toEqual(ids.filter((id) => id !== ids[6]));
    expect(first.rows.find((row) => row.id === ids[1])!.name).toBe('Keyset Person 1');

    settle();
    const second = await pass(first.syncedUntil, 3);
    expect(second.rows.map((row) => [row.id, row.name])).toEqual([
      [ids[1], 'Keyset Read Then Changed'],
      [ids[6], 'Keyset Changed Before Read'],
    ]);
  });

  it('should stay exact while updates run concurrently with the pages', async () => {
    const start = (await pass(null, 1000)).syncedUntil;
    tick();
    const ids = await createEmployees(server, Array.from({ length: 30 }, (_, i) => `Concurrent Person ${i}`));
    settle();
    const changed = ids.filter((_, i) => i % 3 === 0);
    const [during] = await Promise.all([
      pass(start, 4),
      (async () => {
        for (const id of changed) await rename(id, `Concurrent Changed ${id}`);
      })(),
    ]);
    // Each row at most once; every row nobody changed exactly once, in id order (same stamp); a changed row read before its change in its old version only.
    expect(new Set(during.ids).size).toBe(during.ids.length);
    const untouched = ids.filter((id) => !changed.includes(id));
    expect(during.ids.filter((id) => untouched.includes(id))).toEqual(untouched);
    for (const row of during.rows) expect(row.name).toMatch(/^Concurrent Person /);

    settle();
    const next = await pass(during.syncedUntil, 4);
    expect(next.rows.map((row) => row.id).sort()).toEqual([...changed].sort());
    expect(next.rows.every((row) => row.name === `Concurrent Changed ${row.id}`)).toBe(true);
  });

  it('should read a page with one SQL statement whatever its size', async () => {
    const counts: number[] = [];
    for (const first of [1, 10, 100]) {
      const { statements, sql } = await countStatements(server.rapport, () => server.ok(EMPLOYEES, { since: null, first, after: null }, analyst));
      counts.push(sql.filter((text) => /\bfrom employee\b/.test(text)).length);
      expect(statements).toBeLessThanOrEqual(2); // the page, and at most one to resolve the token
    }
    expect(counts).toEqual([1, 1, 1]);
  });

  it('should keep exits and ended relationships visible to the next sync', async () => {
    const since = (await pass(null, 1000)).syncedUntil;
    const [leader, member] = await createEmployees(server, ['Lea Leader', 'Max Member']);
    const relationshipId = (await assign(server, member!, leader!)).data.assignLeader.id;
    settle();
    const mid = await pass(since, 100);
    expect(mid.ids).toEqual([leader, member]);

    tick();
    await server.ok(`mutation($input: RecordExitInput!) { recordExit(input: $input) { id } }`, { input: { employeeId: member, reason: 'RESIGNED' } });
    settle();
    const after = await pass(mid.syncedUntil, 100);
    expect(after.rows).toEqual([expect.objectContaining({ id: member, exitReason: 'RESIGNED', exitedAt: expect.any(String) })]);

    const relationships = await server.ok(
      `query($since: DateTimeISO) { syncLeadershipRelationships(updatedSince: $since, first: 100) { nodes { id leaderId memberId endedAt endReason } } }`,
      { since: mid.syncedUntil },
      analyst,
    );
    expect(relationships.syncLeadershipRelationships.nodes).toEqual([
      { id: relationshipId, leaderId: leader, memberId: member, endedAt: expect.any(String), endReason: 'MEMBER_EXITED' },
    ]);
  });

  it('should sync customers (churn included), referrals, complaints and their events, without internal notes for ANALYST', async () => {
    const since = new Date(clock - SYNC_SETTLE_MS).toISOString();
    tick();
    const customerId = (await server.ok(`mutation { createCustomer(input: { name: "Sync Customer", email: "sync.customer@example.com", segment: "smb" }) { id } }`)).createCustomer.id;
    const referralId = (
      await server.ok(`mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }`, {
        i: { kind: 'CUSTOMER', referrerCustomerId: customerId, referredName: 'Rita Referred', referredEmail: 'rita.sync@example.com' },
      })
    ).createReferral.id;
    const complaintId = (
      await server.ok(`mutation($i: CreateComplaintInput!) { createComplaint(input: $i) { id } }`, {
        i: { customerId, subject: 'Late', description: 'It came late.', category: 'Delivery', severity: 'HIGH', channel: 'EMAIL' },
      })
    ).createComplaint.id;
    tick();
    await server.ok(`mutation($id: ID!) { addComplaintMessage(input: { complaintId: $id, kind: INTERNAL_NOTE, body: "Ask the courier" }) { id } }`, { id: complaintId });
    await server.ok(`mutation($i: UpdateReferralStatusInput!) { updateReferralStatus(input: $i) { id } }`, { i: { referralId, status: 'REJECTED' } });
    await server.ok(`mutation($i: RecordChurnInput!) { recordChurn(input: $i) { id } }`, { i: { customerId, reason: 'Moved away' } });
    settle();

    const BI = `query($since: DateTimeISO) {
      syncCustomers(updatedSince: $since, first: 100) { nodes { id name churnedAt } }
      syncReferrals(updatedSince: $since, first: 100) { nodes { id status referrerCustomerId closedAt } }
      syncComplaints(updatedSince: $since, first: 100) { nodes { id customerId status severity updatedAt } }
      syncComplaintEvents(updatedSince: $since, first: 100) { nodes { complaintId kind } } }`;
    const bi = await server.ok(BI, { since }, analyst);
    expect(bi.syncCustomers.nodes).toEqual([{ id: customerId, name: 'Sync Customer', churnedAt: expect.any(String) }]);
    expect(bi.syncReferrals.nodes).toEqual([{ id: referralId, status: 'REJECTED', referrerCustomerId: customerId, closedAt: expect.any(String) }]);
    // Adding a note changed the complaint: its updatedAt is the note's time.
    expect(bi.syncComplaints.nodes).toEqual([{ id: complaintId, customerId, status: 'NEW', severity: 'HIGH', updatedAt: new Date(clock - SYNC_SETTLE_MS - 1000).toISOString() }]);
    expect(bi.syncComplaintEvents.nodes).toEqual([{ complaintId, kind: 'CUSTOMER_MESSAGE' }]);

    const admin = await server.ok(`query($since: DateTimeISO) { syncComplaintEvents(updatedSince: $since, first: 100) { nodes { kind } } }`, { since });
    expect(admin.syncComplaintEvents.nodes.map((n: { kind: string }) => n.kind)).toEqual(['CUSTOMER_MESSAGE', 'INTERNAL_NOTE']);
  });

  it('should admit ADMIN and ANALYST only', async () => {
    const monitor = await apiToken(server, 'MONITOR', 'wall');
    const query = `{ syncCustomers(first: 1) { nodes { id } } }`;
    expect((await server.gql(query, {}, { token: null })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql(query, {}, { token: monitor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(query, {}, { token: analyst })).errors).toBeUndefined();
  });

  it('should refuse a cursor it did not produce, naming `after`, and a page larger than the sync maximum, naming `first`', async () => {
    for (const after of ['garbage', Buffer.from(JSON.stringify(['2026-01-01', 1, 2])).toString('base64url'), Buffer.from(JSON.stringify([1, 2])).toString('base64url')]) {
      const res = await server.gql(`query($after: String) { syncEmployees(first: 5, after: $after) { nodes { id } } }`, { after }, { token: analyst });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(res.errors?.[0]?.message).toMatch(/`after`/);
    }
    const big = await server.gql(`{ syncEmployees(first: 1001) { nodes { id } } }`, {}, { token: analyst });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_SIZE_EXCEEDED', field: 'first' });
  });

  it('should refuse an updatedSince that is not a date-time before reading anything', async () => {
    const res = await server.gql(`query($since: DateTimeISO) { syncEmployees(updatedSince: $since) { nodes { id } } }`, { since: 'yesterday' }, { token: analyst });
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/\$since.*yesterday/);
  });
});
