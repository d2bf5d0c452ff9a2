/**
 * Mail to a complainant about their own complaint: the acknowledgement with
 * their private thread link, staff replies (coalesced), the resolution with
 * the one recovery-satisfaction question, and "we fixed it" when an
 * improvement their complaint led to has shipped. None is an ask: a reply to
 * a complaint the customer opened is never unsubscribed from. The thread link
 * is a secret parameter (a placeholder in the admin preview).
 *
 * Only types come from ../templates.js (which imports this file), so either
 * module can be loaded first.
 */
import type { Language, Paragraph, RenderInput, Template } from '../templates.js';

const PLACEHOLDER: Record<Language, string> = {
  de: '[persönlicher Link – nur der Empfänger sieht ihn]',
  en: '[personal link – only the recipient sees it]',
};

function threadLink(input: RenderInput, key = 'link'): string {
  const value = input.secret?.[key];
  return typeof value === 'string' ? value : PLACEHOLDER[input.language];
}

function hello(input: RenderInput): string {
  const name = input.recipientName;
  if (input.language === 'de') return name ? `Hallo ${name},` : 'Hallo,';
  return name ? `Hello ${name},` : 'Hello,';
}

function text(params: Record<string, unknown>, key: string): string {
  return String(params[key] ?? '');
}

function paragraphs(value: string): string[] {
  return value.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

function linkNote(de: boolean): string {
  return de
    ? 'Der Link ist nur für Sie bestimmt: Er öffnet Ihr Anliegen ohne Anmeldung. Bitte leiten Sie ihn nicht weiter.'
    : 'This link is yours alone: it opens your complaint without a login. Please do not forward it.';
}

const received: Template = {
  isAsk: false,
  render(input) {
    const de = input.language === 'de';
    const number = text(input.params, 'number');
    const subject = text(input.params, 'subject');
    const byStaff = input.params.addedByStaff === true;
    const paragraphs: Paragraph[] = de
      ? [
          hello(input),
          byStaff
            ? `zu Ihrem Anliegen „${subject}“ (Nummer ${number}) können Sie den Verlauf jetzt online verfolgen und uns dort antworten.`
            : `danke, dass Sie uns geschrieben haben. Wir haben Ihr Anliegen „${subject}“ erhalten; die Nummer ist ${number}. Wir melden uns so bald wie möglich.`,
          'Auf Ihrer persönlichen Seite sehen Sie jede Antwort von uns und den aktuellen Stand, und Sie können direkt antworten:',
          { link: threadLink(input), label: 'Zu Ihrem Anliegen' },
          linkNote(true),
        ]
      : [
          hello(input),
          byStaff
            ? `you can now follow your complaint "${subject}" (number ${number}) online and answer us there.`
            : `thank you for telling us. We have received your complaint "${subject}"; its number is ${number}. We will get back to you as soon as we can.`,
          'Your own page shows every reply from us and where things stand, and you can answer right there:',
          { link: threadLink(input), label: 'Open your complaint' },
          linkNote(false),
        ];
    return { subject: de ? `Ihr Anliegen ${number}: ${subject}` : `Your complaint ${number}: ${subject}`, paragraphs };
  },
};

/** Staff replies; several within the coalescing window arrive as one message with each of them. */
const reply: Template = {
  isAsk: false,
  render(input) {
    const de = input.language === 'de';
    const number = text(input.params, 'number');
    const subject = text(input.params, 'subject');
    const items = (input.params.items as Array<{ body: string; author?: string | null }> | undefined) ?? [];
    // Each paragraph of a reply its own paragraph (HTML would run them together).
    const quoted = items.flatMap((item) => [`${item.author || (de ? 'Unser Team' : 'Our team')}:`, ...item.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)]);
    return {
      subject: `Re: [${number}] ${subject}`,
      paragraphs: [
        hello(input),
        de
          ? items.length > 1
            ? `es gibt ${items.length} neue Antworten zu Ihrem Anliegen ${number}:`
            : `es gibt eine neue Antwort zu Ihrem Anliegen ${number}:`
          : items.length > 1
            ? `there are ${items.length} new replies to your complaint ${number}:`
            : `there is a new reply to your complaint ${number}:`,
        ...quoted,
        de ? 'Antworten Sie uns auf Ihrer Seite:' : 'Answer us on your page:',
        { link: threadLink(input), label: de ? 'Antworten' : 'Reply' },
        linkNote(de),
      ],
    };
  },
};

/** The resolution, with the one question how we handled it (recovery satisfaction). */
const resolved: Template = {
  isAsk: false,
  render(input) {
    const de = input.language === 'de';
    const number = text(input.params, 'number');
    const subject = text(input.params, 'subject');
    const resolution = text(input.params, 'resolution');
    return {
      subject: de ? `Gelöst: ${number} ${subject}` : `Resolved: ${number} ${subject}`,
      paragraphs: de
        ? [
            hello(input),
            `wir haben Ihr Anliegen „${subject}“ (${number}) gelöst:`,
            ...paragraphs(resolution),
            'Eine Frage noch: Wie zufrieden sind Sie damit, wie wir Ihr Anliegen behandelt haben? Ein Klick auf Ihrer Seite genügt (1 bis 5 Sterne). Passt etwas noch nicht, antworten Sie uns dort.',
            { link: threadLink(input), label: 'Bewerten' },
            linkNote(true),
          ]
        : [
            hello(input),
            `we have resolved your complaint "${subject}" (${number}):`,
            ...paragraphs(resolution),
            'One question: how satisfied are you with how we handled it? One click on your page is enough (1 to 5 stars). If something is still not right, answer us there.',
            { link: threadLink(input), label: 'Rate it' },
            linkNote(false),
          ],
    };
  },
};

/** "We fixed it": the improvement the recipient's complaints led to has shipped. */
const fixed: Template = {
  isAsk: false,
  render(input) {
    const de = input.language === 'de';
    const improvement = text(input.params, 'improvement');
    const description = text(input.params, 'description');
    const items = (input.params.items as Array<{ number: string; subject: string }> | undefined) ?? [];
    const links = (input.secret?.links as Record<string, string> | undefined) ?? null;
    const perComplaint: Paragraph[] = items.flatMap((item): Paragraph[] => [
      de ? `${item.number}: „${item.subject}“` : `${item.number}: "${item.subject}"`,
      { link: links?.[item.number] ?? PLACEHOLDER[input.language], label: de ? `Anliegen ${item.number} öffnen` : `Open complaint ${item.number}` },
    ]);
    return {
      subject: de ? `Wir haben es verbessert: ${improvement}` : `We fixed it: ${improvement}`,
      paragraphs: de
        ? [
            hello(input),
            'Sie hatten uns auf ein Problem hingewiesen. Wir haben daraus gelernt und etwas geändert – die Änderung ist jetzt umgesetzt:',
            improvement,
            ...(description ? [description] : []),
            'Danke: Ohne Ihre Beschwerde hätten wir das nicht so schnell verbessert.',
            ...perComplaint,
          ]
        : [
            hello(input),
            'You told us about a problem. We learned from it and changed something – the change is now live:',
            improvement,
            ...(description ? [description] : []),
            'Thank you: without your complaint we would not have improved this so soon.',
            ...perComplaint,
          ],
    };
  },
};

export const COMPLAINT_TEMPLATES = {
  COMPLAINT_RECEIVED: received,
  COMPLAINT_REPLY: reply,
  COMPLAINT_RESOLVED: resolved,
  COMPLAINT_FIXED: fixed,
} satisfies Record<string, Template>;
