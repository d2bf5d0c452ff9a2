import type { Context } from '../context.js';
import { likePattern } from '../db/raw.js';
import { complaintNumber } from '../complaints/complaint.service.js';
import { badInput } from '../errors/domain-error.js';
import { intInRange } from '../graphql/ids.js';
import { SearchHitKind, type SearchHit } from './search.types.js';

type Row = { id: number | string; title: string; subtitle: string | null };

/**
 * One statement per kind, each asking for at most `first` rows: names that start with the text
 * come before names that merely contain it, then alphabetical. A complaint can also be found by its
 * number ("C-000042", "42"). Everything searched here is readable by the same roles elsewhere in the
 * schema (no survey figures, no answers).
 */
const STATEMENTS: Record<SearchHitKind, string> = {
  [SearchHitKind.EMPLOYEE]: `select id, name as title, email as subtitle from employee
    where lower(name) like :pattern escape '!' or email like :pattern escape '!'
    order by case when lower(name) like :prefix escape '!' then 0 else 1 end, exited_at is not null, name, id limit :first`,
  [SearchHitKind.TEAM]: `select id, name as title, null as subtitle from team
    where lower(name) like :pattern escape '!'
    order by case when lower(name) like :prefix escape '!' then 0 else 1 end, name, id limit :first`,
  [SearchHitKind.CUSTOMER]: `select id, name as title, coalesce(company, email) as subtitle from customer
    where lower(name) like :pattern escape '!' or email like :pattern escape '!' or lower(coalesce(company, '')) like :pattern escape '!'
    order by case when lower(name) like :prefix escape '!' then 0 else 1 end, name, id limit :first`,
  [SearchHitKind.COMPLAINT]: `select id, subject as title, status as subtitle from complaint
    where lower(subject) like :pattern escape '!' or id = :number
    order by case when id = :number then 0 when lower(subject) like :prefix escape '!' then 1 else 2 end, created_at desc, id desc limit :first`,
  [SearchHitKind.SURVEY]: `select id, title, status as subtitle from survey
    where lower(title) like :pattern escape '!'
    order by case when lower(title) like :prefix escape '!' then 0 else 1 end, created_at desc, id desc limit :first`,
  [SearchHitKind.REFERRAL]: `select id, referred_name as title, status as subtitle from referral
    where lower(referred_name) like :pattern escape '!' or referred_email like :pattern escape '!'
    order by case when lower(referred_name) like :prefix escape '!' then 0 else 1 end, invited_at desc, id desc limit :first`,
};

export async function search(ctx: Context, text: string, first: number | undefined): Promise<SearchHit[]> {
  const trimmed = text.trim();
  if (trimmed.length > 100) throw badInput('text', '`text` may have at most 100 characters');
  const limit = intInRange(first ?? 5, 'first', 1, 20);
  if (!trimmed) return [];
  const pattern = likePattern(trimmed);
  // likePattern wraps in %…%; a prefix match is the same escaped text with only the trailing %.
  const prefix = pattern.slice(1);
  const numberMatch = /^(?:c-?)?0*(\d{1,9})$/i.exec(trimmed);
  const params = { pattern, prefix, first: limit, number: numberMatch ? Number(numberMatch[1]) : -1 };

  const perKind = await Promise.all(
    (Object.keys(STATEMENTS) as SearchHitKind[]).map(async (kind) => {
      const rows = await ctx.em.getConnection().execute<Row[]>(...named(STATEMENTS[kind], params));
      return rows.map((row) => toHit(kind, row));
    }),
  );
  return perKind.flat();
}

function toHit(kind: SearchHitKind, row: Row): SearchHit {
  const id = String(row.id);
  if (kind === SearchHitKind.COMPLAINT) return { kind, id, title: row.title, subtitle: `${complaintNumber(Number(row.id))} · ${row.subtitle}` };
  return { kind, id, title: row.title, subtitle: row.subtitle };
}

/** `:name` placeholders → positional `?` with their values, in order (both drivers take `?`). */
function named(sql: string, params: Record<string, string | number>): [string, (string | number)[]] {
  const values: (string | number)[] = [];
  const text = sql.replace(/:(\w+)/g, (_, name: string) => {
    values.push(params[name]!);
    return '?';
  });
  return [text, values];
}
