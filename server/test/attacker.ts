/**
 * The differencing attacker of the disclosure tests, in its strongest form.
 *
 * It knows every respondent's frozen facts (the org chart and who answered)
 * and reads a set of shown figures. Each shown figure is a sum over the
 * respondents of one group, so everything it can compute is a linear
 * combination of the groups' membership vectors. It wins when some
 * combination that is not zero involves fewer than k respondents: then it
 * learns something about fewer than k people (one person's answer, two
 * people's difference, …). That is checked exactly: a vector supported on a
 * set S of respondents lies in the span of the shown groups iff the columns
 * S of a basis of the orthogonal complement are linearly dependent, so the
 * attacker tries every set of k − 1 respondents. Arithmetic is exact, in a
 * prime field.
 */
const P = 67_108_859; // a prime below 2^26: products stay exact in a double

const mod = (a: number) => ((a % P) + P) % P;
const mul = (a: number, b: number) => (a * b) % P;
function inv(a: number): number {
  let [t, newT, r, newR] = [0, 1, P, mod(a)];
  while (newR !== 0) {
    const q = Math.floor(r / newR);
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t);
}

/** Reduced row echelon form in place; returns the pivot columns. */
function rref(rows: number[][], columns: number): number[] {
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < columns && r < rows.length; c++) {
    const found = rows.findIndex((row, i) => i >= r && row[c] !== 0);
    if (found < 0) continue;
    [rows[r], rows[found]] = [rows[found]!, rows[r]!];
    const scale = inv(rows[r]![c]!);
    rows[r] = rows[r]!.map((v) => mul(v, scale));
    for (let i = 0; i < rows.length; i++) {
      if (i === r || rows[i]![c] === 0) continue;
      const f = rows[i]![c]!;
      rows[i] = rows[i]!.map((v, j) => mod(v - mul(f, rows[r]![j]!)));
    }
    pivots.push(c);
    r++;
  }
  rows.length = r;
  return pivots;
}

function rank(vectors: number[][], columns: number): number {
  return rref(vectors.map((v) => [...v]), columns).length;
}

/** A basis of { x : M x = 0 } for the rows of M (each of length n). */
function kernel(matrix: number[][], n: number): number[][] {
  const rows = matrix.map((r) => [...r]);
  const pivots = rref(rows, n);
  const free = [...Array(n).keys()].filter((c) => !pivots.includes(c));
  return free.map((f) => {
    const x = new Array<number>(n).fill(0);
    x[f] = 1;
    pivots.forEach((p, i) => (x[p] = mod(-rows[i]![f]!)));
    return x;
  });
}

export interface Leak {
  /** Respondents (indexes) a combination of shown figures depends on alone. */
  respondents: number[];
}

/**
 * Looks for a non-zero combination of the shown groups (each a list of
 * respondent indexes out of `n`) that depends on fewer than k respondents.
 * Returns such a set of respondents, or null when there is none.
 *
 * Respondents that no group links are independent (every combination splits
 * into one per linked component), so each component is searched on its own.
 */
export function findLeak(groups: number[][], n: number, k: number): Leak | null {
  const parent = [...Array(n).keys()];
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const members of groups) for (const i of members.slice(1)) parent[root(i)] = root(members[0]!);
  const components = new Map<number, number[]>();
  for (const members of groups) for (const i of members) if (!components.get(root(i))?.includes(i)) components.set(root(i), [...(components.get(root(i)) ?? []), i]);
  for (const people of components.values()) {
    const index = new Map(people.map((person, i) => [person, i]));
    const local = groups.filter((g) => g.length && index.has(g[0]!)).map((g) => g.map((person) => index.get(person)!));
    const leak = findLeakIn(local, people.length, k);
    if (leak) return { respondents: leak.respondents.map((i) => people[i]!) };
  }
  return null;
}

function findLeakIn(groups: number[][], n: number, k: number): Leak | null {
  const matrix = groups.map((members) => {
    const row = new Array<number>(n).fill(0);
    for (const i of members) row[i] = 1;
    return row;
  });
  const basis = kernel(matrix, n); // the orthogonal complement of the shown groups' span
  if (basis.length === 0) return { respondents: [0] }; // the shown groups pin down every single respondent
  const size = Math.min(k - 1, n);
  // Column i of the complement basis, as a vector.
  const column = (i: number) => basis.map((b) => b[i]!);
  const chosen: number[] = [];
  const search = (start: number): Leak | null => {
    if (chosen.length === size) {
      // Some combination lives on `chosen` alone iff these columns are dependent.
      return rank(chosen.map(column), basis.length) < chosen.length ? { respondents: [...chosen] } : null;
    }
    for (let i = start; i <= n - (size - chosen.length); i++) {
      chosen.push(i);
      const leak = search(i + 1);
      chosen.pop();
      if (leak) return leak;
    }
    return null;
  };
  return search(0);
}
