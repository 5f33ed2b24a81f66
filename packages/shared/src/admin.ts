import { z } from 'zod';
import { CoinPackage, GiftItem, Payment, PaymentProvider, PaymentStatus, Payout } from './economy.ts';
import { Stream, StreamEndedReason, StreamStatus } from './streams.ts';
import { plainText } from './text.ts';
import { Id, Role } from './users.ts';

/** Every admin action records why it was taken. */
export const Reason = plainText().trim().min(3, 'must say why (at least 3 characters)').max(500);

export const AdminReasonBody = z.object({ reason: Reason }).strict();
export type AdminReasonBody = z.infer<typeof AdminReasonBody>;

export const AdminRoleBody = z.object({ role: Role, reason: Reason }).strict();
export type AdminRoleBody = z.infer<typeof AdminRoleBody>;

export const AdminBanBody = AdminReasonBody;
export type AdminBanBody = AdminReasonBody;

// ---- paging ----

/** An opaque keyset cursor: pass back the `nextCursor` of the previous page. */
export const AdminCursor = plainText()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor from a previous page');
export const AdminLimit = z.coerce.number().int().min(1).max(100).default(25);

const cursorPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const UserRef = z.object({ id: Id, nickname: z.string() });
export type UserRef = z.infer<typeof UserRef>;

// ---- dashboard ----

export const AdminPeriod = z.enum(['today', '7d', '30d']);
export type AdminPeriod = z.infer<typeof AdminPeriod>;
export const AdminDashboardQuery = z.object({ period: AdminPeriod.default('today') }).strict();
export type AdminDashboardQuery = z.input<typeof AdminDashboardQuery>;

export const AdminDailyPoint = z.object({
  /** A UTC day, `YYYY-MM-DD`. */
  date: z.string(),
  registrations: z.number().int(),
  coinsSold: z.number().int(),
  gifts: z.number().int(),
});
export const AdminDashboard = z.object({
  period: AdminPeriod,
  /** Start of the period: midnight UTC today, or of the first of the 7 / 30 days ending today. */
  since: z.iso.datetime(),
  liveStreams: z.number().int(),
  viewersNow: z.number().int(),
  registrations: z.number().int(),
  /** Coins of purchases completed in the period (refunded purchases do not count). */
  coinsSold: z.number().int(),
  paymentsCompleted: z.number().int(),
  /** Gifts sent in the period, combos counted item by item. */
  giftsSent: z.number().int(),
  giftCoins: z.number().int(),
  beansEarned: z.number().int(),
  payoutsPending: z.object({ count: z.number().int(), beans: z.number().int() }),
  series: z.array(AdminDailyPoint),
});
export type AdminDashboard = z.infer<typeof AdminDashboard>;

// ---- users ----

export const AdminUserStatus = z.enum(['active', 'banned', 'suspended', 'flagged']);
export const AdminUsersQuery = z
  .object({
    /** Part of an email or nickname, or a user's exact id. */
    q: plainText().trim().max(100).optional(),
    role: Role.optional(),
    status: AdminUserStatus.optional(),
    sort: z.enum(['createdAt', 'nickname', 'email', 'coins', 'beans']).default('createdAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    limit: AdminLimit,
  })
  .strict();
export type AdminUsersQuery = z.input<typeof AdminUsersQuery>;

export const AdminUser = z.object({
  id: Id,
  email: z.string(),
  nickname: z.string(),
  role: Role,
  coins: z.number().int(),
  beans: z.number().int(),
  /** Coins owed after a refund of coins already spent. */
  coinsDebt: z.number().int(),
  flaggedAt: z.iso.datetime().nullable(),
  flagReason: z.string().nullable(),
  bannedAt: z.iso.datetime().nullable(),
  banReason: z.string().nullable(),
  suspendedUntil: z.iso.datetime().nullable(),
  streamsCount: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type AdminUser = z.infer<typeof AdminUser>;
export const AdminUserList = z.object({
  items: z.array(AdminUser),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
});
export type AdminUserList = z.infer<typeof AdminUserList>;

export const AdminStream = Stream.extend({ endedReason: StreamEndedReason.nullable() });
export type AdminStream = z.infer<typeof AdminStream>;

export const AdminPayment = Payment.extend({
  user: UserRef.extend({ email: z.string() }),
  /** The provider's id (Stripe Checkout Session id). */
  transactionId: z.string().nullable(),
  /** Stripe's PaymentIntent id, known once the payment completed. */
  paymentIntentId: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export type AdminPayment = z.infer<typeof AdminPayment>;

export const AdminModerationEntry = z.object({
  id: z.number().int(),
  action: z.string(),
  streamerId: Id,
  streamId: Id.nullable(),
  actor: UserRef.nullable(),
  target: UserRef.nullable(),
  messageId: z.number().int().nullable(),
  reason: z.string().nullable(),
  details: z.unknown(),
  createdAt: z.iso.datetime(),
});
export type AdminModerationEntry = z.infer<typeof AdminModerationEntry>;

export const AuditEntry = z.object({
  id: z.number().int(),
  actor: UserRef.nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AdminUserDetail = z.object({
  user: AdminUser.extend({ bio: z.string(), avatarUrl: z.string().nullable() }),
  pendingPayoutBeans: z.number().int(),
  streams: z.object({ count: z.number().int(), recent: z.array(AdminStream) }),
  payments: z.array(AdminPayment),
  /** Moderation actions and reports where this user was the target, newest first. */
  moderation: z.array(AdminModerationEntry),
  /** Admin actions on this account, newest first. */
  audit: z.array(AuditEntry),
});
export type AdminUserDetail = z.infer<typeof AdminUserDetail>;

export const AdminSuspendBody = z
  .object({
    until: z.iso
      .datetime({ offset: true })
      .refine((s) => Date.parse(s) > Date.now(), 'must be in the future'),
    reason: Reason,
  })
  .strict();
export type AdminSuspendBody = z.infer<typeof AdminSuspendBody>;

export const MAX_BALANCE_ADJUST = 100_000_000;
export const AdminAdjustBalanceBody = z
  .object({
    account: z.enum(['coins', 'beans']),
    delta: z
      .number()
      .int()
      .min(-MAX_BALANCE_ADJUST)
      .max(MAX_BALANCE_ADJUST)
      .refine((d) => d !== 0, 'must not be zero'),
    reason: Reason,
  })
  .strict();
export type AdminAdjustBalanceBody = z.infer<typeof AdminAdjustBalanceBody>;
export const AdminBalance = z.object({
  coins: z.number().int(),
  beans: z.number().int(),
  coinsDebt: z.number().int(),
});
export type AdminBalance = z.infer<typeof AdminBalance>;

// ---- streams ----

export const AdminStreamsQuery = z
  .object({
    status: StreamStatus.optional(),
    /** Part of the title or the streamer's nickname. */
    q: plainText().trim().max(100).optional(),
    streamerId: Id.optional(),
    cursor: AdminCursor.optional(),
    limit: AdminLimit,
  })
  .strict();
export type AdminStreamsQuery = z.input<typeof AdminStreamsQuery>;
export const AdminStreamList = cursorPage(AdminStream);
export type AdminStreamList = z.infer<typeof AdminStreamList>;

export const AdminEndStreamBody = AdminReasonBody;

export const AdminPageQuery = z.object({ cursor: AdminCursor.optional(), limit: AdminLimit }).strict();
export type AdminPageQuery = z.input<typeof AdminPageQuery>;

export const AdminChatMessage = z.object({
  id: z.number().int(),
  author: UserRef,
  text: z.string(),
  createdAt: z.iso.datetime(),
  deletedAt: z.iso.datetime().nullable(),
  deletedBy: UserRef.nullable(),
});
export type AdminChatMessage = z.infer<typeof AdminChatMessage>;
export const AdminChatPage = cursorPage(AdminChatMessage);
export type AdminChatPage = z.infer<typeof AdminChatPage>;

export const AdminStreamGift = z.object({
  id: Id,
  sender: UserRef,
  gift: z.object({ id: Id, name: z.string(), icon: z.string() }),
  count: z.number().int(),
  costCoins: z.number().int(),
  beans: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type AdminStreamGift = z.infer<typeof AdminStreamGift>;
export const AdminGiftPage = cursorPage(AdminStreamGift);
export type AdminGiftPage = z.infer<typeof AdminGiftPage>;

// ---- moderation ----

export const ReportStatus = z.enum(['open', 'resolved', 'dismissed']);
export const AdminReportsQuery = z
  .object({
    status: ReportStatus.default('open'),
    streamId: Id.optional(),
    cursor: AdminCursor.optional(),
    limit: AdminLimit,
  })
  .strict();
export type AdminReportsQuery = z.input<typeof AdminReportsQuery>;
export const AdminReport = z.object({
  id: z.number().int(),
  status: ReportStatus,
  reason: z.string(),
  streamId: Id,
  reporter: UserRef,
  message: z.object({
    id: z.number().int(),
    text: z.string(),
    author: UserRef,
    createdAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
  }),
  resolvedBy: UserRef.nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type AdminReport = z.infer<typeof AdminReport>;
export const AdminReportList = cursorPage(AdminReport);
export type AdminReportList = z.infer<typeof AdminReportList>;
export const ReportIdParams = z.object({ id: z.coerce.number().int().positive() }).strict();
export const AdminReportDecisionBody = z
  .object({ note: plainText().trim().min(1).max(500).optional() })
  .strict()
  .default({});
export type AdminReportDecisionBody = z.input<typeof AdminReportDecisionBody>;

export const AdminModerationLogQuery = z
  .object({
    streamId: Id.optional(),
    streamerId: Id.optional(),
    actorId: Id.optional(),
    targetUserId: Id.optional(),
    action: plainText().trim().min(1).max(40).optional(),
    cursor: AdminCursor.optional(),
    limit: AdminLimit,
  })
  .strict();
export type AdminModerationLogQuery = z.input<typeof AdminModerationLogQuery>;
export const AdminModerationLog = cursorPage(AdminModerationEntry);
export type AdminModerationLog = z.infer<typeof AdminModerationLog>;

/** A word refused in every channel; matched case-insensitively. Same rule as a channel's list. */
export const GlobalBannedWord = plainText()
  .trim()
  .min(1)
  .max(50)
  .transform((w) => w.toLowerCase());
export const AdminBannedWordBody = z.object({ word: GlobalBannedWord, reason: Reason.optional() }).strict();
export type AdminBannedWordBody = z.input<typeof AdminBannedWordBody>;
export const BannedWordParams = z.object({ word: GlobalBannedWord }).strict();
export const AdminBannedWord = z.object({
  word: z.string(),
  createdBy: UserRef.nullable(),
  createdAt: z.iso.datetime(),
});
export type AdminBannedWord = z.infer<typeof AdminBannedWord>;
export const AdminBannedWordList = z.object({ items: z.array(AdminBannedWord) });
export type AdminBannedWordList = z.infer<typeof AdminBannedWordList>;

// ---- catalog ----

export const AdminGiftList = z.object({ items: z.array(GiftItem) });
export type AdminGiftList = z.infer<typeof AdminGiftList>;

export const AdminCoinPackage = CoinPackage.extend({ active: z.boolean(), sortOrder: z.number().int() });
export type AdminCoinPackage = z.infer<typeof AdminCoinPackage>;
export const AdminCoinPackageList = z.object({ items: z.array(AdminCoinPackage) });
export type AdminCoinPackageList = z.infer<typeof AdminCoinPackageList>;

const coinPackageFields = {
  coins: z.number().int().min(1).max(100_000_000),
  bonusCoins: z.number().int().min(0).max(100_000_000),
  priceCents: z.number().int().min(1).max(10_000_000),
  currency: plainText()
    .trim()
    .regex(/^[a-z]{3}$/, 'must be a three-letter lowercase currency code'),
  sortOrder: z.number().int().min(0).max(100_000),
};
const CoinPackageId = plainText()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'may contain only lowercase letters, digits and "-"');

export const CoinPackageInput = z
  .object({
    id: CoinPackageId,
    ...coinPackageFields,
    bonusCoins: coinPackageFields.bonusCoins.default(0),
    currency: coinPackageFields.currency.default('usd'),
    sortOrder: coinPackageFields.sortOrder.default(0),
  })
  .strict();
export type CoinPackageInput = z.input<typeof CoinPackageInput>;
/** Only the fields sent change; `active: false` takes the package out of the shop. */
export const CoinPackagePatch = z
  .object(coinPackageFields)
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });
export type CoinPackagePatch = z.infer<typeof CoinPackagePatch>;
export const CoinPackageParams = z.object({ id: CoinPackageId }).strict();

// ---- payments ----

export const AdminPaymentsQuery = z
  .object({
    status: PaymentStatus.optional(),
    provider: PaymentProvider.optional(),
    userId: Id.optional(),
    cursor: AdminCursor.optional(),
    limit: AdminLimit,
  })
  .strict();
export type AdminPaymentsQuery = z.input<typeof AdminPaymentsQuery>;
export const AdminPaymentList = cursorPage(AdminPayment);
export type AdminPaymentList = z.infer<typeof AdminPaymentList>;

// ---- payouts ----

/** A payout request as admins see it: with the streamer who asked for it. */
export const AdminPayout = Payout.extend({
  userId: Id,
  /** Tries to reach Stripe so far, and why the last one failed (a `paying` payout the retry job is on). */
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export type AdminPayout = z.infer<typeof AdminPayout>;
export const AdminPayoutList = z.object({ items: z.array(AdminPayout) });
export type AdminPayoutList = z.infer<typeof AdminPayoutList>;

// ---- audit ----

export const AdminAuditQuery = z
  .object({
    actorId: Id.optional(),
    /** An exact action (`user.ban`) or a prefix ending in a dot (`user.`). */
    action: plainText().trim().min(1).max(60).optional(),
    targetType: plainText().trim().min(1).max(40).optional(),
    targetId: plainText().trim().min(1).max(100).optional(),
    cursor: AdminCursor.optional(),
    limit: AdminLimit,
  })
  .strict();
export type AdminAuditQuery = z.input<typeof AdminAuditQuery>;
export const AuditLogPage = cursorPage(AuditEntry);
export type AuditLogPage = z.infer<typeof AuditLogPage>;
