import { useT } from '../i18n/index.js';
import { useEffect, useId, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import type { Problem } from '../lib/errors.js';
import { initials } from './format.js';
import { useScrollableRegion } from './hooks.js';

type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export function Button({
  variant = 'secondary',
  size,
  busy,
  className,
  children,
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: 'sm'; busy?: boolean }) {
  return (
    <button
      type="button"
      className={['btn', `btn-${variant}`, size === 'sm' ? 'btn-sm' : '', className ?? ''].join(' ').trim()}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && <Spinner size="sm" />}
      {children}
    </button>
  );
}

export function Spinner({ size, label }: { size?: 'sm'; label?: string }) {
  return <span className={`spinner${size === 'sm' ? ' spinner-sm' : ''}`} role={label ? 'status' : undefined} aria-label={label} />;
}

export function Skeleton({ width, height = '1em', className }: { width?: string | number; height?: string | number; className?: string }) {
  return <span className={`skeleton ${className ?? ''}`} style={{ width, height }} aria-hidden="true" />;
}

export function SkeletonRows({ rows = 6, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} className="skeleton-row" aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            <td key={c}>
              <Skeleton width={`${c === 0 ? 60 + ((r * 7) % 30) : 40 + ((r * 13 + c * 5) % 40)}%`} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'success' | 'muted' | 'accent' | 'warning' | 'danger'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function StatusBadge({ status }: { status: 'ACTIVE' | 'EXITED' }) {
  const { t } = useT();
  return status === 'ACTIVE' ? <Badge tone="success">{t('common.active')}</Badge> : <Badge tone="muted">{t('common.exited')}</Badge>;
}

export function Avatar({ name, size }: { name: string; size?: 'lg' | 'sm' }) {
  // A stable hue per name keeps avatars distinguishable but calm.
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) % 360;
  return (
    <span className={`avatar${size ? ` avatar-${size}` : ''}`} style={{ ['--avatar-hue' as string]: hash }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <svg width="40" height="40" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
        <circle cx="11" cy="11" r="7" />
        <path d="m20 20-3.5-3.5" strokeLinecap="round" />
      </svg>
      <p className="empty-title">{title}</p>
      {hint && <p className="empty-hint">{hint}</p>}
      {action}
    </div>
  );
}

export function ErrorState({ problems, onRetry, title }: { problems: Problem[]; onRetry?: () => void; title?: string }) {
  const { t } = useT();
  return (
    <div className="error-state" role="alert">
      <p className="error-state-title">{title ?? t('common.couldNotLoad')}</p>
      {problems.map((p, i) => (
        <p key={i} className="error-state-message">
          {p.title}: {p.message}
        </p>
      ))}
      {onRetry && (
        <Button onClick={onRetry} size="sm">
          {t('common.tryAgain')}
        </Button>
      )}
    </div>
  );
}

/** Problems that name no field of the form, shown above it. */
export function FormAlert({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="form-alert" role="alert">
      {problems.map((p, i) => (
        <p key={i}>
          <strong>{p.title}.</strong> {p.message} <code className="error-code">{p.code}</code>
        </p>
      ))}
    </div>
  );
}

/**
 * A labelled form field. The child gets `id`, `aria-invalid` and
 * `aria-describedby` through the render prop so the error is tied to the control.
 */
export function Field({
  label,
  hint,
  problem,
  children,
  optional,
}: {
  label: string;
  hint?: ReactNode;
  problem?: Problem;
  optional?: boolean;
  children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const { t } = useT();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [problem ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional && <span className="field-optional"> {t('common.optional')}</span>}
      </label>
      {children({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': describedBy })}
      {hint && !problem && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          <strong>{problem.title}.</strong> {problem.message} <code className="error-code">{problem.code}</code>
        </p>
      )}
    </div>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog. Focus moves into it once, when it opens — never again on a re-render, so a live
 * update of the page behind it (which re-renders the parent and hands a new `onClose`) cannot move
 * the cursor away from what the user is typing. Tab and Shift+Tab stay inside it; Escape closes it;
 * on close focus returns to where it was.
 */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const titleId = useId();
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  // The latest onClose, read by the listeners set up once on open.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        close.current();
        return;
      }
      if (e.key !== 'Tab' || !ref.current) return;
      const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
      if (focusable.length === 0) return;
      const firstEl = focusable[0]!;
      const lastEl = focusable[focusable.length - 1]!;
      const active = document.activeElement as HTMLElement | null;
      const inside = active !== null && ref.current.contains(active);
      if (e.shiftKey && (active === firstEl || !inside)) {
        e.preventDefault();
        lastEl.focus();
      } else if (!e.shiftKey && (active === lastEl || !inside)) {
        e.preventDefault();
        firstEl.focus();
      }
    };
    // Focus that lands outside (a click on the backdrop's page, a script) is brought back in.
    const onFocusIn = (e: FocusEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target) && !(e.target as HTMLElement).closest?.('.picker-list')) {
        ref.current.querySelector<HTMLElement>(FOCUSABLE)?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      previous?.focus?.();
    };
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`dialog${wide ? ' dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref}>
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-close" aria-label={t('common.close')} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  );
}

export function PageHeader({ title, subtitle, actions, eyebrow }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; eyebrow?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        {eyebrow && <div className="page-eyebrow">{eyebrow}</div>}
        <h1>{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  const headingId = useId();
  const { t } = useT();
  const body = useScrollableRegion<HTMLDivElement>(typeof title === 'string' ? t('common.titleScrollsSideways', { title }) : t('common.scrollsSideways'));
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={title ? headingId : undefined}>
      {(title || actions) && (
        <header className="card-header">
          {title && <h2 id={headingId}>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      <div className="card-body" ref={body}>
        {children}
      </div>
    </section>
  );
}
