import { t } from '../i18n/index.js';
import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDebouncedValue } from './hooks.js';
import { Avatar, Spinner } from './components.js';

/** One choice in the list: `key` is unique in the list, `meta` the grey line under the name. */
export interface ComboboxOption {
  key: string;
  name: string;
  meta: string;
}

/** Options under an optional heading (e.g. "Customers", "Employees"). */
export interface ComboboxGroup<Option extends ComboboxOption> {
  label?: string;
  options: Option[];
}

export interface ComboboxSearch {
  text: string;
  setText: (text: string) => void;
  open: boolean;
  setOpen: (open: boolean) => void;
  /** The debounced, trimmed text: what to search for. */
  search: string;
}

/**
 * The typing state of a search combobox. It lives in the picker rather than
 * in `<Combobox>` because the picker runs the search query: it needs `search`
 * for its variables and `open` to pause the query while the list is closed.
 */
export function useComboboxSearch(selected: { id: string; name: string } | null): ComboboxSearch {
  const [text, setText] = useState(selected?.name ?? '');
  const [open, setOpen] = useState(false);
  const search = useDebouncedValue(text.trim(), 200);
  // A new selection from outside (or a name that loaded late) replaces what is typed.
  useEffect(() => setText(selected?.name ?? ''), [selected?.id, selected?.name]);
  return { text, setText, open, setOpen, search };
}

/**
 * A text box that searches as you type and picks one option from a listbox
 * (the ARIA combobox pattern: arrows move, Enter picks, Escape closes).
 * Typing over a selection clears it, and leaving the box restores the
 * selected name, so the box never shows text that is not the selection.
 */
export function Combobox<Option extends ComboboxOption>({
  state,
  groups,
  fetching,
  error,
  selected,
  onPick,
  onClear,
  listLabel,
  id,
  placeholder,
  'aria-invalid': ariaInvalid,
  'aria-describedby': ariaDescribedBy,
}: {
  state: ComboboxSearch;
  groups: ComboboxGroup<Option>[];
  fetching: boolean;
  error?: Error;
  selected: { name: string } | null;
  onPick: (option: Option) => void;
  onClear: () => void;
  /** Accessible name of the listbox, e.g. "Matching employees". */
  listLabel: string;
  id?: string;
  placeholder: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { text, setText, open, setOpen, search } = state;
  const listId = useId();
  const [active, setActive] = useState(0);
  const wrapper = useRef<HTMLDivElement>(null);
  const options = groups.flatMap((g) => g.options);
  // The debounce has not caught up with the box yet, so the results are for older text.
  const stale = search !== text.trim();
  useEffect(() => setActive(0), [search]);

  const choose = (option: Option) => {
    onPick(option);
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

  const optionId = (option: Option) => `${listId}-${option.key}`;
  // `position` counts across groups, as the arrow keys do.
  const renderOption = (option: Option, position: number) => (
    <li
      key={option.key}
      id={optionId(option)}
      role="option"
      aria-selected={position === active}
      className={`picker-option${position === active ? ' is-active' : ''}`}
      onMouseDown={(e) => e.preventDefault()}
      onMouseEnter={() => setActive(position)}
      onClick={() => choose(option)}
    >
      <Avatar name={option.name} size="sm" />
      <span className="picker-option-text">
        <span className="picker-option-name">{option.name}</span>
        <span className="picker-option-meta">{option.meta}</span>
      </span>
    </li>
  );

  return (
    <div
      className="picker"
      ref={wrapper}
      onBlur={(e) => {
        if (!wrapper.current?.contains(e.relatedTarget as Node)) {
          setOpen(false);
          if (selected && text !== selected.name) setText(selected.name);
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
        aria-activedescendant={open && options[active] ? optionId(options[active]) : undefined}
        aria-invalid={ariaInvalid}
        aria-describedby={ariaDescribedBy}
        placeholder={placeholder}
        value={text}
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (selected) onClear();
        }}
        onKeyDown={onKeyDown}
      />
      {selected && (
        <button
          type="button"
          className="picker-clear"
          aria-label={t('pickers.clearSelection')}
          onClick={() => {
            onClear();
            setText('');
          }}
        >
          ×
        </button>
      )}
      {open && (
        <ul className="picker-list" role="listbox" id={listId} aria-label={listLabel}>
          {(fetching || stale) && options.length === 0 && (
            <li className="picker-note">
              <Spinner size="sm" /> Searching…
            </li>
          )}
          {error && <li className="picker-note">Search failed: {error.message}</li>}
          {!fetching && !stale && !error && options.length === 0 && <li className="picker-note">No one matches “{text}”.</li>}
          {groups.map((group, g) => {
            if (group.options.length === 0) return null;
            const offset = groups.slice(0, g).reduce((count, earlier) => count + earlier.options.length, 0);
            return (
              <Fragment key={group.label ?? g}>
                {group.label && (
                  <li className="picker-group" role="presentation">
                    {group.label}
                  </li>
                )}
                {group.options.map((option, i) => renderOption(option, offset + i))}
              </Fragment>
            );
          })}
        </ul>
      )}
    </div>
  );
}
