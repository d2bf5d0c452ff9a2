import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from 'urql';
import { ReferrerSearchQuery, type ReferrerOption } from './referrals.graphql.js';
import { useDebouncedValue } from '../ui/hooks.js';
import { Avatar, Spinner } from '../ui/components.js';

export interface PickedReferrer {
  type: 'Customer' | 'Employee';
  id: string;
  name: string;
}

type Option = ReferrerOption & { meta: string };

/**
 * A combobox over active customers and employees (one search, two groups).
 * `only` limits it to one of them (e.g. employees for a hire referral).
 */
export function ReferrerPicker({
  id,
  value,
  onChange,
  only,
  placeholder = 'Search customers or employees…',
  'aria-invalid': ariaInvalid,
  'aria-describedby': ariaDescribedBy,
}: {
  id?: string;
  value: PickedReferrer | null;
  onChange: (referrer: PickedReferrer | null) => void;
  only?: 'Customer' | 'Employee';
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const listId = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const search = useDebouncedValue(text.trim(), 200);
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => setText(value?.name ?? ''), [value?.id, value?.name]);

  const [{ data, fetching, error }] = useQuery({ query: ReferrerSearchQuery, variables: { search }, pause: !open, requestPolicy: 'cache-first' });
  const customers: Option[] = only === 'Employee' ? [] : (data?.customers.edges ?? []).map(({ node }) => ({ ...node, __typename: 'Customer', meta: node.company ?? node.email }));
  const employees: Option[] = only === 'Customer' ? [] : (data?.employees.edges ?? []).map(({ node }) => ({ ...node, __typename: 'Employee', meta: node.title ?? node.email }));
  const options = [...customers, ...employees];
  const stale = search !== text.trim();
  useEffect(() => setActive(0), [search]);

  const choose = (o: Option) => {
    onChange({ type: o.__typename, id: o.id, name: o.name });
    setText(o.name);
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape') setOpen(false);
  };
  const key = (o: Option) => `${o.__typename}-${o.id}`;
  const renderGroup = (label: string, list: Option[], offset: number) =>
    list.length > 0 && [
      <li key={`h-${label}`} className="picker-group" role="presentation">
        {label}
      </li>,
      ...list.map((o, i) => (
        <li
          key={key(o)}
          id={`${listId}-${key(o)}`}
          role="option"
          aria-selected={offset + i === active}
          className={`picker-option${offset + i === active ? ' is-active' : ''}`}
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => setActive(offset + i)}
          onClick={() => choose(o)}
        >
          <Avatar name={o.name} size="sm" />
          <span className="picker-option-text">
            <span className="picker-option-name">{o.name}</span>
            <span className="picker-option-meta">
              {o.__typename === 'Customer' ? 'Customer' : 'Employee'} · {o.meta}
            </span>
          </span>
        </li>
      )),
    ];

  return (
    <div
      className="picker"
      ref={wrapper}
      onBlur={(e) => {
        if (!wrapper.current?.contains(e.relatedTarget as Node)) {
          setOpen(false);
          if (value && text !== value.name) setText(value.name);
        }
      }}
    >
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${key(options[active])}` : undefined}
        aria-invalid={ariaInvalid}
        aria-describedby={ariaDescribedBy}
        placeholder={placeholder}
        value={text}
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onKeyDown={onKeyDown}
      />
      {value && (
        <button
          type="button"
          className="picker-clear"
          aria-label="Clear selection"
          onClick={() => {
            onChange(null);
            setText('');
          }}
        >
          ×
        </button>
      )}
      {open && (
        <ul className="picker-list" role="listbox" id={listId} aria-label="Matching referrers">
          {(fetching || stale) && options.length === 0 && (
            <li className="picker-note">
              <Spinner size="sm" /> Searching…
            </li>
          )}
          {error && <li className="picker-note">Search failed: {error.message}</li>}
          {!fetching && !stale && !error && options.length === 0 && <li className="picker-note">No one matches “{text}”.</li>}
          {renderGroup('Customers', customers, 0)}
          {renderGroup('Employees', employees, customers.length)}
        </ul>
      )}
    </div>
  );
}
