import { Link, useRouter } from '../lib/router.js';

/** The tabs of an area of the app (complaints, referrals, leadership): the current page's tab is marked. */
export function AreaTabs({ label, tabs }: { label: string; tabs: Array<{ to: string; label: string }> }) {
  const { location } = useRouter();
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t) => {
        const active = location.pathname === t.to;
        return (
          <Link key={t.to} to={t.to} className={`tab${active ? ' is-active' : ''}`} aria-current={active ? 'page' : undefined}>
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
