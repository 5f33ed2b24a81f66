import type { Config } from '../config.ts';
import { defineFeature } from '../core/feature.ts';
import type { Logger } from '../logger.ts';
import { devOutboxRouter } from './dev-outbox.routes.ts';
import { createDevOutbox } from './dev-outbox.ts';
import { createMailer, outboxTransport, smtpTransport } from './mailer.ts';

function carrier(smtpUrl: string | undefined) {
  if (smtpUrl) return { transport: smtpTransport(smtpUrl), outbox: undefined };
  const outbox = createDevOutbox();
  return { transport: outboxTransport(outbox), outbox };
}

/**
 * Outgoing mail: through SMTP_URL when set, else into the dev outbox shown at /dev/mail. Config
 * refuses production without SMTP_URL, so the outbox (and its page) never exists there.
 */
export function createMailFeature({ config, logger }: { config: Config; logger: Logger }) {
  const { transport, outbox } = carrier(config.mail.smtpUrl);
  const mailer = createMailer({ transport, from: config.mail.from, logger });
  if (outbox) logger.warn('SMTP_URL is not set: mail goes to the dev outbox at /dev/mail');
  return defineFeature({
    mailer,
    outbox,
    devPages: outbox ? devOutboxRouter(outbox) : undefined,
    stop: () => mailer.stop(),
  });
}
