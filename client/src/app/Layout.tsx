import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useRouter } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { Avatar, Button } from '../ui/components.js';
import { humanEnum } from '../ui/format.js';
import { useTitleFromHeading } from '../ui/title.js';
import { CommandPalette } from './CommandPalette.js';
import { LANGUAGE_NAMES, LANGUAGES, currentLanguage, setLanguage, useT, type Language } from '../i18n/index.js';
import { PALETTE_KEYS, ShortcutsDialog, useGlobalShortcuts } from './shortcuts.js';

const icon = (d: string) => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d={d} />
  </svg>
);

const ICONS = {
  people: icon('M16 19v-1.5a3.5 3.5 0 0 0-3.5-3.5h-5A3.5 3.5 0 0 0 4 17.5V19M10 10.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7M20 19v-1.5a3.5 3.5 0 0 0-2.5-3.35M15.5 3.65a3.5 3.5 0 0 1 0 6.7'),
  teams: icon('M12 3v5M12 8H6a2 2 0 0 0-2 2v3M12 8h6a2 2 0 0 1 2 2v3M2 16h4v4H2zM10 16h4v4h-4zM18 16h4v4h-4zM12 8v8'),
  leadership: icon('M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18M15.5 8.5l-2 5-5 2 2-5z'),
  customers: icon('M3 21V8l9-5 9 5v13M9 21v-6h6v6M3 21h18'),
  surveys: icon('M9 5H7a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-2M9 5a2 2 0 0 0 2 2h2a2 2 0 0 0 2-2M9 5a2 2 0 0 1 2-2h2a2 2 0 0 1 2 2M9 13l2 2 4-4'),
  complaints: icon('M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2zM12 7v4M12 14h.01'),
  referrals: icon('M6 18a3 3 0 1 0 0-6 3 3 0 0 0 0 6M18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6M18 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6M8.6 13.5l6.8-6M8.6 16.5l6.8 1.5'),
  outbox: icon('M4 4h16v16H4zM4 4l8 8 8-8'),
  tokens: icon('M15 7a2 2 0 0 1 2 2M21 9a6 6 0 0 1-7.74 5.74L11 17H9v2H7v2H3v-4l6.26-6.26A6 6 0 1 1 21 9'),
  explorer: icon('M8 9l-4 3 4 3M16 9l4 3-4 3M13.5 5l-3 14'),
};

function NavItem({ to, label, icon: i, active }: { to: string; label: string; icon: ReactNode; active: boolean }) {
  return (
    <li>
      <Link to={to} className={`nav-item${active ? ' is-active' : ''}`} aria-current={active ? 'page' : undefined}>
        {i}
        <span>{label}</span>
      </Link>
    </li>
  );
}

function SoonItem({ label, icon: i }: { label: string; icon: ReactNode }) {
  const { t } = useT();
  return (
    <li>
      <span className="nav-item is-disabled" aria-disabled="true" title={t('shell.comingSoon', { label })}>
        {i}
        <span>{label}</span>
        <span className="nav-soon">{t('shell.soon')}</span>
      </span>
    </li>
  );
}

export function Layout({ children, wide }: { children: ReactNode; wide?: boolean }) {
  const { location, navigate } = useRouter();
  const { viewer, signOut } = useSession();
  const { t, i18n } = useT();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  useGlobalShortcuts({ navigate, openPalette: () => setPaletteOpen(true), openHelp: () => setHelpOpen(true) });
  const searchLauncher = (
    <button type="button" className="search-launcher" onClick={() => setPaletteOpen(true)} aria-keyshortcuts={PALETTE_KEYS.join('+').replace('⌘', 'Meta').replace('Ctrl', 'Control')}>
      <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
        <circle cx="11" cy="11" r="7" />
        <path d="m20 20-3.5-3.5" />
      </svg>
      <span>{t('shell.searchLauncher')}</span>
      <span aria-hidden="true">
        {PALETTE_KEYS.map((k) => (
          <kbd className="kbd" key={k}>
            {k}
          </kbd>
        ))}
      </span>
    </button>
  );
  const at = (prefix: string) => location.pathname === prefix || location.pathname.startsWith(`${prefix}/`);
  // Below desktop width the navigation is a drawer behind a menu button.
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  useTitleFromHeading(main);

  // After moving to another page, focus goes to its heading (or the main region while it loads),
  // so keyboard and screen-reader users start there instead of in the menu they left.
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    setMenuOpen(false);
    if (location.pathname === firstPath.current) return;
    firstPath.current = location.pathname;
    const frame = requestAnimationFrame(() => {
      const heading = main.current?.querySelector<HTMLElement>('h1');
      const target = heading ?? main.current;
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    document.querySelector<HTMLElement>('#sidebar .nav-item')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setMenuOpen(false);
        menuButton.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <div className={`shell${menuOpen ? ' menu-open' : ''}`}>
      <a href="#main" className="skip-link" onClick={(e) => {
        e.preventDefault();
        main.current?.focus();
      }}>
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <button
          ref={menuButton}
          type="button"
          className="btn btn-ghost btn-icon menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
            {menuOpen ? <path d="M6 6l12 12M18 6 6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
          </svg>
          <span className="sr-only">{t('shell.menu')}</span>
        </button>
        <Link to="/people" className="brand brand-top">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          Rapport
        </Link>
        <button type="button" className="btn btn-ghost btn-icon topbar-search" onClick={() => setPaletteOpen(true)}>
          <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <span className="sr-only">{t('shell.search')}</span>
        </button>
      </header>
      {menuOpen && <div className="sidebar-scrim" aria-hidden="true" onClick={() => setMenuOpen(false)} />}
      <aside className="sidebar" id="sidebar">
        <Link to="/people" className="brand">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          Rapport
        </Link>
        {searchLauncher}
        <nav aria-label={t('shell.mainNav')}>
          <p className="nav-heading" id="nav-leadership">{t('shell.navLeadership')}</p>
          <ul className="nav-list" aria-labelledby="nav-leadership">
            <NavItem to="/people" label={t('shell.people')} icon={ICONS.people} active={at('/people')} />
            <NavItem to="/teams" label={t('shell.teams')} icon={ICONS.teams} active={at('/teams')} />
            <NavItem to="/leadership" label={t('shell.leadership')} icon={ICONS.leadership} active={at('/leadership')} />
          </ul>
          <p className="nav-heading" id="nav-customers">{t('shell.navCustomers')}</p>
          <ul className="nav-list" aria-labelledby="nav-customers">
            <NavItem to="/customers" label={t('shell.customers')} icon={ICONS.customers} active={at('/customers')} />
            <NavItem to="/surveys" label={t('shell.surveys')} icon={ICONS.surveys} active={at('/surveys')} />
            <NavItem to="/complaints" label={t('shell.complaints')} icon={ICONS.complaints} active={at('/complaints')} />
            <NavItem to="/referrals" label={t('shell.referrals')} icon={ICONS.referrals} active={at('/referrals')} />
            <NavItem to="/outbox" label={t('shell.outbox')} icon={ICONS.outbox} active={at('/outbox')} />
          </ul>
          <p className="nav-heading" id="nav-developers">{t('shell.navDevelopers')}</p>
          <ul className="nav-list" aria-labelledby="nav-developers">
            <NavItem to="/settings/tokens" label={t('shell.apiTokens')} icon={ICONS.tokens} active={at('/settings')} />
            <NavItem to="/explorer" label={t('shell.explorer')} icon={ICONS.explorer} active={at('/explorer')} />
          </ul>
        </nav>
        {viewer && (
          <div className="sidebar-user">
            <Avatar name={viewer.employee?.name ?? viewer.label} size="sm" />
            <div className="sidebar-user-text">
              <span className="sidebar-user-label" title={viewer.label}>
                {viewer.employee?.name ?? viewer.label}
              </span>
              <span className="sidebar-user-role">{humanEnum(viewer.role)}</span>
            </div>
            <LanguageSelect />
            <Button variant="ghost" size="sm" onClick={() => void signOut()}>
              {t('shell.logOut')}
            </Button>
          </div>
        )}
      </aside>
      <main className={`main${wide ? ' main-wide' : ''}`} id="main" ref={main} tabIndex={-1}>
        {/* A language switch remounts the page, so every figure and date is formatted anew. */}
        <Fragment key={i18n.language}>{children}</Fragment>
      </main>
      {paletteOpen && <CommandPalette onClose={() => setPaletteOpen(false)} />}
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

/** The language switch in the user menu: remembered on this browser, German or English. */
function LanguageSelect() {
  const { t } = useT();
  return (
    <label className="sidebar-language">
      <span>{t('shell.language')}</span>
      <select value={currentLanguage()} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </label>
  );
}
