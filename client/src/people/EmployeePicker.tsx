import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from 'urql';
import { EmployeePickerQuery, type EmployeeStatus, type PickerOption } from './people.graphql.js';
import { useDebouncedValue } from '../ui/hooks.js';
import { Avatar, Spinner } from '../ui/components.js';

export interface PickedEmployee {
  id: string;
  name: string;
}

/**
 * A combobox that searches employees by name or email as you type
 * (debounced) and picks one. `excludeId` hides one person (e.g. the member).
 */
export function EmployeePicker({
  id,
  value,
  onChange,
  placeholder = 'Search by name or email…',
  status = 'ACTIVE',
  excludeId,
  'aria-invalid': ariaInvalid,
  'aria-describedby': ariaDescribedBy,
}: {
  id?: string;
  value: PickedEmployee | null;
  onChange: (employee: PickedEmployee | null) => void;
  placeholder?: string;
  status?: EmployeeStatus;
  excludeId?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const listId = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const search = useDebouncedValue(text.trim(), 200);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setText(value?.name ?? '');
  }, [value?.id, value?.name]);

  const [{ data, fetching, error }] = useQuery({
    query: EmployeePickerQuery,
    variables: { search, status },
    pause: !open,
    requestPolicy: 'cache-first',
  });
  const options: PickerOption[] = (data?.employees.edges ?? []).map((e) => e.node).filter((o) => o.id !== excludeId);
  const stale = search !== text.trim();

  useEffect(() => setActive(0), [search]);

  const choose = (option: PickerOption) => {
    onChange({ id: option.id, name: option.name });
    setText(option.name);
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
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

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
        aria-activedescendant={open && options[active] ? `${listId}-${options[active].id}` : undefined}
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
        <ul className="picker-list" role="listbox" id={listId} aria-label="Matching employees">
          {(fetching || stale) && options.length === 0 && (
            <li className="picker-note">
              <Spinner size="sm" /> Searching…
            </li>
          )}
          {error && <li className="picker-note">Search failed: {error.message}</li>}
          {!fetching && !stale && !error && options.length === 0 && <li className="picker-note">No one matches “{text}”.</li>}
          {options.map((option, index) => (
            <li
              key={option.id}
              id={`${listId}-${option.id}`}
              role="option"
              aria-selected={index === active}
              className={`picker-option${index === active ? ' is-active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(option)}
            >
              <Avatar name={option.name} size="sm" />
              <span className="picker-option-text">
                <span className="picker-option-name">{option.name}</span>
                <span className="picker-option-meta">{[option.title, option.team?.name].filter(Boolean).join(' · ') || option.email}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
