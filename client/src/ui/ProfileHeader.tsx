import type { ReactNode } from 'react';
import { Avatar, Skeleton } from './components.js';

/** One labelled fact under a profile's subtitle (email, dates, counts …). */
export interface ProfileFact {
  label: string;
  value: ReactNode;
}

/**
 * The header of a person-like page (an employee, a customer, a referred
 * person): large initials avatar, the name as the page heading with its
 * badges, a subtitle line, labelled facts, and the actions on the right.
 * Facts that are `false`, `null` or `undefined` are left out, so a page can
 * write `c.churnedAt && { label: 'Churned', value: … }`.
 */
export function ProfileHeader({
  name,
  badges,
  subtitle,
  facts,
  children,
  actions,
}: {
  name: string;
  /** Status and other badges next to the name. */
  badges?: ReactNode;
  subtitle?: ReactNode;
  facts?: Array<ProfileFact | false | null | undefined | ''>;
  /** Anything below the facts (a note, say). */
  children?: ReactNode;
  /** The right-hand column: the live indicator, buttons, short notes. */
  actions?: ReactNode;
}) {
  const shown = (facts ?? []).filter((f): f is ProfileFact => Boolean(f));
  return (
    <header className="profile">
      <Avatar name={name} size="lg" />
      <div className="profile-main">
        <div className="profile-title">
          <h1>{name}</h1>
          {badges}
        </div>
        {subtitle != null && <p className="profile-role">{subtitle}</p>}
        {shown.length > 0 && (
          <dl className="profile-meta">
            {shown.map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {children}
      </div>
      {actions != null && <div className="profile-actions">{actions}</div>}
    </header>
  );
}

/** The loading shape of a ProfileHeader: avatar (unless `avatar={false}`), the name, and one bar per width in `lines`. */
export function ProfileHeaderSkeleton({ avatar = true, lines = [420] }: { avatar?: boolean; lines?: number[] }) {
  return (
    <div className="profile">
      {avatar && <Skeleton width={64} height={64} className="skeleton-round" />}
      <div className="profile-main">
        <Skeleton width={260} height={28} />
        {lines.map((width, i) => (
          <Skeleton key={i} width={width} />
        ))}
      </div>
    </div>
  );
}
