import { useEffect, useMemo, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { TeamsQuery, type TeamListItem } from './teams.graphql.js';

export interface TeamNode extends TeamListItem {
  children: TeamNode[];
  depth: number;
  /** Members of this team and every team below it. */
  totalMembers: number;
}

/**
 * Loads every team (page by page, 100 at a time) and arranges them as a tree.
 * Teams are few compared to people, so the whole hierarchy fits in memory.
 * Pickers take the cached copy; `fresh` asks the server (the teams page: member
 * counts and open trust signals change without a mutation in this tab).
 */
export function useAllTeams({ fresh = false }: { fresh?: boolean } = {}) {
  const client = useClient();
  const [teams, setTeams] = useState<TeamListItem[] | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    (async () => {
      const all: TeamListItem[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const result = await client.query(TeamsQuery, { first: 100, after }, { requestPolicy: fresh || attempt ? 'network-only' : 'cache-first' }).toPromise();
        if (!live) return;
        if (result.error || !result.data) {
          setError(result.error ?? null);
          return;
        }
        all.push(...result.data.teams.edges.map((e) => e.node));
        if (!result.data.teams.pageInfo.hasNextPage) break;
        after = result.data.teams.pageInfo.endCursor;
      }
      setError(null);
      setTeams(all);
    })();
    return () => {
      live = false;
    };
  }, [client, fresh, attempt]);

  const tree = useMemo(() => (teams ? buildTree(teams) : null), [teams]);
  return { teams, tree, error, loading: teams === null && !error, retry: () => setAttempt((a) => a + 1) };
}

export function buildTree(teams: TeamListItem[]): TeamNode[] {
  const nodes = new Map<string, TeamNode>(teams.map((t) => [t.id, { ...t, children: [], depth: 0, totalMembers: t.memberCount }]));
  const roots: TeamNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent ? nodes.get(node.parent.id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const walk = (list: TeamNode[], depth: number): number => {
    let sum = 0;
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const node of list) {
      node.depth = depth;
      node.totalMembers = node.memberCount + walk(node.children, depth + 1);
      sum += node.totalMembers;
    }
    return sum;
  };
  walk(roots, 0);
  return roots;
}

/** Depth-first order, for selects with indented options. */
export function flattenTree(tree: TeamNode[]): TeamNode[] {
  const out: TeamNode[] = [];
  const visit = (list: TeamNode[]) => {
    for (const node of list) {
      out.push(node);
      visit(node.children);
    }
  };
  visit(tree);
  return out;
}
