import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { testDatabaseKinds } from '../../test/databases.js';
import { createTeam } from '../../test/fixtures.js';
import { countStatements } from '../../test/sql-counter.js';
import { openEmployeeSurvey } from '../../test/survey-fixtures.js';
import { freezeTeamTree, waveTeamTrees } from './wave-rules.js';

const kinds = await testDatabaseKinds();

describe.each(kinds)('frozen team trees on %s', (kind) => {
  let server: TestServer;
  let waveId: number;
  let parent: number;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    parent = Number(await createTeam(server, 'Frozen Parent'));
    await createTeam(server, 'Frozen Child', String(parent));
    const survey = await openEmployeeSurvey(server, { title: 'Frozen pulse', purpose: 'LEADERSHIP' });
    const { survey: opened } = await server.ok(`query($s: ID!) { survey(id: $s) { waves { id } } }`, { s: survey.id });
    waveId = Number(opened.waves[0].id);
  });
  afterAll(() => server?.stop());

  const fork = () => server.rapport.deps.db.fork() as EntityManager;

  it('should let the parts of one operation share a read of a wave, and read afresh after a freeze', async () => {
    const em = fork();
    const { result, statements } = await countStatements(server.rapport, () => Promise.all([waveTeamTrees(em, [waveId]), waveTeamTrees(em, [waveId])]));
    expect(statements).toBe(1);
    const [first, second] = result.map((trees) => trees.get(waveId)!);
    expect(second).toBe(first);
    expect(first.childrenOf(parent)).toHaveLength(1);
    // Later in the same operation: already read.
    expect((await countStatements(server.rapport, () => waveTeamTrees(em, [waveId]))).statements).toBe(0);

    // A team frozen for the wave later (people invited from a new team), by another operation: seen by the next read.
    await createTeam(server, 'Frozen Late Child', String(parent));
    await freezeTeamTree(fork(), [waveId]);
    const again = await countStatements(server.rapport, () => waveTeamTrees(em, [waveId]));
    expect(again.statements).toBe(1);
    expect(again.result.get(waveId)!.childrenOf(parent)).toHaveLength(2);
  });

  it('should read inside a transaction every time', async () => {
    await server.rapport.deps.db.fork().transactional(async (trx) => {
      const tx = trx as unknown as EntityManager;
      const { statements } = await countStatements(server.rapport, async () => {
        await waveTeamTrees(tx, [waveId]);
        await waveTeamTrees(tx, [waveId]);
      });
      expect(statements).toBe(2);
    });
  });

  it('should not share reads between requests (entity managers)', async () => {
    const { statements } = await countStatements(server.rapport, () => Promise.all([waveTeamTrees(fork(), [waveId]), waveTeamTrees(fork(), [waveId])]));
    expect(statements).toBe(2);
  });
});
