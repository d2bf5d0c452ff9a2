import type { Language, RenderInput, Template } from './templates.js';

/**
 * The templates of the referral ask (promoter → referrer) and the daily
 * trust-signal digest, German and English. Kept apart from templates.ts so
 * each loop's wording lives in one place; registered in TEMPLATES.
 */

const PLACEHOLDER: Record<Language, string> = {
  de: '[persönlicher Link – nur der Empfänger sieht ihn]',
  en: '[personal link – only the recipient sees it]',
};

function greeting(input: RenderInput): string {
  const name = input.recipientName;
  if (input.language === 'de') return name ? `Hallo ${name},` : 'Hallo,';
  return name ? `Hello ${name},` : 'Hello,';
}

/** A promoter of a customer NPS survey is asked to recommend us, with their personal referral link. */
const referralAsk: Template = {
  isAsk: true,
  render(input) {
    const link = typeof input.secret?.link === 'string' ? input.secret.link : PLACEHOLDER[input.language];
    const days = Number(input.params.validDays ?? 0);
    if (input.language === 'de') {
      return {
        subject: 'Danke für Ihre Empfehlung – kennen Sie jemanden?',
        paragraphs: [
          greeting(input),
          'Sie haben uns in unserer Umfrage sehr gut bewertet – vielen Dank! Wenn Sie jemanden kennen, dem wir ebenso helfen können, freuen wir uns über Ihre Empfehlung.',
          'Über Ihren persönlichen Link kann die empfohlene Person selbst ihre Kontaktdaten hinterlassen. Wir melden uns dann bei ihr – und niemand sonst erfährt davon.',
          { link, label: 'Jemanden empfehlen' },
          `Der Link gilt ${days} Tage und für mehrere Empfehlungen. Sie können ihn an Freunde weiterleiten.`,
        ],
      };
    }
    return {
      subject: 'Thank you for recommending us – do you know someone?',
      paragraphs: [
        greeting(input),
        'You rated us highly in our survey – thank you! If you know someone we could help as well, we would be glad of your recommendation.',
        'With your personal link the person you recommend leaves their own contact details. We then get in touch with them – nobody else hears of it.',
        { link, label: 'Recommend someone' },
        `The link works for ${days} days and for several recommendations. You can forward it to friends.`,
      ],
    };
  },
};

interface DigestItem {
  team: string;
  change: 'RAISED' | 'WORSENED';
  level: string;
  score: number;
  summaries: string[];
}

const LEVEL_DE: Record<string, string> = { WATCH: 'beobachten', WARNING: 'Warnung', CRITICAL: 'kritisch' };

/** Trust signals raised or worsened since the last digest, once a day to each admin (never a storm of alerts). */
const trustDigest: Template = {
  isAsk: false,
  render(input) {
    const items = (input.params.items as DigestItem[] | undefined) ?? [];
    const de = input.language === 'de';
    const lines = items.map((item) => {
      const what = de
        ? `${item.team}: ${item.change === 'RAISED' ? 'neu' : 'verschlechtert'} – ${LEVEL_DE[item.level] ?? item.level}, ${item.score} Punkte`
        : `${item.team}: ${item.change === 'RAISED' ? 'raised' : 'worsened'} – ${item.level.toLowerCase()}, ${item.score} points`;
      return item.summaries.length ? `${what}. ${item.summaries.join(' ')}` : what;
    });
    const day = String(input.params.day ?? '');
    return {
      subject: de
        ? `Vertrauenssignale ${day}: ${items.length} ${items.length === 1 ? 'Team' : 'Teams'}`
        : `Trust signals ${day}: ${items.length} ${items.length === 1 ? 'team' : 'teams'}`,
      paragraphs: [
        greeting(input),
        de
          ? 'seit der letzten Übersicht sind diese Signale für Vertrauensentzug neu aufgetreten oder schlechter geworden (immer für ganze Teams, nie für einzelne Personen):'
          : 'since the last digest these trust-withdrawal signals were raised or got worse (always for whole teams, never for one person):',
        ...lines,
        { link: `${String(input.params.appUrl ?? '')}/leadership/signals`, label: de ? 'Signale öffnen' : 'Open the signals' },
      ],
    };
  },
};

export const REACH_TEMPLATES = {
  REFERRAL_ASK: referralAsk,
  TRUST_DIGEST: trustDigest,
} satisfies Record<string, Template>;
