import { z } from 'zod';
import { Reason } from './admin.ts';
import { plainText } from './text.ts';
import { Id } from './users.ts';

export const CHAT_MESSAGE_MAX = 500;
export const ChatText = plainText()
  .trim()
  .min(1, 'must not be empty')
  .max(CHAT_MESSAGE_MAX, `must be at most ${CHAT_MESSAGE_MAX} characters`);

export const ChatMessage = z.object({
  id: z.number().int(),
  streamId: Id,
  author: z.object({
    id: Id,
    nickname: z.string(),
    badge: z.enum(['streamer', 'moderator', 'admin']).nullable(),
  }),
  /** Plain text. Clients render it as text, never as HTML. */
  text: z.string(),
  createdAt: z.iso.datetime(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const BannedWordsAction = z.enum(['block', 'mask']);
export type BannedWordsAction = z.infer<typeof BannedWordsAction>;

export const BannedWord = plainText()
  .trim()
  .min(1)
  .max(50)
  .transform((w) => w.toLowerCase());

/** The longest account-age gate a channel may set: 30 days. */
export const MAX_ACCOUNT_AGE_MINUTES = 30 * 24 * 60;

/** The longest follow age followers-only mode may ask for: 90 days. */
export const MAX_FOLLOW_AGE_MINUTES = 90 * 24 * 60;

export const ChatSettings = z.object({
  slowModeSeconds: z.number().int().min(0).max(3600),
  /** Anonymous viewers never write; this also keeps accounts younger than `minAccountAgeMinutes` out. */
  registeredOnly: z.boolean(),
  /** How old an account must be to write while `registeredOnly` is on (the channel's choice). */
  minAccountAgeMinutes: z.number().int().min(0).max(MAX_ACCOUNT_AGE_MINUTES),
  /** Only followers of the channel write (moderators always may). */
  followersOnly: z.boolean(),
  /** How long a viewer must have followed to write while `followersOnly` is on; 0: from the moment they follow. */
  minFollowAgeMinutes: z.number().int().min(0).max(MAX_FOLLOW_AGE_MINUTES),
  bannedWords: z.array(z.string()),
  bannedWordsAction: BannedWordsAction,
});
export type ChatSettings = z.infer<typeof ChatSettings>;

export const TIMEOUT_MIN_SECONDS = 1;
export const TIMEOUT_MAX_SECONDS = 14 * 86_400;

export const ModerationAction = z.enum([
  'delete-message',
  'timeout',
  'ban',
  'unban',
  'slow-mode',
  'settings',
  'add-moderator',
  'remove-moderator',
  'report',
]);
export type ModerationAction = z.infer<typeof ModerationAction>;

// ---- socket payloads ----

export const SendMessagePayload = z.object({ streamId: Id, text: ChatText }).strict();
export type SendMessagePayload = z.infer<typeof SendMessagePayload>;

export const DeleteMessagePayload = z
  .object({ streamId: Id, messageId: z.number().int().positive(), reason: Reason.optional() })
  .strict();
export type DeleteMessagePayload = z.infer<typeof DeleteMessagePayload>;

export const ModerateUserPayload = z.discriminatedUnion('action', [
  z
    .object({
      streamId: Id,
      userId: Id,
      action: z.literal('timeout'),
      durationSeconds: z.number().int().min(TIMEOUT_MIN_SECONDS).max(TIMEOUT_MAX_SECONDS),
      reason: Reason.optional(),
    })
    .strict(),
  z.object({ streamId: Id, userId: Id, action: z.literal('ban'), reason: Reason.optional() }).strict(),
  z.object({ streamId: Id, userId: Id, action: z.literal('unban'), reason: Reason.optional() }).strict(),
]);
export type ModerateUserPayload = z.infer<typeof ModerateUserPayload>;

export const UpdateChatSettingsPayload = z
  .object({
    streamId: Id,
    slowModeSeconds: z.number().int().min(0).max(3600).optional(),
    registeredOnly: z.boolean().optional(),
    minAccountAgeMinutes: z.number().int().min(0).max(MAX_ACCOUNT_AGE_MINUTES).optional(),
    followersOnly: z.boolean().optional(),
    minFollowAgeMinutes: z.number().int().min(0).max(MAX_FOLLOW_AGE_MINUTES).optional(),
    bannedWords: z.array(BannedWord).max(500).optional(),
    bannedWordsAction: BannedWordsAction.optional(),
  })
  .strict();
export type UpdateChatSettingsPayload = z.infer<typeof UpdateChatSettingsPayload>;

export const SetModeratorPayload = z.object({ streamId: Id, userId: Id, enabled: z.boolean() }).strict();
export type SetModeratorPayload = z.infer<typeof SetModeratorPayload>;

export const ReportMessagePayload = z
  .object({ streamId: Id, messageId: z.number().int().positive(), reason: Reason })
  .strict();
export type ReportMessagePayload = z.infer<typeof ReportMessagePayload>;

/** Sent to a user when a moderator acts on them, so their UI can explain why chat is closed. */
export const ChatRestriction = z.object({
  streamId: Id,
  kind: z.enum(['timeout', 'ban', 'unban']),
  until: z.iso.datetime().nullable(),
  reason: z.string().nullable(),
});
export type ChatRestriction = z.infer<typeof ChatRestriction>;
