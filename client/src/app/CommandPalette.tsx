import { t } from '../i18n/index.js';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { SearchQuery, type SearchHit, type SearchHitKind } from '../lib/app.graphql.js';
import { DESTINATIONS, matchesDestination } from './destinations.js';
import { useRouter } from '../lib/router.js';
import { useDebouncedValue } from '../ui/hooks.js';
import { humanEnum } from '../ui/format.js';

const KIND_LABEL = (kind: SearchHitKind): string => t(`palette.${kind}`);

const KIND_PATH: Record<SearchHitKind, string> = {
  EMPLOYEE: '/people',
  TEAM: '/teams',
  CUSTOMER: '/customers',
  COMPLAINT: '/complaints',
  SURVEY: '/surveys',
  REFERRAL: '/referrals',
};

interface Entry {
  key: string;
  group: string;
  title: string;
  subtitle?: string | null;
  path: string;
}

function hitEntry(hit: SearchHit): Entry {
  // Status values arrive as enum names ("IN_PROGRESS"); people's subtitles are emails and stay as they are.
  const subtitle = hit.subtitle && /^[A-Z_]+$/.test(hit.subtitle) ? humanEnum(hit.subtitle) : hit.subtitle?.replace(/ · ([A-Z_]+)$/, (_, s: string) => ` · ${humanEnum(s)}`);
  return { key: `${hit.kind}:${hit.id}`, group: KIND_LABEL(hit.kind), title: hit.title, subtitle, path: `${KIND_PATH[hit.kind]}/${hit.id}` };
}

/**
 * Ctrl/Cmd-K: one box to jump to any page, person, team, customer, complaint (by subject or number),
 * survey or referral. The list is a listbox driven from the input (arrow keys, Enter, Escape), so
 * focus never leaves the text the user is typing.
 */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const { navigate } = useRouter();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const query = useDebouncedValue(text.trim(), 150);
  const [result] = useQuery({ query: SearchQuery, variables: { text: query, first: 5 }, pause: query.length === 0 });

  const entries = useMemo<Entry[]>(() => {
    const pages = DESTINATIONS.filter((d) => matchesDestination(d, text)).map((d) => ({ key: `page:${d.path}`, group: t('palette.groupPages'), title: d.label, path: d.path }));
    const hits = query && result.data ? result.data.search.map(hitEntry) : [];
    return [...pages, ...hits];
  }, [text, query, result.data]);
  const searching = query.length > 0 && (result.fetching || query !== text.trim());

  useEffect(() => setActive(0), [text]);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => previous?.focus?.();
  }, []);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const open = (entry: Entry | undefined) => {
    if (!entry) return;
    onClose();
    navigate(entry.path);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (entries.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + entries.length) % entries.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(entries[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      // The only focusable element: Tab must not walk into the page behind the modal.
      e.preventDefault();
    }
  };

  // Consecutive entries of one kind form a labelled group; indexes stay global for the arrow keys.
  const groups: Array<{ label: string; items: Array<{ entry: Entry; index: number }> }> = [];
  entries.forEach((entry, index) => {
    const last = groups[groups.length - 1];
    if (last?.label === entry.group) last.items.push({ entry, index });
    else groups.push({ label: entry.group, items: [{ entry, index }] });
  });

  return (
    <div className="dialog-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('palette.label')}>
        <div className="palette-input">
          <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <input
            ref={input}
            type="text"
            role="combobox"
            aria-expanded={entries.length > 0}
            aria-controls={listId}
            aria-activedescendant={entries.length ? `${listId}-${active}` : undefined}
            aria-autocomplete="list"
            aria-label={t('palette.inputLabel')}
            placeholder={t('palette.placeholder')}
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <kbd className="palette-esc">Esc</kbd>
        </div>
        <div className="palette-list" id={listId} role="listbox" aria-label={t('palette.results')}>
          {groups.map((group) => (
            <div role="group" key={`${group.label}-${group.items[0]!.index}`} aria-labelledby={`${listId}-g-${group.items[0]!.index}`}>
              <div className="palette-group" id={`${listId}-g-${group.items[0]!.index}`} role="presentation">
                {group.label}
              </div>
              {group.items.map(({ entry, index }) => (
                <div
                  key={entry.key}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className={`palette-option${index === active ? ' is-active' : ''}`}
                  onMouseMove={() => setActive(index)}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => open(entry)}
                >
                  <span className="palette-option-title">{entry.title}</span>
                  {entry.subtitle && <span className="palette-option-sub">{entry.subtitle}</span>}
                </div>
              ))}
            </div>
          ))}
        </div>
        <p className="palette-status" role="status">
          {searching ? t('palette.searching') : query && entries.length === 0 ? t('palette.nothingFound', { query }) : ''}
        </p>
      </div>
    </div>
  );
}
