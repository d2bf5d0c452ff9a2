import type { EntityManager } from '@mikro-orm/knex';
import type { Database } from '../../db/database.js';
import { Customer } from '../../customers/customer.entity.js';
import { Referral, ReferralKind, ReferralStatus } from '../../referrals/referral.entity.js';
import { canonicalEmail, canonicalName } from '../../referrals/referral.service.js';
import { personName } from './demo.js';

/**
 * Builds referral trees of a given shape straight into the database (batched
 * multi-row inserts with explicit ids), for demos, scale tests and
 * benchmarks. `parents[i]` is the index of referral i's parent, or -1 for a
 * root. Every referral with children is CONVERTED (its person became the
 * customer who referred further); the others get a spread of statuses.
 */
export type ReferralShape = { parents: Int32Array };

/** One chain: each referral's person refers exactly the next one. */
export function chainShape(length: number): ReferralShape {
  const parents = new Int32Array(length);
  for (let i = 0; i < length; i++) parents[i] = i - 1;
  return { parents };
}

/** One tree where every node has `branching` children, filled breadth first. */
export function bushyShape(size: number, branching: number): ReferralShape {
  const parents = new Int32Array(size);
  parents[0] = -1;
  for (let i = 1; i < size; i++) parents[i] = Math.floor((i - 1) / branching);
  return { parents };
}

/** Many trees of mixed size and depth: a third of referrals start a tree, the rest hang below a random earlier one. */
export function forestShape(size: number, seed = 7): ReferralShape {
  let state = seed >>> 0;
  const random = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296);
  const parents = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    // Prefer recent parents so trees also grow deep, not only wide.
    parents[i] = i === 0 || random() < 0.33 ? -1 : Math.max(0, i - 1 - Math.floor(random() * random() * Math.min(i, 5000)));
  }
  return { parents };
}

function emailFor(name: string, unique: string): string {
  const local = name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z]+/g, '.');
  return `${local}.${unique}@customer.example`;
}

const LEAF_STATUSES = [ReferralStatus.INVITED, ReferralStatus.ENGAGED, ReferralStatus.CONVERTED, ReferralStatus.CONVERTED, ReferralStatus.REJECTED, ReferralStatus.EXPIRED];
const BATCH = 1000;

async function maxId(em: EntityManager, table: string): Promise<number> {
  const [row] = await em.execute<Array<{ m: number | string | null }>>(`select max(id) as m from ${table}`);
  return Number(row?.m ?? 0);
}

export async function seedReferrals(
  db: Database,
  shape: ReferralShape,
  options: { now?: Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ referralIds: number[]; rootCustomerIds: number[] }> {
  const now = options.now ?? new Date();
  const { parents } = shape;
  const total = parents.length;
  const hasChildren = new Uint8Array(total);
  for (let i = 0; i < total; i++) if (parents[i]! >= 0) hasChildren[parents[i]!] = 1;

  return db.fork().transactional(async (tx) => {
    const em = tx as EntityManager;
    let customerId = await maxId(em, 'customer');
    const firstReferralId = (await maxId(em, 'referral')) + 1;
    const referralIds: number[] = [];
    const rootCustomerIds: number[] = [];
    const convertedCustomerOf = new Int32Array(total); // referral index → customer id (0 = none)
    const generationOf = new Int32Array(total);
    const rootOf = new Int32Array(total); // referral index → root referral id
    let customers: Array<Record<string, unknown>> = [];
    let referrals: Array<Record<string, unknown>> = [];
    const flush = async () => {
      if (customers.length) await em.insertMany(Customer, customers as never);
      if (referrals.length) await em.insertMany(Referral, referrals as never);
      customers = [];
      referrals = [];
    };

    for (let i = 0; i < total; i++) {
      const id = firstReferralId + i;
      referralIds.push(id);
      const parent = parents[i]!;
      let referrerCustomerId: number;
      if (parent < 0) {
        referrerCustomerId = ++customerId;
        rootCustomerIds.push(referrerCustomerId);
        const rootName = personName(referrerCustomerId * 3 + 1);
        customers.push({ id: referrerCustomerId, name: rootName, email: emailFor(rootName, `c${referrerCustomerId}`), customerSince: now, createdAt: now, updatedAt: now });
        generationOf[i] = 1;
        rootOf[i] = id;
      } else {
        referrerCustomerId = convertedCustomerOf[parent]!;
        generationOf[i] = generationOf[parent]! + 1;
        rootOf[i] = rootOf[parent]!;
      }
      const status = hasChildren[i] ? ReferralStatus.CONVERTED : LEAF_STATUSES[id % LEAF_STATUSES.length]!;
      const name = personName(id * 5 + 2);
      const email = emailFor(name, `r${id}`);
      let convertedCustomer: number | null = null;
      if (status === ReferralStatus.CONVERTED) {
        convertedCustomer = ++customerId;
        convertedCustomerOf[i] = convertedCustomer;
        customers.push({ id: convertedCustomer, name, email, customerSince: now, createdAt: now, updatedAt: now });
      }
      referrals.push({
        id,
        kind: ReferralKind.CUSTOMER,
        status,
        referrerCustomer: referrerCustomerId,
        referredName: name,
        referredEmail: email,
        referredEmailCanonical: canonicalEmail(email),
        referredNameCanonical: canonicalName(name),
        parent: parent < 0 ? null : firstReferralId + parent,
        root: parent < 0 ? null : rootOf[i],
        generation: generationOf[i],
        convertedCustomer,
        flags: [],
        invitedAt: new Date(now.getTime() - (total - i) * 1000),
        engagedAt: status === ReferralStatus.ENGAGED || status === ReferralStatus.CONVERTED ? now : null,
        convertedAt: convertedCustomer ? now : null,
        closedAt: status === ReferralStatus.REJECTED || status === ReferralStatus.EXPIRED ? now : null,
        createdAt: now,
        updatedAt: now,
      });
      if (referrals.length >= BATCH) {
        await flush();
        options.onProgress?.(i + 1, total);
      }
    }
    await flush();
    options.onProgress?.(total, total);
    if (db.kind === 'postgresql') {
      for (const table of ['customer', 'referral']) {
        await em.execute(`select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 1) from ${table}))`);
      }
      // Fresh statistics after a bulk load, or the planner walks recursive queries with full scans.
      for (const table of ['customer', 'referral']) await em.execute(`analyze ${table}`);
    }
    return { referralIds, rootCustomerIds };
  });
}
