import type { MailText } from './mail.messages.ts';
import type { OutgoingMail } from './mailer.ts';

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A mail as plain text and as simple HTML; nicknames and addresses are escaped, the link is ours. */
export function composeMail(to: string, text: MailText, footer: string, link?: string): OutgoingMail {
  const action = text.action && link ? { label: text.action, link } : undefined;
  const plain = [...text.paragraphs, ...(action ? [`${action.label}: ${action.link}`] : []), '--', footer];
  const html = [
    ...text.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(action ? [`<p><a href="${escapeHtml(action.link)}">${escapeHtml(action.label)}</a></p>`] : []),
    `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
  ];
  return { to, subject: text.subject, text: plain.join('\n\n'), html: html.join('\n') };
}
