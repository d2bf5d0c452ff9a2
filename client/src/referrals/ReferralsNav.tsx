import { Link, useRouter } from '../app/router.js';

/** Tabs of the referrals area. */
export function ReferralsTabs() {
  const { location } = useRouter();
  const tabs = [
    { to: '/referrals', label: 'Overview', active: location.pathname === '/referrals' },
    { to: '/referrals/all', label: 'All referrals', active: location.pathname === '/referrals/all' },
  ];
  return (
    <nav className="tabs" aria-label="Referrals">
      {tabs.map((t) => (
        <Link key={t.to} to={t.to} className={`tab${t.active ? ' is-active' : ''}`} aria-current={t.active ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
