import { z } from 'zod';
import { plainText, storableText } from './text.ts';

export const ROLES = ['user', 'streamer', 'moderator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Id = z.uuid({ message: 'must be a valid id' });

export const Email = plainText()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ message: 'must be a valid email address' }))
  .transform((s) => s.toLowerCase());

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const Password = plainText()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

export const Nickname = plainText()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(24, 'must be at most 24 characters')
  .regex(/^[A-Za-z0-9_]+$/, 'may contain only letters, digits and underscores');

export const AvatarUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .check(storableText)
  .max(2048, 'must be at most 2048 characters');

export const Bio = plainText().trim().max(300, 'must be at most 300 characters');

export const UserStats = z.object({
  streamsCount: z.number().int(),
  giftsSent: z.number().int(),
  giftsReceived: z.number().int(),
  coinsSpent: z.number().int(),
  beansEarned: z.number().int(),
});
export type UserStats = z.infer<typeof UserStats>;

/** What anyone may see about a user. */
export const PublicProfile = z.object({
  id: Id,
  nickname: z.string(),
  role: Role,
  avatarUrl: z.string().nullable(),
  bio: z.string(),
  createdAt: z.iso.datetime(),
  stats: UserStats,
});
export type PublicProfile = z.infer<typeof PublicProfile>;

/** What the signed-in user sees about themself. */
export const Me = PublicProfile.extend({
  email: z.string(),
  coins: z.number().int(),
  beans: z.number().int(),
});
export type Me = z.infer<typeof Me>;

export const UpdateMeBody = z
  .object({ nickname: Nickname, avatarUrl: AvatarUrl.nullable(), bio: Bio })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one of nickname, avatarUrl, bio' });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const ChangePasswordBody = z
  .object({ currentPassword: plainText().min(1, 'is required').max(PASSWORD_MAX), newPassword: Password })
  .strict();
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** Route parameters of every `/:id` route. */
export const IdParams = z.object({ id: Id });
export const UserIdParams = IdParams;
