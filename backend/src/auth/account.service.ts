import type {
  ChangeEmailBody,
  ForgotPasswordBody,
  MailAccepted,
  Principal,
  ResetPasswordBody,
} from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import { uniqueViolation } from '../db/errors.ts';
import { composeMail } from '../mail/compose.ts';
import { type MailText, mailMessages } from '../mail/mail.messages.ts';
import type { MailLanguage } from '../mail/mail-language.ts';
import type { Mailer, OutgoingMail } from '../mail/mailer.ts';
import type { LimiterFactory, LimitRule } from '../platform/rate-limit.ts';
import type { UserRow, UsersRepository } from '../users/users.repository.ts';
import type { AccountTokensRepository, LinkPurpose } from './account-tokens.repository.ts';
import type { ClientMeta } from './auth.service.ts';
import type { PasswordGuard } from './password-guard.ts';
import { assertPasswordStrongEnough } from './password-strength.ts';
import type { PasswordHasher } from './passwords.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import { hashOpaqueToken, newOpaqueToken } from './tokens.ts';

export interface MailLinkLimits {
  /** Link mails asked for from one IP (forgot password, change email). */
  perIp: LimitRule;
  /** Link mails to one address, whoever asks: nobody can flood an inbox. */
  perAddress: LimitRule;
}

interface Deps {
  users: UsersRepository;
  tokens: AccountTokensRepository;
  sessions: SessionsRepository;
  hasher: PasswordHasher;
  passwordGuard: PasswordGuard;
  mailer: Mailer;
  /** Links point at the web app's pages under it (`/verify-email?token=…`). */
  publicUrl: string;
  limiterFactory: LimiterFactory;
  limits: MailLinkLimits;
  passwordMinScore: number;
  /** `session.revoked` after a reset, so open sockets of the ended sessions close at once. */
  bus: Pick<EventBus, 'emit'>;
}

const HOUR_MS = 3_600_000;

/** What each link is for: its page in the web app, how long it works and the mail that carries it. */
const LINKS: Record<
  LinkPurpose,
  { page: string; ttlMs: number; text: (lang: MailLanguage, user: UserRow) => MailText }
> = {
  verify_email: {
    page: '/verify-email',
    ttlMs: 24 * HOUR_MS,
    text: (lang, user) => mailMessages[lang].verifyEmail(user),
  },
  reset_password: {
    page: '/reset-password',
    ttlMs: HOUR_MS,
    text: (lang, user) => mailMessages[lang].resetPassword(user),
  },
  change_email: {
    page: '/confirm-email',
    ttlMs: 24 * HOUR_MS,
    text: (lang, user) => mailMessages[lang].confirmNewEmail(user),
  },
};

const invalidLink = () =>
  new AppError(
    'INVALID_LINK',
    'This link is not valid any more: it was used, expired or replaced by a newer one.',
  );
const accepted: MailAccepted = { accepted: true };
const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The mailed-link flows: verify the address, reset a forgotten password, move to a new address. */
export function createAccountService(deps: Deps) {
  const { users, tokens, mailer } = deps;
  const perIp = deps.limiterFactory('mail-link-ip', deps.limits.perIp);
  const perAddress = deps.limiterFactory('mail-link-address', deps.limits.perAddress);

  /** Stores a new link (only its hash) and builds the mail that carries it. */
  async function linkMail(
    user: UserRow,
    purpose: LinkPurpose,
    to: string,
    lang: MailLanguage,
  ): Promise<OutgoingMail> {
    const spec = LINKS[purpose];
    const { token, hash } = newOpaqueToken();
    await tokens.issue({
      userId: user.id,
      purpose,
      email: to,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + spec.ttlMs),
    });
    const link = new URL(spec.page, deps.publicUrl);
    link.searchParams.set('token', token);
    return composeMail(to, spec.text(lang, user), mailMessages[lang].footer, link.toString());
  }

  /** The account a live link belongs to, still at the address the link went to (or undefined). */
  async function linkOwner(purpose: LinkPurpose, token: string) {
    const claim = await tokens.find(purpose, hashOpaqueToken(token));
    const user = claim && (await users.findById(claim.userId));
    if (!claim || !user) return undefined;
    // A link mailed to an address the account has since left opens nothing.
    if (purpose !== 'change_email' && !sameAddress(claim.email, user.email)) return undefined;
    return { user, email: claim.email };
  }

  async function spend(purpose: LinkPurpose, token: string) {
    if (!(await tokens.consume(purpose, hashOpaqueToken(token)))) throw invalidLink();
  }

  const language = (meta: ClientMeta): MailLanguage => meta.language ?? 'en';

  function mailVerification(user: UserRow, meta: ClientMeta): void {
    mailer.send('verify-email', () => linkMail(user, 'verify_email', user.email, language(meta)));
  }

  return {
    /** After registration: the mail goes out in the background, the new account does not wait. */
    mailVerification,

    async resendVerification(principal: Principal, meta: ClientMeta): Promise<MailAccepted> {
      const user = await users.findById(principal.userId);
      if (!user) throw new AppError('NOT_FOUND', 'User not found.');
      if (user.emailVerifiedAt) throw new AppError('CONFLICT', 'This address is already verified.');
      await perAddress.consume(user.email.toLowerCase());
      mailVerification(user, meta);
      return accepted;
    },

    async verifyEmail(token: string): Promise<void> {
      const owner = await linkOwner('verify_email', token);
      if (!owner) throw invalidLink();
      await spend('verify_email', token);
      if (!(await users.markEmailVerified(owner.user.id, owner.email))) throw invalidLink();
    },

    /**
     * Answers the same at once for every address; the lookup and the mail happen in the background,
     * so neither the answer nor its timing tells whether the address has an account. The limits
     * count unknown addresses like known ones, for the same reason.
     */
    async forgotPassword(body: ForgotPasswordBody, meta: ClientMeta): Promise<MailAccepted> {
      await perIp.consume(meta.ip ?? 'unknown');
      await perAddress.consume(body.email);
      mailer.send('reset-password', async () => {
        const user = await users.findByEmail(body.email);
        return user ? linkMail(user, 'reset_password', user.email, language(meta)) : undefined;
      });
      return accepted;
    },

    /** The new password is checked before the link is spent, so a weak one does not cost the link. */
    async resetPassword(body: ResetPasswordBody): Promise<void> {
      const owner = await linkOwner('reset_password', body.token);
      if (!owner) throw invalidLink();
      await assertPasswordStrongEnough(body.password, owner.user, deps.passwordMinScore);
      await spend('reset_password', body.token);
      await users.update(owner.user.id, { passwordHash: await deps.hasher.hash(body.password) });
      // Whoever knew the old password may be signed in somewhere: every session ends.
      await deps.sessions.revokeAllForUser(owner.user.id, 'password-reset');
      deps.bus.emit('session.revoked', { target: { userId: owner.user.id }, reason: 'password-changed' });
    },

    /**
     * Mails a link to the new address and answers the same whether or not another account has it:
     * a taken address is only refused when the link is opened, by whoever reads that inbox.
     */
    async changeEmail(principal: Principal, body: ChangeEmailBody, meta: ClientMeta): Promise<MailAccepted> {
      const user = await users.findById(principal.userId);
      if (!user) throw new AppError('NOT_FOUND', 'User not found.');
      const ok = await deps.passwordGuard.attempt(user.email, meta.ip, async () =>
        (await deps.hasher.verify(body.currentPassword, user.passwordHash)) ? true : null,
      );
      if (!ok) throw new AppError('INVALID_CREDENTIALS', 'The current password is incorrect.');
      if (sameAddress(body.newEmail, user.email)) {
        throw new AppError('VALIDATION_FAILED', 'This is already your address.', [
          { path: 'newEmail', message: 'is already your address' },
        ]);
      }
      await perIp.consume(meta.ip ?? 'unknown');
      await perAddress.consume(body.newEmail);
      mailer.send('confirm-new-email', () => linkMail(user, 'change_email', body.newEmail, language(meta)));
      return accepted;
    },

    /** Moves the account to the new address (verified: the link proves it is read) and tells the old one. */
    async confirmEmailChange(token: string, meta: ClientMeta): Promise<void> {
      const owner = await linkOwner('change_email', token);
      if (!owner) throw invalidLink();
      await spend('change_email', token);
      const moved = await users.changeEmail(owner.user.id, owner.email).catch((err: unknown) => {
        if (uniqueViolation(err) === undefined) throw err;
        throw new AppError('EMAIL_TAKEN', 'Another account uses this address now, so yours stays as it was.');
      });
      if (!moved) throw invalidLink();
      const texts = mailMessages[language(meta)];
      mailer.send(
        'email-changed',
        composeMail(
          owner.user.email,
          texts.emailChanged({ nickname: owner.user.nickname, newEmail: owner.email }),
          texts.footer,
        ),
      );
    },

    /** Buying coins and going live wait for a verified address. */
    async assertEmailVerified(userId: string): Promise<void> {
      const user = await users.findById(userId);
      if (user && !user.emailVerifiedAt) {
        throw new AppError(
          'EMAIL_NOT_VERIFIED',
          'Verify your email first: open the link we mailed you, or ask for a new one.',
        );
      }
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
