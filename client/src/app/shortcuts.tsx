import { t } from '../i18n/index.js';
import { useEffect, useRef } from 'react';
import { DESTINATIONS } from './destinations.js';
import { Dialog } from '../ui/components.js';

/** Typing in a field, or holding a modifier other than Shift, is never a shortcut. */
function isTyping(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  if (e.ctrlKey || e.metaKey || e.altKey) return true;
  return !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null);
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const PALETTE_KEYS = isMac ? ['⌘', 'K'] : ['Ctrl', 'K'];

/**
 * App-wide keys, as in Linear or GitHub: Ctrl/Cmd-K opens the palette (everywhere, even in a field),
 * `/` focuses the page's search field, `g` then a letter goes to a page, `?` lists them all.
 */
export function useGlobalShortcuts({ navigate, openPalette, openHelp }: { navigate: (to: string) => void; openPalette: () => void; openHelp: () => void }) {
  const pendingG = useRef<number | null>(null);
  const handlers = useRef({ navigate, openPalette, openHelp });
  handlers.current = { navigate, openPalette, openHelp };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        handlers.current.openPalette();
        return;
      }
      if (isTyping(e)) return;
      if (pendingG.current !== null) {
        window.clearTimeout(pendingG.current);
        pendingG.current = null;
        const destination = DESTINATIONS.find((d) => d.key === e.key.toLowerCase());
        if (destination) {
          e.preventDefault();
          handlers.current.navigate(destination.path);
        }
        return;
      }
      if (e.key === 'g') {
        pendingG.current = window.setTimeout(() => (pendingG.current = null), 1200);
      } else if (e.key === '/') {
        const field = document.querySelector<HTMLInputElement>('main input[type="search"]');
        if (field) {
          e.preventDefault();
          field.focus();
          field.select();
        }
      } else if (e.key === '?') {
        e.preventDefault();
        handlers.current.openHelp();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (pendingG.current !== null) window.clearTimeout(pendingG.current);
    };
  }, []);
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const rows: Array<{ keys: string[]; label: string }> = [
    { keys: PALETTE_KEYS, label: t('palette.searchAnywhere') },
    { keys: ['/'], label: t('palette.searchList') },
    { keys: ['?'], label: t('palette.showShortcuts') },
    ...DESTINATIONS.filter((d) => d.key).map((d) => ({ keys: ['g', d.key!], label: t('palette.goTo', { page: d.label }) })),
    { keys: ['Esc'], label: t('palette.closeDialog') },
  ];
  return (
    <Dialog title={t('palette.shortcuts')} onClose={onClose}>
      <dl className="shortcut-list">
        {rows.map((row) => (
          <div className="shortcut-row" key={row.label}>
            <dt>
              {row.keys.map((k) => (
                <kbd className="kbd" key={k}>
                  {k}
                </kbd>
              ))}
            </dt>
            <dd>{row.label}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
