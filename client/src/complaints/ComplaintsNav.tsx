import { Link, useRouter } from '../app/router.js';

/** Tabs of the complaints area. */
export function ComplaintsTabs() {
  const { location } = useRouter();
  const tabs = [
    { to: '/complaints', label: 'Inbox' },
    { to: '/complaints/board', label: 'Board' },
    { to: '/complaints/improvements', label: 'Improvements' },
  ];
  return (
    <nav className="tabs" aria-label="Complaints">
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
