import { i18n } from '../i18n/index.js';

/*
 * The one place that turns numbers and dates into text, always with Intl in the app's language
 * (followed from the i18n instance below; tests may set it with `setFormatLocale`). Every page
 * formats through these functions, so a language switch changes them all.
 */
let locale = 'en';
const formats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Follows the app's language ("en", "de"). */
export function setFormatLocale(next: string) {
  if (next === locale) return;
  locale = next;
  formats.clear();
  dateFormats.clear();
}

export function formatLocale(): string {
  return locale;
}

setFormatLocale(i18n.language);
i18n.on('languageChanged', setFormatLocale);

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Dec 6, 2026" / "6. Dez. 2026". */
export function formatDate(iso: string | Date | null | undefined): string {
  const date = toDate(iso);
  return date ? dateFormat({ year: 'numeric', month: 'short', day: 'numeric' }).format(date) : '—';
}

/** "Dec 6, 2026, 3:04 PM" / "06.12.2026, 15:04". */
export function formatDateTime(iso: string | Date | null | undefined): string {
  const date = toDate(iso);
  return date ? dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(date) : '—';
}

/** Day and month only: "Dec 6" / "6. Dez.". */
export function formatDayMonth(iso: string | Date | null | undefined): string {
  const date = toDate(iso);
  return date ? dateFormat({ day: 'numeric', month: 'short' }).format(date) : '—';
}

/** Month and short year: "Dec 26" / "Dez. 26". */
export function formatMonthYear(iso: string | Date | null | undefined): string {
  const date = toDate(iso);
  return date ? dateFormat({ month: 'short', year: '2-digit' }).format(date) : '—';
}

/** A clock time: "3:04 PM" / "15:04". */
export function formatTime(iso: string | Date | null | undefined, seconds = false): string {
  const date = toDate(iso);
  return date ? dateFormat(seconds ? { timeStyle: 'medium' } : { timeStyle: 'short' }).format(date) : '—';
}

/** "just now", "2 min ago", "3 hr. ago" (German: "gerade eben", "vor 2 Min.", "vor 3 Std."), else a date. */
export function formatRelative(date: Date, now = new Date()): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 45) return locale === 'de' ? 'gerade eben' : 'just now';
  const relative = new Intl.RelativeTimeFormat(locale, { style: 'short', numeric: 'always' });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return relative.format(-hours, 'hour');
  return formatDate(date.toISOString());
}

/** A `<input type="date">` value to an ISO date-time at local midnight; undefined for empty. */
export function dateInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function todayInput(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

/** An enum value's label in the catalogue of the app's language ("IN_PROGRESS" → "In Bearbeitung"). */
function enumLabel(value: string): string | undefined {
  const labels: Record<string, string | undefined> = i18n.getResource(i18n.language, 'translation', 'enum') ?? {};
  return Object.hasOwn(labels, value) ? labels[value] : undefined;
}

/** An enum value as words in the app's language; unknown values as "In progress" from "IN_PROGRESS". */
export function humanEnum(value: string | null | undefined): string {
  if (!value) return '—';
  const label = enumLabel(value);
  if (label) return label;
  const text = value.toLowerCase().replace(/_/g, ' ');
  return text[0].toUpperCase() + text.slice(1);
}

/*
 * Numbers, one way everywhere: Intl.NumberFormat in the app's language, a true minus sign (−) for
 * negatives, NPS-style scores signed and whole, shares as percentages with one decimal only below
 * 10 % where it matters (3.4 %, not 3 %).
 */
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
function format(value: number, options: Intl.NumberFormatOptions): string {
  return numberFormat(options)
    .formatToParts(value)
    .map((p) => (p.type === 'minusSign' ? '−' : p.value))
    .join('');
}

/** A count or plain number: "1,234"; `digits` caps the decimals (default none). */
export function formatNumber(value: number, digits = 0): string {
  return format(value, { maximumFractionDigits: digits });
}

/** A mean or ratio with a fixed number of decimals: "3.8", "1.25". */
export function formatDecimal(value: number, digits = 1): string {
  return format(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** An NPS-style score −100..100: whole and signed ("+12", "−33", "0"). */
export function formatScore(value: number): string {
  return format(Math.round(value), { signDisplay: 'exceptZero', maximumFractionDigits: 0 });
}

/** A share 0..1 as a percentage ("44%", "3.4%"); `signed` for changes ("+5%"). */
export function formatPercent(share: number, options: { signed?: boolean; digits?: number } = {}): string {
  const pct = Math.abs(share * 100);
  const tenth = Math.round(pct * 10) / 10;
  const digits = options.digits ?? (tenth > 0 && tenth < 10 && !Number.isInteger(tenth) ? 1 : 0);
  return format(share, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0, signDisplay: options.signed ? 'exceptZero' : 'auto' });
}

/** A difference in points ("−33 points", "+1 point"); `digits` decimals at most. */
export function formatPoints(delta: number, digits = 0, unit: [string, string] = locale === 'de' ? ['Punkt', 'Punkte'] : ['point', 'points']): string {
  const text = format(delta, { signDisplay: 'exceptZero', maximumFractionDigits: digits });
  return `${text} ${Math.abs(delta) === 1 ? unit[0] : unit[1]}`;
}

/** A money amount in whole units: "€1,500". */
export function formatAmount(amount: number, currency = 'EUR'): string {
  return format(amount, { style: 'currency', currency, maximumFractionDigits: 0 });
}
