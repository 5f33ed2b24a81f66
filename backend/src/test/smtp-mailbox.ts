import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The first http(s) link in the text part. */
  link: URL | undefined;
}

const addresses = (field: ParsedMail['to']) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) =>
    a.value.map((v) => (v.address ?? '').toLowerCase()),
  );

/**
 * A real SMTP server on a loopback port, in the test process: the server under test sends to it
 * with nodemailer (SMTP_URL) and tests read what arrived, parsed by mailparser.
 */
export async function startSmtpMailbox() {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to trust, and nodemailer then sends without STARTTLS.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          const text = mail.text ?? '';
          const link = text.match(/https?:\/\/\S+/)?.[0];
          received.push({
            to: addresses(mail.to),
            from: mail.from?.text ?? '',
            subject: mail.subject ?? '',
            text,
            html: typeof mail.html === 'string' ? mail.html : '',
            link: link ? new URL(link) : undefined,
          });
          for (const wake of waiters) wake();
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Mail to `to` received so far. */
    to: (to: string) => received.filter((m) => m.to.includes(to.toLowerCase())),
    /** The next mail to `to` matching `test`, waiting up to `timeoutMs` for it to arrive. */
    async waitFor(to: string, test: (m: ReceivedMail) => boolean = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.to.includes(to.toLowerCase()) && test(m));
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no mail to ${to} arrived in ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpMailbox = Awaited<ReturnType<typeof startSmtpMailbox>>;

/** The token of a link to `page` in a mail. */
export function tokenOf(mail: ReceivedMail, page: string): string {
  if (mail.link?.pathname !== page) throw new Error(`the mail "${mail.subject}" has no ${page} link`);
  const token = mail.link.searchParams.get('token');
  if (!token) throw new Error(`the ${page} link has no token`);
  return token;
}
