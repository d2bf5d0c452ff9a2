import { t, useT } from '../i18n/index.js';
import { useEffect, useState, type ReactNode } from 'react';
import { useSearchParams } from '../lib/router.js';
import { useDebouncedValue } from './hooks.js';
import { formatNumber, humanEnum } from './format.js';
import { Button, EmptyState } from './components.js';
import type { SortDirection } from '../generated/graphql.js';

/*
 * The list pages keep their filters in the query string, so a reload, a shared
 * link or back/forward shows the same list. These are the pieces they share.
 */

export interface DebouncedParamInput {
  /** The value in the URL (what the list is filtered by). */
  value: string;
  /** What is in the text box, which may run ahead of `value` while typing. */
  text: string;
  setText: (text: string) => void;
}

/**
 * A text box bound to one query-string parameter. Typing is debounced before
 * it reaches the URL (and replaces the entry: typing is not history), so the
 * list is not refetched on every key press.
 */
export function useDebouncedParam(name: string, delayMs = 300): DebouncedParamInput {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? '';
  const [text, setText] = useState(value);
  const debounced = useDebouncedValue(text, delayMs);
  useEffect(() => {
    if (debounced.trim() !== value) setParams({ [name]: debounced.trim() || null });
    // Only a settled edit of the box writes to the URL; a URL change alone must not write back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  // Back/forward to another value updates the box (unless it differs only by spaces being typed).
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);
  return { value, text, setText };
}

/** `values` with `value` added or removed, in the order of `allValues` (so URLs and query variables stay canonical). */
export function toggleValue<T extends string>(values: readonly T[], value: T, allValues: readonly T[]): T[] {
  const next = values.includes(value) ? values.filter((x) => x !== value) : [...values, value];
  return allValues.filter((x) => next.includes(x));
}

/**
 * A multiple choice kept in one query-string parameter as `A,B,C`; values
 * not in `allValues` (an old or hand-edited link) are ignored.
 */
export function useListParam<T extends string>(name: string, allValues: readonly T[]): [T[], (value: T) => void] {
  const [params, setParams] = useSearchParams();
  const values = (params.get(name) ?? '').split(',').filter((s): s is T => (allValues as readonly string[]).includes(s));
  const toggle = (value: T) => {
    const next = toggleValue(values, value, allValues);
    setParams({ [name]: next.length ? next.join(',') : null });
  };
  return [values, toggle];
}

/** The filter bar above a list, with "Clear filters" at its end while any filter is set. */
export function FilterToolbar({ filtersActive, onClear, children }: { filtersActive: boolean; onClear: () => void; children: ReactNode }) {
  const { t } = useT();
  return (
    <div className="toolbar" role="search">
      {children}
      {filtersActive && (
        <Button variant="ghost" size="sm" className="toolbar-clear" onClick={onClear}>
          {t('common.clearFilters')}
        </Button>
      )}
    </div>
  );
}

/** The free-text search box of a filter bar. */
export function SearchField({ id, placeholder, input }: { id: string; placeholder: string; input: DebouncedParamInput }) {
  return (
    <div className="toolbar-field toolbar-search">
      <label htmlFor={id}>{t('common.search')}</label>
      <input id={id} type="search" placeholder={placeholder} value={input.text} onChange={(e) => input.setText(e.target.value)} />
    </div>
  );
}

/** A row of on/off chips, one per value (e.g. statuses), any number of them on. */
export function ToggleGroup<T extends string>({
  values,
  selected,
  onToggle,
  ...groupProps
}: {
  values: readonly T[];
  selected: readonly T[];
  onToggle: (value: T) => void;
  role?: 'group';
  'aria-label'?: string;
}) {
  return (
    <div className="toggle-group" {...groupProps}>
      {values.map((value) => (
        <label key={value} className={`toggle${selected.includes(value) ? ' is-on' : ''}`}>
          <input type="checkbox" checked={selected.includes(value)} onChange={() => onToggle(value)} />
          {humanEnum(value)}
        </label>
      ))}
    </div>
  );
}

/** A `ToggleGroup` as one field of a filter bar, named by its legend. */
export function ToggleField<T extends string>({ legend, ...toggles }: { legend: string; values: readonly T[]; selected: readonly T[]; onToggle: (value: T) => void }) {
  return (
    <fieldset className="toolbar-field toolbar-statuses">
      <legend>{legend}</legend>
      <ToggleGroup {...toggles} />
    </fieldset>
  );
}

/** "12 customers match these filters" for a page header; `unfilteredSuffix` ends it when no filter is set. */
export function FilteredCount({ count, one, many, filtersActive, unfilteredSuffix = '' }: { count: number; one: string; many: string; filtersActive: boolean; unfilteredSuffix?: string }) {
  return (
    <>
      <strong>{formatNumber(count)}</strong> {count === 1 ? one : many}
      {filtersActive ? t('lists.matchFilters') : unfilteredSuffix}
    </>
  );
}

/**
 * The empty state of a filterable list. With filters set, the way out is to
 * clear them; without, the list is really empty and `unfiltered.action`
 * (e.g. "Add customer") is the way in.
 */
export function FilteredEmptyState({
  filtersActive,
  onClearFilters,
  filtered,
  unfiltered,
}: {
  filtersActive: boolean;
  onClearFilters: () => void;
  filtered: { title: string; hint: string };
  unfiltered: { title: string; hint: string; action?: ReactNode };
}) {
  return filtersActive ? (
    <EmptyState
      title={filtered.title}
      hint={filtered.hint}
      action={
        <Button size="sm" onClick={onClearFilters}>
          {t('common.clearFilters')}
        </Button>
      }
    />
  ) : (
    <EmptyState title={unfiltered.title} hint={unfiltered.hint} action={unfiltered.action} />
  );
}

export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
  /** Sorts by `key`: the same column again flips the direction, another one starts in its own first direction. */
  sortBy: (key: K) => void;
}

/**
 * A table's sort kept in the query string as `sort=<key>` and `dir=desc`
 * (absent: the default column, ascending), like the list pages' filters.
 * `columns` gives each sortable column its first direction: names read
 * A→Z, figures usually best first.
 */
export function useSortParam<K extends string>(columns: Record<K, SortDirection>, defaultKey: NoInfer<K>): SortState<K> {
  const [params, setParams] = useSearchParams();
  const raw = params.get('sort') ?? '';
  const key = (Object.hasOwn(columns, raw) ? raw : defaultKey) as K;
  const direction: SortDirection = params.get('dir') === 'desc' ? 'DESC' : 'ASC';
  const sortBy = (next: K) => {
    const nextDirection = next === key ? (direction === 'ASC' ? 'DESC' : 'ASC') : columns[next];
    setParams({ sort: next === defaultKey ? null : next, dir: nextDirection === 'DESC' ? 'desc' : null });
  };
  return { key, direction, sortBy };
}

/** A column header that sorts the table by its column; `aria-sort` tells assistive technology the current order. */
export function SortHeader<K extends string>({
  column,
  sort,
  className,
  title,
  children,
}: {
  column: NoInfer<K>;
  sort: SortState<K>;
  className?: string;
  /** What the column means, as the header's tooltip. */
  title?: string;
  children: ReactNode;
}) {
  const active = sort.key === column;
  return (
    <th scope="col" className={className} title={title} aria-sort={active ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className={`th-sort${active ? ' is-active' : ''}`} onClick={() => sort.sortBy(column)}>
        {children}
        <span className="th-sort-icon" aria-hidden="true">
          {active ? (sort.direction === 'ASC' ? '↑' : '↓') : '↕'}
        </span>
      </button>
    </th>
  );
}
