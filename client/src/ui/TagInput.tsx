import { t } from '../i18n/index.js';
import { useState, type KeyboardEvent } from 'react';

/** Tags as chips; Enter or comma adds, Backspace on empty input removes the last. */
export function TagInput({
  value,
  onChange,
  id,
  placeholder,
  max = 20,
  ...aria
}: {
  value: string[];
  onChange: (tags: string[]) => void;
  id?: string;
  placeholder?: string;
  max?: number;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const [draft, setDraft] = useState('');
  const add = (raw: string) => {
    const tag = raw.trim().slice(0, 60);
    if (!tag || value.includes(tag) || value.length >= max) return;
    onChange([...value, tag]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add(draft);
      setDraft('');
    } else if (e.key === 'Backspace' && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  };
  return (
    <div className="tag-input">
      {value.map((tag) => (
        <span key={tag} className="tag">
          {tag}
          <button type="button" aria-label={`Remove ${tag}`} onClick={() => onChange(value.filter((t) => t !== tag))}>
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        value={draft}
        placeholder={value.length ? '' : placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          add(draft);
          setDraft('');
        }}
        {...aria}
      />
    </div>
  );
}

export function Tags({ tags, empty = t('pickers.noneYet') }: { tags: string[]; empty?: string }) {
  if (tags.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="tags" aria-label={t('pickers.strengths')}>
      {tags.map((t) => (
        <li key={t} className="tag">
          {t}
        </li>
      ))}
    </ul>
  );
}
