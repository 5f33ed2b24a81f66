import type { MailLanguage } from './mail-language.ts';

/** One mail's words: a subject, paragraphs, and the button under them (when it has a link). */
export interface MailText {
  subject: string;
  paragraphs: string[];
  action?: string;
}

interface Texts {
  verifyEmail: (p: { nickname: string }) => MailText;
  resetPassword: (p: { nickname: string }) => MailText;
  confirmNewEmail: (p: { nickname: string }) => MailText;
  emailChanged: (p: { nickname: string; newEmail: string }) => MailText;
  /** Under every mail: why it came. */
  footer: string;
}

const en: Texts = {
  verifyEmail: ({ nickname }) => ({
    subject: 'Confirm your email for Airwave',
    paragraphs: [
      `Hi ${nickname},`,
      'Confirm this address to buy coins and go live on Airwave. The link works for 24 hours.',
    ],
    action: 'Confirm my email',
  }),
  resetPassword: ({ nickname }) => ({
    subject: 'Reset your Airwave password',
    paragraphs: [
      `Hi ${nickname},`,
      'Someone asked to reset the password of your Airwave account. The link works once, for 1 hour. Setting a new password signs you out everywhere.',
      'If it was not you, ignore this mail: your password stays as it is.',
    ],
    action: 'Choose a new password',
  }),
  confirmNewEmail: ({ nickname }) => ({
    subject: 'Confirm your new email for Airwave',
    paragraphs: [
      `Hi ${nickname},`,
      'Confirm that this is the new address of your Airwave account. The link works for 24 hours.',
      'If you did not ask for this, ignore this mail.',
    ],
    action: 'Use this address',
  }),
  emailChanged: ({ nickname, newEmail }) => ({
    subject: 'Your Airwave email was changed',
    paragraphs: [
      `Hi ${nickname},`,
      `The email of your Airwave account is now ${newEmail}. Mail for the account no longer comes to this address.`,
      'If you did not do this, write to support at once by replying to this mail.',
    ],
  }),
  footer: 'You get this mail because of your Airwave account.',
};

const ru: Texts = {
  verifyEmail: ({ nickname }) => ({
    subject: 'Подтвердите почту для Airwave',
    paragraphs: [
      `Здравствуйте, ${nickname}!`,
      'Подтвердите этот адрес, чтобы покупать монеты и выходить в эфир в Airwave. Ссылка действует 24 часа.',
    ],
    action: 'Подтвердить почту',
  }),
  resetPassword: ({ nickname }) => ({
    subject: 'Сброс пароля Airwave',
    paragraphs: [
      `Здравствуйте, ${nickname}!`,
      'Кто-то попросил сбросить пароль вашей учётной записи Airwave. Ссылка действует один раз в течение часа. После смены пароля все ваши сеансы завершатся.',
      'Если это были не вы, просто не обращайте внимания на это письмо: пароль останется прежним.',
    ],
    action: 'Задать новый пароль',
  }),
  confirmNewEmail: ({ nickname }) => ({
    subject: 'Подтвердите новую почту для Airwave',
    paragraphs: [
      `Здравствуйте, ${nickname}!`,
      'Подтвердите, что это новый адрес вашей учётной записи Airwave. Ссылка действует 24 часа.',
      'Если вы этого не просили, не обращайте внимания на это письмо.',
    ],
    action: 'Использовать этот адрес',
  }),
  emailChanged: ({ nickname, newEmail }) => ({
    subject: 'Почта вашей учётной записи Airwave изменена',
    paragraphs: [
      `Здравствуйте, ${nickname}!`,
      `Теперь почта вашей учётной записи Airwave — ${newEmail}. Письма для неё больше не приходят на этот адрес.`,
      'Если это сделали не вы, сразу напишите в поддержку, ответив на это письмо.',
    ],
  }),
  footer: 'Вы получили это письмо, потому что у вас есть учётная запись Airwave.',
};

export const mailMessages: Record<MailLanguage, Texts> = { en, ru };
