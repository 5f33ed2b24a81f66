import { Router } from 'express';
import { escapeHtml } from './compose.ts';
import type { DevOutbox, OutboxMail } from './dev-outbox.ts';

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#111;background:#f6f6f8}
main{max-width:720px;margin:0 auto;padding:16px}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
ul{list-style:none;padding:0;margin:0}
li{background:#fff;border:1px solid #ddd;border-radius:8px;margin:0 0 8px}
li a{display:block;padding:10px 12px;color:inherit;text-decoration:none}
li a:hover,li a:focus{background:#eef}
.subject{font-weight:600;display:block;overflow-wrap:anywhere}
.meta{color:#555;font-size:.875rem;overflow-wrap:anywhere}
article{background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px 16px;overflow-wrap:anywhere}
article a{color:#1a4fd6}
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

const meta = (m: OutboxMail) =>
  `<span class="meta">To ${escapeHtml(m.to)} · ${m.sentAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</span>`;

function listPage(mails: readonly OutboxMail[]): string {
  const items = mails.length
    ? `<ul>${mails
        .map(
          (m) =>
            `<li><a href="/dev/mail/${m.id}"><span class="subject">${escapeHtml(m.subject)}</span>${meta(m)}</a></li>`,
        )
        .join('')}</ul>`
    : '<p>No mail yet. Mail the server sends (verification, password reset) shows up here.</p>';
  return page(
    'Dev outbox',
    `<h1>Dev outbox</h1><p class="meta">The last ${mails.length} mails, newest first. Development only: with SMTP_URL set, mail goes out instead.</p>${items}`,
  );
}

// The mail's HTML is built by compose.ts from escaped text and our own link, so it is shown as it is.
function mailPage(m: OutboxMail): string {
  return page(
    m.subject,
    `<p><a href="/dev/mail">← All mail</a></p><h1>${escapeHtml(m.subject)}</h1><p>${meta(m)}</p><article>${m.html}</article>`,
  );
}

/** The outbox as pages, mounted at /dev/mail (only without SMTP_URL, so never in production). */
export function devOutboxRouter(outbox: DevOutbox): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send(listPage(outbox.list()));
  });
  router.get('/:id', (req, res, next) => {
    const mail = outbox.find(req.params.id);
    if (!mail) return next();
    res.type('html').send(mailPage(mail));
  });
  return router;
}
