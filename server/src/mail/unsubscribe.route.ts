import type { Express } from 'express';
import type { AppDeps } from '../context.js';
import { unsubscribe } from './outbox.js';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5"><main>${body}</main></body></html>`;
}

/**
 * `/unsubscribe/<token>`, the link in every ask. POST unsubscribes: the
 * RFC 8058 one-click request mail clients send (`List-Unsubscribe=One-Click`)
 * and the button of the page below. GET only shows that button, because
 * link scanners and previews fetch links in mail without anyone clicking.
 */
export function mountUnsubscribe(app: Express, deps: AppDeps): void {
  app.get('/unsubscribe/:token', (_req, res) => {
    res.type('html').send(
      page(
        'Abmelden / Unsubscribe',
        `<h1>Keine Umfragen mehr? / No more surveys?</h1>
<p>Sie erhalten dann keine Umfragen und Empfehlungsanfragen mehr. Antworten zu Ihren eigenen Anliegen erhalten Sie weiterhin.</p>
<p lang="en">You will get no more surveys or referral requests. Replies about your own concerns still reach you.</p>
<form method="post"><button type="submit">Abmelden / Unsubscribe</button></form>`,
      ),
    );
  });
  app.post('/unsubscribe/:token', async (req, res, next) => {
    try {
      const email = await unsubscribe(deps.db.fork(), String(req.params.token), deps.now());
      if (!email) {
        res.status(404).type('html').send(page('Unbekannter Link / Unknown link', '<h1>Dieser Abmeldelink ist unbekannt. / This unsubscribe link is unknown.</h1>'));
        return;
      }
      deps.logger.info('unsubscribed from asks', { domain: email.split('@')[1] });
      res.type('html').send(page('Abgemeldet / Unsubscribed', '<h1>Sie sind abgemeldet. / You are unsubscribed.</h1><p>Sie erhalten keine Umfragen mehr. / You will get no more surveys.</p>'));
    } catch (error) {
      next(error);
    }
  });
}
