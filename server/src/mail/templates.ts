/**
 * Email templates, German and English, each as plain text and HTML. A message
 * stores its template name and parameters; it is rendered when sent, and for
 * the admin app's preview with every secret parameter (a personal link)
 * replaced by a placeholder, so the preview can never hand an admin a link
 * meant for one person.
 */
import { COMPLAINT_TEMPLATES } from './templates/complaint.js';
import { REACH_TEMPLATES } from './templates-reach.js';

export type Language = 'de' | 'en';

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** What a template reads. `secret` is null in previews. */
export interface RenderInput {
  language: Language;
  recipientName: string | null;
  params: Record<string, unknown>;
  secret: Record<string, unknown> | null;
  /** The one-click unsubscribe page for asks (null otherwise, and in previews). */
  unsubscribeUrl: string | null;
  /** How many events a coalesced message stands for. */
  eventCount: number;
}

export interface Template {
  /** Whether the recipient can unsubscribe from it (an ask) — never a reply to their own complaint. */
  isAsk: boolean;
  render(input: RenderInput): { subject: string; paragraphs: Paragraph[] };
}

/** A paragraph of text, or a link with its label. */
export type Paragraph = string | { link: string; label: string };

const PLACEHOLDER: Record<Language, string> = {
  de: '[persönlicher Link – nur der Empfänger sieht ihn]',
  en: '[personal link – only the recipient sees it]',
};

function secretLink(input: RenderInput, key: string): string {
  const value = input.secret?.[key];
  return typeof value === 'string' ? value : PLACEHOLDER[input.language];
}

function greeting(input: RenderInput): string {
  const name = input.recipientName;
  if (input.language === 'de') return name ? `Hallo ${name},` : 'Hallo,';
  return name ? `Hello ${name},` : 'Hello,';
}

function str(params: Record<string, unknown>, key: string): string {
  return String(params[key] ?? '');
}

function surveyAsk(kind: 'invitation' | 'reminder'): Template {
  return {
    isAsk: true,
    render(input) {
      const title = str(input.params, 'surveyTitle');
      const anonymous = input.params.anonymous === true;
      const link = secretLink(input, 'link');
      if (input.language === 'de') {
        return {
          subject: kind === 'invitation' ? `Ihre Meinung zählt: ${title}` : `Erinnerung: ${title}`,
          paragraphs: [
            greeting(input),
            kind === 'invitation'
              ? `wir laden Sie zur Umfrage „${title}“ ein. Sie dauert nur wenige Minuten.`
              : `vor einigen Tagen haben wir Sie zur Umfrage „${title}“ eingeladen. Falls Sie schon geantwortet haben, danke – dann ist diese Erinnerung hinfällig.`,
            anonymous
              ? 'Die Umfrage ist anonym: Ihr Link ist nur Ihnen bekannt, und niemand im Unternehmen kann Ihre Antworten Ihnen zuordnen. Ergebnisse werden nur für Gruppen gezeigt, die groß genug sind.'
              : 'Die Umfrage ist namentlich: Ihre Antworten werden Ihnen zugeordnet.',
            { link, label: 'Zur Umfrage' },
            'Der Link gilt für eine Antwort. Bitte leiten Sie ihn nicht weiter.',
          ],
        };
      }
      return {
        subject: kind === 'invitation' ? `Your view counts: ${title}` : `Reminder: ${title}`,
        paragraphs: [
          greeting(input),
          kind === 'invitation'
            ? `we invite you to the survey "${title}". It takes only a few minutes.`
            : `a few days ago we invited you to the survey "${title}". If you have already answered, thank you – please ignore this reminder.`,
          anonymous
            ? 'The survey is anonymous: only you know your link, and nobody in the company can tell which answers are yours. Results are shown only for groups large enough.'
            : 'The survey is named: your answers are linked to you.',
          { link, label: 'Open the survey' },
          'The link is good for one response. Please do not forward it.',
        ],
      };
    },
  };
}

/** SLA breaches of complaints someone is responsible for; a flood of them becomes one message listing each. */
const slaBreach: Template = {
  isAsk: false,
  render(input) {
    const items = (input.params.items as Array<{ complaintId: string; subject: string; target: string }> | undefined) ?? [];
    const de = input.language === 'de';
    const lines = items.map((item) =>
      de
        ? `#${item.complaintId} „${item.subject}“ – ${item.target === 'FIRST_RESPONSE' ? 'erste Antwort' : 'Lösung'} überfällig`
        : `#${item.complaintId} "${item.subject}" – ${item.target === 'FIRST_RESPONSE' ? 'first response' : 'resolution'} overdue`,
    );
    return {
      subject: de
        ? items.length === 1
          ? `SLA verletzt: ${items[0]!.subject}`
          : `${items.length} SLA-Verletzungen`
        : items.length === 1
          ? `SLA breached: ${items[0]!.subject}`
          : `${items.length} SLA breaches`,
      paragraphs: [
        greeting(input),
        de ? 'bei diesen Beschwerden, für die Sie oder Ihr Team verantwortlich sind, ist eine Frist verstrichen:' : 'a deadline has passed on these complaints you or your team are responsible for:',
        ...lines,
        { link: `${str(input.params, 'appUrl')}/complaints`, label: de ? 'Beschwerden öffnen' : 'Open complaints' },
      ],
    };
  },
};

export const TEMPLATES = {
  SURVEY_INVITATION: surveyAsk('invitation'),
  SURVEY_REMINDER: surveyAsk('reminder'),
  SLA_BREACH: slaBreach,
  ...COMPLAINT_TEMPLATES,
  ...REACH_TEMPLATES,
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const FOOTER: Record<Language, { unsubscribe: string; sentBy: string }> = {
  de: { unsubscribe: 'Keine Umfragen und Anfragen mehr erhalten', sentBy: 'Gesendet von Rapport.' },
  en: { unsubscribe: 'Stop receiving surveys and requests', sentBy: 'Sent by Rapport.' },
};

export function render(template: TemplateName, input: RenderInput): Rendered {
  const { subject, paragraphs } = TEMPLATES[template].render(input);
  const footer = FOOTER[input.language];
  const textParts = paragraphs.map((p) => (typeof p === 'string' ? p : `${p.label}: ${p.link}`));
  const htmlParts = paragraphs.map((p) =>
    typeof p === 'string' ? `<p>${escapeHtml(p)}</p>` : `<p><a href="${escapeHtml(p.link)}" style="font-weight:600">${escapeHtml(p.label)}</a></p>`,
  );
  textParts.push('--', footer.sentBy);
  htmlParts.push(`<hr><p style="color:#666;font-size:12px">${escapeHtml(footer.sentBy)}`);
  if (input.unsubscribeUrl) {
    textParts.push(`${footer.unsubscribe}: ${input.unsubscribeUrl}`);
    htmlParts.push(` <a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(footer.unsubscribe)}</a>`);
  }
  htmlParts.push('</p>');
  return {
    subject,
    text: textParts.join('\n\n') + '\n',
    html: `<!doctype html><html lang="${input.language}"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">${htmlParts.join('\n')}</body></html>`,
  };
}
