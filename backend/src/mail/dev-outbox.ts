import { randomUUID } from 'node:crypto';
import type { OutgoingMail } from './mailer.ts';

export interface OutboxMail extends OutgoingMail {
  id: string;
  from: string;
  sentAt: Date;
}

/** How many mails the dev outbox keeps; older ones drop off. */
export const OUTBOX_SIZE = 100;

/**
 * Where mail goes in development (no SMTP_URL): kept in memory, newest first, shown at /dev/mail.
 * Never used in production (config refuses to start without SMTP_URL there).
 */
export function createDevOutbox(size = OUTBOX_SIZE) {
  const mails: OutboxMail[] = [];
  return {
    add(mail: OutgoingMail & { from: string }) {
      mails.unshift({ ...mail, id: randomUUID(), sentAt: new Date() });
      mails.length = Math.min(mails.length, size);
    },
    /** Newest first. */
    list(): readonly OutboxMail[] {
      return mails;
    },
    find(id: string): OutboxMail | undefined {
      return mails.find((m) => m.id === id);
    },
  };
}

export type DevOutbox = ReturnType<typeof createDevOutbox>;
