import nodemailer from 'nodemailer';
import type { Logger } from '../logger.ts';
import type { DevOutbox } from './dev-outbox.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Hands one mail to whatever carries it (an SMTP relay, the dev outbox); rejects when it failed. */
export type MailTransport = (mail: OutgoingMail & { from: string }) => Promise<void>;

export interface Mailer {
  /**
   * Queues a mail and returns at once: the request that caused it never waits for (or fails with)
   * the relay. Given a function, that runs in the background too (looking the account up, storing
   * a link) and may decide to send nothing, so the request's timing says nothing about an account.
   * `kind` names the mail in logs.
   */
  send(kind: string, mail: OutgoingMail | (() => Promise<OutgoingMail | undefined>)): void;
  /** Resolves when every queued mail was delivered or given up on (shutdown, tests). */
  idle(): Promise<void>;
  /** Drops pending retries. */
  stop(): void;
}

/** Waits before the 2nd and 3rd tries: a relay that blinks gets a second chance, a dead one is logged. */
export const RETRY_DELAYS_MS = [2000, 10_000];

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transporter.sendMail(mail);
  };
}

export function outboxTransport(outbox: DevOutbox): MailTransport {
  return async (mail) => outbox.add(mail);
}

export function createMailer(deps: {
  transport: MailTransport;
  from: string;
  logger: Logger;
  retryDelaysMs?: readonly number[];
}): Mailer {
  const delays = deps.retryDelaysMs ?? RETRY_DELAYS_MS;
  const pending = new Set<Promise<void>>();
  const timers = new Map<NodeJS.Timeout, () => void>();
  let stopped = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      timers.set(timer, resolve);
    });

  // The log names the kind of mail, never the address or the body (which carries a one-time link).
  async function deliver(kind: string, mail: OutgoingMail) {
    for (let attempt = 0; ; attempt++) {
      try {
        await deps.transport({ ...mail, from: deps.from });
        deps.logger.info({ mail: kind, attempt: attempt + 1 }, 'mail sent');
        return;
      } catch (err) {
        const delay = delays[attempt];
        if (delay === undefined || stopped) {
          deps.logger.error({ err, mail: kind, attempts: attempt + 1 }, 'mail not sent, giving up');
          return;
        }
        deps.logger.warn({ err, mail: kind, attempt: attempt + 1 }, 'mail not sent, retrying');
        await wait(delay);
        if (stopped) return;
      }
    }
  }

  return {
    send(kind, mail) {
      const job = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => (typeof mail === 'function' ? mail() : mail))
        .then((built) => built && deliver(kind, built))
        .catch((err: unknown) => deps.logger.error({ err, mail: kind }, 'mail not composed'))
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    async idle() {
      while (pending.size) await Promise.all(pending);
    },
    stop() {
      stopped = true;
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      timers.clear();
    },
  };
}
